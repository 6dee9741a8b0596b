import { Effect } from "effect"
import type { Absence } from "../absence/Absence.js"
import { AbsenceRepository } from "../absence/AbsenceRepository.js"
import type { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { AgentActor } from "../account/Actor.js"
import type { SupportingDocument } from "../document/SupportingDocument.js"
import { SupportingDocumentRepository } from "../document/SupportingDocumentRepository.js"
import type { Household } from "../household/Household.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import * as Cents from "../shared/Cents.js"
import { Clock } from "../shared/Clock.js"
import type { AccountId, DocumentId, HouseholdId, RequestId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { InvalidInput } from "../shared/Validation.js"
import { enrollmentServices } from "./EnrollmentRequests.js"
import type { Request } from "./Request.js"
import type { RequestKind, RequestPayload } from "./RequestPayload.js"
import type { RequestInboxFilter } from "./RequestRepository.js"
import type { RequestStatus } from "./RequestStatus.js"
import { listRequestInbox, viewRequest } from "./RequestUseCases.js"

/** The agent who took a request: the author of its last status change made by an agent. */
export interface RequestAssignee {
  readonly accountId: AccountId
  readonly displayName: string
}

/** Who took a request (`RequestInboxFilter.takenBy` reads the same): the agent of its last status change by an agent, if any. */
export function requestAssignee(request: Request): RequestAssignee | undefined {
  for (const entry of [...request.history].reverse()) {
    if (entry.author._tag === "Agent") return { accountId: entry.author.accountId, displayName: entry.author.displayName }
  }
  return undefined
}

/** Whole calendar days (Paris) from the request's submission to `today`. */
export const requestAgeInDays = (request: Request, today: LocalDate.LocalDate): number =>
  Math.max(0, LocalDate.daysBetween(ParisTime.dateAt(request.submittedAt), today))

/** French name of each type of request, as the agents' filter lists them. */
export const requestKindNames: { readonly [K in RequestKind]: string } = {
  AccountCreation: "Création de l'espace",
  Enrollment: "Inscription (dossier unique)",
  QuotientUpdate: "Mise à jour du quotient familial",
  ContactChange: "Changement de coordonnées",
  AbsenceJustification: "Justificatif d'absence",
  FreeMessage: "Message",
  Custom: "Demande propre à la commune"
}

/** What a request's words need besides its payload: its household, the town's activities, the absence it justifies. */
export interface RequestWordsContext {
  readonly household?: Household
  readonly activities: ReadonlyArray<Activity>
  readonly absence?: Absence
}

/** One line of a request's content in words ("Enfant : Rose MOREAU"). */
export interface RequestDetailLine {
  readonly label: string
  readonly value: string
}

const childNameOf = (context: RequestWordsContext, childId: string): string => {
  const child = context.household?.children.find((c) => c.id === childId)
  return child === undefined ? `enfant ${childId}` : `${child.firstName} ${child.lastName}`
}

const serviceNameOf = (context: RequestWordsContext, family: string): string =>
  enrollmentServices(context.activities).find((s) => s.family === family)?.label ?? family

const euros = (cents: number): string => Cents.formatEuros(Cents.cents(cents))

/** What a request asks, in a few words (the inbox's "Objet" column). */
export function requestSubject(payload: RequestPayload, context: RequestWordsContext): string {
  switch (payload._tag) {
    case "AccountCreation":
      return `Espace de ${payload.declaredName}${payload.householdReference === undefined ? "" : ` (foyer ${payload.householdReference} indiqué)`}`
    case "Enrollment":
      return `${childNameOf(context, payload.childId)} : ${serviceNameOf(context, payload.activityFamily)}`
    case "QuotientUpdate":
      return payload.declaration._tag === "CafQuotient"
        ? `QF CAF ${payload.declaration.quotient} à partir du ${LocalDate.formatFr(payload.effectiveDate)}`
        : `Revenus déclarés, à partir du ${LocalDate.formatFr(payload.effectiveDate)}`
    case "ContactChange":
      return [
        ...(payload.address === undefined ? [] : ["adresse"]),
        ...((payload.phones ?? []).length === 0 ? [] : ["téléphone"]),
        ...(payload.email === undefined ? [] : ["adresse e-mail"])
      ]
        .join(", ")
        .replace(/^./, (c) => c.toUpperCase())
    case "AbsenceJustification":
      return context.absence === undefined
        ? "Certificat médical pour une absence"
        : `Certificat médical : absence de ${childNameOf(context, context.absence.childId)} du ${LocalDate.formatFr(context.absence.start)} au ${LocalDate.formatFr(context.absence.end)}`
    case "FreeMessage":
      return payload.subject
    case "Custom":
      return payload.typeCode
  }
}

/** Everything a request's payload says, in words, for the agent who decides it. */
export function requestPayloadDetails(payload: RequestPayload, context: RequestWordsContext): ReadonlyArray<RequestDetailLine> {
  switch (payload._tag) {
    case "AccountCreation":
      return [
        { label: "Nom déclaré", value: payload.declaredName },
        { label: "Référence du foyer indiquée", value: payload.householdReference ?? "aucune" },
        ...(payload.phone === undefined ? [] : [{ label: "Téléphone", value: payload.phone }])
      ]
    case "Enrollment":
      return [
        { label: "Enfant", value: childNameOf(context, payload.childId) },
        { label: "Année scolaire", value: payload.schoolYear },
        { label: "Service", value: serviceNameOf(context, payload.activityFamily) }
      ]
    case "QuotientUpdate": {
      const declaration = payload.declaration
      const declared =
        declaration._tag === "CafQuotient"
          ? [
              { label: "Quotient familial calculé par la CAF", value: String(declaration.quotient) },
              { label: "Numéro d'allocataire", value: declaration.allocataireNumber ?? "non indiqué" }
            ]
          : [
              { label: "Revenu fiscal de référence annuel", value: euros(declaration.annualIncomeCents) },
              { label: "Prestations familiales mensuelles", value: euros(declaration.monthlyBenefitsCents) },
              { label: "Adultes au foyer", value: String(declaration.adults) },
              { label: "Enfants à charge", value: `${declaration.children}${declaration.disabledChildren > 0 ? ` (dont ${declaration.disabledChildren} avec l'AEEH)` : ""}` }
            ]
      return [
        ...declared,
        { label: "À appliquer à partir du", value: LocalDate.formatFr(payload.effectiveDate) },
        ...(payload.validUntil === undefined ? [] : [{ label: "Valable jusqu'au", value: LocalDate.formatFr(payload.validUntil) }])
      ]
    }
    case "ContactChange":
      return [
        ...(payload.address === undefined
          ? []
          : [{ label: "Nouvelle adresse", value: [payload.address.line1, payload.address.line2, `${payload.address.postalCode} ${payload.address.city}`].filter((l) => l !== undefined && l !== "").join(", ") }]),
        ...((payload.phones ?? []).length === 0 ? [] : [{ label: "Nouveaux téléphones", value: (payload.phones ?? []).join(", ") }]),
        ...(payload.email === undefined ? [] : [{ label: "Nouvelle adresse e-mail", value: payload.email }])
      ]
    case "AbsenceJustification":
      return context.absence === undefined
        ? [{ label: "Absence", value: `n° ${payload.absenceId} (introuvable)` }]
        : [
            { label: "Enfant", value: childNameOf(context, context.absence.childId) },
            { label: "Absence", value: `du ${LocalDate.formatFr(context.absence.start)} au ${LocalDate.formatFr(context.absence.end)}` },
            ...(context.absence.comment === undefined ? [] : [{ label: "Commentaire de la famille", value: context.absence.comment }])
          ]
    case "FreeMessage":
      return [
        { label: "Objet", value: payload.subject },
        { label: "Message", value: payload.text }
      ]
    case "Custom":
      return [{ label: "Type de demande", value: payload.typeCode }, ...Object.entries(payload.fields).map(([label, value]) => ({ label, value }))]
  }
}

/** The longest age a filter may ask ("older than N days"). */
export const requestInboxMaxAgeDays = 3650

/** What an agent filters the inbox by; every field narrows. */
export interface RequestInboxCriteria {
  readonly kinds?: ReadonlyArray<RequestKind>
  readonly statuses?: ReadonlyArray<RequestStatus>
  /** Only requests submitted at least this many days ago (Paris calendar days). */
  readonly olderThanDays?: number
  readonly takenBy?: AccountId | "nobody"
}

/** One line of the agents' inbox. */
export interface RequestInboxRow {
  readonly request: Request
  readonly household?: Household
  readonly subject: string
  readonly ageDays: number
  readonly assignee?: RequestAssignee
}

/** A page of the agents' inbox, in words. */
export interface RequestInboxView {
  readonly rows: ReadonlyArray<RequestInboxRow>
  readonly total: number
  readonly today: LocalDate.LocalDate
}

const householdsOf = (ids: ReadonlyArray<HouseholdId | undefined>) =>
  Effect.gen(function* () {
    const households = yield* HouseholdRepository
    const found = new Map<HouseholdId, Household>()
    for (const id of new Set(ids)) {
      if (id === undefined) continue
      const household = yield* Effect.option(households.get(id))
      if (household._tag === "Some") found.set(id, household.value)
    }
    return found
  })

const absenceOf = (payload: RequestPayload) =>
  payload._tag === "AbsenceJustification"
    ? Effect.map(Effect.option(Effect.flatMap(AbsenceRepository, (absences) => absences.get(payload.absenceId))), (found) =>
        found._tag === "Some" ? { absence: found.value } : {}
      )
    : Effect.succeed({})

/**
 * The agents' inbox in words (`listRequestInbox`: by type, status, age and who took it, oldest
 * submission first): each request with its family, subject, age in days and the agent who took it.
 */
export const requestInbox = (agent: AgentActor, criteria: RequestInboxCriteria, page: { readonly offset: number; readonly limit: number }) =>
  Effect.gen(function* () {
    const older = criteria.olderThanDays
    if (older !== undefined && (!Number.isSafeInteger(older) || older < 0 || older > requestInboxMaxAgeDays)) {
      return yield* Effect.fail(
        new InvalidInput({ subject: "Demandes", problems: [{ path: "olderThanDays", message: `Indiquez un nombre de jours entier, de 0 à ${requestInboxMaxAgeDays}.` }] })
      )
    }
    const today = ParisTime.dateAt(yield* (yield* Clock).now)
    const filter: RequestInboxFilter = {
      ...(criteria.kinds === undefined ? {} : { kinds: criteria.kinds }),
      ...(criteria.statuses === undefined ? {} : { statuses: criteria.statuses }),
      ...(criteria.takenBy === undefined ? {} : { takenBy: criteria.takenBy }),
      ...(older === undefined ? {} : { submittedBefore: ParisTime.toInstant(LocalDate.addDays(today, 1 - older), ParisTime.timeOfDay("00:00")) })
    }
    const found = yield* listRequestInbox(agent, filter, page)
    const households = yield* householdsOf(found.items.map((r) => r.householdId))
    const activities = yield* (yield* ActivityCatalogue).list
    const rows: Array<RequestInboxRow> = []
    for (const request of found.items) {
      const household = request.householdId === undefined ? undefined : households.get(request.householdId)
      const assignee = requestAssignee(request)
      const context: RequestWordsContext = { activities, ...(household === undefined ? {} : { household }), ...(yield* absenceOf(request.payload)) }
      rows.push({
        request,
        ...(household === undefined ? {} : { household }),
        subject: requestSubject(request.payload, context),
        ageDays: requestAgeInDays(request, today),
        ...(assignee === undefined ? {} : { assignee })
      })
    }
    return { rows, total: found.total, today } satisfies RequestInboxView
  })

/** A request as the agent who decides it reads it: its content in words, its family, its documents. */
export interface RequestFile extends RequestInboxRow {
  readonly details: ReadonlyArray<RequestDetailLine>
  /** The documents attached, in the order of the request's attachments. */
  readonly documents: ReadonlyArray<SupportingDocument>
  /** Attachments whose document is no longer stored. */
  readonly missingDocuments: ReadonlyArray<DocumentId>
}

/** One request for an agent (`viewRequest`, needs `requests.read`): its content in words, its family, its documents. */
export const requestFile = (agent: AgentActor, requestId: RequestId) =>
  Effect.gen(function* () {
    const request = yield* viewRequest(agent, requestId)
    const today = ParisTime.dateAt(yield* (yield* Clock).now)
    const household = request.householdId === undefined ? undefined : (yield* householdsOf([request.householdId])).get(request.householdId)
    const activities = yield* (yield* ActivityCatalogue).list
    const context: RequestWordsContext = { activities, ...(household === undefined ? {} : { household }), ...(yield* absenceOf(request.payload)) }
    const repository = yield* SupportingDocumentRepository
    const documents: Array<SupportingDocument> = []
    const missingDocuments: Array<DocumentId> = []
    for (const documentId of request.attachments) {
      const found = yield* Effect.option(repository.get(documentId))
      if (found._tag === "Some") documents.push(found.value)
      else missingDocuments.push(documentId)
    }
    const assignee = requestAssignee(request)
    return {
      request,
      ...(household === undefined ? {} : { household }),
      subject: requestSubject(request.payload, context),
      ageDays: requestAgeInDays(request, today),
      ...(assignee === undefined ? {} : { assignee }),
      details: requestPayloadDetails(request.payload, context),
      documents,
      missingDocuments
    } satisfies RequestFile
  })
