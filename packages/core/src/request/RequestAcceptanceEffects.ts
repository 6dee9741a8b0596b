import { Context, Schema, type Effect } from "effect"
import type { Instant } from "../shared/Instant.js"
import { type AccountId, type HouseholdId, RequestId } from "../shared/Ids.js"
import type {
  AbsenceJustificationPayload,
  AccountCreationPayload,
  ContactChangePayload,
  CustomRequestPayload,
  EnrollmentRequestPayload,
  QuotientUpdatePayload
} from "./RequestPayload.js"

/** The accepted request an effect applies: which one, for which household, decided by whom and when. */
export interface AcceptedRequest {
  readonly requestId: RequestId
  readonly householdId: HouseholdId
  /** The agent's account, absent when a rule accepted (a matching letter code). */
  readonly decidedBy?: AccountId
  readonly decidedAt: Instant
}

/** Another module refused to apply an accepted request; the request stays undecided. */
export class AcceptanceEffectRefused extends Schema.TaggedError<AcceptanceEffectRefused>()("AcceptanceEffectRefused", {
  requestId: RequestId,
  /** The other module's French message. */
  reason: Schema.String
}) {
  override get message(): string {
    return `La demande n'a pas été acceptée, car son effet n'a pas pu s'appliquer : ${this.reason} Corrigez ce point, puis acceptez-la à nouveau.`
  }
}

/**
 * What accepting a request does in the other modules. The composition implements each method with
 * the other modules' use cases; `acceptRequest` calls it in the same unit of work as the decision.
 */
export class RequestAcceptanceEffects extends Context.Tag("@spe/core/RequestAcceptanceEffects")<
  RequestAcceptanceEffects,
  {
    /** Links the new account to the household (`linkAccountToHousehold` of the account module). */
    readonly linkAccountToHousehold: (accepted: AcceptedRequest, payload: AccountCreationPayload) => Effect.Effect<void, AcceptanceEffectRefused>
    /** Makes the declared quotient the household's quotient from `payload.effectiveDate`. */
    readonly applyQuotientUpdate: (accepted: AcceptedRequest, payload: QuotientUpdatePayload) => Effect.Effect<void, AcceptanceEffectRefused>
    /** Enrolls the child for the school year and the family of activities, which opens booking. */
    readonly openEnrollment: (accepted: AcceptedRequest, payload: EnrollmentRequestPayload) => Effect.Effect<void, AcceptanceEffectRefused>
    /** Applies the new address, phones or e-mail to the household. */
    readonly applyContactChange: (accepted: AcceptedRequest, payload: ContactChangePayload) => Effect.Effect<void, AcceptanceEffectRefused>
    /** Marks the absence justified by the certificate. */
    readonly justifyAbsence: (accepted: AcceptedRequest, payload: AbsenceJustificationPayload) => Effect.Effect<void, AcceptanceEffectRefused>
    /** Whatever the town's own request type does when accepted (often nothing). */
    readonly applyCustomRequest: (accepted: AcceptedRequest, payload: CustomRequestPayload) => Effect.Effect<void, AcceptanceEffectRefused>
  }
>() {}
