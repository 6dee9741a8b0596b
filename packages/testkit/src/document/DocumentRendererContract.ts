import {
  DocumentRenderer,
  DocumentRenderingUnavailable,
  type GeneratedDocument,
  type GeneratedDocumentKind,
  generatedDocumentKinds,
  type GeneratedDocumentModels
} from "@spe/core"
import { Effect, Either, type Layer, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { generatedDocumentSamples } from "./GeneratedDocumentFixtures.js"

/** What a contract run expects of PDFs: made (and starting with `%PDF-`), or refused with `DocumentRenderingUnavailable`. */
export interface DocumentRendererContractOptions {
  readonly pdf: "available" | "unavailable"
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" }

/** The text of an HTML page: tags removed, entities decoded, spaces folded. */
export function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
      if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10))
      return ENTITIES[entity.toLowerCase()] ?? whole
    })
    .replace(/\s+/g, " ")
    .trim()
}

/** The texts each kind's page must show. */
export function expectedTexts(m: GeneratedDocument): ReadonlyArray<string> {
  switch (m.kind) {
    case "invoice":
      return [m.number, m.addressee.name, m.total.text, m.remaining.text, m.dueOn.text, ...m.groups.map((g) => g.subtotal.text)]
    case "creditNote":
      return [m.number, m.invoiceNumber, m.reason, m.total.text]
    case "attendanceCertificate":
      return [m.child.name, m.activityName, String(m.dayCount)]
    case "childcareAttestation":
      return [m.addressee.name, m.total.text, ...m.children.map((c) => c.name)]
    case "holidayBookingCalendar":
      return m.periods.flatMap((p) => [p.label, ...p.windows.map((w) => w.closesAt.text)])
    case "householdSummary":
      return [m.reference, m.quotient.text, ...m.children.map((c) => c.name)]
  }
}

/**
 * The behaviour every `DocumentRenderer` adapter must have: each kind renders to a French HTML
 * page that shows its data, every text is escaped, the same data gives the same page, and a PDF
 * is either made or refused with `DocumentRenderingUnavailable` (HTML still working).
 * `makeLayer` is built once for the whole suite.
 */
export function documentRendererContract(
  name: string,
  makeLayer: () => Layer.Layer<DocumentRenderer>,
  options: DocumentRendererContractOptions
): void {
  describe(`DocumentRenderer contract: ${name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<DocumentRenderer, never>
    beforeAll(() => {
      runtime = ManagedRuntime.make(makeLayer())
    })
    afterAll(async () => {
      await runtime.dispose()
    })
    const render = <K extends GeneratedDocumentKind, F extends "html" | "pdf">(kind: K, model: GeneratedDocumentModels[K], format: F) =>
      runtime.runPromise(Effect.either(Effect.flatMap(DocumentRenderer, (r) => r.render(kind, model, format))))

    it("renders every kind to a French HTML page that shows its data", async () => {
      const { models } = generatedDocumentSamples({ days: 3 })
      for (const kind of generatedDocumentKinds) {
        const result = await render(kind, models[kind], "html")
        if (Either.isLeft(result)) throw new Error(`${kind}: ${result.left.message}`)
        const html = result.right
        expect(typeof html).toBe("string")
        expect(html).toMatch(/<html[^>]*\slang="fr"/)
        expect(html).toMatch(/<h1[\s>]/)
        const text = htmlText(html)
        expect(text).toContain(models[kind].title)
        for (const expected of expectedTexts(models[kind])) expect(text, `${kind}: ${expected}`).toContain(expected)
      }
    })

    it("prints names as text: markup in the data is escaped", async () => {
      const hostile = "<script>alert(1)</script>"
      const { models } = generatedDocumentSamples({ familyName: hostile, childFirstName: "<img src=x onerror=alert(2)>", days: 2 })
      for (const kind of ["invoice", "householdSummary", "childcareAttestation"] as const) {
        const result = await render(kind, models[kind], "html")
        if (Either.isLeft(result)) throw new Error(`${kind}: ${result.left.message}`)
        expect(result.right).not.toContain("<script>alert")
        expect(result.right).not.toContain("<img src=x")
        expect(htmlText(result.right)).toContain(hostile)
      }
    })

    it("gives the same page for the same data", async () => {
      const { models } = generatedDocumentSamples({ days: 2 })
      const first = await render("invoice", models.invoice, "html")
      const second = await render("invoice", models.invoice, "html")
      expect(second).toEqual(first)
    })

    if (options.pdf === "available") {
      it("renders a PDF", async () => {
        const { models } = generatedDocumentSamples({ days: 2 })
        const result = await render("creditNote", models.creditNote, "pdf")
        if (Either.isLeft(result)) throw new Error(result.left.message)
        expect(result.right).toBeInstanceOf(Uint8Array)
        expect(new TextDecoder().decode(result.right.slice(0, 5))).toBe("%PDF-")
      })
    } else {
      it("refuses a PDF with DocumentRenderingUnavailable, and still renders HTML", async () => {
        const { models } = generatedDocumentSamples({ days: 2 })
        const result = await render("invoice", models.invoice, "pdf")
        expect(Either.isLeft(result)).toBe(true)
        if (Either.isLeft(result)) {
          expect(result.left).toBeInstanceOf(DocumentRenderingUnavailable)
          expect(result.left.format).toBe("pdf")
          expect(result.left.message).toContain("PDF")
        }
        expect(Either.isRight(await render("invoice", models.invoice, "html"))).toBe(true)
      })
    }
  })
}
