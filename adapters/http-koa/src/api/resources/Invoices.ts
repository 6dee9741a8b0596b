import {
  BillingMonth,
  Cents,
  DocumentRenderer,
  explanationLines,
  formatBillingMonthFr,
  type Household,
  HouseholdRepository,
  type InvoiceSituation,
  InvoiceId,
  InvoiceLine,
  InvoiceNotFound,
  invoiceDocument,
  invoiceStatusLabel,
  LocalDate,
  loadHouseholdAccount,
  unitPriceOf
} from "@spe/core"
import { Effect, Schema } from "effect"
import { refuse } from "../../PortalErrors.js"
import type { PortalKit } from "../../PortalKit.js"
import type { ApiCaller } from "../ApiAuth.js"
import { apiBasePath } from "../ApiPaths.js"
import { idParameter, json, operation, shownId } from "../ApiOperation.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"

const InvoiceStatusCode = Schema.Literal("issued", "partlyPaid", "paid", "cancelled", "sentToTreasury").annotations({ identifier: "InvoiceStatus" })

const invoiceSummaryFields = {
  id: InvoiceId,
  number: Schema.String.annotations({ description: "The invoice's number (`F-2026-000123`): the reference to give when paying." }),
  period: BillingMonth,
  periodLabel: Schema.String.annotations({ description: "The billed month in French (« septembre 2026 »)." }),
  issuedOn: LocalDate.LocalDate,
  dueOn: LocalDate.LocalDate,
  total: Cents.Cents.annotations({ description: "Sum of the lines, in cents." }),
  credited: Cents.Cents.annotations({ description: "Credit notes on this invoice, in cents." }),
  paid: Cents.Cents.annotations({ description: "Payments allocated to this invoice, in cents." }),
  remaining: Cents.Cents.annotations({ description: "What is left to pay, in cents." }),
  status: InvoiceStatusCode,
  statusLabel: Schema.String.annotations({ description: "Where it stands, in French (« À payer », « Payée »…)." }),
  pdf: Schema.String.annotations({ description: "The address of the invoice as a PDF." })
}

/** An invoice in the list ("Mes factures"): amounts in cents and where it stands. */
export const InvoiceSummaryJson = Schema.Struct(invoiceSummaryFields).annotations({ identifier: "InvoiceSummary" })

/** One line of an invoice: the session, the child, the rule that billed it, the price and how it was found. */
export const InvoiceLineJson = Schema.Struct({
  ...InvoiceLine.fields,
  unitPrice: Cents.Cents.annotations({ description: "The unit price the tariff gave, in cents." }),
  explanation: Schema.Array(Schema.String).annotations({ description: "How the price was found, line by line, in French (QF and its source, band or effort rate, modifiers, cap)." })
}).annotations({ identifier: "InvoiceLineDetail" })

/** An invoice with its lines, each explained. */
export const InvoiceDetailJson = Schema.Struct({ ...invoiceSummaryFields, lines: Schema.Array(InvoiceLineJson) }).annotations({ identifier: "InvoiceDetail" })

const pdfPath = (id: string) => `${apiBasePath}/invoices/${encodeURIComponent(id)}/pdf`

/** An invoice's figures and status as every JSON answer gives them (the families' and the agents' API). */
export const invoiceFiguresOf = (situation: InvoiceSituation) => ({
  id: situation.invoice.id,
  number: situation.invoice.number,
  period: situation.invoice.period,
  periodLabel: formatBillingMonthFr(situation.invoice.period),
  issuedOn: situation.invoice.issuedOn,
  dueOn: situation.invoice.dueOn,
  total: situation.total,
  credited: situation.credited,
  paid: situation.paid,
  remaining: situation.remaining,
  status: situation.status,
  statusLabel: invoiceStatusLabel(situation.status)
})

const summaryOf = (situation: InvoiceSituation) => ({ ...invoiceFiguresOf(situation), pdf: pdfPath(situation.invoice.id) })

const newestFirst = (a: InvoiceSituation, b: InvoiceSituation): number =>
  a.invoice.issuedOn !== b.invoice.issuedOn ? (a.invoice.issuedOn < b.invoice.issuedOn ? 1 : -1) : a.invoice.number < b.invoice.number ? 1 : a.invoice.number > b.invoice.number ? -1 : 0

/** The household's invoice with where it stands; another household's is `InvoiceNotFound`, exactly like an unknown one. */
const householdInvoice = (kit: PortalKit, caller: ApiCaller, raw: string | undefined) => {
  const invoiceId = idParameter(InvoiceId, raw, (id) => refuse(new InvoiceNotFound({ invoiceId: InvoiceId.make(shownId(id)) })))
  return kit.run(
    Effect.gen(function* () {
      const account = yield* loadHouseholdAccount(caller.householdId)
      const situation = account.invoices.find((s) => s.invoice.id === invoiceId)
      if (situation === undefined) return yield* Effect.fail(new InvoiceNotFound({ invoiceId }))
      const household: Household = yield* Effect.flatMap(HouseholdRepository, (households) => households.get(caller.householdId))
      return { situation, account, household }
    })
  )
}

const exampleSummary = {
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
  pdf: "/api/v1/invoices/inv-7/pdf"
}

/** The household's invoices ("Mes factures"): list, detail with explained lines, PDF. */
export const invoiceOperations = [
  operation({
    method: "get",
    path: "/invoices",
    operationId: "listInvoices",
    tag: "Factures",
    summary: "Mes factures",
    description: "Les factures du foyer, la plus récente d'abord, avec ce qui est payé et ce qui reste à payer (en centimes).",
    access: "family",
    paginated: true,
    query: pageQuery,
    response: { status: 200, description: "Une page de factures.", schema: pageOf(InvoiceSummaryJson, "InvoicePage"), example: { items: [exampleSummary] } },
    problems: [400, 403],
    handle: async ({ ctx, kit, caller }) => {
      const account = await kit.run(loadHouseholdAccount(caller.householdId))
      const page = paginate(ctx, [...account.invoices].sort(newestFirst), (s) => s.invoice.id)
      return pageReply(page, summaryOf)
    }
  }),
  operation({
    method: "get",
    path: "/invoices/{invoiceId}",
    operationId: "getInvoice",
    tag: "Factures",
    summary: "Une facture, ligne par ligne",
    description: "La facture et chacune de ses lignes : la séance, l'enfant, la règle qui l'a facturée, le prix unitaire et son explication (QF retenu et sa source, tranche ou taux d'effort, majorations et réductions, plafond). La facture d'un autre foyer est introuvable (404).",
    access: "family",
    pathParameters: { invoiceId: "L'identifiant de la facture (`id`)." },
    response: {
      status: 200,
      description: "La facture.",
      schema: InvoiceDetailJson,
      example: {
        ...exampleSummary,
        lines: [{
          childId: "m-3",
          childName: "Léa",
          activityId: "canteen",
          activityName: "Restauration scolaire",
          sessionId: "canteen-2026-10-01",
          date: "2026-10-01",
          rule: { code: "reserved-present", label: "Réservé, présent" },
          amount: 328,
          pricing: {},
          unitPrice: 328,
          explanation: ["Quotient familial retenu : 780 € (transmis par la CAF, validé)", "Tranche « B » (QF de 601 à 900 €) : 3,28 €", "Prix unitaire : 3,28 €"]
        }]
      }
    },
    problems: [403, 404],
    handle: async ({ kit, caller, params }) => {
      const { situation } = await householdInvoice(kit, caller, params["invoiceId"])
      return json({
        ...summaryOf(situation),
        lines: situation.invoice.lines.map((line) => ({ ...line, unitPrice: unitPriceOf(line), explanation: [...explanationLines(line)] }))
      })
    }
  }),
  operation({
    method: "get",
    path: "/invoices/{invoiceId}/pdf",
    operationId: "getInvoicePdf",
    tag: "Factures",
    summary: "Une facture en PDF",
    description: "La facture telle que la régie l'émet, en PDF (en-tête `Content-Disposition: attachment`).",
    access: "family",
    pathParameters: { invoiceId: "L'identifiant de la facture (`id`)." },
    response: { status: 200, description: "Le PDF de la facture.", file: { contentType: "application/pdf" } },
    problems: [403, 404, 503],
    handle: async ({ kit, caller, params }) => {
      const { situation, account, household } = await householdInvoice(kit, caller, params["invoiceId"])
      const document = invoiceDocument(situation.invoice, household, kit.settings.regie, kit.settings.documents, account)
      const bytes = await kit.run(Effect.flatMap(DocumentRenderer, (renderer) => renderer.render("invoice", document, "pdf")))
      return { _tag: "File", bytes, contentType: "application/pdf", fileName: `${document.fileName}.pdf` }
    }
  })
]
