import { Schema } from "effect"

const id = <const B extends string>(brand: B) =>
  Schema.NonEmptyTrimmedString.pipe(
    Schema.maxLength(64),
    Schema.brand(brand),
    Schema.annotations({ identifier: brand })
  )

/** Branded identifiers: a `HouseholdId` can never be passed where a `ChildId` is expected. */
export const HouseholdId = id("HouseholdId")
export type HouseholdId = typeof HouseholdId.Type
export const MemberId = id("MemberId")
export type MemberId = typeof MemberId.Type
export const QuotientRecordId = id("QuotientRecordId")
export type QuotientRecordId = typeof QuotientRecordId.Type
export const TariffGridId = id("TariffGridId")
export type TariffGridId = typeof TariffGridId.Type
export const ActivityId = id("ActivityId")
export type ActivityId = typeof ActivityId.Type
export const SessionId = id("SessionId")
export type SessionId = typeof SessionId.Type
export const EnrollmentId = id("EnrollmentId")
export type EnrollmentId = typeof EnrollmentId.Type
export const ReservationId = id("ReservationId")
export type ReservationId = typeof ReservationId.Type
export const AbsenceId = id("AbsenceId")
export type AbsenceId = typeof AbsenceId.Type
export const InvoiceId = id("InvoiceId")
export type InvoiceId = typeof InvoiceId.Type
export const CreditNoteId = id("CreditNoteId")
export type CreditNoteId = typeof CreditNoteId.Type
export const PaymentId = id("PaymentId")
export type PaymentId = typeof PaymentId.Type
export const PaymentIntentId = id("PaymentIntentId")
export type PaymentIntentId = typeof PaymentIntentId.Type
export const RequestId = id("RequestId")
export type RequestId = typeof RequestId.Type
export const DocumentId = id("DocumentId")
export type DocumentId = typeof DocumentId.Type
export const AccountId = id("AccountId")
export type AccountId = typeof AccountId.Type
export const RegieId = id("RegieId")
export type RegieId = typeof RegieId.Type
export const AuditRecordId = id("AuditRecordId")
export type AuditRecordId = typeof AuditRecordId.Type
