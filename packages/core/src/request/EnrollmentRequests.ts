import { Effect, Either, Schema } from "effect"
import { AccountNotLinked } from "../account/Account.js"
import type { FamilyActor } from "../account/Actor.js"
import type { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { Enrollment } from "../enrollment/Enrollment.js"
import { EnrollmentRepository } from "../enrollment/EnrollmentRepository.js"
import type { Household } from "../household/Household.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import { Clock } from "../shared/Clock.js"
import { MemberId, RequestId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput } from "../shared/Validation.js"
import type { Request } from "./Request.js"
import { EnrollmentRequestPayload, SchoolYearName } from "./RequestPayload.js"
import { isClosedRequestStatus } from "./RequestStatus.js"
import { listFamilyRequests, submitRequest } from "./RequestUseCases.js"

/** A family of activities one enrollment covers, with the names of its activities. */
export interface EnrollmentService {
  /** The `enrollmentFamily` of the activities (`periscolaire`…). */
  readonly family: string
  /** The activities' names, in French: "Accueil du matin, Accueil du soir et Accueil du mercredi". */
  readonly label: string
  readonly activityNames: ReadonlyArray<string>
}

const frenchList = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`

/** The services a family can enroll a child in: the catalogue's families of activities, in the order they first appear. */
export function enrollmentServices(activities: ReadonlyArray<Activity>): ReadonlyArray<EnrollmentService> {
  const names = new Map<string, Array<string>>()
  for (const activity of activities) {
    const list = names.get(activity.enrollmentFamily)
    if (list === undefined) names.set(activity.enrollmentFamily, [activity.name])
    else list.push(activity.name)
  }
  return [...names].map(([family, activityNames]) => ({ family, label: frenchList(activityNames), activityNames }))
}

/**
 * The school years a family may ask an enrollment for on `today`: the current one and the next
 * (the dossier unique is filled in each June for the coming year).
 */
export function enrollmentSchoolYearsOn(today: LocalDate.LocalDate): readonly [SchoolYearName, SchoolYearName] {
  const current = LocalDate.schoolYear(today)
  const start = Number(current.slice(0, 4))
  return [SchoolYearName.make(current), SchoolYearName.make(`${start + 1}-${start + 2}`)]
}

/** Where a child stands for a school year and a service. */
export type ChildEnrollmentState =
  | { readonly _tag: "Enrolled" }
  | { readonly _tag: "Requested"; readonly requestId?: RequestId }
  | { readonly _tag: "Refused"; readonly reason: string }
  | { readonly _tag: "NotEnrolled" }

/**
 * A child's state for a school year and a service, from the household's enrollments and its
 * enrollment requests: enrolled (an accepted enrollment), requested (an enrollment awaiting a
 * decision, or a request not closed yet), refused (the last decision, with its reason), or not enrolled.
 */
export function childEnrollmentState(
  childId: string,
  schoolYear: string,
  family: string,
  enrollments: ReadonlyArray<Enrollment>,
  requests: ReadonlyArray<Request>
): ChildEnrollmentState {
  const same = enrollments.filter((e) => e.childId === childId && e.schoolYear === schoolYear && e.enrollmentFamily === family)
  if (same.some((e) => e.status._tag === "Accepted")) return { _tag: "Enrolled" }
  const open = requests.find(
    (r) =>
      r.payload._tag === "Enrollment" &&
      !isClosedRequestStatus(r.status) &&
      r.payload.childId === childId &&
      r.payload.schoolYear === schoolYear &&
      r.payload.activityFamily === family
  )
  if (open !== undefined) return { _tag: "Requested", requestId: open.id }
  if (same.some((e) => e.status._tag === "Requested")) return { _tag: "Requested" }
  const refused = same.filter((e) => e.status._tag === "Refused").at(-1)
  if (refused !== undefined && refused.status._tag === "Refused") return { _tag: "Refused", reason: refused.status.reason }
  return { _tag: "NotEnrolled" }
}

/** A child is already enrolled, or an enrollment is already asked, for a school year and a service. */
export class EnrollmentAlreadyRequested extends Schema.TaggedError<EnrollmentAlreadyRequested>()("EnrollmentAlreadyRequested", {
  childName: Schema.String,
  schoolYear: Schema.String,
  service: Schema.String,
  enrolled: Schema.Boolean
}) {
  override get message(): string {
    return this.enrolled
      ? `${this.childName} est déjà inscrit(e) pour « ${this.service} » en ${this.schoolYear} : inutile de le demander à nouveau, vous pouvez réserver dans « Gérer mes réservations ».`
      : `Une demande d'inscription de ${this.childName} pour « ${this.service} » en ${this.schoolYear} est déjà en cours : suivez-la dans « Dernières demandes », inutile d'en déposer une autre.`
  }
}

/** What a family fills in the dossier unique: a child of its household, a school year, the services. */
export interface EnrollmentRequestInput {
  readonly childId: string
  readonly schoolYear: string
  /** The `enrollmentFamily` of each service chosen. */
  readonly activityFamilies: ReadonlyArray<string>
  /** A word for the Service à la Population. */
  readonly message?: string
}

/** What the decision reads: the household, the day, the catalogue, its enrollments and enrollment requests. */
export interface EnrollmentRequestContext {
  readonly household: Household
  readonly today: LocalDate.LocalDate
  readonly activities: ReadonlyArray<Activity>
  readonly enrollments: ReadonlyArray<Enrollment>
  readonly requests: ReadonlyArray<Request>
}

/**
 * Decides a dossier unique: the child must be one of the household's, the school year the current
 * or the next, at least one service chosen, each one the town offers, and none already granted
 * or asked for this child and year. Gives one enrollment request payload per service.
 */
export function decideEnrollmentRequest(
  input: EnrollmentRequestInput,
  context: EnrollmentRequestContext
): Either.Either<ReadonlyArray<EnrollmentRequestPayload>, InvalidInput | EnrollmentAlreadyRequested> {
  const problems: Array<{ readonly path: string; readonly message: string }> = []
  const child = context.household.children.find((c) => c.id === input.childId)
  if (input.childId.trim() === "") problems.push({ path: "childId", message: "Choisissez l'enfant à inscrire." })
  else if (child === undefined) problems.push({ path: "childId", message: "Choisissez l'un des enfants de votre foyer." })
  const years = enrollmentSchoolYearsOn(context.today)
  const schoolYear = years.find((y) => y === input.schoolYear)
  if (schoolYear === undefined) problems.push({ path: "schoolYear", message: `Choisissez l'année scolaire : ${years[0]} ou ${years[1]}.` })
  const services = enrollmentServices(context.activities)
  const families = [...new Set(input.activityFamilies)]
  const chosen = services.filter((s) => families.includes(s.family))
  if (families.length === 0) problems.push({ path: "activityFamilies", message: "Choisissez au moins un service." })
  else if (chosen.length < families.length) {
    problems.push({ path: "activityFamilies", message: "Un service choisi n'est pas proposé par la commune : choisissez dans la liste." })
  }
  if (problems.length > 0 || child === undefined || schoolYear === undefined) {
    return Either.left(new InvalidInput({ subject: "Dossier unique d'inscription", problems }))
  }
  for (const service of chosen) {
    const state = childEnrollmentState(child.id, schoolYear, service.family, context.enrollments, context.requests)
    if (state._tag === "Enrolled" || state._tag === "Requested") {
      return Either.left(
        new EnrollmentAlreadyRequested({ childName: child.firstName, schoolYear, service: service.label, enrolled: state._tag === "Enrolled" })
      )
    }
  }
  return Either.right(
    chosen.map((service) => new EnrollmentRequestPayload({ childId: MemberId.make(child.id), schoolYear, activityFamily: service.family }))
  )
}

/**
 * A family fills in the dossier unique d'inscription: checked by `decideEnrollmentRequest`, then
 * one request per service chosen (the Service à la Population accepts each, which enrolls the
 * child), all or none. Answers the requests, in the order of the services.
 */
export const requestEnrollment = (family: FamilyActor, input: EnrollmentRequestInput) =>
  Effect.flatMap(Transactions, (transactions) =>
    transactions.withTransaction(
      Effect.gen(function* () {
        if (family.householdId === undefined) return yield* Effect.fail(new AccountNotLinked({ accountId: family.accountId }))
        const household = yield* (yield* HouseholdRepository).get(family.householdId)
        const now = yield* (yield* Clock).now
        const activities = yield* (yield* ActivityCatalogue).list
        const enrollments = yield* (yield* EnrollmentRepository).forHousehold(household.id)
        const requests = yield* listFamilyRequests(family, { kinds: ["Enrollment"] })
        const payloads = yield* decideEnrollmentRequest(input, { household, today: ParisTime.dateAt(now), activities, enrollments, requests })
        const message = (input.message ?? "").trim()
        const submitted: Array<Request> = []
        for (const payload of payloads) submitted.push(yield* submitRequest(family, { payload, ...(message === "" ? {} : { message }) }))
        return submitted as ReadonlyArray<Request>
      })
    )
  )
