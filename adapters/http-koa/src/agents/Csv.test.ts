import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { agentExports, csvAmount, csvCell, type CsvColumn, readCsv, writeCsv } from "./Csv.js"

describe("the back office's CSV writer", () => {
  it("writes a BOM, a header row, `;` between cells, CRLF after each line, French amounts and dates", () => {
    const columns: ReadonlyArray<CsvColumn<{ readonly name: string; readonly cents: number; readonly day: string; readonly at: string }>> = [
      { header: "Nom", format: "text", description: "", value: (r) => r.name },
      { header: "Montant", format: "amount", description: "", value: (r) => r.cents },
      { header: "Jour", format: "date", description: "", value: (r) => r.day },
      { header: "Reçu le", format: "datetime", description: "", value: (r) => r.at }
    ]
    const text = writeCsv(columns, [
      { name: "Léa", cents: 1250, day: "2026-11-05", at: "2026-07-14T08:05:00.000Z" },
      { name: 'Dupont; "Jr"\nsuite', cents: -305, day: "2026-01-31", at: "2026-01-31T23:30:00.000Z" }
    ])
    expect(text).toBe(
      '\uFEFFNom;Montant;Jour;Reçu le\r\nLéa;12,50;05/11/2026;14/07/2026 10:05\r\n"Dupont; ""Jr""\nsuite";-3,05;31/01/2026;01/02/2026 00:30\r\n'
    )
  })

  it("neutralises a text cell that a spreadsheet would read as a formula, but not an amount", () => {
    expect(csvCell("text", "=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell("text", "+33 6 12")).toBe("'+33 6 12")
    expect(csvCell("text", "@moi")).toBe("'@moi")
    expect(csvCell("amount", -1500)).toBe("-15,00")
    expect(csvCell("integer", 25)).toBe("25")
    expect(csvCell("date", undefined)).toBe("")
    expect(csvAmount(123456789)).toBe("1234567,89")
  })

  test.prop([fc.array(fc.array(fc.string({ unit: "grapheme" }), { minLength: 2, maxLength: 2 }), { maxLength: 8 })])(
    "reads back what it wrote, cell for cell (formulas aside)",
    (rows) => {
      const safe = rows.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `x${cell}` : cell)))
      const columns: ReadonlyArray<CsvColumn<ReadonlyArray<string>>> = [
        { header: "A", format: "text", description: "", value: (r) => r[0] },
        { header: "B", format: "text", description: "", value: (r) => r[1] }
      ]
      expect(readCsv(writeCsv(columns, safe))).toEqual([["A", "B"], ...safe])
    }
  )

  it("documents every column of every export in docs/exports.md", () => {
    const docs = readFileSync(fileURLToPath(new URL("../../../../docs/exports.md", import.meta.url)), "utf8")
    for (const definition of Object.values(agentExports)) {
      expect(docs).toContain(`${definition.name}.csv`)
      for (const column of definition.columns) expect(docs).toContain(`| ${column.header} |`)
    }
  })
})
