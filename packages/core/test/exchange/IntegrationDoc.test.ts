import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { exportDatasetInfo } from "../../src/exchange/ExportDatasets.js"
import { exportDatasetKinds } from "../../src/exchange/ExportFormat.js"
import { householdImportColumns, householdMemberColumns } from "../../src/exchange/HouseholdImport.js"
import { treasuryPaymentColumns } from "../../src/exchange/TreasuryPaymentImport.js"

const doc = readFileSync(new URL("../../../../docs/integration.md", import.meta.url), "utf8")
const section = (title: string): string => {
  const start = doc.indexOf(`\n## ${title}\n`)
  const end = doc.indexOf("\n## ", start + 1)
  return start < 0 ? "" : doc.slice(start, end < 0 ? undefined : end)
}

describe("docs/integration.md", () => {
  it("documents every column of every export, with its key, format and description", () => {
    const exports = section("Exports")
    for (const kind of exportDatasetKinds) {
      const info = exportDatasetInfo(kind)
      expect(exports).toContain(`(\`${kind}\`, fichier \`${info.fileName}-AAAA-MM-JJ-AAAA-MM-JJ.csv\`)`)
      for (const c of info.columns) expect(exports).toContain(`| ${c.header} | \`${c.key}\` | ${c.format} | ${c.description} |`)
    }
  })

  it("documents every column of both imports", () => {
    const imports = section("Imports")
    for (const c of [...householdImportColumns, ...treasuryPaymentColumns]) expect(imports).toContain(`| ${c.header} | ${c.required ? "oui" : "non"} |`)
    for (const c of [...householdMemberColumns.adults, ...householdMemberColumns.children]) expect(imports).toContain(`| ${c.header} |`)
  })
})
