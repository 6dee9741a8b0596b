import { Either, Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"

/**
 * How a cell is written: `text` as is (quoted when needed, a formula-looking start neutralised),
 * `amount` integer cents as `12,50`, `date` a `AAAA-MM-JJ` day as `JJ/MM/AAAA`, `datetime` an
 * instant as `JJ/MM/AAAA HH:MM` in Paris time, `integer` as digits.
 */
export type CsvFormat = "text" | "amount" | "date" | "datetime" | "integer"

/** One column of a CSV file: its header, how its cells are written, what it holds, and its value for a row. */
export interface CsvColumn<Row> {
  readonly header: string
  readonly format: CsvFormat
  readonly description: string
  readonly value: (row: Row) => string | number | undefined
}

/** The cell separator of every CSV file of the platform. */
export const csvSeparator = ";"
/** The line end the writer uses (the reader also takes LF). */
export const csvLineEnd = "\r\n"
/** The byte-order mark the writer puts first, so that spreadsheets read UTF-8 accents. */
export const csvByteOrderMark = "\uFEFF"

/** Integer cents in French decimal form, without a thousands separator nor a currency: `1234,50`, `-3,05`. */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? "-" : ""
  const abs = Math.abs(Math.trunc(cents))
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`
}

/** A `AAAA-MM-JJ` day as `JJ/MM/AAAA`. */
export const csvDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`

/** An ISO instant as `JJ/MM/AAAA HH:MM`, Paris time. */
export function csvDateTime(instant: string): string {
  const { date, time } = ParisTime.fromInstant(instant as Instant)
  return `${csvDate(date)} ${time}`
}

const formulaStart = /^'*[=+\-@\t\r]/
const neutralisedStart = /^'+[=+\-@\t\r]/

/**
 * A text cell: a start a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab, a carriage
 * return, after any apostrophes) gets one more `'` in front (the reader takes it off again), and the
 * cell is quoted, quotes doubled, when it holds `;`, `"` or a line break.
 */
export function csvText(text: string): string {
  const safe = formulaStart.test(text) ? `'${text}` : text
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** A cell written in its column's format; an absent value is an empty cell. */
export function csvCell(format: CsvFormat, value: string | number | undefined): string {
  if (value === undefined || value === "") return ""
  switch (format) {
    case "amount":
      return typeof value === "number" ? csvAmount(value) : csvText(value)
    case "integer":
      return typeof value === "number" ? String(Math.trunc(value)) : csvText(value)
    case "date":
      return typeof value === "string" && isoDay.test(value) ? csvDate(value) : csvText(String(value))
    case "datetime":
      return typeof value === "string" && isoInstant.test(value) ? csvDateTime(value) : csvText(String(value))
    case "text":
      return csvText(String(value))
  }
}

/**
 * Lines of cells already written (`csvCell`, `csvText`) as a CSV file: the byte-order mark, `;`
 * between cells, CRLF after every line. A line of one empty cell is written `""`, so that it is not
 * read back as a blank line.
 */
export function csvFile(lines: ReadonlyArray<ReadonlyArray<string>>): string {
  return `${csvByteOrderMark}${lines.map((cells) => (cells.length === 1 && cells[0] === "" ? '""' : cells.join(csvSeparator)) + csvLineEnd).join("")}`
}

/** Rows of plain texts as a CSV file (each cell through `csvText`); `readCsv` gives them back. */
export const writeCsvRows = (rows: ReadonlyArray<ReadonlyArray<string>>): string => csvFile(rows.map((row) => row.map(csvText)))

/**
 * The one CSV writer of the platform's exports: UTF-8 with a byte-order mark (spreadsheets read the
 * accents), `;` between cells, CRLF after every line, a header row, then one line per row.
 */
export function writeCsv<Row>(columns: ReadonlyArray<CsvColumn<Row>>, rows: Iterable<Row>): string {
  const lines: Array<ReadonlyArray<string>> = [columns.map((c) => csvText(c.header))]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.format, c.value(row))))
  return csvFile(lines)
}

/** One record of a CSV file: the line it starts on (1 = the first line of the file) and its cells. */
export interface CsvRecord {
  readonly line: number
  readonly cells: ReadonlyArray<string>
}

/** A file that cannot be read as CSV at all, and the line where reading stopped. */
export class CsvUnreadable extends Schema.TaggedError<CsvUnreadable>()("CsvUnreadable", {
  line: Schema.Number,
  reason: Schema.String
}) {
  override get message(): string {
    return `Le fichier ne peut pas être lu comme un fichier CSV (ligne ${this.line}) : ${this.reason}`
  }
}

const unneutralise = (cell: string): string => (neutralisedStart.test(cell) ? cell.slice(1) : cell)

/**
 * Reads a CSV file: with or without the byte-order mark, CRLF, LF or CR lines, `;` between cells,
 * quoted cells holding `;`, doubled quotes and line breaks (RFC 4180), blank lines skipped. Each
 * record says the line it starts on. The apostrophe `csvText` puts before a formula-looking start is
 * taken off. Refused only when a quoted cell is never closed.
 *
 * @example
 * readCsv('Nom;Ville\r\n"Dupont; fils";Elbeuf\r\n')
 * // Right([{ line: 1, cells: ["Nom", "Ville"] }, { line: 2, cells: ["Dupont; fils", "Elbeuf"] }])
 */
export function readCsv(text: string): Either.Either<ReadonlyArray<CsvRecord>, CsvUnreadable> {
  const source = text.startsWith(csvByteOrderMark) ? text.slice(1) : text
  const records: Array<CsvRecord> = []
  let cells: Array<string> = []
  let cell = ""
  let quoted = false
  let wasQuoted = false
  let line = 1
  let recordLine = 1
  const endCell = () => {
    cells.push(unneutralise(cell))
    cell = ""
    wasQuoted = false
  }
  const endRecord = () => {
    if (cells.length > 0 || cell !== "" || wasQuoted) {
      endCell()
      records.push({ line: recordLine, cells })
    }
    cells = []
    cell = ""
    wasQuoted = false
  }
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else {
        if (c === "\n" || (c === "\r" && source[i + 1] !== "\n")) line++
        cell += c
      }
    } else if (c === '"' && cell === "" && !wasQuoted) {
      quoted = true
      wasQuoted = true
    } else if (c === csvSeparator) endCell()
    else if (c === "\r" || c === "\n") {
      if (c === "\r" && source[i + 1] === "\n") i++
      endRecord()
      line++
      recordLine = line
    } else cell += c
  }
  if (quoted) return Either.left(new CsvUnreadable({ line: recordLine, reason: "un guillemet ouvert n'est jamais refermé. Vérifiez les guillemets de cette ligne." }))
  endRecord()
  return Either.right(records)
}

const windows1252High = "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178"

/** The text of UTF-8 bytes, or undefined when they are not valid UTF-8. */
function utf8Text(bytes: Uint8Array): string | undefined {
  const codes: Array<number> = []
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0
    const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (size === 0 || i + size > bytes.length) return undefined
    let code = size === 1 ? b : b & (0xff >> (size + 1))
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k] ?? 0
      if ((next & 0xc0) !== 0x80) return undefined
      code = (code << 6) | (next & 0x3f)
    }
    const shortest = size === 1 || (size === 2 && code >= 0x80) || (size === 3 && code >= 0x800) || (size === 4 && code >= 0x10000)
    if (!shortest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined
    codes.push(code)
    i += size
  }
  let text = ""
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCodePoint(...codes.slice(i, i + 4096))
  return text
}

/**
 * Decodes the bytes of an uploaded CSV file: UTF-8 (the byte-order mark dropped), or, when the bytes
 * are not UTF-8, Windows-1252 (what a French spreadsheet saves as "CSV (séparateur : point-virgule)").
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  const utf8 = utf8Text(bytes)
  if (utf8 !== undefined) return utf8.startsWith(csvByteOrderMark) ? utf8.slice(1) : utf8
  let text = ""
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? windows1252High.charAt(b - 0x80) : String.fromCharCode(b)
  return text
}

/**
 * An amount typed in a CSV cell, in integer cents: `12,50`, `12.50`, `12`, `1 234,5`, `12,50 €`.
 * The message says, in French, how to write it.
 */
export function parseCsvAmount(text: string): Either.Either<Cents.Cents, string> {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "")
  const match = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(compact)
  if (match === null) return Either.left(`« ${text.trim()} » n'est pas un montant : écrivez-le en euros, par exemple 12,50.`)
  const euros = Number(match[2])
  const cents = Number((match[3] ?? "").padEnd(2, "0"))
  const value = euros * 100 + cents
  if (!Number.isSafeInteger(value)) return Either.left(`« ${text.trim()} » est un montant trop grand.`)
  return Either.right(Cents.cents(match[1] === "-" && value !== 0 ? -value : value))
}

/** A day typed in a CSV cell: `JJ/MM/AAAA` (or `J/M/AAAA`, or `AAAA-MM-JJ`). The message says how to write it. */
export function parseCsvDate(text: string): Either.Either<LocalDate.LocalDate, string> {
  const trimmed = text.trim()
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed)
  const iso = french === null ? trimmed : `${french[3]}-${(french[2] ?? "").padStart(2, "0")}-${(french[1] ?? "").padStart(2, "0")}`
  return Either.mapLeft(LocalDate.parse(iso), () => `« ${trimmed} » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 04/03/2018.`)
}
