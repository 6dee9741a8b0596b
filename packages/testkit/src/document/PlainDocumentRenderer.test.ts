import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { documentRendererContract } from "./DocumentRendererContract.js"
import { generatedDocumentSamples } from "./GeneratedDocumentFixtures.js"
import { plainDocumentRendererLayer, plainPdf } from "./PlainDocumentRenderer.js"

documentRendererContract("plain renderer", () => plainDocumentRendererLayer(), { pdf: "available" })
documentRendererContract("plain renderer without PDF", () => plainDocumentRendererLayer({ pdf: false }), { pdf: "unavailable" })

describe("plain PDF", () => {
  it.skipIf(!existsSync("/usr/bin/pdftotext"))("is read back by pdftotext, euros and accents included", () => {
    const { models } = generatedDocumentSamples()
    const dir = mkdtempSync(join(tmpdir(), "plain-pdf-"))
    try {
      const file = join(dir, "doc.pdf")
      writeFileSync(file, plainPdf([models.invoice.title, `Total : ${models.invoice.total.text}`, "Élodie, « Noël » (été)"]))
      const text = execFileSync("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" })
      expect(text).toContain("Facture F-2026-000123")
      expect(text).toContain(`Total : ${models.invoice.total.text.replace("\u202f", " ")}`)
      expect(text).toContain("Élodie, « Noël » (été)")
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
