import type { Permission } from "../account/Permission.js"
import type * as Cents from "../shared/Cents.js"
import type { LocalDate } from "../shared/LocalDate.js"
import { csvAmount, csvCell, csvFile, type CsvFormat, csvText } from "./Csv.js"

/**
 * How an export's cell is written: the CSV formats (`text`, `amount` in cents, `date`, `datetime`,
 * `integer`), `hours` (a duration in minutes, written in decimal hours) and `allocations` (the
 * invoices a payment settled, with the amount each received).
 */
export type ExportCellFormat = CsvFormat | "hours" | "allocations"

/** The part of a payment that settled an invoice, as the payments' export lists it. */
export interface ExportAllocation {
  readonly invoiceNumber: string
  readonly amount: Cents.Cents
}

/** A value of an export's cell: text, a number (cents, minutes, a count), allocations, or nothing. */
export type ExportValue = string | number | ReadonlyArray<ExportAllocation> | undefined

/** What a column is, without its program: the JSON key, the CSV header, the format, the meaning. */
export interface ExportColumnInfo {
  /** The field's name in the JSON form. */
  readonly key: string
  /** The column's header in the CSV form (French). */
  readonly header: string
  readonly format: ExportCellFormat
  /** What the column holds, in French (the documentation and the back office show it). */
  readonly description: string
}

/** One column of an export, as data: what it is and its value for a row. */
export interface ExportColumn<Row> extends ExportColumnInfo {
  readonly value: (row: Row) => ExportValue
}

/** The datasets the town exports: invoices and credit notes, payments, unpaid invoices for the Treasury, attendance, households. */
export type ExportDatasetKind = "invoices" | "payments" | "unpaid" | "attendance" | "households"

/** Every dataset, in the order the back office and the documentation list them. */
export const exportDatasetKinds: ReadonlyArray<ExportDatasetKind> = ["invoices", "payments", "unpaid", "attendance", "households"]

/** What a dataset is, without its rows: its names, who may export it, what its period selects, its order. */
export interface ExportDatasetInfo {
  readonly kind: ExportDatasetKind
  /** Its French title ("Factures et avoirs"). */
  readonly title: string
  /** The start of its files' names (`factures-avoirs`). */
  readonly fileName: string
  /** The permission an agent needs to export it. */
  readonly permission: Permission
  /** What the period selects, in French. */
  readonly period: string
  /** The order of its rows, in French. */
  readonly order: string
  readonly columns: ReadonlyArray<ExportColumnInfo>
}

/** A dataset's definition: what it is and its columns with their programs. */
export interface ExportDefinition<Row> extends ExportDatasetInfo {
  readonly columns: ReadonlyArray<ExportColumn<Row>>
}

/** A dataset exported for a period: its definition's data and one array of values per row, in the columns' order. */
export interface ExportTable {
  readonly dataset: ExportDatasetInfo
  readonly from: LocalDate
  readonly to: LocalDate
  readonly rows: ReadonlyArray<ReadonlyArray<ExportValue>>
}

/** The file formats of an export. */
export type ExportFileFormat = "csv" | "json"

/** An export as a file to write or to download. */
export interface ExportFile {
  readonly fileName: string
  readonly mediaType: string
  readonly text: string
}

/** The values of the rows of a definition, in its columns' order. */
export const tableRows = <Row>(definition: ExportDefinition<Row>, rows: ReadonlyArray<Row>): ReadonlyArray<ReadonlyArray<ExportValue>> =>
  rows.map((row) => definition.columns.map((column) => column.value(row)))

/** Minutes in decimal hours, two decimals at most (570 → 9.5). */
const hoursOf = (minutes: number): number => Math.round((minutes * 100) / 60) / 100

const allocationsOf = (value: ExportValue): ReadonlyArray<ExportAllocation> => (Array.isArray(value) ? (value as ReadonlyArray<ExportAllocation>) : [])

/** A cell of an export in CSV: the CSV formats as `csvCell` writes them, hours as `9,50`, allocations as `F-2026-000012 : 12,50 / …`. */
export function exportCsvCell(format: ExportCellFormat, value: ExportValue): string {
  switch (format) {
    case "hours":
      return typeof value === "number" ? csvAmount(Math.round((value * 100) / 60)) : ""
    case "allocations":
      return csvText(allocationsOf(value).map((a) => `${a.invoiceNumber} : ${csvAmount(a.amount)}`).join(" / "))
    default:
      return csvCell(format, typeof value === "string" || typeof value === "number" ? value : undefined)
  }
}

/** A cell of an export in JSON: amounts in integer cents, ISO dates and instants, hours as a decimal number, absent as `null`. */
export function exportJsonValue(format: ExportCellFormat, value: ExportValue): unknown {
  if (value === undefined || value === "") return format === "allocations" ? [] : null
  switch (format) {
    case "hours":
      return typeof value === "number" ? hoursOf(value) : null
    case "allocations":
      return allocationsOf(value).map((a) => ({ invoice: a.invoiceNumber, amount: a.amount }))
    case "amount":
    case "integer":
      return typeof value === "number" ? Math.trunc(value) : value
    default:
      return value
  }
}

/** The name of an export's file: `factures-avoirs-2026-10-01-2026-10-31.csv`. */
export const exportFileName = (table: ExportTable, format: ExportFileFormat): string =>
  `${table.dataset.fileName}-${table.from}-${table.to}.${format}`

/** An export in CSV: the header row, then one line per row (`;`, UTF-8 with BOM, CRLF). */
export function exportCsv(table: ExportTable): string {
  const { columns } = table.dataset
  return csvFile([
    columns.map((c) => csvText(c.header)),
    ...table.rows.map((row) => columns.map((c, i) => exportCsvCell(c.format, row[i])))
  ])
}

/**
 * An export in JSON: the dataset, the period, the columns (key, header, format, description) and one
 * object per row keyed by the columns' keys. No date of generation: the same period exported again
 * gives the same bytes.
 */
export function exportJson(table: ExportTable): string {
  const { columns } = table.dataset
  const document = {
    dataset: table.dataset.kind,
    title: table.dataset.title,
    from: table.from,
    to: table.to,
    columns: columns.map((c) => ({ key: c.key, header: c.header, format: c.format, description: c.description })),
    rows: table.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.key, exportJsonValue(c.format, row[i])])))
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/** An export as a file: CSV (`text/csv`) or JSON (`application/json`), named for its dataset and period. */
export const exportFile = (table: ExportTable, format: ExportFileFormat): ExportFile => ({
  fileName: exportFileName(table, format),
  mediaType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
  text: format === "csv" ? exportCsv(table) : exportJson(table)
})
