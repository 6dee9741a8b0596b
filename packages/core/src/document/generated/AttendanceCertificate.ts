import { Schema } from "effect"
import type { Activity } from "../../activity/Activity.js"
import type { AttendanceRecord } from "../../attendance/AttendanceRecord.js"
import { type BillingMonth, billingMonthOf, formatBillingMonthFr } from "../../billing/BillingMonth.js"
import type { Child, Household } from "../../household/Household.js"
import type * as LocalDate from "../../shared/LocalDate.js"
import { AddresseeView, addresseeView } from "./Addressee.js"
import { DateText, dateText, daysText, fileNamePart } from "./DocumentText.js"
import { type GeneratedDocumentSettings, IssuerView, issuerView, SignatureView, signatureView } from "./DocumentSettings.js"

/** The days attended in one month. */
export const AttendanceMonthView = Schema.Struct({
  month: Schema.String,
  text: Schema.String,
  days: Schema.Array(DateText),
  count: Schema.Int
}).annotations({ identifier: "AttendanceMonthView" })
export type AttendanceMonthView = typeof AttendanceMonthView.Type

/** The data of an attendance certificate (attestation de présence) as its template prints it. */
export const AttendanceCertificateDocument = Schema.Struct({
  kind: Schema.Literal("attendanceCertificate"),
  title: Schema.String,
  fileName: Schema.String,
  issuer: IssuerView,
  addressee: AddresseeView,
  child: Schema.Struct({ name: Schema.String, birthDate: DateText }),
  activityName: Schema.String,
  period: Schema.Struct({ from: DateText, to: DateText, text: Schema.String }),
  months: Schema.Array(AttendanceMonthView),
  dayCount: Schema.Int,
  statement: Schema.String,
  issuedOn: DateText,
  signature: SignatureView
}).annotations({ identifier: "AttendanceCertificateDocument" })
export type AttendanceCertificateDocument = typeof AttendanceCertificateDocument.Type

/** What an attendance certificate is about: a child, an activity, a period, and the register's records. */
export interface AttendanceCertificateInput {
  readonly household: Household
  readonly child: Child
  readonly activity: Pick<Activity, "id" | "name">
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
  /** The register's records; only the child's presences at the activity within the period count. */
  readonly records: ReadonlyArray<AttendanceRecord>
  readonly issuedOn: LocalDate.LocalDate
  readonly settings: GeneratedDocumentSettings
}

/**
 * The data of an attendance certificate: the days on which the register recorded the child
 * present at the activity within the period (a day with several sessions counts once), by month,
 * signed by the service.
 */
export function attendanceCertificateDocument(input: AttendanceCertificateInput): AttendanceCertificateDocument {
  const { child, activity, from, to } = input
  const days = [
    ...new Set(
      input.records
        .filter((r) => r.childId === child.id && r.activityId === activity.id && r.status === "present" && r.date >= from && r.date <= to)
        .map((r) => r.date)
    )
  ].sort()
  const byMonth = new Map<BillingMonth, Array<LocalDate.LocalDate>>()
  for (const day of days) {
    const month = billingMonthOf(day)
    const list = byMonth.get(month)
    if (list) list.push(day)
    else byMonth.set(month, [day])
  }
  const fromText = dateText(from)
  const toText = dateText(to)
  const periodText = `du ${fromText.text} au ${toText.text}`
  const birthDate = dateText(child.birthDate)
  return {
    kind: "attendanceCertificate",
    title: "Attestation de présence",
    fileName: `attestation-presence-${fileNamePart(child.fullName)}-${from}-${to}`,
    issuer: issuerView(input.settings),
    addressee: addresseeView(input.household),
    child: { name: child.fullName, birthDate },
    activityName: activity.name,
    period: { from: fromText, to: toText, text: periodText },
    months: [...byMonth.entries()].map(([month, list]) => ({
      month,
      text: formatBillingMonthFr(month),
      days: list.map(dateText),
      count: list.length
    })),
    dayCount: days.length,
    statement:
      days.length === 0
        ? `Le ${input.settings.town.serviceName} de ${input.settings.town.townName} atteste que ${child.fullName}, né(e) le ${birthDate.text}, n'a été accueilli(e) à « ${activity.name} » aucun jour ${periodText}.`
        : `Le ${input.settings.town.serviceName} de ${input.settings.town.townName} atteste que ${child.fullName}, né(e) le ${birthDate.text}, a été accueilli(e) à « ${activity.name} » ${periodText} : ${daysText(days.length)} de présence.`,
    issuedOn: dateText(input.issuedOn),
    signature: signatureView(input.settings)
  }
}
