import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import {
  csvAmount,
  csvCell,
  csvDate,
  csvDateTime,
  csvText,
  decodeCsvBytes,
  parseCsvAmount,
  parseCsvDate,
  readCsv,
  writeCsv,
  writeCsvRows
} from "../../src/exchange/Csv.js"

const cellsOf = (text: string) => Either.getOrThrow(readCsv(text)).map((r) => r.cells)

/** Any text a cell may hold, with the characters CSV must take care of much more often than chance gives them. */
const anyCell = fc.oneof(
  fc.string({ unit: fc.constantFrom(";", '"', "\r", "\n", "\r\n", "'", "=", "+", "-", "@", "\t", " ", "a", "é", "€", "\uFEFF", ",") , maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string()
)
const anyRow = fc.array(anyCell, { minLength: 1, maxLength: 6 })

describe("the CSV writer and reader", () => {
  test.prop([fc.array(anyRow, { maxLength: 8 })], { numRuns: 500 })("write then read gives every row back, cell for cell", (rows) => {
    expect(cellsOf(writeCsvRows(rows))).toEqual(rows)
  })

  test.prop([anyCell])("any field content round-trips, alone or between others", (cell) => {
    expect(cellsOf(writeCsvRows([[cell], ["avant", cell, "après"]]))).toEqual([[cell], ["avant", cell, "après"]])
  })

  test.prop([fc.array(anyRow, { minLength: 1, maxLength: 5 })])("the file starts with the byte-order mark and every line ends with CRLF", (rows) => {
    const text = writeCsvRows(rows)
    expect(text.startsWith("\uFEFF")).toBe(true)
    expect(text.endsWith("\r\n")).toBe(true)
  })

  it("writes the file spreadsheet users open: BOM, ';', CRLF, quotes only when needed, formulas neutralised", () => {
    const text = writeCsvRows([
      ["Nom", "Ville"],
      ["Dupont; fils", 'Banque "Populaire"'],
      ["=SOMME(A1)", "+33 6 12 34 56 78"],
      ["ligne\nsuivante", "-3"]
    ])
    expect(text).toBe('\uFEFFNom;Ville\r\n"Dupont; fils";"Banque ""Populaire"""\r\n\'=SOMME(A1);\'+33 6 12 34 56 78\r\n"ligne\nsuivante";\'-3\r\n')
    expect(csvText("@cmd")).toBe("'@cmd")
    expect(csvText("'=déjà")).toBe("''=déjà")
    expect(csvText("l'école")).toBe("l'école")
  })

  it("writes amounts in French decimals, dates JJ/MM/AAAA, instants in Paris time, as the billing screens' columns do", () => {
    expect(csvAmount(1250)).toBe("12,50")
    expect(csvAmount(-305)).toBe("-3,05")
    expect(csvAmount(123456789)).toBe("1234567,89")
    expect(csvDate("2026-11-26")).toBe("26/11/2026")
    expect(csvDateTime("2026-11-26T08:00:00.000Z")).toBe("26/11/2026 09:00")
    expect(csvDateTime("2026-07-14T08:00:00.000Z")).toBe("14/07/2026 10:00")
    expect(csvCell("amount", 5)).toBe("0,05")
    expect(csvCell("integer", 12.7)).toBe("12")
    expect(csvCell("date", "2026-01-02")).toBe("02/01/2026")
    expect(csvCell("text", undefined)).toBe("")
    const columns = [
      { header: "Numéro", format: "text" as const, description: "", value: (r: { n: string; a: number }) => r.n },
      { header: "Montant", format: "amount" as const, description: "", value: (r: { n: string; a: number }) => r.a }
    ]
    expect(writeCsv(columns, [{ n: "F-2026-000001", a: 4250 }])).toBe("\uFEFFNuméro;Montant\r\nF-2026-000001;42,50\r\n")
  })

  it("reads files from elsewhere: without BOM, LF or CR lines, blank lines skipped, the line each record starts on", () => {
    const read = Either.getOrThrow(readCsv('a;b\n\n"x\ny";z\rfin;\n'))
    expect(read).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 3, cells: ["x\ny", "z"] },
      { line: 5, cells: ["fin", ""] }
    ])
    expect(Either.getOrThrow(readCsv("un;deux"))).toEqual([{ line: 1, cells: ["un", "deux"] }])
    expect(Either.getOrThrow(readCsv(""))).toEqual([])
  })

  it("refuses a quoted cell never closed, naming the line it starts on", () => {
    const read = readCsv('a;b\r\nc;"ouvert\r\nsans fin\r\n')
    expect(Either.isLeft(read)).toBe(true)
    if (Either.isLeft(read)) {
      expect(read.left.line).toBe(2)
      expect(read.left.message).toBe("Le fichier ne peut pas être lu comme un fichier CSV (ligne 2) : un guillemet ouvert n'est jamais refermé. Vérifiez les guillemets de cette ligne.")
    }
  })

  test.prop([fc.integer({ min: -10_000_000, max: 10_000_000 })])("an amount written is read back to the cent", (cents) => {
    expect(parseCsvAmount(csvAmount(cents))).toEqual(Either.right(Cents.cents(cents)))
  })

  test.prop([fc.integer({ min: 0, max: 100_000 })])("a date written is read back", (days) => {
    const day = LocalDate.addDays(LocalDate.unsafe("1950-01-01"), days)
    expect(parseCsvDate(csvDate(day))).toEqual(Either.right(day))
  })

  it("reads amounts and dates as people type them, and says how to write them otherwise", () => {
    expect(parseCsvAmount("12,5")).toEqual(Either.right(1250))
    expect(parseCsvAmount("12.50")).toEqual(Either.right(1250))
    expect(parseCsvAmount("1 234,50 €")).toEqual(Either.right(123450))
    expect(parseCsvAmount("12")).toEqual(Either.right(1200))
    expect(parseCsvAmount("12,505")).toEqual(Either.left("« 12,505 » n'est pas un montant : écrivez-le en euros, par exemple 12,50."))
    expect(parseCsvDate("4/3/2018")).toEqual(Either.right("2018-03-04"))
    expect(parseCsvDate("2018-03-04")).toEqual(Either.right("2018-03-04"))
    expect(parseCsvDate("31/02/2018")).toEqual(Either.left("« 31/02/2018 » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 04/03/2018."))
  })

  test.prop([fc.string()])("uploaded bytes in UTF-8 are decoded as they were written", (text) => {
    expect(decodeCsvBytes(new Uint8Array(Buffer.from(text, "utf8")))).toBe(text.startsWith("\uFEFF") ? text.slice(1) : text)
  })

  it("decodes a spreadsheet's Windows-1252 file, and drops the UTF-8 byte-order mark", () => {
    expect(decodeCsvBytes(new Uint8Array([0x52, 0xe9, 0x66, 0xe9, 0x72, 0x65, 0x6e, 0x63, 0x65, 0x3b, 0x80, 0x9c]))).toBe("Référence;€œ")
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("A")
    expect(decodeCsvBytes(new Uint8Array([0xc3, 0xa9]))).toBe("é")
  })
})
