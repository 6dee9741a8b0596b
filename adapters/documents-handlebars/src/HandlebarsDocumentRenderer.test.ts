import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  childcarePaidAmounts,
  Cents,
  DocumentRenderer,
  DocumentRenderingUnavailable,
  type GeneratedDocumentKind,
  generatedDocumentKinds,
  type GeneratedDocumentModels,
  invoiceTotal,
  LocalDate
} from "@spe/core"
import { Effect, Either, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  documentRendererContract,
  expectedTexts,
  generatedDocumentSamples
} from "@spe/testkit"
import { HandlebarsDocumentRenderer } from "./HandlebarsDocumentRenderer.js"

const chromiumInstalled = existsSync("/usr/bin/chromium")
const popplerInstalled = existsSync("/usr/bin/pdftotext") && existsSync("/usr/bin/pdfinfo")

const renderer = new HandlebarsDocumentRenderer()
const work = mkdtempSync(join(tmpdir(), "spe-documents-"))
afterAll(async () => {
  await renderer.close()
  rmSync(work, { recursive: true, force: true })
})

const fold = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, " ").trim()

interface PdfContent {
  /** The text in reading order (cells whole). */
  readonly text: string
  /** The text line by line as laid out (a table row on one line). */
  readonly layout: string
  readonly pages: number
}

/** The PDF's text (pdftotext, raw and laid out) and page count (pdfinfo). */
function readPdf(bytes: Uint8Array, name: string): PdfContent {
  const file = join(work, `${name}.pdf`)
  writeFileSync(file, bytes)
  const text = (mode: ReadonlyArray<string>) => execFileSync("/usr/bin/pdftotext", [...mode, "-enc", "UTF-8", file, "-"], { encoding: "utf8" })
  const info = execFileSync("/usr/bin/pdfinfo", [file], { encoding: "utf8" })
  return { text: fold(text(["-raw"])), layout: fold(text(["-layout"])), pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? "0") }
}

const pdfOf = async <K extends GeneratedDocumentKind>(kind: K, model: GeneratedDocumentModels[K]) => {
  const bytes = await Effect.runPromise(renderer.render(kind, model, "pdf"))
  return readPdf(bytes, `${kind}-${Math.random().toString(36).slice(2)}`)
}

documentRendererContract("Handlebars, Chromium", () => Layer.succeed(DocumentRenderer, { render: renderer.render }), {
  pdf: chromiumInstalled ? "available" : "unavailable"
})

describe.skipIf(!chromiumInstalled || !popplerInstalled)("PDF through Chromium", () => {
  const samples = generatedDocumentSamples()
  const pdfs = new Map<GeneratedDocumentKind, PdfContent>()
  beforeAll(async () => {
    for (const kind of generatedDocumentKinds) pdfs.set(kind, await pdfOf(kind, samples.models[kind]))
  }, 120_000)

  it("prints every kind's data, with page numbers", () => {
    for (const kind of generatedDocumentKinds) {
      const pdf = pdfs.get(kind)
      expect(pdf, kind).toBeDefined()
      if (pdf === undefined) continue
      expect(pdf.pages, kind).toBeGreaterThanOrEqual(1)
      expect(pdf.text, kind).toContain(fold(samples.models[kind].title))
      for (const expected of expectedTexts(samples.models[kind])) expect(pdf.text, `${kind}: ${expected}`).toContain(fold(expected))
      expect(pdf.text, kind).toContain(`Page 1 sur ${pdf.pages}`)
      expect(pdf.text, kind).toContain("servicepopulation@pierrotin.fr")
    }
  })

  it("prints the invoice's totals as the core computes them, over several A4 pages", () => {
    const pdf = pdfs.get("invoice")
    if (pdf === undefined) throw new Error("no invoice PDF")
    const { invoice, account } = samples
    const situation = account.invoices.find((s) => s.invoice.id === invoice.id)
    if (situation === undefined) throw new Error("no situation")
    expect(pdf.pages).toBeGreaterThanOrEqual(2)
    expect(pdf.layout).toContain(`Total de la facture ${fold(Cents.formatEuros(invoiceTotal(invoice)))}`)
    expect(pdf.layout).toContain(`Déjà payé ${fold(Cents.formatEuros(situation.paid))}`)
    expect(pdf.layout).toContain(`Reste à payer ${fold(Cents.formatEuros(situation.remaining))}`)
    expect(pdf.layout).toContain(`Avoirs ${fold(Cents.formatEuros(situation.credited))}`)
    expect(pdf.text).toContain("Quotient familial retenu : 750 € (transmis par la CAF, validé)")
    expect(pdf.text).toContain("Réduction fratrie, 2e enfant (-10 %)")
    expect(pdf.text).toContain("Trésor public")
    expect(pdf.text).toContain(`avant le ${LocalDate.formatFr(invoice.dueOn)}`)
  })

  it("prints the attestation's total as the core computes it, on one page", () => {
    const pdf = pdfs.get("childcareAttestation")
    if (pdf === undefined) throw new Error("no attestation PDF")
    const total = Cents.sum(childcarePaidAmounts({ ...samples, year: 2026, invoices: [samples.invoice], creditNotes: [samples.creditNote] }).map((a) => a.amount))
    expect(total).toBeGreaterThan(0)
    expect(pdf.pages).toBe(1)
    expect(pdf.layout).toContain(`Total payé en 2026 ${fold(Cents.formatEuros(total))}`)
    expect(pdf.text).not.toContain("Léa")
  })

  it("prints markup in names as text", async () => {
    const hostile = generatedDocumentSamples({ familyName: "<script>alert(1)</script>", childFirstName: "<b>Léa</b>", days: 2 })
    const pdf = await pdfOf("invoice", hostile.models.invoice)
    expect(pdf.text).toContain("Anne <script>alert(1)</script>")
    expect(pdf.text).toContain("<b>Léa</b> <script>alert(1)</script>")
  })

  it("uses one browser for every document, and launches another after a crash", async () => {
    expect(renderer.pdfEngine.launchCount).toBe(1)
    const browser = await renderer.pdfEngine.currentBrowser()
    await browser.close()
    const pdf = await pdfOf("creditNote", samples.models.creditNote)
    expect(pdf.text).toContain(samples.models.creditNote.number)
    expect(renderer.pdfEngine.launchCount).toBe(2)
  })
})

describe("without Chromium", () => {
  const missing = new HandlebarsDocumentRenderer({ chromiumPath: join(work, "no-chromium") })
  afterAll(() => missing.close())

  documentRendererContract("Handlebars without Chromium", () => Layer.succeed(DocumentRenderer, { render: missing.render }), { pdf: "unavailable" })

  it("refuses a PDF with a French message that says what to install, and still renders HTML", async () => {
    const { models } = generatedDocumentSamples({ days: 1 })
    const result = await Effect.runPromise(Effect.either(missing.render("invoice", models.invoice, "pdf")))
    if (Either.isRight(result)) throw new Error("a PDF without Chromium")
    expect(result.left).toBeInstanceOf(DocumentRenderingUnavailable)
    expect(result.left.message).toContain("Impossible de produire le document « facture » au format PDF")
    expect(result.left.message).toContain("apt-get install chromium")
    expect(missing.pdfEngine.launchCount).toBe(0)
    const html = await Effect.runPromise(missing.render("invoice", models.invoice, "html"))
    expect(html).toContain(models.invoice.number)
  })
})

describe("shutdown", () => {
  it("refuses PDFs once closed", async () => {
    const closing = new HandlebarsDocumentRenderer()
    await closing.close()
    const { models } = generatedDocumentSamples({ days: 1 })
    const result = await Effect.runPromise(Effect.either(closing.render("creditNote", models.creditNote, "pdf")))
    expect(Either.isLeft(result) && result.left._tag).toBe("DocumentRenderingUnavailable")
  })
})
