import {
  BillingMonth,
  Cents,
  CounterTender,
  CreditNote,
  CreditNoteRepository,
  findInvoices,
  type Household,
  HouseholdId,
  HouseholdRepository,
  InvalidInput,
  InvoiceId,
  InvoiceLine,
  InvoiceNotFound,
  InvoiceRepository,
  type InvoiceSituation,
  invoiceStatusFilters,
  type InvoiceStatusFilter,
  LocalDate,
  loadHouseholdAccount,
  Payment,
  PaymentMethod,
  PostalAddress,
  listReceivedPayments,
  recordAgentPayment
} from "@spe/core"
import { Effect, Either, Schema } from "effect"
import { refuse } from "../../PortalErrors.js"
import { idParameter, json, periodParameters, periodQuery, queryValue, shownId, today } from "../ApiOperation.js"
import { InvalidParameter } from "../ApiProblems.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"
import { invoiceFiguresOf } from "../resources/Invoices.js"
import { adminOperation } from "./AdminApi.js"

const tag = "Agents – Facturation"

const invalid = (path: string, message: string): never => refuse(new InvalidParameter({ problems: [{ path, message }] }))

const InvoiceStatusCode = Schema.Literal("issued", "partlyPaid", "paid", "cancelled", "sentToTreasury").annotations({ identifier: "InvoiceStatus" })

/** Who owes an invoice: the household, its payer and postal address (what a finance package needs of a debtor). */
export const DebtorJson = Schema.Struct({
  householdId: HouseholdId,
  reference: Schema.String.annotations({ description: "The household's file reference (`FAM-000101`)." }),
  name: Schema.String.annotations({ description: "The payer's full name (the legal guardian marked as payer)." }),
  familyName: Schema.String,
  address: PostalAddress,
  email: Schema.String
}).annotations({ identifier: "Debtor" })

const invoiceFields = {
  id: InvoiceId,
  number: Schema.String.annotations({ description: "The invoice's number (`F-2026-000123`)." }),
  period: BillingMonth,
  periodLabel: Schema.String.annotations({ description: "The billed month in French (« octobre 2026 »)." }),
  issuedOn: LocalDate.LocalDate,
  dueOn: LocalDate.LocalDate,
  total: Cents.Cents.annotations({ description: "Sum of the lines, in cents." }),
  credited: Cents.Cents,
  paid: Cents.Cents,
  remaining: Cents.Cents,
  status: InvoiceStatusCode,
  statusLabel: Schema.String,
  activities: Schema.Array(Schema.String).annotations({ description: "The activities billed, by name, in the order of the lines." }),
  debtor: DebtorJson
}

/** An invoice as the agents' API lists it: amounts in cents, where it stands, its debtor. */
export const AdminInvoiceJson = Schema.Struct(invoiceFields).annotations({ identifier: "AdminInvoice" })

/** An invoice with its lines. */
export const AdminInvoiceDetailJson = Schema.Struct({ ...invoiceFields, lines: Schema.Array(InvoiceLine) }).annotations({ identifier: "AdminInvoiceDetail" })

/** A payment made elsewhere (counter of another service, Treasury, bank transfer seen by the finance package). */
export const ExternalPaymentJson = Schema.Struct({
  householdId: HouseholdId,
  invoiceIds: Schema.Array(InvoiceId).annotations({ description: "The invoices it pays, settled first (then the oldest ones)." }),
  amount: Cents.Cents.annotations({ description: "In cents, more than zero." }),
  method: PaymentMethod,
  tender: Schema.optionalWith(CounterTender, { exact: true }).annotations({ description: "At the counter: `cash` or `card` (required then)." }),
  reference: Schema.NonEmptyTrimmedString.annotations({ description: "The receipt's, cheque's or operation's reference: a reference recorded again gives the same payment (idempotent)." }),
  bank: Schema.optionalWith(Schema.String, { exact: true }).annotations({ description: "For a cheque: its bank (required then)." }),
  receivedOn: LocalDate.LocalDate.annotations({ description: "The day the money was received (today or before)." })
}).annotations({ identifier: "ExternalPayment" })

/** A recorded payment, and whether this call recorded it (false: its reference was already recorded). */
export const RecordedPaymentJson = Schema.Struct({ payment: Payment, created: Schema.Boolean }).annotations({ identifier: "RecordedPayment" })

const debtorOf = (household: Household) => ({
  householdId: household.id,
  reference: household.reference,
  name: household.adults.length === 0 ? household.familyName : household.payer.fullName,
  familyName: household.familyName,
  address: household.address,
  email: household.contact.email
})

const invoiceJson = (situation: InvoiceSituation, household: Household) => ({
  ...invoiceFiguresOf(situation),
  activities: [...new Set(situation.invoice.lines.map((l) => l.activityName))],
  debtor: debtorOf(household)
})

const households = (ids: ReadonlyArray<HouseholdId>) =>
  Effect.gen(function* () {
    const repository = yield* HouseholdRepository
    const found = new Map<string, Household>()
    for (const id of ids) if (!found.has(id)) found.set(id, yield* repository.get(id))
    return found
  })

const monthParameter = (raw: string | undefined): BillingMonth | undefined => {
  if (raw === undefined) return undefined
  const month = Schema.decodeUnknownEither(BillingMonth)(raw)
  return Either.isRight(month) ? month.right : invalid("month", "Un mois s'écrit AAAA-MM, par exemple 2026-10.")
}

const statusParameter = (raw: string | undefined): InvoiceStatusFilter | undefined => {
  if (raw === undefined) return undefined
  return invoiceStatusFilters.find((s) => s === raw) ?? invalid("status", `Le statut (status) vaut ${invoiceStatusFilters.join(", ")}.`)
}

const exampleInvoice = {
  id: "inv-7",
  number: "F-2026-000007",
  period: "2026-10",
  periodLabel: "octobre 2026",
  issuedOn: "2026-11-02",
  dueOn: "2026-11-30",
  total: 9840,
  credited: 0,
  paid: 0,
  remaining: 9840,
  status: "issued",
  statusLabel: "À payer",
  activities: ["Restauration scolaire", "Accueil du soir"],
  debtor: {
    householdId: "hh-1",
    reference: "FAM-000101",
    name: "Anne CONCERTO",
    familyName: "CONCERTO",
    address: { line1: "1 Chemin de la Cote", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
    email: "a.baud@arpege.fr"
  }
}

const examplePayment = {
  id: "pay-1",
  householdId: "hh-1",
  amount: 9840,
  method: "cheque",
  receivedAt: "2026-11-25T11:00:00.000Z",
  idempotencyKey: "agent:CHQ-1234567",
  invoiceIds: ["inv-7"],
  reference: "CHQ-1234567",
  bank: "Crédit Agricole"
}

/** The agents' API on billing: invoices by month and status, one invoice, credit notes, payments (read, record). */
export const adminBillingOperations = [
  adminOperation({
    method: "get",
    path: "/admin/invoices",
    operationId: "adminListInvoices",
    tag,
    summary: "Les factures",
    description: `Les factures émises, la plus récente d'abord, d'un mois (\`month\`) et d'un statut (\`status\` : ${invoiceStatusFilters.join(", ")}) s'ils sont donnés, chacune avec ce qui reste à payer et son débiteur.`,
    scope: "billing:read",
    audit: { action: "api.invoices.read", targetKind: "invoice" },
    paginated: true,
    query: [
      { name: "month", description: "Le mois facturé (AAAA-MM).", required: false, schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" }, example: "2026-10" },
      { name: "status", description: "Où en est la facture ce jour.", required: false, schema: { type: "string", enum: [...invoiceStatusFilters] }, example: "unpaid" },
      ...pageQuery
    ],
    response: { status: 200, description: "Une page de factures.", schema: pageOf(AdminInvoiceJson, "AdminInvoicePage"), example: { items: [exampleInvoice], next: "/api/v1/admin/invoices?month=2026-10&limit=1&cursor=aW52LTc" } },
    problems: [400],
    handle: async ({ ctx, kit }) => {
      const month = monthParameter(queryValue(ctx, "month"))
      const status = statusParameter(queryValue(ctx, "status"))
      const on = await today(kit)
      const found = await kit.run(findInvoices({ on, ...(month === undefined ? {} : { period: month }), ...(status === undefined ? {} : { status }) }))
      const page = paginate(ctx, found, (l) => l.situation.invoice.id)
      const byId = await kit.run(households(page.items.map((l) => l.situation.invoice.householdId)))
      return pageReply(page, (l) => invoiceJson(l.situation, byId.get(l.situation.invoice.householdId) as Household))
    }
  }),
  adminOperation({
    method: "get",
    path: "/admin/invoices/{invoiceId}",
    operationId: "adminGetInvoice",
    tag,
    summary: "Une facture",
    description: "La facture, ce qui en reste à payer, son débiteur et ses lignes (séance, enfant, règle, montant).",
    scope: "billing:read",
    audit: { action: "api.invoices.read", targetKind: "invoice" },
    pathParameters: { invoiceId: "L'identifiant de la facture (`id`)." },
    response: { status: 200, description: "La facture.", schema: AdminInvoiceDetailJson, example: { ...exampleInvoice, lines: [] } },
    problems: [404],
    handle: async ({ kit, params }) => {
      const invoiceId = idParameter(InvoiceId, params["invoiceId"], (id) => refuse(new InvoiceNotFound({ invoiceId: InvoiceId.make(shownId(id)) })))
      const { situation, household } = await kit.run(
        Effect.gen(function* () {
          const invoice = yield* (yield* InvoiceRepository).get(invoiceId)
          const account = yield* loadHouseholdAccount(invoice.householdId)
          const situation = account.invoices.find((s) => s.invoice.id === invoiceId)
          if (situation === undefined) return yield* Effect.fail(new InvoiceNotFound({ invoiceId }))
          return { situation, household: yield* (yield* HouseholdRepository).get(invoice.householdId) }
        })
      )
      return json({ ...invoiceJson(situation, household), lines: situation.invoice.lines })
    }
  }),
  adminOperation({
    method: "get",
    path: "/admin/credit-notes",
    operationId: "adminListCreditNotes",
    tag,
    summary: "Les avoirs",
    description: "Les avoirs d'un mois facturé (`month`), ou émis sur une période (`from`, `to` ; 93 jours au plus), par numéro.",
    scope: "billing:read",
    audit: { action: "api.creditNotes.read", targetKind: "creditNote" },
    paginated: true,
    query: [
      { name: "month", description: "Le mois facturé (AAAA-MM). Sans lui, la période d'émission.", required: false, schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" }, example: "2026-10" },
      ...periodQuery("d'émission", 93, "Les 31 derniers jours par défaut."),
      ...pageQuery
    ],
    response: { status: 200, description: "Une page d'avoirs.", schema: pageOf(CreditNote, "AdminCreditNotePage"), example: { items: [] } },
    problems: [400],
    handle: async ({ ctx, kit }) => {
      const month = monthParameter(queryValue(ctx, "month"))
      const end = await today(kit)
      const notes = await kit.run(
        Effect.flatMap(CreditNoteRepository, (repository) => {
          if (month !== undefined) return repository.byPeriod(month)
          const period = periodParameters(ctx, { from: LocalDate.addDays(end, -30), to: end }, 93)
          return repository.issuedBetween(period.from, period.to)
        })
      )
      return pageReply(paginate(ctx, [...notes].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)), (n) => n.id))
    }
  }),
  adminOperation({
    method: "get",
    path: "/admin/payments",
    operationId: "adminListPayments",
    tag,
    summary: "Les paiements reçus",
    description: "Les paiements reçus du `from` au `to` (jours à Paris, inclus, 93 jours au plus), tous moyens, le plus récent d'abord.",
    scope: "billing:read",
    audit: { action: "api.payments.read", targetKind: "payment" },
    paginated: true,
    query: [...periodQuery("de réception", 93, "Les 31 derniers jours par défaut."), ...pageQuery],
    response: { status: 200, description: "Une page de paiements.", schema: pageOf(Payment, "AdminPaymentPage"), example: { items: [examplePayment] } },
    problems: [400],
    handle: async ({ ctx, kit }) => {
      const end = await today(kit)
      const period = periodParameters(ctx, { from: LocalDate.addDays(end, -30), to: end }, 93)
      const received = await kit.run(listReceivedPayments(period))
      return pageReply(paginate(ctx, received.items, (r) => r.payment.id), (r) => r.payment)
    }
  }),
  adminOperation({
    method: "post",
    path: "/admin/payments",
    operationId: "adminRecordPayment",
    tag,
    summary: "Enregistrer un paiement reçu ailleurs",
    description: "Un paiement reçu hors du portail (guichet d'un autre service, chèque, prélèvement, CESU, Trésor public), comme à la régie : il solde d'abord les factures nommées. La même référence enregistrée à nouveau rend le même paiement (`created: false`). Inscrit au journal (`payments.record`).",
    scope: "payments:write",
    audit: { action: "api.payments.record", targetKind: "household", bodyField: "householdId" },
    body: {
      schema: ExternalPaymentJson,
      subject: "Paiement",
      description: "Le paiement reçu.",
      example: { householdId: "hh-1", invoiceIds: ["inv-7"], amount: 9840, method: "cheque", reference: "CHQ-1234567", bank: "Crédit Agricole", receivedOn: "2026-11-25" }
    },
    response: { status: 201, description: "Le paiement enregistré (200 si sa référence l'était déjà).", schema: RecordedPaymentJson, example: { payment: examplePayment, created: true } },
    problems: [400, 404, 409, 413, 415, 422],
    handle: async ({ kit, actor, body }) => {
      if (body.amount <= 0) return refuse(new InvalidInput({ subject: "Paiement", problems: [{ path: "amount", message: "Le montant est en centimes, supérieur à zéro." }] }))
      await kit.run(Effect.flatMap(HouseholdRepository, (repository) => repository.get(body.householdId)))
      const recorded = await kit.run(
        recordAgentPayment(actor, {
          householdId: body.householdId,
          invoiceIds: body.invoiceIds,
          amount: body.amount,
          method: body.method,
          ...(body.tender === undefined ? {} : { tender: body.tender }),
          reference: body.reference,
          ...(body.bank === undefined ? {} : { bank: body.bank }),
          receivedOn: body.receivedOn,
          settings: kit.settings.payment
        })
      )
      return json({ payment: recorded.payment, created: recorded.created }, { status: recorded.created ? 201 : 200 })
    }
  })
]
