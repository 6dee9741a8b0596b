import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Activity, Eligibility } from "../../../src/activity/Activity.js"
import { BookingPolicy, BookingWindow, Deadline, WindowPhase } from "../../../src/activity/BookingPolicy.js"
import { AttendanceRecord } from "../../../src/attendance/AttendanceRecord.js"
import { unsafeBillingMonth } from "../../../src/billing/BillingMonth.js"
import { billingRuleLabel } from "../../../src/billing/BillingRules.js"
import { CreditNote, CreditNoteLine, creditNoteTotal } from "../../../src/billing/CreditNote.js"
import { BilledRule, Invoice, InvoiceLine, invoiceTotal } from "../../../src/billing/Invoice.js"
import { Enrollment } from "../../../src/enrollment/Enrollment.js"
import { Adult, Child, Household } from "../../../src/household/Household.js"
import { QuotientRecord } from "../../../src/household/QuotientFamilial.js"
import { householdAccount } from "../../../src/payment/HouseholdAccount.js"
import { Payment } from "../../../src/payment/Payment.js"
import * as Cents from "../../../src/shared/Cents.js"
import {
  ActivityId,
  CreditNoteId,
  EnrollmentId,
  HouseholdId,
  InvoiceId,
  MemberId,
  PaymentId,
  QuotientRecordId,
  RegieId,
  SessionId,
  TariffGridId
} from "../../../src/shared/Ids.js"
import * as Instant from "../../../src/shared/Instant.js"
import * as LocalDate from "../../../src/shared/LocalDate.js"
import * as ParisTime from "../../../src/shared/ParisTime.js"
import { attendanceCertificateDocument } from "../../../src/document/generated/AttendanceCertificate.js"
import { childcareAttestationDocument, childcarePaidAmounts, countsForChildcare } from "../../../src/document/generated/ChildcareAttestation.js"
import { creditNoteDocument } from "../../../src/document/generated/CreditNoteDocument.js"
import { GeneratedDocumentSettings, RegieDetails, TownIdentity } from "../../../src/document/generated/DocumentSettings.js"
import { GeneratedDocument } from "../../../src/document/generated/GeneratedDocument.js"
import { holidayBookingCalendarDocument } from "../../../src/document/generated/HolidayBookingCalendar.js"
import { householdSummaryDocument } from "../../../src/document/generated/HouseholdSummary.js"
import { invoiceDocument } from "../../../src/document/generated/InvoiceDocument.js"

const d = LocalDate.unsafe
const hh = HouseholdId.make("hh-concerto")

const settings = GeneratedDocumentSettings.make({
  town: TownIdentity.make({
    townName: "Saint-Pierre-lès-Elbeuf",
    serviceName: "Service à la Population",
    addressLines: ["Place François Mitterrand", "76 320 Saint-Pierre-lès-Elbeuf"],
    phone: "02 32 96 94 51",
    email: "servicepopulation@pierrotin.fr",
    hours: ["du lundi au jeudi : 8h30 - 12h | 13h30 - 17h"],
    portalUrl: "https://www.espace-citoyens.net/saint-pierre-les-elbeuf"
  })
})

const regie = RegieDetails.make({
  id: RegieId.make("regie-enfance"),
  name: "Régie enfance-jeunesse",
  addressLines: ["Hôtel de Ville, Place François Mitterrand", "76 320 Saint-Pierre-lès-Elbeuf"],
  counterHours: ["du lundi au vendredi, 8h30 - 12h"]
})

const children = [
  { id: "c-lea", firstName: "Léa", birthDate: "2017-05-12" },
  { id: "c-hugo", firstName: "Hugo", birthDate: "2021-11-03" },
  { id: "c-zoe", firstName: "Zoé", birthDate: "2020-01-01" },
  { id: "c-noe", firstName: "Noé", birthDate: "2026-02-14" }
] as const

const household = Household.make({
  id: hh,
  reference: "FAM-000042",
  familyName: "Concerto",
  address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
  contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] },
  residency: "resident",
  adults: [Adult.make({ id: MemberId.make("a-anne"), firstName: "Anne", lastName: "Concerto", relationship: "Mère", isPayer: true })],
  children: children.map((c) =>
    Child.make({ id: MemberId.make(c.id), firstName: c.firstName, lastName: "Concerto", birthDate: d(c.birthDate), aeeh: false })
  )
})

const policy = BookingPolicy.make({
  bookingDeadline: Deadline.make({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("18:00") }),
  cancellationDeadline: Deadline.make({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("18:00") }),
  windows: [],
  wholeWeekOnly: false,
  waitlist: { _tag: "BookAtOnce" }
})

const activityOf = (id: string, kind: Activity["kind"], name: string, bookingPolicy = policy): Activity =>
  Activity.make({
    id: ActivityId.make(id),
    kind,
    name,
    enrollmentFamily: "periscolaire",
    eligibility: Eligibility.make({}),
    capacity: 30,
    ageGroups: [],
    slots: [],
    tariffGridId: TariffGridId.make(`grid-${id}`),
    bookingPolicy
  })

const activities = [
  activityOf("cantine", "canteen", "Restauration scolaire"),
  activityOf("soir", "evening", "Accueil du soir"),
  activityOf("alsh", "holiday", "Accueil de loisirs")
] as const

const lineOf = (childIndex: number, activityIndex: number, date: LocalDate.LocalDate, amount: number): InvoiceLine => {
  const child = children[childIndex % children.length] ?? children[0]
  const activity = activities[activityIndex % activities.length] ?? activities[0]
  return InvoiceLine.make({
    childId: MemberId.make(child.id),
    childName: child.firstName,
    activityId: activity.id,
    activityName: activity.name,
    sessionId: SessionId.make(`${activity.id}-${date}`),
    date,
    rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
    amount: Cents.cents(amount),
    pricing: { amount, lines: [`Tranche « B » : ${Cents.formatEuros(Cents.cents(amount))}`], summary: "tranche B" }
  })
}

const invoiceOf = (n: number, month: string, lines: ReadonlyArray<InvoiceLine>): Invoice =>
  Invoice.make({
    id: InvoiceId.make(`inv-${n}`),
    number: `F-${month.slice(0, 4)}-${String(n).padStart(6, "0")}`,
    regieId: regie.id,
    householdId: hh,
    period: unsafeBillingMonth(month),
    issuedOn: LocalDate.addDays(LocalDate.lastOfMonth(d(`${month}-01`)), 1),
    dueOn: LocalDate.addDays(LocalDate.lastOfMonth(d(`${month}-01`)), 31),
    lines: lines as [InvoiceLine, ...Array<InvoiceLine>]
  })

const paymentOf = (n: number, amount: number, receivedAt: string, invoiceIds: ReadonlyArray<string> = []): Payment =>
  Payment.make({
    id: PaymentId.make(`pay-${n}`),
    householdId: hh,
    amount: Cents.cents(amount),
    method: "card",
    receivedAt: Instant.unsafe(receivedAt),
    idempotencyKey: `op-${n}`,
    invoiceIds: invoiceIds.map((i) => InvoiceId.make(i))
  })

/** Every `{ cents, text }` pair anywhere in a document. */
function amountsIn(value: unknown): Array<{ cents: number; text: string }> {
  if (Array.isArray(value)) return value.flatMap(amountsIn)
  if (value === null || typeof value !== "object") return []
  const record = value as Record<string, unknown>
  const own = typeof record["cents"] === "number" && typeof record["text"] === "string" ? [{ cents: record["cents"], text: record["text"] }] : []
  return [...own, ...Object.values(record).flatMap(amountsIn)]
}

const jsonRoundTrip = (doc: GeneratedDocument): unknown =>
  Schema.decodeUnknownSync(GeneratedDocument)(JSON.parse(JSON.stringify(Schema.encodeSync(GeneratedDocument)(doc))))

const monthLineArbitrary = (month: string) =>
  fc
    .tuple(fc.nat(3), fc.nat(2), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 250_000 }))
    .map(([c, a, day, amount]) => lineOf(c, a, d(`${month}-${String(day).padStart(2, "0")}`), amount))

const invoiceLinesArbitrary = fc.uniqueArray(monthLineArbitrary("2026-03"), {
  minLength: 1,
  maxLength: 40,
  selector: (l) => `${l.sessionId}/${l.childId}`
})

describe("invoice document", () => {
  test.prop([invoiceLinesArbitrary])("its total is the invoice's total and the sum of its groups", (lines) => {
    const invoice = invoiceOf(1, "2026-03", lines)
    const doc = invoiceDocument(invoice, household, regie, settings)
    expect(doc.total.cents).toBe(invoiceTotal(invoice))
    expect(Cents.sum(doc.groups.map((g) => g.subtotal.cents))).toBe(doc.total.cents)
    for (const group of doc.groups) expect(Cents.sum(group.lines.map((l) => l.amount.cents))).toBe(group.subtotal.cents)
    expect(doc.groups.reduce((n, g) => n + g.lineCount, 0)).toBe(lines.length)
    expect(doc.remaining.cents).toBe(doc.total.cents)
  })

  test.prop([invoiceLinesArbitrary, fc.array(fc.integer({ min: 1, max: 300_000 }), { maxLength: 3 })])(
    "every amount string is Cents.formatEuros of its cents, and the data survives JSON",
    (lines, paid) => {
      const invoice = invoiceOf(1, "2026-03", lines)
      const payments = paid.map((amount, i) => paymentOf(i, amount, `2026-04-0${i + 1}T10:00:00Z`))
      const account = householdAccount([invoice], [], payments)
      const doc = invoiceDocument(invoice, household, regie, settings, account)
      const amounts = amountsIn(doc)
      expect(amounts.length).toBeGreaterThan(4)
      for (const a of amounts) expect(a.text).toBe(Cents.formatEuros(Cents.cents(a.cents)))
      expect(doc.paid.cents + doc.remaining.cents).toBe(doc.total.cents)
      expect(jsonRoundTrip(doc)).toEqual(doc)
    }
  )

  it("shows the régie, the payer, the explanation and how to pay", () => {
    const invoice = invoiceOf(123, "2026-03", [lineOf(0, 0, d("2026-03-04"), 350), lineOf(0, 1, d("2026-03-05"), 180)])
    const doc = invoiceDocument(invoice, household, regie, settings)
    expect(doc.issuer.regieName).toBe("Régie enfance-jeunesse")
    expect(doc.addressee).toMatchObject({ householdReference: "FAM-000042", name: "Anne Concerto" })
    expect(doc.dueOn.text).toBe("vendredi 1er mai 2026")
    expect(doc.groups[0]?.lines[0]?.explanation).toEqual(["Tranche « B » : 3,50 €"])
    expect(doc.status).toEqual({ code: "issued", label: "À payer" })
    expect(doc.howToPay.map((h) => h.method)).toEqual(["card", "directDebit", "counter", "cheque"])
    expect(doc.howToPay.find((h) => h.method === "cheque")?.text).toContain("Trésor public")
    expect(doc.fileName).toBe("facture-f-2026-000123")
    const paidDoc = invoiceDocument(invoice, household, regie, settings, householdAccount([invoice], [], [paymentOf(1, 530, "2026-04-02T10:00:00Z")]))
    expect(paidDoc.status.code).toBe("paid")
    expect(paidDoc.howToPay).toEqual([])
  })
})

describe("credit note document", () => {
  it("names the invoice, the reason, and totals its lines", () => {
    const invoice = invoiceOf(1, "2026-03", [lineOf(0, 0, d("2026-03-04"), 350), lineOf(1, 1, d("2026-03-05"), 180)])
    const note = CreditNote.make({
      id: CreditNoteId.make("avoir-1"),
      number: "A-2026-000007",
      regieId: regie.id,
      householdId: hh,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      period: invoice.period,
      issuedOn: d("2026-04-15"),
      reason: "Absence justifiée par certificat médical",
      lines: invoice.lines.map((l) => CreditNoteLine.make({ ...l, rule: BilledRule.make({ code: "absent-justified", label: billingRuleLabel("absent-justified") }) })) as [CreditNoteLine, ...Array<CreditNoteLine>]
    })
    const doc = creditNoteDocument(note, household, regie, settings)
    expect(doc.invoiceNumber).toBe("F-2026-000001")
    expect(doc.total.cents).toBe(creditNoteTotal(note))
    expect(Cents.sum(doc.groups.map((g) => g.subtotal.cents))).toBe(530)
    for (const a of amountsIn(doc)) expect(a.text).toBe(Cents.formatEuros(Cents.cents(a.cents)))
    expect(jsonRoundTrip(doc)).toEqual(doc)
  })
})

const yearLineArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.nat(3), fc.nat(2), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 5_000 }))
  .map(([month, c, a, day, amount]) => lineOf(c, a, LocalDate.of(2026, month, day), amount))

const yearArbitrary = fc.record({
  lines: fc.uniqueArray(yearLineArbitrary, { minLength: 1, maxLength: 40, selector: (l) => `${l.sessionId}/${l.childId}` }),
  payments: fc.array(
    fc.record({ amount: fc.integer({ min: 1, max: 20_000 }), day: fc.integer({ min: 0, max: 500 }), named: fc.boolean() }),
    { maxLength: 8 }
  ),
  credit: fc.boolean()
})

function accountOfYear(input: { lines: ReadonlyArray<InvoiceLine>; payments: ReadonlyArray<{ amount: number; day: number; named: boolean }>; credit: boolean }) {
  const byMonth = new Map<string, Array<InvoiceLine>>()
  for (const line of input.lines) byMonth.set(line.date.slice(0, 7), [...(byMonth.get(line.date.slice(0, 7)) ?? []), line])
  const invoices = [...byMonth.entries()].sort().map(([month, lines], i) => invoiceOf(i + 1, month, lines))
  const creditNotes = input.credit && invoices[0] !== undefined
    ? [CreditNote.make({
        id: CreditNoteId.make("avoir-1"),
        number: "A-2026-000001",
        regieId: regie.id,
        householdId: hh,
        invoiceId: invoices[0].id,
        invoiceNumber: invoices[0].number,
        period: invoices[0].period,
        issuedOn: d("2026-06-01"),
        reason: "Correction",
        lines: [CreditNoteLine.make({ ...invoices[0].lines[0], amount: Cents.cents(Math.floor(invoices[0].lines[0].amount / 2)) })]
      })]
    : []
  const payments = input.payments.map((p, i) =>
    paymentOf(i, p.amount, `${LocalDate.addDays(d("2026-01-15"), p.day)}T10:00:00Z`, p.named && invoices[i % invoices.length] ? [`inv-${(i % invoices.length) + 1}`] : [])
  )
  return { invoices, creditNotes, payments }
}

describe("childcare-expense attestation", () => {
  test.prop([yearArbitrary])(
    "counts only children under 6 on 1 January, only care (no canteen), and only amounts paid in the year",
    (input) => {
      const { invoices, creditNotes, payments } = accountOfYear(input)
      const attestation = { year: 2026, household, invoices, creditNotes, payments, activities, regie, issuedOn: d("2027-01-15"), settings }
      const amounts = childcarePaidAmounts(attestation)
      const doc = childcareAttestationDocument(attestation)
      for (const a of amounts) {
        const child = household.children.find((c) => c.id === a.childId)
        expect(child && countsForChildcare(child, 2026, 6)).toBe(true)
        expect(a.activityId).not.toBe("cantine")
      }
      expect(doc.children.map((c) => c.name)).not.toContain("Léa Concerto")
      expect(doc.children.map((c) => c.name)).not.toContain("Zoé Concerto")
      const account = householdAccount(invoices, creditNotes, payments)
      const paidIn2026 = new Set(payments.filter((p) => p.receivedAt < "2027-01-01").map((p) => p.id))
      const paidToYearInvoices = Cents.sum(account.allocations.filter((a) => paidIn2026.has(a.paymentId)).map((a) => a.amount))
      expect(doc.total.cents).toBeLessThanOrEqual(paidToYearInvoices)
      expect(doc.total.cents).toBe(Cents.sum(amounts.map((a) => a.amount)))
      for (const a of amountsIn(doc)) expect(a.text).toBe(Cents.formatEuros(Cents.cents(a.cents)))
      for (const a of amounts) {
        const billed = Cents.sum(invoices.flatMap((i) => i.lines).filter((l) => l.childId === a.childId && l.activityId === a.activityId).map((l) => l.amount))
        expect(a.amount).toBeLessThanOrEqual(billed)
      }
    }
  )

  test.prop([fc.uniqueArray(yearLineArbitrary, { minLength: 1, maxLength: 30, selector: (l) => `${l.sessionId}/${l.childId}` })])(
    "attests every eligible line when everything is paid in the year",
    (lines) => {
      const { invoices } = accountOfYear({ lines, payments: [], credit: false })
      const total = Cents.sum(invoices.map(invoiceTotal))
      const payments = [paymentOf(1, total, "2026-12-31T22:59:00Z")]
      const doc = childcareAttestationDocument({ year: 2026, household, invoices, creditNotes: [], payments, activities, regie, issuedOn: d("2027-01-15"), settings })
      const eligible = Cents.sum(lines.filter((l) => ["c-hugo", "c-noe"].includes(l.childId) && l.activityId !== "cantine").map((l) => l.amount))
      expect(doc.total.cents).toBe(eligible)
      const nextYear = childcareAttestationDocument({ year: 2026, household, invoices, creditNotes: [], payments: [paymentOf(1, total, "2026-12-31T23:00:00Z")], activities, regie, issuedOn: d("2027-01-15"), settings })
      expect(nextYear.total.cents).toBe(0)
    }
  )

  it("follows the town's excluded kinds and age limit, and survives JSON", () => {
    const lines = [lineOf(1, 0, d("2026-03-02"), 400), lineOf(1, 1, d("2026-03-02"), 200), lineOf(2, 2, d("2026-04-14"), 1500)]
    const { invoices } = accountOfYear({ lines, payments: [], credit: false })
    const payments = [paymentOf(1, 2100, "2026-05-10T10:00:00Z")]
    const base = { year: 2026, household, invoices, creditNotes: [], payments, activities, regie, issuedOn: d("2027-01-15") }
    expect(childcareAttestationDocument({ ...base, settings }).total.cents).toBe(200)
    const meals = GeneratedDocumentSettings.make({ ...settings, childcareExcludedKinds: [], childcareAgeLimit: 7 })
    const doc = childcareAttestationDocument({ ...base, settings: meals })
    expect(doc.total.cents).toBe(2100)
    expect(doc.children.map((c) => c.name)).toEqual(["Hugo Concerto", "Zoé Concerto"])
    expect(doc.statement).toContain("21,00 €")
    expect(jsonRoundTrip(doc)).toEqual(doc)
  })
})

describe("attendance certificate", () => {
  it("counts the days the child was present at the activity within the period, once each", () => {
    const record = (date: string, status: "present" | "absent", activityId = "alsh", childId = "c-hugo") =>
      AttendanceRecord.make({
        sessionId: SessionId.make(`${activityId}-${date}-${status}`),
        activityId: ActivityId.make(activityId),
        date: d(date),
        childId: MemberId.make(childId),
        householdId: hh,
        status,
        recordedAt: Instant.unsafe(`${date}T16:00:00Z`)
      })
    const records = [
      record("2026-04-06", "present"), record("2026-04-06", "present"), record("2026-04-07", "absent"),
      record("2026-04-08", "present"), record("2026-05-04", "present"), record("2026-04-09", "present", "soir"),
      record("2026-04-10", "present", "alsh", "c-lea"), record("2026-06-01", "present")
    ]
    const child = household.children[1]
    if (child === undefined) throw new Error("fixture")
    const doc = attendanceCertificateDocument({
      household, child, activity: activities[2], from: d("2026-04-01"), to: d("2026-05-31"), records, issuedOn: d("2026-06-10"), settings
    })
    expect(doc.dayCount).toBe(3)
    expect(doc.months.map((m) => [m.text, m.count])).toEqual([["avril 2026", 2], ["mai 2026", 1]])
    expect(doc.statement).toContain("3 jours de présence")
    expect(doc.signature.title).toContain("Service à la Population")
    expect(jsonRoundTrip(doc)).toEqual(doc)
  })
})

describe("holiday booking calendar", () => {
  it("lists each holiday period of the school year with its phases and closing date", () => {
    const window = (label: string, start: string, end: string, residents: string, everyone: string, closes: string) =>
      BookingWindow.make({
        label,
        periodStart: d(start),
        periodEnd: d(end),
        phases: [
          WindowPhase.make({ opensAt: Instant.unsafe(everyone), audience: "everyone" }),
          WindowPhase.make({ opensAt: Instant.unsafe(residents), audience: "residents" })
        ],
        closesAt: Instant.unsafe(closes)
      })
    const holidays = activityOf("alsh", "holiday", "Accueil de loisirs", BookingPolicy.make({
      ...policy,
      wholeWeekOnly: true,
      windows: [
        window("Vacances de printemps 2026", "2026-04-04", "2026-04-19", "2026-03-02T07:00:00Z", "2026-03-09T07:00:00Z", "2026-03-27T17:00:00Z"),
        window("Vacances d'hiver 2026", "2026-02-07", "2026-02-22", "2026-01-05T07:00:00Z", "2026-01-12T07:00:00Z", "2026-01-30T17:00:00Z"),
        window("Vacances d'automne 2026", "2026-10-17", "2026-11-01", "2026-09-14T06:00:00Z", "2026-09-21T06:00:00Z", "2026-10-09T16:00:00Z")
      ]
    }))
    const doc = holidayBookingCalendarDocument({ schoolYear: "2025-2026", activities: [activities[0], holidays], issuedOn: d("2025-12-01"), settings })
    expect(doc.periods.map((p) => p.label)).toEqual(["Vacances d'hiver 2026", "Vacances de printemps 2026"])
    const spring = doc.periods[1]?.windows[0]
    expect(spring?.phases.map((p) => p.text)).toEqual([
      "Familles habitant Saint-Pierre-lès-Elbeuf : à partir du lundi 2 mars 2026 à 08:00",
      "Toutes les familles : à partir du lundi 9 mars 2026 à 08:00"
    ])
    expect(spring?.closesAt.text).toBe("vendredi 27 mars 2026 à 18:00")
    expect(doc.deadlines).toEqual([
      { activityName: "Restauration scolaire", text: "Réservation et annulation jusqu'à 2 jours avant la séance, à 18:00." }
    ])
    expect(jsonRoundTrip(doc)).toEqual(doc)
  })
})

describe("household summary", () => {
  it("shows members, contact, the QF of the day with its source, enrollments and balance", () => {
    const qf = QuotientRecord.make({
      id: QuotientRecordId.make("qf-1"),
      householdId: hh,
      qf: 750,
      source: { _tag: "CafNumber", cafNumber: "1234567" },
      validFrom: d("2026-01-01"),
      validTo: d("2026-12-31"),
      review: { _tag: "Validated", at: Instant.unsafe("2026-01-10T09:00:00Z"), by: "agent" },
      submittedAt: Instant.unsafe("2026-01-08T09:00:00Z")
    })
    const enrollment = Enrollment.make({
      id: EnrollmentId.make("enr-1"),
      childId: MemberId.make("c-hugo"),
      householdId: hh,
      schoolYear: "2025-2026",
      enrollmentFamily: "periscolaire",
      requestedAt: Instant.unsafe("2025-06-10T09:00:00Z"),
      status: { _tag: "Accepted", decidedAt: Instant.unsafe("2025-06-20T09:00:00Z") }
    })
    const invoice = invoiceOf(1, "2026-03", [lineOf(1, 1, d("2026-03-05"), 1234)])
    const doc = householdSummaryDocument({
      household, quotients: [qf], on: d("2026-03-20"), enrollments: [enrollment], account: householdAccount([invoice], [], []), settings
    })
    expect(doc.quotient).toMatchObject({ known: true, qf: 750 })
    expect(doc.quotient.source).toContain("CAF")
    expect(doc.children.map((c) => c.age)).toEqual([8, 4, 6, 0])
    expect(doc.enrollments).toEqual([{ childName: "Hugo Concerto", schoolYear: "2025-2026", enrollmentFamily: "periscolaire", status: "Acceptée" }])
    expect(doc.balance?.text).toBe("Reste à payer : 12,34 €.")
    expect(jsonRoundTrip(doc)).toEqual(doc)
    const without = householdSummaryDocument({ household, quotients: [qf], on: d("2027-01-02"), settings })
    expect(without.quotient.known).toBe(false)
    expect(without.balance).toBeUndefined()
  })
})
