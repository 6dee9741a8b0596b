/**
 * `seedDemoTown`: one Effect program that writes the demo town through the core's ports and use
 * cases, so that it runs unchanged on the in-memory ports of @spe/testkit and on the database
 * adapters. It replays a school term: households registered in June, bookings from late August,
 * absences, cancellations, attendance, billing runs for September and October 2026, payments,
 * requests in every status, up to "now".
 *
 * "Now" and identifiers come from the `Clock` and `IdGenerator` ports. Each step of the scenario
 * runs with the `Clock` set to the instant it happened (so the use cases apply their deadlines as
 * they would have then); steps later than "now" are skipped, and attendance is recorded for the
 * sessions that started before "now". With the same clock and a sequential id generator, two runs
 * on empty stores write the same data.
 */
import {
  Account,
  AccountEmail,
  AccountLogin,
  type AccountNotifications,
  AccountRepository,
  type ApiKeyRepository,
  acceptRequest,
  AgentActor,
  type AgentRole,
  AbsenceReport,
  AbsenceRepository,
  ActivityCatalogue,
  agentRoleLabel,
  AccountId,
  AttendanceRegister,
  AttendanceSheet,
  type AuditLog,
  askForRequestInformation,
  BookSessionsCommand,
  bookSessions,
  CancelReservationsCommand,
  Cents,
  type MemberId,
  type SessionId,
  cancelReservations,
  changeCredentials,
  ChildForBooking,
  Clock,
  ContactChangePayload,
  CreditNoteRepository,
  createHouseholdAccount,
  declareQuotient,
  type Digest,
  type DocumentId,
  type DocumentKind,
  type DocumentNumbering,
  EnrollmentRepository,
  EnrollmentRequestPayload,
  EnrollmentSubmission,
  type EventOutbox,
  FamilyActor,
  type FileStore,
  FreeMessagePayload,
  grantEnrollment,
  type Household,
  type HouseholdId,
  type HouseholdLinkCodes,
  HouseholdRepository,
  IdGenerator,
  Instant,
  InvoiceRepository,
  type Invoice,
  invoiceTotal,
  loadHouseholdAccount,
  LocalDate,
  ParisTime,
  PasswordHasher,
  type PaymentMethod,
  PaymentRepository,
  publishSessions,
  QuotientRepository,
  QuotientUpdatePayload,
  recordAttendance,
  recordCafQuotient,
  recordPayment,
  refuseRequest,
  registerHousehold,
  reportAbsence,
  type RequestAcceptanceEffects,
  type RequestNotifications,
  RequestRepository,
  reviewQuotient,
  reviewSupportingDocument,
  type SecretGenerator,
  SessionLedgerRepository,
  SessionPattern,
  SessionRepository,
  sessionStartInstant,
  sessionsForPattern,
  SchoolYearName,
  setQuotientByAgent,
  signUp,
  startRequestReview,
  submitRequest,
  cancelRequest,
  SupportingDocumentRepository,
  TariffCatalogue,
  TownCalendarSource,
  type Transactions,
  type UnpaidBalances,
  unsafeBillingMonth,
  uploadSupportingDocument,
  runBilling
} from "@spe/core"
import { Effect, Option, Schema } from "effect"
import { type ActivityKey, activityIds, type EnrollmentFamily, enrollmentFamilies, townActivities } from "./Activities.js"
import { type PlaceholderPeriod, placeholderPeriods, townCalendar } from "./Calendar.js"
import {
  type DemoAgent,
  type DemoHousehold,
  demoAgentPassword,
  demoAgents,
  demoFamilyPassword,
  demoHouseholds,
  type HouseholdKey,
  newcomer
} from "./Households.js"
import { townTariffGrids } from "./Tariffs.js"
import { absenceRules, billingSettings, partTable, passwordRules, paymentSettings, regie } from "./TownSettings.js"

/** A step of the demo seed failed: which one, and the core's message. */
export class DemoSeedFailed extends Schema.TaggedError<DemoSeedFailed>()("DemoSeedFailed", {
  step: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `La création de la commune de démonstration a échoué à l'étape « ${this.step} » : ${this.reason}`
  }
}

/** Every port the seed writes or reads through. */
export type DemoTownServices =
  | AccountNotifications
  | AccountRepository
  | ActivityCatalogue
  | ApiKeyRepository
  | AttendanceRegister
  | AuditLog
  | Clock
  | CreditNoteRepository
  | Digest
  | DocumentNumbering
  | EnrollmentRepository
  | EventOutbox
  | FileStore
  | HouseholdLinkCodes
  | HouseholdRepository
  | IdGenerator
  | InvoiceRepository
  | PasswordHasher
  | PaymentRepository
  | QuotientRepository
  | RequestAcceptanceEffects
  | RequestNotifications
  | RequestRepository
  | SecretGenerator
  | SessionLedgerRepository
  | SessionRepository
  | SupportingDocumentRepository
  | TariffCatalogue
  | TownCalendarSource
  | Transactions
  | UnpaidBalances
  | AbsenceRepository

/** A login of the demo, printed by the server at start. */
export interface DemoLogin {
  readonly who: string
  readonly kind: "famille" | "agent" | "espace en attente"
  readonly login: string
  /** The password, or what to do when it cannot be shown again. */
  readonly password: string
  /** The account must choose its own identifier and password at the first login. */
  readonly mustChangeCredentials: boolean
  readonly note: string
}

/** Bookings the rules refused, grouped by child, activity and rule (each shows a rule of the town). */
export interface DemoRefusal {
  readonly household: string
  readonly child: string
  readonly activity: string
  readonly rule: string
  readonly sessions: number
  /** The refusal's French message, as the family read it. */
  readonly message: string
}

/** An invoice of the demo and where it stands. */
export interface DemoInvoice {
  readonly household: string
  readonly number: string
  readonly period: string
  readonly issuedOn: string
  readonly dueOn: string
  readonly totalCents: number
  readonly paidCents: number
  readonly remainingCents: number
  readonly status: string
}

/** What the demo town holds. */
export interface DemoTownCounts {
  readonly households: number
  readonly children: number
  readonly quotientRecords: number
  readonly activities: number
  readonly tariffGrids: number
  readonly sessions: number
  readonly enrollments: number
  readonly reservations: number
  readonly cancelledReservations: number
  readonly absences: number
  readonly attendanceRecords: number
  readonly invoices: number
  readonly creditNotes: number
  readonly payments: number
  readonly requests: number
  readonly documents: number
  readonly accounts: number
}

/** The seed's answer: what it did (or that it found the town already there), what the town holds, the demo logins. */
export interface DemoTownSummary {
  readonly status: "seeded" | "already-seeded"
  /** One French sentence for the server's log. */
  readonly message: string
  readonly now: Instant.Instant
  readonly counts: DemoTownCounts
  readonly logins: ReadonlyArray<DemoLogin>
  readonly refusals: ReadonlyArray<DemoRefusal>
  readonly invoices: ReadonlyArray<DemoInvoice>
  readonly placeholderPeriods: ReadonlyArray<PlaceholderPeriod>
}

/** The first day of the published sessions (the start of school year 2026-2027). */
export const publishedFrom = LocalDate.unsafe("2026-09-01")
/** The last day of the published sessions. */
export const publishedTo = LocalDate.unsafe("2027-02-28")

const d = LocalDate.unsafe

/** The instant Paris clocks show `time` on `date`. */
export const paris = (date: string, time: string): Instant.Instant => ParisTime.toInstant(d(date), ParisTime.timeOfDay(time))

const reasonOf = (error: unknown): string => {
  if (typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" && error.message !== "") {
    return error.message
  }
  if (typeof error === "object" && error !== null && "_tag" in error) return String(error._tag)
  return String(error)
}

/** Runs an effect as a named step: its failures become `DemoSeedFailed`. */
const step =
  (label: string) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, DemoSeedFailed, R> =>
    Effect.mapError(self, (error) => new DemoSeedFailed({ step: label, reason: reasonOf(error) }))

/** Runs an effect with the clock set to `instant`. */
const at =
  (instant: Instant.Instant) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, Exclude<R, Clock>> =>
    Effect.provideService(self, Clock, { now: Effect.succeed(instant) })

/** A small PDF standing for a scanned document. */
const demoPdf = (title: string): Uint8Array =>
  new TextEncoder().encode(
    `%PDF-1.4\n% Document de démonstration : ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`
  )

/** What the seed keeps about a household while it runs. */
interface SeededHousehold {
  readonly demo: DemoHousehold
  readonly household: Household
  readonly family: FamilyActor
}

/** The town's people as the scenario uses them. */
interface Cast {
  readonly now: Instant.Instant
  readonly agent: AgentActor
  readonly cashier: AgentActor
  readonly households: ReadonlyMap<HouseholdKey, SeededHousehold>
}

/** Mutable tallies of the run, for the summary. */
interface Tally {
  readonly refusals: Map<string, DemoRefusal>
  readonly logins: Array<DemoLogin>
}

const seeded = (cast: Cast, key: HouseholdKey): SeededHousehold => {
  const found = cast.households.get(key)
  if (found === undefined) throw new Error(`Household ${key} not seeded`)
  return found
}

const childOf = (h: SeededHousehold, firstName: string) => {
  const child = h.household.children.find((c) => c.firstName === firstName)
  if (child === undefined) throw new Error(`No child ${firstName} in ${h.demo.key}`)
  return child
}

const forBooking = (h: SeededHousehold, firstName: string): ChildForBooking => {
  const child = childOf(h, firstName)
  return ChildForBooking.make({
    childId: child.id,
    householdId: h.household.id,
    birthDate: child.birthDate,
    ...(child.schoolLevel === undefined ? {} : { schoolLevel: child.schoolLevel }),
    resident: h.household.residency === "resident"
  })
}

const activityNames: Readonly<Record<string, string>> = Object.fromEntries(townActivities.map((a) => [a.id, a.name]))

/** Books a child on sessions at `instant` and notes every refusal. */
const book = (cast: Cast, tally: Tally, h: SeededHousehold, firstName: string, sessionIds: ReadonlyArray<SessionId>, instant: Instant.Instant) =>
  Effect.gen(function* () {
    if (instant > cast.now || sessionIds.length === 0) return
    const sessions = yield* SessionRepository
    const outcome = yield* bookSessions(
      BookSessionsCommand.make({ child: forBooking(h, firstName), sessionIds })
    ).pipe(at(instant), step(`réservations de ${firstName} ${h.household.familyName}`))
    for (const o of outcome.outcomes) {
      if (o.result._tag !== "Refused") continue
      const session = yield* Effect.option(sessions.get(o.sessionId))
      const activity = Option.match(session, { onNone: () => "?", onSome: (s) => activityNames[s.activityId] ?? s.activityId })
      const key = `${h.demo.key}|${firstName}|${activity}|${o.result.refusal._tag}`
      const known = tally.refusals.get(key)
      tally.refusals.set(key, {
        household: h.household.familyName,
        child: firstName,
        activity,
        rule: o.result.refusal._tag,
        sessions: (known?.sessions ?? 0) + 1,
        message: known?.message ?? o.result.refusal.message
      })
    }
  })

/** Books every household's regular week on the sessions from `start` to `end`, as asked at `asked`. */
const bookRegularWeeks = (cast: Cast, tally: Tally, start: string, end: string, asked: Instant.Instant) =>
  Effect.gen(function* () {
    for (const h of cast.households.values()) {
      for (const weekly of h.demo.weekly) {
        const sessions = yield* sessionsForPattern(
          activityIds[weekly.activity],
          SessionPattern.make({ weekdays: [...weekly.weekdays], start: d(start), end: d(end), ...(weekly.slot === undefined ? {} : { slot: weekly.slot }) })
        )
        yield* book(cast, tally, h, weekly.child, sessions.map((s) => s.id), asked)
      }
    }
  })

/** Books (or attempts) the holiday weeks of the households asked on a given day. */
const bookHolidayWeeks = (cast: Cast, tally: Tally, askedOn: (askedAt: string) => boolean) =>
  Effect.gen(function* () {
    const sessions = yield* SessionRepository
    for (const h of cast.households.values()) {
      for (const holiday of h.demo.holidays) {
        if (!askedOn(holiday.askedAt[0])) continue
        const week = yield* sessions.listByActivity(activityIds.holiday, d(holiday.weekOf), LocalDate.addDays(d(holiday.weekOf), 4))
        for (const child of holiday.children) {
          yield* book(cast, tally, h, child, week.map((s) => s.id), paris(holiday.askedAt[0], holiday.askedAt[1]))
        }
      }
    }
  })

/** The session of an activity (and slot) on a date. */
const sessionOn = (activity: ActivityKey, date: string, slot?: string) =>
  Effect.gen(function* () {
    const sessions = yield* (yield* SessionRepository).listByActivity(activityIds[activity], d(date), d(date))
    const found = sessions.find((s) => slot === undefined || s.slot === slot)
    if (found === undefined) return yield* Effect.dieMessage(`No ${activity} session on ${date}`)
    return found
  })

/** A family cancels its child's places at `instant`. */
const cancel = (cast: Cast, h: SeededHousehold, firstName: string, places: ReadonlyArray<readonly [ActivityKey, string, string?]>, instant: Instant.Instant) =>
  Effect.gen(function* () {
    if (instant > cast.now) return
    const ids: Array<SessionId> = []
    for (const [activity, date, slot] of places) ids.push((yield* sessionOn(activity, date, slot)).id)
    yield* cancelReservations(
      CancelReservationsCommand.make({ childId: childOf(h, firstName).id, householdId: h.household.id, sessionIds: ids })
    ).pipe(at(instant), step(`annulation pour ${firstName} ${h.household.familyName}`))
  })

/** A family uploads a document to its storage space at `instant`. */
const upload = (
  h: SeededHousehold,
  kind: DocumentKind,
  name: string,
  instant: Instant.Instant,
  validity: { readonly validFrom?: string; readonly validUntil?: string } = {}
) =>
  uploadSupportingDocument(h.family, {
    kind,
    name,
    mediaType: "application/pdf",
    bytes: demoPdf(name),
    ...(validity.validFrom === undefined ? {} : { validFrom: d(validity.validFrom) }),
    ...(validity.validUntil === undefined ? {} : { validUntil: d(validity.validUntil) })
  }).pipe(at(instant), step(`dépôt du justificatif ${name}`))

/** An agent accepts a document with its validity at `instant`. */
const acceptDocument = (agent: AgentActor, documentId: DocumentId, validFrom: string, validUntil: string | undefined, instant: Instant.Instant) =>
  reviewSupportingDocument(agent, {
    documentId,
    decision: { _tag: "Accept", validFrom: d(validFrom), ...(validUntil === undefined ? {} : { validUntil: d(validUntil) }) }
  }).pipe(at(instant), step("validation d'un justificatif"))

/** Creates (or finds) a demo agent's account. */
const ensureAgent = (agent: DemoAgent, instant: Instant.Instant) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const existing = yield* accounts.findByLogin(agent.login)
    if (Option.isSome(existing)) {
      const holder = existing.value.holder
      if (holder._tag !== "Agent") return yield* Effect.dieMessage(`Login ${agent.login} belongs to a family account`)
      return new AgentActor({ accountId: existing.value.id, displayName: holder.displayName, role: holder.role })
    }
    const account = new Account({
      id: AccountId.make(yield* (yield* IdGenerator).next("acc")),
      login: AccountLogin.make(agent.login),
      email: AccountEmail.make(agent.email),
      passwordHash: yield* (yield* PasswordHasher).hash(demoAgentPassword),
      mustChangeCredentials: false,
      holder: { _tag: "Agent", displayName: agent.displayName, role: agent.role },
      createdAt: instant,
      credentialsChangedAt: instant
    })
    yield* accounts.save(account).pipe(step(`compte de l'agent ${agent.login}`))
    return new AgentActor({ accountId: account.id, displayName: agent.displayName, role: agent.role satisfies AgentRole })
  })

/** Registers a demo household, its account (and chosen credentials) and its QF. */
const seedHousehold = (demo: DemoHousehold, agentName: string, agent: AgentActor, tally: Tally) =>
  Effect.gen(function* () {
    const household = yield* registerHousehold(demo.registration).pipe(step(`enregistrement du foyer ${demo.registration.familyName}`))
    const created = yield* createHouseholdAccount({
      householdId: household.id,
      householdReference: household.reference,
      email: AccountEmail.make(household.contact.email)
    }).pipe(at(paris("2026-06-02", "10:00")), step(`compte du foyer ${household.familyName}`))
    const payer = household.payer.fullName
    if (demo.chosenLogin !== undefined) {
      yield* changeCredentials(
        { accountId: created.account.id, currentPassword: created.temporaryPassword, newLogin: demo.chosenLogin, newPassword: demoFamilyPassword },
        passwordRules
      ).pipe(at(paris("2026-06-03", "20:30")), step(`première connexion du foyer ${household.familyName}`))
      tally.logins.push({
        who: `${payer} (foyer ${household.familyName}, ${household.reference})`,
        kind: "famille",
        login: demo.chosenLogin,
        password: demoFamilyPassword,
        mustChangeCredentials: false,
        note: demo.demonstrates
      })
    } else {
      tally.logins.push({
        who: `${payer} (foyer ${household.familyName}, ${household.reference})`,
        kind: "famille",
        login: created.account.login,
        password: created.temporaryPassword,
        mustChangeCredentials: true,
        note: `Identifiant et mot de passe provisoires reçus par mail : à la première connexion, la famille choisit les siens. ${demo.demonstrates}`
      })
    }
    const family = new FamilyActor({ accountId: created.account.id, householdId: household.id })
    const h: SeededHousehold = { demo, household, family }
    const q = demo.quotient
    switch (q._tag) {
      case "Caf": {
        const record = yield* recordCafQuotient({ householdId: household.id, cafNumber: q.cafNumber, qf: q.qf, validFrom: q.validFrom, validTo: q.validTo }).pipe(
          at(paris(...q.recordedAt)),
          step(`QF CAF du foyer ${household.familyName}`)
        )
        yield* reviewQuotient({ recordId: record.id, decision: "validate", by: agentName }).pipe(
          at(paris(...q.validatedAt)),
          step(`validation du QF du foyer ${household.familyName}`)
        )
        break
      }
      case "Declared": {
        const proof = yield* upload(h, "taxNotice", q.documentName, paris(...q.declaredAt), { validFrom: "2026-01-01", validUntil: "2026-12-31" })
        const record = yield* declareQuotient(
          {
            householdId: household.id,
            annualIncome: q.annualIncome,
            monthlyBenefits: q.monthlyBenefits,
            documentId: proof.id,
            validFrom: q.validFrom,
            validTo: q.validTo
          },
          partTable
        ).pipe(at(Instant.plusMinutes(paris(...q.declaredAt), 2)), step(`déclaration de revenus du foyer ${household.familyName}`))
        yield* acceptDocument(agent, proof.id, "2026-01-01", "2026-12-31", paris(...q.validatedAt))
        yield* reviewQuotient({ recordId: record.id, decision: "validate", by: agentName }).pipe(
          at(Instant.plusMinutes(paris(...q.validatedAt), 1)),
          step(`validation du QF du foyer ${household.familyName}`)
        )
        break
      }
      case "Agent":
        yield* setQuotientByAgent({ householdId: household.id, qf: q.qf, agent: agentName, reason: q.reason, validFrom: q.validFrom, validTo: q.validTo }).pipe(
          at(paris(...q.setAt)),
          step(`QF fixé pour le foyer ${household.familyName}`)
        )
        break
    }
    return h
  })

/** Grants a child's enrollment (dossier unique) for 2026-2027 in a family of activities. */
const enroll = (h: SeededHousehold, firstName: string, family: EnrollmentFamily, decidedBy: string, instant: Instant.Instant) =>
  grantEnrollment(
    EnrollmentSubmission.make({ childId: childOf(h, firstName).id, householdId: h.household.id, schoolYear: "2026-2027", enrollmentFamily: family }),
    decidedBy
  ).pipe(at(instant), step(`inscription de ${firstName} ${h.household.familyName}`))

/** Children absent on a session they were booked on, without warning the service (recorded absent). */
const unannouncedAbsences: ReadonlyArray<{ readonly household: HouseholdKey; readonly child: string; readonly activity: ActivityKey; readonly date: string }> = [
  { household: "lefebvre", child: "Nathan", activity: "canteen", date: "2026-10-15" }
]

/** Children present without a reservation (recorded present, billed with the surcharge). */
const unreservedPresences: ReadonlyArray<{ readonly household: HouseholdKey; readonly child: string; readonly activity: ActivityKey; readonly date: string }> = [
  { household: "petit", child: "Noah", activity: "evening", date: "2026-10-08" }
]

/** The team that records attendance. */
const attendanceTeam = "Équipe d'animation périscolaire"

/** Records attendance for every session from `from` to `to` that started before "now". */
const recordAttendanceBetween = (cast: Cast, from: string, to: string) =>
  Effect.gen(function* () {
    const sessions = yield* SessionRepository
    const ledgers = yield* SessionLedgerRepository
    const ours = new Set<string>([...cast.households.values()].map((h) => h.household.id))
    for (const activity of townActivities) {
      for (const session of yield* sessions.listByActivity(activity.id, d(from), d(to))) {
        const start = sessionStartInstant(session)
        if (start >= cast.now) continue
        const ledger = yield* ledgers.get(session.id).pipe(step("lecture d'une séance"))
        const entries: Array<{ childId: MemberId; householdId: HouseholdId; status: "present" | "absent" }> = []
        for (const r of ledger.reservations) {
          if (!r.isActive || !ours.has(r.householdId)) continue
          const unannounced = unannouncedAbsences.some((u) => {
            const h = cast.households.get(u.household)
            return h !== undefined && activityIds[u.activity] === session.activityId && u.date === session.date && childOf(h, u.child).id === r.childId
          })
          entries.push({ childId: r.childId, householdId: r.householdId, status: r.absence !== undefined || unannounced ? "absent" : "present" })
        }
        for (const u of unreservedPresences) {
          const h = cast.households.get(u.household)
          if (h === undefined || activityIds[u.activity] !== session.activityId || u.date !== session.date) continue
          entries.push({ childId: childOf(h, u.child).id, householdId: h.household.id, status: "present" })
        }
        if (entries.length === 0) continue
        const evening = paris(session.date, "18:45")
        const recordedAt = evening < cast.now ? evening : cast.now
        yield* recordAttendance(AttendanceSheet.make({ sessionId: session.id, entries, recordedBy: attendanceTeam })).pipe(
          at(recordedAt),
          step(`pointage du ${session.date}`)
        )
      }
    }
  })

/** Issues a month's invoices (billing run) at `instant`. */
const bill = (cast: Cast, month: string, instant: Instant.Instant) =>
  Effect.gen(function* () {
    if (instant > cast.now) return [] as ReadonlyArray<Invoice>
    const result = yield* runBilling(unsafeBillingMonth(month), { mode: "issue", regieId: regie.id, settings: billingSettings }).pipe(
      at(instant),
      step(`facturation de ${month}`)
    )
    return result.issued.invoices
  })

/** The household records a payment received by the régie on one of its invoices. */
const pay = (
  cast: Cast,
  invoices: ReadonlyArray<Invoice>,
  key: HouseholdKey,
  method: PaymentMethod,
  reference: string,
  instant: Instant.Instant,
  amountOf: (total: number) => number
) =>
  Effect.gen(function* () {
    if (instant > cast.now) return
    const h = seeded(cast, key)
    const invoice = invoices.find((i) => i.householdId === h.household.id)
    if (invoice === undefined) return
    const amount = amountOf(invoiceTotal(invoice))
    if (amount <= 0) return
    yield* recordPayment(
      {
        householdId: h.household.id,
        amount: Cents.cents(amount),
        method,
        reference,
        receivedAt: instant,
        invoiceIds: [invoice.id],
        recordedBy: cast.cashier.accountId
      },
      paymentSettings
    ).pipe(step(`paiement de la facture ${invoice.number}`))
  })

/** A step of a request's life at its instant (skipped after "now"). */
const when = <A, E, R>(cast: Cast, instant: Instant.Instant, label: string, self: Effect.Effect<A, E, R>) =>
  instant > cast.now ? Effect.succeed(Option.none<A>()) : self.pipe(at(instant), step(label), Effect.map(Option.some))

/** The requests of the demo, one in each status, with their histories. */
const seedRequests = (cast: Cast) =>
  Effect.gen(function* () {
    const concerto = seeded(cast, "concerto")
    const marchand = seeded(cast, "marchand")
    const lefebvre = seeded(cast, "lefebvre")
    const petit = seeded(cast, "petit")

    const question = yield* when(
      cast,
      paris("2026-11-02", "12:10"),
      "message de la famille CONCERTO",
      submitRequest(concerto.family, {
        payload: FreeMessagePayload.make({
          subject: "Horaires de l'accueil du mercredi",
          text: "Bonjour, à quelle heure faut-il venir chercher Léa le mercredi quand elle est inscrite à la journée ? Merci."
        })
      })
    )
    if (Option.isSome(question)) {
      yield* when(
        cast,
        paris("2026-11-02", "18:00"),
        "annulation du message de la famille CONCERTO",
        cancelRequest(concerto.family, { requestId: question.value.id, reason: "J'ai trouvé la réponse dans le guide, merci." })
      )
    }

    const remission = yield* when(
      cast,
      paris("2026-11-05", "19:00"),
      "message de la famille PETIT",
      submitRequest(petit.family, {
        payload: FreeMessagePayload.make({
          subject: "Demande de remise sur la facture de septembre",
          text: "Bonjour, je ne peux pas régler la facture de septembre en une fois. Est-il possible d'en annuler une partie ?"
        })
      })
    )
    if (Option.isSome(remission)) {
      const requestId = remission.value.id
      yield* when(cast, paris("2026-11-06", "10:00"), "examen de la demande PETIT", startRequestReview(cast.agent, { requestId }))
      yield* when(
        cast,
        paris("2026-11-06", "10:30"),
        "refus de la demande PETIT",
        refuseRequest(cast.agent, {
          requestId,
          reason:
            "Une facture émise ne peut pas être annulée lorsque les séances ont eu lieu. Vous pouvez la régler en plusieurs fois " +
            "au guichet de la régie, ou demander un échéancier au Trésor public ; le CCAS peut aussi vous recevoir."
        })
      )
    }

    const taxNotice = yield* when(
      cast,
      paris("2026-11-10", "20:00"),
      "dépôt de l'avis d'imposition LEFEBVRE",
      uploadSupportingDocument(lefebvre.family, {
        kind: "taxNotice",
        name: "avis-imposition-2026-page1.pdf",
        mediaType: "application/pdf",
        bytes: demoPdf("avis-imposition-2026-page1.pdf"),
        validFrom: d("2026-01-01"),
        validUntil: d("2026-12-31")
      })
    )
    if (Option.isSome(taxNotice)) {
      const update = yield* when(
        cast,
        paris("2026-11-10", "20:05"),
        "mise à jour du QF LEFEBVRE",
        submitRequest(lefebvre.family, {
          payload: QuotientUpdatePayload.make({
            declaration: { _tag: "DeclaredIncome", annualIncomeCents: Cents.cents(1_850_000), monthlyBenefitsCents: Cents.cents(12_000), adults: 1, children: 1, disabledChildren: 0 },
            effectiveDate: d("2026-12-01"),
            proofDocumentId: taxNotice.value.id
          }),
          message: "Bonjour, voici mon avis d'imposition 2026 pour le calcul de mon quotient familial."
        })
      )
      if (Option.isSome(update)) {
        const requestId = update.value.id
        yield* when(cast, paris("2026-11-12", "09:30"), "examen de la demande LEFEBVRE", startRequestReview(cast.agent, { requestId }))
        yield* when(
          cast,
          paris("2026-11-12", "09:40"),
          "complément demandé à la famille LEFEBVRE",
          askForRequestInformation(cast.agent, {
            requestId,
            message:
              "Bonjour, l'avis d'imposition déposé ne comporte que la première page : merci de déposer l'avis complet " +
              "(toutes les pages) ou votre attestation de quotient familial CAF."
          })
        )
      }
    }

    const contact = yield* when(
      cast,
      paris("2026-11-18", "20:15"),
      "changement de coordonnées MARCHAND",
      submitRequest(marchand.family, {
        payload: ContactChangePayload.make({ phones: ["06 39 98 52 10"] }),
        message: "Nouveau numéro de portable de Sophie MARCHAND."
      })
    )
    if (Option.isSome(contact)) {
      yield* when(cast, paris("2026-11-19", "09:05"), "examen de la demande MARCHAND", startRequestReview(cast.agent, { requestId: contact.value.id }))
    }

    const cafCertificate = yield* when(
      cast,
      paris("2026-11-24", "21:00"),
      "dépôt de l'attestation CAF CONCERTO",
      uploadSupportingDocument(concerto.family, {
        kind: "cafCertificate",
        name: "attestation-qf-caf-2027.pdf",
        mediaType: "application/pdf",
        bytes: demoPdf("attestation-qf-caf-2027.pdf"),
        validFrom: d("2027-01-01"),
        validUntil: d("2027-12-31")
      })
    )
    if (Option.isSome(cafCertificate)) {
      yield* when(
        cast,
        paris("2026-11-24", "21:02"),
        "mise à jour du QF CONCERTO",
        submitRequest(concerto.family, {
          payload: QuotientUpdatePayload.make({
            declaration: { _tag: "CafQuotient", quotient: 795, allocataireNumber: "1234567" },
            effectiveDate: d("2027-01-01"),
            validUntil: d("2027-12-31"),
            proofDocumentId: cafCertificate.value.id
          }),
          message: "Bonjour, voici notre attestation de quotient familial CAF pour 2027."
        })
      )
    }

    yield* when(
      cast,
      paris(...newcomer.askedAt),
      "création de l'espace de Julie ROUSSEL",
      signUp(
        {
          login: newcomer.login,
          password: demoFamilyPassword,
          email: newcomer.email,
          declaredName: newcomer.declaredName,
          phone: newcomer.phone,
          message: newcomer.message
        },
        passwordRules
      )
    )
  })

/** The demo logins that do not depend on the run (agents, the newcomer). */
const staticLogins = (): ReadonlyArray<DemoLogin> => [
  ...demoAgents.map((a): DemoLogin => ({
    who: `${a.displayName} (agent, rôle « ${agentRoleLabel[a.role]} »)`,
    kind: "agent",
    login: a.login,
    password: demoAgentPassword,
    mustChangeCredentials: false,
    note: a.note
  })),
  {
    who: `${newcomer.declaredName} (nouvel espace)`,
    kind: "espace en attente",
    login: newcomer.login,
    password: demoFamilyPassword,
    mustChangeCredentials: false,
    note: "Espace créé par « Créer mon espace », en attente de rattachement à un foyer par le Service à la Population."
  }
]

/** Counts what the demo town holds, from the stores. */
export const countDemoTown = Effect.gen(function* () {
  const households = yield* HouseholdRepository
  const ours: Array<Household> = []
  for (const demo of demoHouseholds) {
    const found = yield* households.findByReference(demo.registration.reference)
    if (Option.isSome(found)) ours.push(found.value)
  }
  const quotients = yield* QuotientRepository
  const enrollments = yield* EnrollmentRepository
  const ledgers = yield* SessionLedgerRepository
  const absences = yield* AbsenceRepository
  const attendance = yield* AttendanceRegister
  const invoices = yield* InvoiceRepository
  const creditNotes = yield* CreditNoteRepository
  const payments = yield* PaymentRepository
  const requests = yield* RequestRepository
  const documents = yield* SupportingDocumentRepository
  const accounts = yield* AccountRepository
  const sessions = yield* SessionRepository
  const catalogue = yield* ActivityCatalogue
  const tariffs = yield* TariffCatalogue
  let counts = {
    households: ours.length,
    children: 0,
    quotientRecords: 0,
    activities: 0,
    tariffGrids: 0,
    sessions: 0,
    enrollments: 0,
    reservations: 0,
    cancelledReservations: 0,
    absences: 0,
    attendanceRecords: 0,
    invoices: 0,
    creditNotes: 0,
    payments: 0,
    requests: 0,
    documents: 0,
    accounts: 0
  }
  for (const h of ours) {
    const reservations = (yield* ledgers.forHousehold(h.id, publishedFrom, publishedTo)).flatMap((l) => l.reservations.filter((r) => r.householdId === h.id))
    counts = {
      ...counts,
      children: counts.children + h.children.length,
      quotientRecords: counts.quotientRecords + (yield* quotients.listByHousehold(h.id)).length,
      enrollments: counts.enrollments + (yield* enrollments.forHousehold(h.id)).length,
      reservations: counts.reservations + reservations.length,
      cancelledReservations: counts.cancelledReservations + reservations.filter((r) => !r.isActive).length,
      absences: counts.absences + (yield* absences.forHousehold(h.id, publishedFrom, publishedTo)).length,
      attendanceRecords: counts.attendanceRecords + (yield* attendance.forHousehold(h.id, publishedFrom, publishedTo)).length,
      invoices: counts.invoices + (yield* invoices.byHousehold(h.id)).length,
      creditNotes: counts.creditNotes + (yield* creditNotes.byHousehold(h.id)).length,
      payments: counts.payments + (yield* payments.byHousehold(h.id)).length,
      requests: counts.requests + (yield* requests.listByHousehold(h.id)).length,
      documents: counts.documents + (yield* documents.listByHousehold(h.id)).length,
      accounts: counts.accounts + (yield* accounts.listByHousehold(h.id)).length
    }
  }
  const newcomerAccount = yield* accounts.findByLogin(newcomer.login)
  if (Option.isSome(newcomerAccount)) {
    const own = yield* requests.listByAccount(newcomerAccount.value.id)
    counts = { ...counts, accounts: counts.accounts + 1, requests: counts.requests + own.filter((r) => r.householdId === undefined).length }
  }
  for (const agent of demoAgents) {
    if (Option.isSome(yield* accounts.findByLogin(agent.login))) counts = { ...counts, accounts: counts.accounts + 1 }
  }
  const activities = (yield* catalogue.list).filter((a) => townActivities.some((t) => t.id === a.id))
  let sessionCount = 0
  for (const a of activities) sessionCount += (yield* sessions.listByActivity(a.id, publishedFrom, publishedTo)).length
  const gridIds = new Set<string>(townTariffGrids.map((g) => g.id))
  const grids = [...(yield* tariffs.listForSchoolYear("2025-2026")), ...(yield* tariffs.listForSchoolYear("2026-2027"))].filter((g) => gridIds.has(g.id))
  return { ...counts, activities: activities.length, tariffGrids: grids.length, sessions: sessionCount } satisfies DemoTownCounts
})

/** The demo's invoices with their amounts and status, by household then number. */
export const demoInvoices = Effect.gen(function* () {
  const households = yield* HouseholdRepository
  const out: Array<DemoInvoice> = []
  for (const demo of demoHouseholds) {
    const found = yield* households.findByReference(demo.registration.reference)
    if (Option.isNone(found)) continue
    const account = yield* loadHouseholdAccount(found.value.id)
    for (const s of [...account.invoices].sort((a, b) => (a.invoice.number < b.invoice.number ? -1 : 1))) {
      out.push({
        household: found.value.familyName,
        number: s.invoice.number,
        period: s.invoice.period,
        issuedOn: s.invoice.issuedOn,
        dueOn: s.invoice.dueOn,
        totalCents: s.total,
        paidCents: s.paid,
        remainingCents: s.remaining,
        status: s.status
      })
    }
  }
  return out as ReadonlyArray<DemoInvoice>
})

const enrollmentOrder: ReadonlyArray<EnrollmentFamily> = [enrollmentFamilies.periscolaire, enrollmentFamilies.restauration, enrollmentFamilies.extrascolaire]

/** The whole scenario, on stores without the demo households. */
const seedScenario = (now: Instant.Instant) =>
  Effect.gen(function* () {
    const tally: Tally = { refusals: new Map(), logins: [] }

    yield* (yield* TownCalendarSource).save(townCalendar)
    const catalogue = yield* ActivityCatalogue
    for (const activity of townActivities) yield* catalogue.save(activity)
    const tariffs = yield* TariffCatalogue
    for (const grid of townTariffGrids) yield* tariffs.save(grid).pipe(step(`grille tarifaire ${grid.label}`))
    for (const activity of townActivities) {
      yield* publishSessions(activity.id, publishedFrom, publishedTo).pipe(step(`publication des séances « ${activity.name} »`))
    }

    const [agentDemo, cashierDemo] = demoAgents
    if (agentDemo === undefined || cashierDemo === undefined) return yield* Effect.dieMessage("Demo agents missing")
    const agent = yield* ensureAgent(agentDemo, paris("2026-06-01", "09:00"))
    const cashier = yield* ensureAgent(cashierDemo, paris("2026-06-01", "09:05"))
    for (const other of demoAgents.slice(2)) yield* ensureAgent(other, paris("2026-06-01", "09:10"))

    const households = new Map<HouseholdKey, SeededHousehold>()
    for (const demo of demoHouseholds) households.set(demo.key, yield* seedHousehold(demo, agent.displayName, agent, tally))
    const cast: Cast = { now, agent, cashier, households }

    for (const h of households.values()) {
      for (const e of h.demo.enrollments) {
        for (const family of enrollmentOrder.filter((f) => e.families.includes(f))) {
          yield* enroll(h, e.child, family, agent.displayName, paris("2026-06-26", "11:00"))
        }
      }
    }

    yield* bookRegularWeeks(cast, tally, "2026-09-01", "2026-10-16", paris("2026-08-24", "10:00"))

    const moreau = seeded(cast, "moreau")
    const enrollmentRequest = yield* when(
      cast,
      paris("2026-09-07", "20:00"),
      "demande d'inscription aux vacances MOREAU",
      submitRequest(moreau.family, {
        payload: EnrollmentRequestPayload.make({
          childId: childOf(moreau, "Rose").id,
          schoolYear: SchoolYearName.make("2026-2027"),
          activityFamily: enrollmentFamilies.extrascolaire
        }),
        message: "Bonjour, nous souhaitons inscrire Emma, Louis et Rose à l'accueil de loisirs des vacances. Merci."
      })
    )
    if (Option.isSome(enrollmentRequest)) {
      const requestId = enrollmentRequest.value.id
      yield* when(cast, paris("2026-09-08", "09:00"), "examen de la demande MOREAU", startRequestReview(agent, { requestId }))
      yield* when(
        cast,
        paris("2026-09-08", "09:20"),
        "acceptation de la demande MOREAU",
        acceptRequest(agent, {
          requestId,
          message: "Inscription acceptée pour Emma, Louis et Rose : vous pouvez réserver les semaines de vacances dès l'ouverture des réservations."
        })
      )
      for (const child of ["Emma", "Louis", "Rose"]) {
        yield* enroll(moreau, child, enrollmentFamilies.extrascolaire, agent.displayName, paris("2026-09-08", "09:20"))
      }
    }

    yield* bookHolidayWeeks(cast, tally, (day) => day < "2026-10-01")

    const petit = seeded(cast, "petit")
    yield* when(
      cast,
      paris("2026-09-28", "07:10"),
      "absence d'Inès PETIT",
      reportAbsence(
        AbsenceReport.make({
          childId: childOf(petit, "Inès").id,
          householdId: petit.household.id,
          start: d("2026-09-28"),
          end: d("2026-09-28"),
          reason: "family",
          comment: "Rendez-vous administratif imprévu, Inès reste avec moi."
        }),
        absenceRules
      )
    )
    yield* cancel(cast, moreau, "Louis", [["canteen", "2026-10-08"], ["canteen", "2026-10-09"]], paris("2026-10-01", "18:00"))

    yield* recordAttendanceBetween(cast, "2026-09-01", "2026-09-30")
    const september = yield* bill(cast, "2026-09", paris("2026-10-02", "09:00"))

    const concerto = seeded(cast, "concerto")
    const certificateAt = paris("2026-10-05", "08:20")
    if (certificateAt <= now) {
      const certificate = yield* upload(concerto, "medicalCertificate", "certificat-medical-hugo.pdf", certificateAt)
      yield* reportAbsence(
        AbsenceReport.make({
          childId: childOf(concerto, "Hugo").id,
          householdId: concerto.household.id,
          start: d("2026-10-05"),
          end: d("2026-10-06"),
          reason: "illness",
          comment: "Gastro-entérite, certificat du médecin joint.",
          certificate: certificate.id
        }),
        absenceRules
      ).pipe(at(paris("2026-10-05", "08:25")), step("absence d'Hugo CONCERTO"))
      yield* acceptDocument(cast.agent, certificate.id, "2026-10-05", "2026-10-06", paris("2026-10-05", "14:00"))
    }

    yield* pay(cast, september, "lefebvre", "counter", "GUICHET-2026-10-09-001", paris("2026-10-09", "10:30"), (total) => total)
    yield* bookRegularWeeks(cast, tally, "2026-11-02", "2026-12-18", paris("2026-10-12", "20:00"))
    yield* cancel(cast, concerto, "Léa", [["wednesday", "2026-10-14", "journee"]], paris("2026-10-13", "19:00"))
    yield* pay(cast, september, "concerto", "directDebit", "PRLV-2026-10-FAM000101", paris("2026-10-15", "06:00"), (total) => total)
    yield* pay(cast, september, "moreau", "directDebit", "PRLV-2026-10-FAM000104", paris("2026-10-15", "06:00"), (total) => total)
    yield* pay(cast, september, "marchand", "cheque", "CHQ-8823145", paris("2026-10-20", "11:00"), (total) => total - 1500)

    yield* recordAttendanceBetween(cast, "2026-10-01", "2026-10-31")
    yield* bill(cast, "2026-10", paris("2026-11-03", "09:00"))

    yield* bookHolidayWeeks(cast, tally, (day) => day >= "2026-10-01" && day < "2026-11-20")
    yield* bookRegularWeeks(cast, tally, "2027-01-04", "2027-02-19", paris("2026-11-20", "20:00"))
    yield* bookHolidayWeeks(cast, tally, (day) => day >= "2026-11-20")

    const lefebvre = seeded(cast, "lefebvre")
    yield* when(
      cast,
      paris("2026-11-25", "17:45"),
      "absence de Nathan LEFEBVRE",
      reportAbsence(
        AbsenceReport.make({
          childId: childOf(lefebvre, "Nathan").id,
          householdId: lefebvre.household.id,
          start: d("2026-12-07"),
          end: d("2026-12-08"),
          reason: "family",
          comment: "Nathan passe deux jours chez ses grands-parents."
        }),
        absenceRules
      )
    )

    yield* seedRequests(cast)
    yield* recordAttendanceBetween(cast, "2026-11-01", LocalDate.max(d("2026-11-01"), ParisTime.dateAt(now)))

    return { tally }
  })

/**
 * Writes the demo town of Saint-Pierre-lès-Elbeuf through the core: its calendar (zone B with the
 * placeholder 2026-2027), its five activities and ten tariff grids, the sessions from September
 * 2026 to February 2027, three agents, five households with their accounts, QF, documents,
 * enrollments, bookings, cancellations, absences and attendance, the September and October 2026
 * invoices, payments (paid, partly paid, unpaid past due), requests in every status and one
 * account waiting to be linked. When the demo households already exist it writes nothing and
 * says so. Returns what the town holds and the demo logins.
 *
 * @example
 * const summary = yield* seedDemoTown
 * console.log(formatDemoTownSummary(summary))
 */
export const seedDemoTown: Effect.Effect<DemoTownSummary, DemoSeedFailed, DemoTownServices> = Effect.gen(function* () {
  const now = yield* (yield* Clock).now
  const households = yield* HouseholdRepository
  const first = demoHouseholds[0]
  const existing = first === undefined ? Option.none() : yield* households.findByReference(first.registration.reference)
  if (Option.isSome(existing)) {
    const accounts = yield* AccountRepository
    const logins: Array<DemoLogin> = []
    for (const demo of demoHouseholds) {
      const found = yield* households.findByReference(demo.registration.reference)
      if (Option.isNone(found)) continue
      const payer = `${found.value.payer.fullName} (foyer ${found.value.familyName}, ${found.value.reference})`
      if (demo.chosenLogin !== undefined) {
        logins.push({ who: payer, kind: "famille", login: demo.chosenLogin, password: demoFamilyPassword, mustChangeCredentials: false, note: demo.demonstrates })
      } else {
        for (const account of yield* accounts.listByHousehold(found.value.id)) {
          logins.push({
            who: payer,
            kind: "famille",
            login: account.login,
            password: account.mustChangeCredentials
              ? "mot de passe provisoire envoyé par mail lors de la première création (voir la boîte d'envoi de la démonstration)"
              : "mot de passe choisi par la famille",
            mustChangeCredentials: account.mustChangeCredentials,
            note: demo.demonstrates
          })
        }
      }
    }
    return {
      status: "already-seeded",
      message: "La commune de démonstration Saint-Pierre-lès-Elbeuf est déjà en place : rien n'a été modifié.",
      now,
      counts: yield* countDemoTown,
      logins: [...logins, ...staticLogins()],
      refusals: [],
      invoices: yield* demoInvoices,
      placeholderPeriods
    } satisfies DemoTownSummary
  }
  const { tally } = yield* seedScenario(now)
  return {
    status: "seeded",
    message: `La commune de démonstration Saint-Pierre-lès-Elbeuf a été créée (situation au ${ParisTime.formatFr(now)}).`,
    now,
    counts: yield* countDemoTown,
    logins: [...tally.logins, ...staticLogins()],
    refusals: [...tally.refusals.values()],
    invoices: yield* demoInvoices,
    placeholderPeriods
  } satisfies DemoTownSummary
})

const euros = (amount: number): string => `${(amount / 100).toFixed(2).replace(".", ",")} €`

const invoiceStatusFr: Readonly<Record<string, string>> = {
  issued: "à payer",
  partlyPaid: "partiellement payée",
  paid: "payée",
  cancelled: "annulée",
  sentToTreasury: "transmise au Trésor public"
}

/** The summary as the server prints it at start, in French. */
export function formatDemoTownSummary(summary: DemoTownSummary): string {
  const c = summary.counts
  const lines = [
    summary.message,
    `Foyers : ${c.households} (${c.children} enfants) · QF : ${c.quotientRecords} · activités : ${c.activities} · grilles : ${c.tariffGrids} · séances : ${c.sessions}`,
    `Inscriptions : ${c.enrollments} · réservations : ${c.reservations} (dont ${c.cancelledReservations} annulées) · absences : ${c.absences} · pointages : ${c.attendanceRecords}`,
    `Factures : ${c.invoices} · avoirs : ${c.creditNotes} · paiements : ${c.payments} · demandes : ${c.requests} · justificatifs : ${c.documents} · comptes : ${c.accounts}`,
    "",
    "Identifiants de démonstration :",
    ...summary.logins.map(
      (l) => `  - ${l.who} : identifiant « ${l.login} », mot de passe « ${l.password} »${l.mustChangeCredentials ? " (à changer à la première connexion)" : ""}`
    ),
    "",
    "Factures :",
    ...summary.invoices.map(
      (i) => `  - ${i.number} ${i.household} (${i.period}) : ${euros(i.totalCents)}, ${invoiceStatusFr[i.status] ?? i.status}, reste ${euros(i.remainingCents)}, échéance ${i.dueOn}`
    ),
    ...(summary.refusals.length === 0
      ? []
      : ["", "Refus montrés par la démonstration :", ...summary.refusals.map((r) => `  - ${r.household} ${r.child}, ${r.activity} (${r.sessions} séance(s)) : ${r.message}`)]),
    "",
    `Attention : ${summary.placeholderPeriods.length} périodes de vacances 2026-2027 sont des estimations à remplacer par le calendrier officiel.`
  ]
  return lines.join("\n")
}
