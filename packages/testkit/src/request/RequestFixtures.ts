import {
  AbsenceId,
  AbsenceJustificationPayload,
  AccountCreationPayload,
  AccountEmail,
  AccountId,
  Cents,
  ContactChangeAddress,
  ContactChangePayload,
  CustomRequestPayload,
  DocumentId,
  EnrollmentRequestPayload,
  FreeMessagePayload,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  QuotientUpdatePayload,
  Request,
  RequestHistoryEntry,
  RequestId,
  type RequestPayload,
  SchoolYearName
} from "@spe/core"
import fc from "fast-check"

/** One payload of each request type, with the seed's figures. */
export const samplePayloads = {
  accountCreation: new AccountCreationPayload({ accountId: AccountId.make("acc-new"), declaredName: "Nadia Nouvelle", householdReference: "FAM-000042" }),
  enrollment: new EnrollmentRequestPayload({ childId: MemberId.make("hh-concerto-c1"), schoolYear: SchoolYearName.make("2026-2027"), activityFamily: "periscolaire" }),
  quotientUpdate: new QuotientUpdatePayload({
    declaration: { _tag: "DeclaredIncome", annualIncomeCents: Cents.cents(3_240_000), monthlyBenefitsCents: Cents.cents(14_800), adults: 2, children: 2, disabledChildren: 0 },
    effectiveDate: LocalDate.unsafe("2026-09-01"),
    proofDocumentId: DocumentId.make("doc-avis-2025")
  }),
  cafQuotient: new QuotientUpdatePayload({
    declaration: { _tag: "CafQuotient", quotient: 612, allocataireNumber: "1234567" },
    effectiveDate: LocalDate.unsafe("2026-01-01"),
    validUntil: LocalDate.unsafe("2026-12-31"),
    proofDocumentId: DocumentId.make("doc-caf-2026")
  }),
  contactChange: new ContactChangePayload({
    address: new ContactChangeAddress({ line1: "1 Chemin de la Cote", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" }),
    phones: ["02 32 96 95 70"],
    email: AccountEmail.make("a.baud@arpege.fr")
  }),
  absenceJustification: new AbsenceJustificationPayload({ absenceId: AbsenceId.make("abs-12"), certificateDocumentId: DocumentId.make("doc-certif") }),
  freeMessage: new FreeMessagePayload({ subject: "Allergie", text: "Notre fille ne mange pas d'arachide." }),
  custom: new CustomRequestPayload({ typeCode: "carte-transport", fields: { ecole: "Jules Ferry", trajet: "aller-retour" } })
} as const

/** A request submitted by the seed's family; override any field. */
export function aRequest(overrides: Partial<ConstructorParameters<typeof Request>[0]> = {}): Request {
  const submittedAt = overrides.submittedAt ?? Instant.unsafe("2026-06-01T07:00:00Z")
  const accountId = overrides.accountId ?? AccountId.make("acc-concerto")
  return new Request({
    id: RequestId.make("req-1"),
    householdId: HouseholdId.make("hh-concerto"),
    accountId,
    payload: samplePayloads.freeMessage,
    status: "submitted",
    submittedAt,
    updatedAt: submittedAt,
    history: [new RequestHistoryEntry({ at: submittedAt, author: { _tag: "Family", accountId }, to: "submitted" })],
    messages: [],
    attachments: [],
    ...overrides
  })
}

/** An account-creation request of an account not linked yet (no household); override any other field. */
export function anAccountCreationRequest(overrides: Partial<Omit<ConstructorParameters<typeof Request>[0], "householdId">> = {}): Request {
  const { householdId: _linked, ...fields } = aRequest({ id: RequestId.make("req-signup"), accountId: AccountId.make("acc-new"), payload: samplePayloads.accountCreation, ...overrides })
  void _linked
  return new Request(fields)
}

/** Payloads of every type (household-side ones; account creation only from `signUp`). */
export const requestPayloadArbitrary: fc.Arbitrary<RequestPayload> = fc.constantFrom<RequestPayload>(
  samplePayloads.enrollment,
  samplePayloads.quotientUpdate,
  samplePayloads.cafQuotient,
  samplePayloads.contactChange,
  samplePayloads.absenceJustification,
  samplePayloads.freeMessage,
  samplePayloads.custom
)
