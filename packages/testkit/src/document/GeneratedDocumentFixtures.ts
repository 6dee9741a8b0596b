import {
  Activity,
  ActivityId,
  Adult,
  AttendanceRecord,
  attendanceCertificateDocument,
  BilledRule,
  billingRuleLabel,
  BookingPolicy,
  BookingWindow,
  Cents,
  Child,
  childcareAttestationDocument,
  CreditNote,
  CreditNoteId,
  CreditNoteLine,
  creditNoteDocument,
  Deadline,
  Eligibility,
  Enrollment,
  EnrollmentId,
  GeneratedDocumentSettings,
  type GeneratedDocumentModels,
  holidayBookingCalendarDocument,
  Household,
  type HouseholdAccount,
  householdAccount,
  HouseholdId,
  householdSummaryDocument,
  Instant,
  Invoice,
  invoiceDocument,
  InvoiceId,
  InvoiceLine,
  LocalDate,
  MemberId,
  ParisTime,
  Payment,
  PaymentId,
  PriceExplanation,
  type PricingExplanation,
  priceSession,
  QuotientRecord,
  QuotientRecordId,
  RegieDetails,
  RegieId,
  SessionId,
  TariffGrid,
  TariffGridId,
  TownIdentity,
  unsafeBillingMonth,
  WindowPhase
} from "@spe/core"
import { Schema } from "effect"

const d = LocalDate.unsafe

/** The seed town's identity and help block (Saint-Pierre-lès-Elbeuf, Service à la Population), fields replaced as given. */
export function aTownIdentity(overrides: Partial<ConstructorParameters<typeof TownIdentity>[0]> = {}): TownIdentity {
  return TownIdentity.make({
    townName: "Saint-Pierre-lès-Elbeuf",
    serviceName: "Service à la Population",
    addressLines: ["Place François Mitterrand", "76 320 Saint-Pierre-lès-Elbeuf"],
    phone: "02 32 96 94 51",
    email: "servicepopulation@pierrotin.fr",
    hours: [
      "du lundi au jeudi : 8h30 - 12h | 13h30 - 17h",
      "le vendredi : 8h30 - 12h30 | 13h30 - 16h",
      "le samedi (hors vacances) : 10h - 12h"
    ],
    portalUrl: "https://www.espace-citoyens.net/saint-pierre-les-elbeuf",
    website: "https://www.ville-de-saint-pierre-les-elbeuf.fr",
    ...overrides
  })
}

/** The seed town's document settings: its identity, the four usual ways to pay, cheques to the Trésor public. */
export function aDocumentSettings(overrides: Partial<ConstructorParameters<typeof GeneratedDocumentSettings>[0]> = {}): GeneratedDocumentSettings {
  return GeneratedDocumentSettings.make({ town: aTownIdentity(), ...overrides })
}

/** The seed town's régie for childhood services, at the town hall. */
export function aRegie(overrides: Partial<ConstructorParameters<typeof RegieDetails>[0]> = {}): RegieDetails {
  return RegieDetails.make({
    id: RegieId.make("regie-enfance"),
    name: "Régie enfance-jeunesse",
    addressLines: ["Hôtel de Ville, Service à la Population", "Place François Mitterrand", "76 320 Saint-Pierre-lès-Elbeuf"],
    phone: "02 32 96 94 51",
    email: "servicepopulation@pierrotin.fr",
    counterHours: ["du lundi au jeudi : 8h30 - 12h | 13h30 - 17h", "le vendredi : 8h30 - 12h30 | 13h30 - 16h"],
    ...overrides
  })
}

/** The names a sample may carry instead of the usual ones (to check escaping, for instance). */
export interface GeneratedDocumentSampleOptions {
  readonly familyName?: string
  readonly childFirstName?: string
  /** How many school days of March 2026 the invoice bills (each with canteen and evening lines); 10 by default. */
  readonly days?: number
}

/** One model of each kind of generated document, and what they were built from. */
export interface GeneratedDocumentSamples {
  readonly models: GeneratedDocumentModels
  readonly household: Household
  readonly invoice: Invoice
  readonly creditNote: CreditNote
  readonly payments: ReadonlyArray<Payment>
  readonly account: HouseholdAccount
  readonly activities: ReadonlyArray<Activity>
  readonly settings: GeneratedDocumentSettings
  readonly regie: RegieDetails
}

const deadline = Deadline.make({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("18:00") })
const schoolDayPolicy = BookingPolicy.make({
  bookingDeadline: deadline,
  cancellationDeadline: deadline,
  windows: [],
  wholeWeekOnly: false,
  waitlist: { _tag: "BookAtOnce" }
})

const holidayWindow = (label: string, start: string, end: string, residents: string, everyone: string, closes: string) =>
  BookingWindow.make({
    label,
    periodStart: d(start),
    periodEnd: d(end),
    phases: [
      WindowPhase.make({ opensAt: Instant.unsafe(residents), audience: "residents" }),
      WindowPhase.make({ opensAt: Instant.unsafe(everyone), audience: "everyone" })
    ],
    closesAt: Instant.unsafe(closes)
  })

const activityOf = (id: string, kind: Activity["kind"], name: string, family: string, policy: BookingPolicy): Activity =>
  Activity.make({
    id: ActivityId.make(id),
    kind,
    name,
    enrollmentFamily: family,
    eligibility: Eligibility.make({}),
    capacity: 40,
    ageGroups: [],
    slots: [],
    tariffGridId: TariffGridId.make(`grille-${id}`),
    bookingPolicy: policy
  })

/** The seed town's activities: canteen, evening care, Wednesdays, and the holiday centre with its 2025-2026 windows. */
export function sampleActivities(): ReadonlyArray<Activity> {
  return [
    activityOf("cantine", "canteen", "Restauration scolaire", "restauration", schoolDayPolicy),
    activityOf("soir", "evening", "Accueil périscolaire du soir", "periscolaire", schoolDayPolicy),
    activityOf("mercredi", "wednesday", "Accueil du mercredi", "periscolaire", schoolDayPolicy),
    activityOf(
      "alsh",
      "holiday",
      "Accueil de loisirs des vacances",
      "extrascolaire",
      BookingPolicy.make({
        bookingDeadline: Deadline.make({ daysBefore: 3, counting: "working", at: ParisTime.timeOfDay("12:00") }),
        cancellationDeadline: Deadline.make({ daysBefore: 3, counting: "working", at: ParisTime.timeOfDay("12:00") }),
        windows: [
          holidayWindow("Vacances d'automne 2025", "2025-10-18", "2025-11-02", "2025-09-15T06:00:00Z", "2025-09-22T06:00:00Z", "2025-10-10T16:00:00Z"),
          holidayWindow("Vacances de Noël 2025", "2025-12-20", "2026-01-04", "2025-11-17T07:00:00Z", "2025-11-24T07:00:00Z", "2025-12-12T17:00:00Z"),
          holidayWindow("Vacances d'hiver 2026", "2026-02-14", "2026-03-01", "2026-01-12T07:00:00Z", "2026-01-19T07:00:00Z", "2026-02-06T17:00:00Z"),
          holidayWindow("Vacances de printemps 2026", "2026-04-11", "2026-04-26", "2026-03-09T07:00:00Z", "2026-03-16T07:00:00Z", "2026-04-03T16:00:00Z"),
          holidayWindow("Vacances d'été 2026", "2026-07-04", "2026-08-31", "2026-05-18T06:00:00Z", "2026-05-26T06:00:00Z", "2026-06-19T16:00:00Z")
        ],
        wholeWeekOnly: true,
        waitlist: { _tag: "Offer", validHours: 48 }
      })
    )
  ]
}

const canteenGrid = TariffGrid.make({
  id: TariffGridId.make("grille-cantine"),
  label: "Restauration scolaire 2025-2026",
  activityIds: [ActivityId.make("cantine")],
  schoolYear: "2025-2026",
  mode: {
    _tag: "Bands",
    bands: [
      { label: "T1", fromQf: 0, toQf: 600, price: Cents.cents(100) },
      { label: "T2", fromQf: 601, toQf: 900, price: Cents.cents(250) },
      { label: "T3", fromQf: 901, toQf: 1300, price: Cents.cents(360) },
      { label: "T4", fromQf: 1301, price: Cents.cents(420) }
    ]
  },
  costOfProduction: Cents.cents(800),
  modifiers: { siblings: { second: Cents.basisPoints(1000), thirdAndMore: Cents.basisPoints(2000) } }
})

const eveningGrid = TariffGrid.make({
  id: TariffGridId.make("grille-soir"),
  label: "Accueil périscolaire 2025-2026",
  activityIds: [ActivityId.make("soir")],
  schoolYear: "2025-2026",
  mode: { _tag: "EffortRate", rate: Cents.basisPoints(25), floor: Cents.cents(100), ceiling: Cents.cents(400) },
  costOfProduction: Cents.cents(600)
})

const encodeExplanation = Schema.encodeSync(PriceExplanation)

/**
 * One model of each kind, built by the core's functions from the seed town's data: the Concerto
 * household (Anne, and her children Léa, born 2017, and Hugo, born 2021), its March 2026 invoice
 * priced by real grids (QF 750 from the CAF), a credit note, payments, the register of April's
 * holidays, and the 2025-2026 booking calendar.
 */
export function generatedDocumentSamples(options: GeneratedDocumentSampleOptions = {}): GeneratedDocumentSamples {
  const familyName = options.familyName ?? "Concerto"
  const settings = aDocumentSettings()
  const regie = aRegie()
  const activities = sampleActivities()
  const householdId = HouseholdId.make("hh-concerto")
  const lea = Child.make({ id: MemberId.make("c-lea"), firstName: options.childFirstName ?? "Léa", lastName: familyName, birthDate: d("2017-05-12"), schoolLevel: "CE2", school: "École Jules Ferry", aeeh: false })
  const hugo = Child.make({ id: MemberId.make("c-hugo"), firstName: "Hugo", lastName: familyName, birthDate: d("2021-11-03"), schoolLevel: "PS", school: "École maternelle Jean Jaurès", aeeh: false })
  const household = Household.make({
    id: householdId,
    reference: "FAM-000042",
    familyName,
    address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
    contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] },
    residency: "resident",
    adults: [
      Adult.make({ id: MemberId.make("a-anne"), firstName: "Anne", lastName: familyName, relationship: "Mère", isPayer: true, phone: "06 12 34 56 78" }),
      Adult.make({ id: MemberId.make("a-paul"), firstName: "Paul", lastName: familyName, relationship: "Père", isPayer: false })
    ],
    children: [lea, hugo]
  })
  const qf = QuotientRecord.make({
    id: QuotientRecordId.make("qf-2026"),
    householdId,
    qf: 750,
    source: { _tag: "CafNumber", cafNumber: "7654321" },
    validFrom: d("2026-01-01"),
    validTo: d("2026-12-31"),
    review: { _tag: "Validated", at: Instant.unsafe("2026-01-10T09:00:00Z"), by: "agent.martin" },
    submittedAt: Instant.unsafe("2026-01-08T09:00:00Z")
  })
  const quote = (grid: TariffGrid, childRank: number): { amount: Cents.Cents; pricing: PricingExplanation } => {
    const price = priceSession(grid, { quotient: { _tag: "QuotientKnown", qf: 750, source: "caf", recordId: qf.id }, residency: "resident", childRank, circumstance: "reserved" })
    return { amount: price.amount, pricing: encodeExplanation(price.explanation) as PricingExplanation }
  }
  const schoolDays = LocalDate.range(d("2026-03-02"), d("2026-03-31")).filter((day) => [1, 2, 4, 5].includes(LocalDate.isoWeekday(day))).slice(0, options.days ?? 10)
  const line = (child: Child, rank: number, activity: Activity, grid: TariffGrid, date: LocalDate.LocalDate): InvoiceLine => {
    const { amount, pricing } = quote(grid, rank)
    return InvoiceLine.make({
      childId: child.id,
      childName: child.fullName,
      activityId: activity.id,
      activityName: activity.name,
      sessionId: SessionId.make(`${activity.id}-${date}`),
      date,
      rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
      amount,
      pricing
    })
  }
  const [canteen, evening] = activities
  if (canteen === undefined || evening === undefined) throw new Error("sample activities")
  const lines = schoolDays.flatMap((day) => [
    line(lea, 1, canteen, canteenGrid, day),
    line(hugo, 2, canteen, canteenGrid, day),
    line(hugo, 2, evening, eveningGrid, day)
  ])
  const invoice = Invoice.make({
    id: InvoiceId.make("inv-2026-03"),
    number: "F-2026-000123",
    regieId: regie.id,
    householdId,
    period: unsafeBillingMonth("2026-03"),
    issuedOn: d("2026-04-01"),
    dueOn: d("2026-04-30"),
    lines: lines as [InvoiceLine, ...Array<InvoiceLine>]
  })
  const credited = lines[1] ?? lines[0]
  if (credited === undefined) throw new Error("sample lines")
  const creditNote = CreditNote.make({
    id: CreditNoteId.make("avoir-2026-7"),
    number: "A-2026-000007",
    regieId: regie.id,
    householdId,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    period: invoice.period,
    issuedOn: d("2026-04-15"),
    reason: "Absence justifiée par certificat médical",
    lines: [CreditNoteLine.make({ ...credited, rule: BilledRule.make({ code: "absent-justified", label: billingRuleLabel("absent-justified") }) })]
  })
  const payments = [
    Payment.make({
      id: PaymentId.make("pay-1"),
      householdId,
      amount: Cents.cents(3000),
      method: "card",
      receivedAt: Instant.unsafe("2026-04-10T09:30:00Z"),
      idempotencyKey: "payfip:op-1",
      invoiceIds: [invoice.id],
      reference: "PAYFIP-0001"
    })
  ]
  const account = householdAccount([invoice], [creditNote], payments)
  const holidays = activities[3]
  if (holidays === undefined) throw new Error("sample activities")
  const records = LocalDate.range(d("2026-04-13"), d("2026-04-24"))
    .filter((day) => LocalDate.isoWeekday(day) <= 5)
    .map((day, i) =>
      AttendanceRecord.make({
        sessionId: SessionId.make(`alsh-${day}`),
        activityId: holidays.id,
        date: day,
        childId: hugo.id,
        householdId,
        status: i === 3 ? "absent" : "present",
        recordedAt: Instant.unsafe(`${day}T16:30:00Z`),
        recordedBy: "agent.durand"
      })
    )
  const enrollments = [lea, hugo].map((child, i) =>
    Enrollment.make({
      id: EnrollmentId.make(`enr-${i}`),
      childId: child.id,
      householdId,
      schoolYear: "2025-2026",
      enrollmentFamily: "periscolaire",
      requestedAt: Instant.unsafe("2025-06-10T09:00:00Z"),
      status: { _tag: "Accepted", decidedAt: Instant.unsafe("2025-06-20T09:00:00Z") }
    })
  )
  const models: GeneratedDocumentModels = {
    invoice: invoiceDocument(invoice, household, regie, settings, account),
    creditNote: creditNoteDocument(creditNote, household, regie, settings),
    attendanceCertificate: attendanceCertificateDocument({
      household, child: hugo, activity: holidays, from: d("2026-04-11"), to: d("2026-04-26"), records, issuedOn: d("2026-04-30"), settings
    }),
    childcareAttestation: childcareAttestationDocument({
      year: 2026, household, invoices: [invoice], creditNotes: [creditNote], payments, activities, regie, issuedOn: d("2027-01-20"), settings
    }),
    holidayBookingCalendar: holidayBookingCalendarDocument({ schoolYear: "2025-2026", activities, issuedOn: d("2025-09-01"), settings }),
    householdSummary: householdSummaryDocument({ household, quotients: [qf], on: d("2026-03-20"), enrollments, account, settings })
  }
  return { models, household, invoice, creditNote, payments, account, activities, settings, regie }
}
