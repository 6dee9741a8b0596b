/**
 * The bridge between the espace citoyen and a finance package: it pages through the month's
 * invoices of the agents' API and writes one "titre de recettes" line per invoice. It only speaks
 * HTTP and JSON: any town software can do the same in its own language.
 */

/** A postal address as the API gives it. */
export interface ApiAddress {
  readonly line1: string
  readonly line2?: string
  readonly postalCode: string
  readonly city: string
}

/** An invoice as `GET /api/v1/admin/invoices` gives it (the fields the bridge reads). */
export interface ApiInvoice {
  readonly id: string
  readonly number: string
  readonly period: string
  readonly periodLabel: string
  readonly issuedOn: string
  readonly dueOn: string
  readonly total: number
  readonly credited: number
  readonly remaining: number
  readonly status: string
  readonly activities: ReadonlyArray<string>
  readonly debtor: {
    readonly householdId: string
    readonly reference: string
    readonly name: string
    readonly address: ApiAddress
    readonly email: string
  }
}

/** Where the API is, the integration key (scope `billing:read`), how many invoices a page holds. */
export interface BridgeOptions {
  /** The portal's address, e.g. `https://espace-citoyen.mairie.fr`. */
  readonly url: string
  /** An integration key `spe_…` created in « Intégrations » › « Clés d'API ». */
  readonly key: string
  readonly pageSize?: number
  readonly fetch?: typeof fetch
}

/** The API refused a call: its status and the problem's French detail. */
export class BridgeError extends Error {
  constructor(
    readonly status: number,
    detail: string
  ) {
    super(`L'API a répondu ${status} : ${detail}`)
    this.name = "BridgeError"
  }
}

/** Every invoice of a month (`AAAA-MM`), following the `next` links page after page. */
export async function fetchMonthInvoices(options: BridgeOptions, month: string): Promise<ReadonlyArray<ApiInvoice>> {
  const get = options.fetch ?? fetch
  const invoices: Array<ApiInvoice> = []
  let next: string | undefined = `/api/v1/admin/invoices?month=${encodeURIComponent(month)}&limit=${options.pageSize ?? 100}`
  while (next !== undefined) {
    const response = await get(new URL(next, options.url), { headers: { accept: "application/json", authorization: `Bearer ${options.key}` } })
    const body = (await response.json()) as { readonly items?: ReadonlyArray<ApiInvoice>; readonly next?: string; readonly detail?: string }
    if (!response.ok) throw new BridgeError(response.status, body.detail ?? response.statusText)
    invoices.push(...(body.items ?? []))
    next = body.next
  }
  return invoices
}

/** The columns of the file, in order (see README.md). */
export const titreColumns = [
  "reference_titre",
  "numero_facture",
  "exercice",
  "debiteur_reference",
  "debiteur_nom",
  "adresse_ligne1",
  "adresse_ligne2",
  "code_postal",
  "ville",
  "email",
  "objet",
  "montant",
  "date_emission",
  "date_echeance"
] as const

const euros = (cents: number): string => {
  const sign = cents < 0 ? "-" : ""
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`
}

const frenchDate = (iso: string): string => {
  const [year, month, day] = iso.split("-")
  return `${day}/${month}/${year}`
}

const cell = (value: string): string => {
  const flat = value.replace(/[\r\n]+/g, " ").trim()
  return /[";]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat
}

/** The object of a titre: what the invoice bills and for which month. */
export const objectOf = (invoice: ApiInvoice): string =>
  `Services périscolaires ${invoice.periodLabel}${invoice.activities.length === 0 ? "" : ` : ${invoice.activities.join(", ")}`} (facture ${invoice.number})`

/** One line of the file for an invoice: the amount is what is owed once credit notes are withdrawn. */
export const titreLine = (invoice: ApiInvoice): ReadonlyArray<string> => [
  invoice.id,
  invoice.number,
  invoice.period.slice(0, 4),
  invoice.debtor.reference,
  invoice.debtor.name,
  invoice.debtor.address.line1,
  invoice.debtor.address.line2 ?? "",
  invoice.debtor.address.postalCode,
  invoice.debtor.address.city,
  invoice.debtor.email,
  objectOf(invoice),
  euros(invoice.total - invoice.credited),
  frenchDate(invoice.issuedOn),
  frenchDate(invoice.dueOn)
]

/**
 * The import file: a header line then one line per invoice (fully credited ones left out: nothing
 * to collect), by invoice number; `;`-separated, CRLF line ends, UTF-8 with a byte order mark.
 */
export function titresFile(invoices: ReadonlyArray<ApiInvoice>): string {
  const lines = [...invoices]
    .filter((invoice) => invoice.total - invoice.credited > 0)
    .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
    .map((invoice) => titreLine(invoice).map(cell).join(";"))
  return `\uFEFF${[titreColumns.join(";"), ...lines].join("\r\n")}\r\n`
}

/** Pulls the month's invoices and gives the file's text and how many titres it holds. */
export async function exportMonth(options: BridgeOptions, month: string): Promise<{ readonly text: string; readonly titres: number; readonly invoices: number }> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`Le mois s'écrit AAAA-MM, par exemple 2026-10 (reçu : ${month}).`)
  const invoices = await fetchMonthInvoices(options, month)
  const text = titresFile(invoices)
  return { text, titres: text.split("\r\n").length - 2, invoices: invoices.length }
}
