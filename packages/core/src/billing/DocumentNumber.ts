import { Schema } from "effect"

/** The two numbered series of a régie: invoices and credit notes (avoirs). */
export const DocumentSeries = Schema.Literal("invoice", "credit").annotations({ identifier: "DocumentSeries" })
export type DocumentSeries = typeof DocumentSeries.Type

const TOKEN = /\{(prefix|year|seq)(?::(\d{1,2}))?\}/g

/**
 * A numbering template: `{prefix}`, `{year}` and `{seq}` (or `{seq:N}`, zero-padded to N digits).
 * It must contain `{seq…}` and `{year}`, since numbers restart each year.
 */
export const NumberTemplate = Schema.String.pipe(
  Schema.filter((t) => /\{seq(?::\d{1,2})?\}/.test(t) && t.includes("{year}"), {
    message: () =>
      "Le modèle de numérotation doit contenir {year} et {seq} (ou {seq:6} pour six chiffres), par exemple {prefix}-{year}-{seq:6}."
  }),
  Schema.brand("NumberTemplate"),
  Schema.annotations({ identifier: "NumberTemplate" })
)
export type NumberTemplate = typeof NumberTemplate.Type

/** How a series is numbered: a prefix and a template (a town setting). */
export class DocumentNumberFormat extends Schema.Class<DocumentNumberFormat>("DocumentNumberFormat")({
  prefix: Schema.String,
  template: NumberTemplate
}) {}

/** Default invoice numbers: `F-2026-000001`. */
export const defaultInvoiceNumberFormat = DocumentNumberFormat.make({
  prefix: "F",
  template: NumberTemplate.make("{prefix}-{year}-{seq:6}")
})

/** Default credit-note numbers: `A-2026-000001`. */
export const defaultCreditNoteNumberFormat = DocumentNumberFormat.make({
  prefix: "A",
  template: NumberTemplate.make("{prefix}-{year}-{seq:6}")
})

/**
 * The number of the `sequence`-th document of a year.
 *
 * @example
 * formatDocumentNumber(defaultInvoiceNumberFormat, 2026, 123) // "F-2026-000123"
 */
export function formatDocumentNumber(format: DocumentNumberFormat, year: number, sequence: number): string {
  return format.template.replace(TOKEN, (_match, token: string, width: string | undefined) => {
    if (token === "prefix") return format.prefix
    if (token === "year") return String(year)
    return width === undefined ? String(sequence) : String(sequence).padStart(Number(width), "0")
  })
}
