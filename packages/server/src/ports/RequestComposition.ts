import {
  AbsenceRepository,
  type AbsenceJustificationRules,
  AcceptanceEffectRefused,
  type AcceptedRequest,
  AccountRepository,
  attachMedicalCertificate,
  changeHouseholdContact,
  Clock,
  computeQuotient,
  countParts,
  EnrollmentRepository,
  EnrollmentSubmission,
  enqueueMail,
  grantEnrollment,
  HouseholdRepository,
  IdGenerator,
  linkAccountToHousehold,
  LocalDate,
  MailOutbox,
  type PartTable,
  QuotientRecord,
  QuotientRecordId,
  QuotientRepository,
  RequestAcceptanceEffects,
  requestKindLabel,
  RequestNotifications,
  RequestRepository,
  type RequestStatusChanged,
  requestStatusChangedMail,
  requestStatusLabel,
  type SenderIdentity,
  SessionLedgerRepository,
  Transactions
} from "@spe/core"
import { Context, Effect, Either, Layer } from "effect"

/** What accepting a request needs from the town: its QF part table and its absence rules. */
export interface RequestEffectsSettings {
  readonly partTable: PartTable
  readonly absences: AbsenceJustificationRules
}

type Needs =
  | AccountRepository
  | HouseholdRepository
  | QuotientRepository
  | EnrollmentRepository
  | AbsenceRepository
  | SessionLedgerRepository
  | Transactions
  | Clock
  | IdGenerator

const refusedBy = (accepted: AcceptedRequest) => (error: { readonly message: string }) =>
  new AcceptanceEffectRefused({ requestId: accepted.requestId, reason: error.message })

/** The last day of the school year a date falls in (31 August): how long a QF stays valid unless its proof says otherwise. */
const endOfSchoolYear = (date: LocalDate.LocalDate): LocalDate.LocalDate => {
  const year = LocalDate.year(date)
  return LocalDate.of(date.slice(5) <= "08-31" ? year : year + 1, 8, 31)
}

/**
 * `RequestAcceptanceEffects` with the other modules' use cases: linking the account
 * (`linkAccountToHousehold`), a QF validated in the deciding agent's name, the enrollment granted
 * (`grantEnrollment`), the new contact details (`changeHouseholdContact`), the certificate attached
 * to the absence (`attachMedicalCertificate`). A module's refusal becomes `AcceptanceEffectRefused`
 * with its French message; a town's own request type does nothing more.
 */
export const requestAcceptanceEffects = (settings: RequestEffectsSettings): Layer.Layer<RequestAcceptanceEffects, never, Needs> =>
  Layer.effect(
    RequestAcceptanceEffects,
    Effect.gen(function* () {
      const context = yield* Effect.context<Needs>()
      const run = <A, E extends { readonly message: string }>(accepted: AcceptedRequest, effect: Effect.Effect<A, E, Needs>) =>
        effect.pipe(Effect.mapError(refusedBy(accepted)), Effect.asVoid, Effect.provide(context))
      const decider = (accepted: AcceptedRequest) => accepted.decidedBy ?? "règle automatique"
      return {
        linkAccountToHousehold: (accepted, payload) =>
          run(accepted, linkAccountToHousehold({ accountId: payload.accountId, householdId: accepted.householdId })),
        applyQuotientUpdate: (accepted, payload) =>
          run(
            accepted,
            Effect.gen(function* () {
              const household = yield* (yield* HouseholdRepository).get(accepted.householdId)
              const declaration = payload.declaration
              const source =
                declaration._tag === "DeclaredIncome"
                  ? (() => {
                      const parts = countParts(settings.partTable, declaration)
                      return {
                        qf: computeQuotient({ annualIncome: declaration.annualIncomeCents, monthlyBenefits: declaration.monthlyBenefitsCents, parts }),
                        source: {
                          _tag: "DeclaredWithProof" as const,
                          documentId: payload.proofDocumentId,
                          annualIncome: declaration.annualIncomeCents,
                          monthlyBenefits: declaration.monthlyBenefitsCents,
                          parts
                        }
                      }
                    })()
                  : declaration.allocataireNumber !== undefined && /^\d{1,10}$/.test(declaration.allocataireNumber)
                    ? { qf: declaration.quotient, source: { _tag: "CafNumber" as const, cafNumber: declaration.allocataireNumber } }
                    : {
                        qf: declaration.quotient,
                        source: { _tag: "SetByAgent" as const, agent: decider(accepted), reason: "Quotient CAF déclaré par la famille, justificatif vérifié." }
                      }
              const record = QuotientRecord.make({
                id: QuotientRecordId.make(yield* (yield* IdGenerator).next("qf")),
                householdId: household.id,
                qf: source.qf,
                source: source.source,
                validFrom: payload.effectiveDate,
                validTo: payload.validUntil ?? endOfSchoolYear(payload.effectiveDate),
                review: { _tag: "Validated", at: accepted.decidedAt, by: decider(accepted) },
                submittedAt: accepted.decidedAt
              })
              yield* (yield* QuotientRepository).save(record)
            })
          ),
        openEnrollment: (accepted, payload) =>
          run(
            accepted,
            grantEnrollment(
              EnrollmentSubmission.make({
                childId: payload.childId,
                householdId: accepted.householdId,
                schoolYear: payload.schoolYear,
                enrollmentFamily: payload.activityFamily
              }),
              decider(accepted)
            )
          ),
        applyContactChange: (accepted, payload) =>
          run(
            accepted,
            Effect.gen(function* () {
              const household = yield* (yield* HouseholdRepository).get(accepted.householdId)
              const contact = {
                email: payload.email ?? household.contact.email,
                phones: payload.phones === undefined ? household.contact.phones : payload.phones.map((number) => ({ number }))
              }
              return yield* changeHouseholdContact(household.id, {
                ...(payload.address === undefined ? {} : { address: payload.address }),
                contact
              })
            })
          ),
        justifyAbsence: (accepted, payload) =>
          run(
            accepted,
            attachMedicalCertificate(
              { absenceId: payload.absenceId, householdId: accepted.householdId, documentId: payload.certificateDocumentId },
              settings.absences
            )
          ),
        applyCustomRequest: () => Effect.void
      } satisfies Context.Tag.Service<RequestAcceptanceEffects>
    })
  )

/** What request mails need: who signs them, the Message-ID domain, and the family's requests page. */
export interface RequestMailSettings {
  readonly sender: SenderIdentity
  readonly messageIdDomain: string
  readonly requestLink: (requestId: string) => string
}

/**
 * `RequestNotifications` by mail: when the town moves a family's request (an agent's review,
 * question or decision, or a rule's acceptance), the account that made it gets a mail through the
 * outbox, in the caller's transaction. The family's own steps and posted messages send nothing;
 * live screens come with the portal.
 */
export const requestNotificationsByMail = (
  settings: RequestMailSettings
): Layer.Layer<RequestNotifications, never, MailOutbox | IdGenerator | AccountRepository | RequestRepository> =>
  Layer.effect(
    RequestNotifications,
    Effect.gen(function* () {
      const context = yield* Effect.context<MailOutbox | IdGenerator | AccountRepository | RequestRepository>()
      const notify = (event: RequestStatusChanged) =>
        Effect.gen(function* () {
          const account = yield* Effect.either((yield* AccountRepository).get(event.accountId))
          if (Either.isLeft(account) || account.right.email === undefined) return
          const request = yield* (yield* RequestRepository).get(event.requestId)
          const status = requestStatusLabel[event.to]
          const content = requestStatusChangedMail(settings.sender, {
            requestLabel: requestKindLabel(request.payload),
            statusLabel: status.charAt(0).toUpperCase() + status.slice(1),
            changedAt: event.at,
            ...(event.message === undefined ? {} : { agentMessage: event.message }),
            link: settings.requestLink(event.requestId)
          })
          yield* enqueueMail({ to: account.right.email, kind: "request-status", content }, settings.messageIdDomain, event.at)
        }).pipe(Effect.orDie, Effect.provide(context))
      return {
        publish: (events) =>
          Effect.forEach(events, (event) => (event._tag === "RequestStatusChanged" && event.author._tag !== "Family" ? notify(event) : Effect.void), {
            discard: true
          })
      }
    })
  )
