import {
  counterTenderLabel,
  type InvoiceListing,
  type InvoiceStatus,
  ParisTime,
  paymentMethodLabel,
  type ReceivedPayment
} from "@spe/core"
import type { PortalContext } from "../PortalContext.js"

/**
 * How a cell is written: `text` as is (quoted when needed, a leading `=`, `+`, `-`, `@` neutralised),
 * `amount` integer cents as `12,50`, `date` a `YYYY-MM-DD` day as `JJ/MM/AAAA`, `datetime` an instant
 * as `JJ/MM/AAAA HH:MM` in Paris time, `integer` as digits.
 */
export type CsvFormat = "text" | "amount" | "date" | "datetime" | "integer"

/** One column of an export: its header, how its cells are written, what it holds (for `docs/exports.md`), and its value for a row. */
export interface CsvColumn<Row> {
  readonly header: string
  readonly format: CsvFormat
  readonly description: string
  readonly value: (row: Row) => string | number | undefined
}

/** An export: its file name (without `.csv`) and its columns, in order. */
export interface CsvExport<Row> {
  readonly name: string
  readonly columns: ReadonlyArray<CsvColumn<Row>>
}

const separator = ";"
const lineEnd = "\r\n"
const byteOrderMark = "\uFEFF"

/** Integer cents in French decimal form, without a thousands separator nor a currency: `1234,50`, `-3,05`. */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? "-" : ""
  const abs = Math.abs(Math.trunc(cents))
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`
}

/** A `YYYY-MM-DD` day as `JJ/MM/AAAA`. */
export const csvDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`

/** An ISO instant as `JJ/MM/AAAA HH:MM`, Paris time. */
export function csvDateTime(instant: string): string {
  const { date, time } = ParisTime.fromInstant(instant as Parameters<typeof ParisTime.fromInstant>[0])
  return `${csvDate(date)} ${time}`
}

/** A text cell: a formula-looking start is neutralised with `'`, and the cell is quoted (quotes doubled) when it holds `;`, `"` or a line break. */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A cell written in its column's format; an absent value is an empty cell. */
export function csvCell(format: CsvFormat, value: string | number | undefined): string {
  if (value === undefined || value === "") return ""
  switch (format) {
    case "amount":
      return typeof value === "number" ? csvAmount(value) : csvText(value)
    case "integer":
      return typeof value === "number" ? String(Math.trunc(value)) : csvText(value)
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? csvDate(value) : csvText(String(value))
    case "datetime":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) ? csvDateTime(value) : csvText(String(value))
    case "text":
      return csvText(String(value))
  }
}

/**
 * The one CSV writer of the back office's exports: UTF-8 with a byte-order mark (Excel reads the
 * accents), `;` between cells, CRLF after every line, a header row, then one line per row.
 */
export function writeCsv<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: Iterable<Row>): string {
  const lines = [columns.map((c) => csvText(c.header)).join(separator)]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.format, c.value(row))).join(separator))
  return `${byteOrderMark}${lines.join(lineEnd)}${lineEnd}`
}

/** Sends an export as a CSV file to download, named `<name>.csv`. */
export function sendCsv<Row>(ctx: PortalContext, definition: CsvExport<Row>, fileName: string, rows: Iterable<Row>): void {
  ctx.status = 200
  ctx.type = "text/csv; charset=utf-8"
  ctx.set("Content-Disposition", `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}.csv"`)
  ctx.body = writeCsv(definition.columns, rows)
}

const statusWords: { readonly [S in InvoiceStatus]: string } = {
  issued: "à payer",
  partlyPaid: "partiellement payée",
  paid: "payée",
  cancelled: "annulée par avoir",
  sentToTreasury: "transmise au Trésor public"
}

/** The status of an invoice in an export's words, late invoices said so. */
export const invoiceStatusText = (listing: InvoiceListing): string =>
  listing.pastDue && listing.situation.status !== "sentToTreasury" ? `${statusWords[listing.situation.status]}, en retard` : statusWords[listing.situation.status]

const invoiceColumns: ReadonlyArray<CsvColumn<InvoiceListing>> = [
  { header: "Numéro", format: "text", description: "Numéro de la facture (F-AAAA-NNNNNN).", value: (r) => r.situation.invoice.number },
  { header: "Référence du foyer", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.household.reference },
  { header: "Famille", format: "text", description: "Nom de la famille.", value: (r) => r.household.familyName },
  { header: "Payeur", format: "text", description: "Prénom et nom du responsable qui paie.", value: (r) => r.household.payerName },
  { header: "Mois facturé", format: "text", description: "Mois de facturation, AAAA-MM.", value: (r) => r.situation.invoice.period },
  { header: "Émise le", format: "date", description: "Date d'émission (JJ/MM/AAAA).", value: (r) => r.situation.invoice.issuedOn },
  { header: "Échéance", format: "date", description: "Date limite de paiement (JJ/MM/AAAA).", value: (r) => r.situation.invoice.dueOn },
  { header: "Montant", format: "amount", description: "Total des lignes de la facture, en euros.", value: (r) => r.situation.total },
  { header: "Avoirs", format: "amount", description: "Total des avoirs émis sur la facture, en euros.", value: (r) => r.situation.credited },
  { header: "Net", format: "amount", description: "Montant moins avoirs, en euros.", value: (r) => r.situation.net },
  { header: "Payé", format: "amount", description: "Part des paiements affectée à la facture, en euros.", value: (r) => r.situation.paid },
  { header: "Reste à payer", format: "amount", description: "Net moins payé, en euros.", value: (r) => r.situation.remaining },
  { header: "Statut", format: "text", description: "à payer, partiellement payée, payée, annulée par avoir, transmise au Trésor public ; « , en retard » après l'échéance.", value: invoiceStatusText },
  { header: "Jours de retard", format: "integer", description: "Jours depuis l'échéance quand il reste à payer (0 sinon).", value: (r) => r.daysLate },
  { header: "Transmise au Trésor le", format: "date", description: "Date de transmission au Trésor public (titre de recette), vide sinon.", value: (r) => r.situation.invoice.sentToTreasury?.sentOn }
]

/** `factures.csv`: the invoices issued in a period. */
export const invoicesExport: CsvExport<InvoiceListing> = { name: "factures", columns: invoiceColumns }

/** `impayes.csv`: the unpaid invoices past their due date. */
export const unpaidExport: CsvExport<InvoiceListing> = { name: "impayes", columns: invoiceColumns }

/** How a payment was made, in an export's words (the counter's tender, the cheque's bank). */
export function paymentMethodText(payment: ReceivedPayment["payment"]): string {
  const method = paymentMethodLabel(payment.method)
  if (payment.tender !== undefined) return `${method} (${counterTenderLabel(payment.tender)})`
  return method
}

/** `paiements.csv`: the payments received in a period. */
export const paymentsExport: CsvExport<ReceivedPayment> = {
  name: "paiements",
  columns: [
    { header: "Reçu le", format: "datetime", description: "Date et heure de réception, heure de Paris (JJ/MM/AAAA HH:MM).", value: (r) => r.payment.receivedAt },
    { header: "Référence du foyer", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.household.reference },
    { header: "Famille", format: "text", description: "Nom de la famille.", value: (r) => r.household.familyName },
    { header: "Moyen de paiement", format: "text", description: "carte bancaire en ligne, prélèvement, paiement au guichet de la régie (espèces ou carte bancaire au guichet), chèque, CESU, paiement au Trésor public.", value: (r) => paymentMethodText(r.payment) },
    { header: "Référence", format: "text", description: "Numéro du reçu, du chèque, de l'opération en ligne ou du prélèvement.", value: (r) => r.payment.reference ?? r.payment.idempotencyKey },
    { header: "Banque", format: "text", description: "Banque du chèque, vide sinon.", value: (r) => r.payment.bank },
    { header: "Montant", format: "amount", description: "Montant reçu, en euros.", value: (r) => r.payment.amount },
    { header: "Factures", format: "text", description: "Numéros des factures désignées par le payeur, séparés par des virgules.", value: (r) => r.invoices.map((i) => i.number).join(", ") },
    { header: "Enregistré par", format: "text", description: "Agent de la régie qui a enregistré le paiement, vide pour un paiement en ligne.", value: (r) => r.recordedByName },
    { header: "Identifiant", format: "text", description: "Identifiant du paiement dans l'espace citoyen.", value: (r) => r.payment.id }
  ]
}

/** Every export of the back office, as `docs/exports.md` documents them. */
export const agentExports = { invoicesExport, paymentsExport, unpaidExport } as const

/**
 * Reads back a file `writeCsv` wrote: the byte-order mark dropped, `;` cells, quoted cells with
 * doubled quotes and line breaks, CRLF lines; the header row first.
 */
export function readCsv(text: string): ReadonlyArray<ReadonlyArray<string>> {
  const source = text.startsWith(byteOrderMark) ? text.slice(1) : text
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === separator) {
      row.push(cell)
      cell = ""
    } else if (c === "\r" && source[i + 1] === "\n") {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
      i++
    } else cell += c
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell])
  return rows
}
