import {
  ActivityId,
  BillableAbsence,
  BillableCancellation,
  BillableFact,
  BilledRule,
  billingRuleLabel,
  Cents,
  CreditNote,
  CreditNoteId,
  CreditNoteLine,
  HouseholdId,
  Invoice,
  InvoiceId,
  InvoiceLine,
  Instant,
  LocalDate,
  MemberId,
  RegieId,
  SessionId,
  unsafeBillingMonth
} from "@spe/core"
import { fc } from "@fast-check/vitest"

const d = LocalDate.unsafe

/** A line billing Léa's canteen on Wednesday 4 March 2026 at €3.50, unless told otherwise. */
export function anInvoiceLine(overrides: Partial<ConstructorParameters<typeof InvoiceLine>[0]> = {}): InvoiceLine {
  return InvoiceLine.make({
    childId: MemberId.make("child-lea"),
    childName: "Léa",
    activityId: ActivityId.make("canteen"),
    activityName: "Restauration scolaire",
    sessionId: SessionId.make("canteen-2026-03-04"),
    date: d("2026-03-04"),
    rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
    amount: Cents.cents(350),
    pricing: { summary: "3,50 € : tranche « B » pour un QF de 700 €." },
    ...overrides
  })
}

/** Invoice F-2026-000001 of household `hh-1` for March 2026, one line, unless told otherwise. */
export function anInvoice(overrides: Partial<ConstructorParameters<typeof Invoice>[0]> = {}): Invoice {
  return Invoice.make({
    id: InvoiceId.make("inv-1"),
    number: "F-2026-000001",
    regieId: RegieId.make("regie-enfance"),
    householdId: HouseholdId.make("hh-1"),
    period: unsafeBillingMonth("2026-03"),
    issuedOn: d("2026-04-01"),
    dueOn: d("2026-05-01"),
    lines: [anInvoiceLine()],
    ...overrides
  })
}

/** A credit note withdrawing `amount` from the first line of `invoice`. */
export function aCreditNote(invoice: Invoice, overrides: Partial<ConstructorParameters<typeof CreditNote>[0]> = {}, amount?: number): CreditNote {
  const line = invoice.lines[0]
  return CreditNote.make({
    id: CreditNoteId.make(`avoir-${invoice.id}`),
    number: "A-2026-000001",
    regieId: invoice.regieId,
    householdId: invoice.householdId,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    period: invoice.period,
    issuedOn: d("2026-04-15"),
    reason: "Absence justifiée par certificat médical",
    lines: [
      CreditNoteLine.make({
        childId: line.childId,
        childName: line.childName,
        activityId: line.activityId,
        activityName: line.activityName,
        sessionId: line.sessionId,
        date: line.date,
        rule: BilledRule.make({ code: "absent-justified", label: billingRuleLabel("absent-justified") }),
        amount: Cents.cents(amount ?? line.amount)
      })
    ],
    ...overrides
  })
}

/** The children of the generated month: two households, three children. */
export const billingChildren = [
  { householdId: HouseholdId.make("hh-martin"), childId: MemberId.make("child-lea"), childName: "Léa" },
  { householdId: HouseholdId.make("hh-martin"), childId: MemberId.make("child-hugo"), childName: "Hugo" },
  { householdId: HouseholdId.make("hh-diallo"), childId: MemberId.make("child-awa"), childName: "Awa" }
] as const

/** School days of March 2026 on which the generated canteen sessions fall. */
export const billingSessionDates = ["2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"].map(d)

/** What may happen to a child on a session, as the billing table reads it. */
export const billableSituationArbitrary = fc.record({
  booked: fc.boolean(),
  cancelled: fc.option(fc.boolean(), { nil: undefined }),
  attendance: fc.constantFrom("present" as const, "absent" as const, "unrecorded" as const),
  absence: fc.option(fc.record({ justified: fc.boolean(), carence: fc.boolean() }), { nil: undefined })
})
export type BillableSituation = typeof billableSituationArbitrary extends fc.Arbitrary<infer A> ? A : never

/** The fact of one child on the canteen session of one date, in a given situation. */
export function billableFactOf(
  child: (typeof billingChildren)[number],
  date: LocalDate.LocalDate,
  situation: BillableSituation
): BillableFact {
  return BillableFact.make({
    householdId: child.householdId,
    childId: child.childId,
    childName: child.childName,
    activityId: ActivityId.make("canteen"),
    activityName: "Restauration scolaire",
    sessionId: SessionId.make(`canteen-${date}`),
    date,
    booked: situation.booked,
    ...(situation.cancelled === undefined || !situation.booked
      ? {}
      : { cancelled: BillableCancellation.make({ at: Instant.unsafe("2026-03-01T10:00:00Z"), late: situation.cancelled }) }),
    attendance: situation.attendance,
    ...(situation.absence === undefined ? {} : { absence: BillableAbsence.make(situation.absence) })
  })
}

/** A month of facts: each child × date in some situation (some pairs may be missing). */
export const billableMonthArbitrary: fc.Arbitrary<ReadonlyArray<BillableFact>> = fc
  .array(fc.option(billableSituationArbitrary, { nil: undefined }), {
    minLength: billingChildren.length * billingSessionDates.length,
    maxLength: billingChildren.length * billingSessionDates.length
  })
  .map((situations) =>
    billingChildren.flatMap((child, c) =>
      billingSessionDates.flatMap((date, s) => {
        const situation = situations[c * billingSessionDates.length + s]
        return situation === undefined ? [] : [billableFactOf(child, date, situation)]
      })
    )
  )
