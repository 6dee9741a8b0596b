import { Either } from "effect"
import { readCsv } from "./Csv.js"

/** A line of an import file that was refused, and every reason why, in French. */
export interface ImportRejection {
  /** The line of the file (1 = the header row). */
  readonly line: number
  readonly reasons: ReadonlyArray<string>
}

/** A column an import file may have: its header as documented, other headers accepted for it, whether it must be there. */
export interface ImportColumn {
  readonly key: string
  readonly header: string
  readonly aliases?: ReadonlyArray<string>
  readonly required: boolean
  /** What to write in it, in French (the documentation lists it). */
  readonly description: string
}

/** A data row of an import file: its line and its cells by column key, trimmed ("" when absent or empty). */
export interface ImportRow {
  readonly line: number
  readonly cell: (key: string) => string
  /** Whether any cell of the row whose key starts with `prefix` is filled. */
  readonly anyFilled: (prefix: string) => boolean
}

/** What reading an import file gives: its data rows, the file's own refusals, and warnings (columns ignored). */
export interface ImportTable {
  readonly rows: ReadonlyArray<ImportRow>
  readonly rejected: ReadonlyArray<ImportRejection>
  readonly warnings: ReadonlyArray<string>
  /** The column keys the header has. */
  readonly keys: ReadonlySet<string>
}

/** A header as compared: lower case, no accents, punctuation as spaces (`N° allocataire CAF` → `n allocataire caf`). */
export const headerKey = (header: string): string =>
  header
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()

/**
 * Reads an import file: a CSV file (see `readCsv`) whose first line names the columns. A header is
 * matched to a column by `resolve` (lower case, accents and punctuation ignored); a header nobody
 * knows is ignored with a warning; a missing required column, a column named twice, an unreadable
 * file or a file separated by commas refuse the whole file (line of the header). A row with more
 * filled cells than the header has columns is refused.
 */
export function readImportTable(
  text: string,
  options: {
    readonly resolve: (headerKey: string) => string | undefined
    readonly required: ReadonlyArray<ImportColumn>
    readonly example: string
  }
): ImportTable {
  const refuseFile = (line: number, reasons: ReadonlyArray<string>): ImportTable => ({ rows: [], rejected: [{ line, reasons }], warnings: [], keys: new Set() })
  const read = readCsv(text)
  if (Either.isLeft(read)) return refuseFile(read.left.line, [read.left.message])
  const [header, ...records] = read.right
  if (header === undefined) return refuseFile(1, [`Le fichier est vide : sa première ligne doit nommer les colonnes, par exemple « ${options.example} ».`])
  if (header.cells.length === 1 && /[,\t]/.test(header.cells[0] ?? "")) {
    return refuseFile(header.line, [
      "Les colonnes ne sont pas séparées par des points-virgules : enregistrez le fichier au format « CSV (séparateur : point-virgule) », en UTF-8 de préférence."
    ])
  }
  const keys: Array<string | undefined> = []
  const problems: Array<string> = []
  const warnings: Array<string> = []
  const seen = new Map<string, string>()
  for (const cell of header.cells) {
    const name = cell.trim()
    if (name === "") {
      keys.push(undefined)
      continue
    }
    const key = options.resolve(headerKey(name))
    if (key === undefined) {
      warnings.push(`La colonne « ${name} » n'est pas une colonne connue : elle est ignorée.`)
      keys.push(undefined)
    } else if (seen.has(key)) {
      problems.push(`Les colonnes « ${seen.get(key)} » et « ${name} » désignent la même information : gardez-en une seule.`)
      keys.push(undefined)
    } else {
      seen.set(key, name)
      keys.push(key)
    }
  }
  for (const column of options.required)
    if (!seen.has(column.key)) problems.push(`La colonne « ${column.header} » manque : ajoutez-la à la ligne d'en-tête (${column.description})`)
  if (problems.length > 0) return { ...refuseFile(header.line, problems), warnings }
  const rows: Array<ImportRow> = []
  const rejected: Array<ImportRejection> = []
  for (const record of records) {
    const extra = record.cells.slice(keys.length).filter((c) => c.trim() !== "").length
    if (extra > 0) {
      rejected.push({
        line: record.line,
        reasons: [`La ligne compte ${record.cells.length} cellules mais l'en-tête ${keys.length} colonnes : vérifiez les points-virgules de cette ligne (un texte qui en contient doit être entre guillemets).`]
      })
      continue
    }
    const cells = new Map<string, string>()
    keys.forEach((key, i) => {
      if (key !== undefined) cells.set(key, (record.cells[i] ?? "").trim())
    })
    rows.push({
      line: record.line,
      cell: (key) => cells.get(key) ?? "",
      anyFilled: (prefix) => [...cells.entries()].some(([key, value]) => key.startsWith(prefix) && value !== "")
    })
  }
  return { rows, rejected, warnings, keys: new Set(seen.keys()) }
}

/** A `resolve` for fixed columns: each column's header and aliases, compared as `headerKey` does. */
export function resolveColumns(columns: ReadonlyArray<ImportColumn>): (key: string) => string | undefined {
  const byHeader = new Map<string, string>()
  for (const column of columns) for (const header of [column.header, ...(column.aliases ?? [])]) byHeader.set(headerKey(header), column.key)
  return (key) => byHeader.get(key)
}

/** A yes/no cell: `oui`/`non` (also `o`/`n`, `1`/`0`, `vrai`/`faux`); undefined when empty, "invalid" otherwise. */
export function yesNoCell(text: string): boolean | undefined | "invalid" {
  const value = headerKey(text)
  if (value === "") return undefined
  if (["oui", "o", "1", "vrai", "yes", "y"].includes(value)) return true
  if (["non", "n", "0", "faux", "no"].includes(value)) return false
  return "invalid"
}

/** Rejections in line order, the reasons of one line together. */
export function byLine(rejections: ReadonlyArray<ImportRejection>): ReadonlyArray<ImportRejection> {
  const lines = new Map<number, Array<string>>()
  for (const r of rejections) lines.set(r.line, [...(lines.get(r.line) ?? []), ...r.reasons])
  return [...lines.entries()].sort(([a], [b]) => a - b).map(([line, reasons]) => ({ line, reasons }))
}
