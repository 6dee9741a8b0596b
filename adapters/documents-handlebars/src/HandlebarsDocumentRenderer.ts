import {
  type DocumentFormat,
  DocumentRenderer,
  DocumentRenderingUnavailable,
  type GeneratedDocumentKind,
  type GeneratedDocumentModels,
  type RenderedDocument
} from "@spe/core"
import { Effect, Layer } from "effect"
import { ChromiumPdfEngine, PdfEngineUnavailable } from "./ChromiumPdf.js"
import type { HandlebarsRendererSettings } from "./HandlebarsRendererSettings.js"
import { TemplateProblem, TemplateSet } from "./TemplateSet.js"

const reasonOf = (error: unknown): string =>
  error instanceof PdfEngineUnavailable || error instanceof TemplateProblem
    ? error.reason
    : `le moteur PDF a échoué (${error instanceof Error ? error.message.split("\n")[0] : String(error)}).`

/**
 * Generated documents through Handlebars templates: HTML always, PDF through the system's headless
 * Chromium (one browser shared by every document). Implements the core's `DocumentRenderer` port.
 *
 * @example
 * const renderer = new HandlebarsDocumentRenderer({ overridesDir: "/etc/spe/documents" })
 * const html = renderer.html("invoice", invoiceDocument(invoice, household, regie, settings))
 * // on shutdown: await renderer.close()
 */
export class HandlebarsDocumentRenderer {
  readonly templates: TemplateSet
  readonly pdfEngine: ChromiumPdfEngine

  /** Loads the templates (the package's, then the town's overrides); throws `TemplateProblem` when a town file is unusable. */
  constructor(readonly settings: HandlebarsRendererSettings = {}) {
    this.templates = new TemplateSet(settings.overridesDir)
    this.pdfEngine = new ChromiumPdfEngine(settings)
  }

  /** The HTML page of a document (throws `TemplateProblem`). */
  html<K extends GeneratedDocumentKind>(kind: K, model: GeneratedDocumentModels[K]): string {
    const actual = (model as { readonly kind?: unknown }).kind
    if (actual !== kind) throw new TemplateProblem(`les données fournies sont celles d'un autre document (${String(actual)}).`)
    return this.templates.render(kind, model)
  }

  /** The port's `render`: the HTML page as text, or its PDF as bytes. */
  render = <K extends GeneratedDocumentKind, F extends DocumentFormat>(
    kind: K,
    model: GeneratedDocumentModels[K],
    format: F
  ): Effect.Effect<RenderedDocument<F>, DocumentRenderingUnavailable> =>
    Effect.gen(this, function* () {
      const html = yield* Effect.try({
        try: () => this.html(kind, model),
        catch: (error) => new DocumentRenderingUnavailable({ kind, format, reason: reasonOf(error) })
      })
      if (format === "html") return html as RenderedDocument<F>
      const title = (model as { readonly title?: unknown }).title
      const pdf = yield* Effect.tryPromise({
        try: () => this.pdfEngine.pdf(html, typeof title === "string" ? title : ""),
        catch: (error) => new DocumentRenderingUnavailable({ kind, format, reason: reasonOf(error) })
      })
      return pdf as RenderedDocument<F>
    })

  /** Closes the shared browser (on shutdown). */
  close(): Promise<void> {
    return this.pdfEngine.close()
  }
}

/** The renderer as the core's `DocumentRenderer`, its browser closed when the layer's scope closes. */
export const handlebarsDocumentRendererLayer = (settings: HandlebarsRendererSettings = {}): Layer.Layer<DocumentRenderer> =>
  Layer.scoped(
    DocumentRenderer,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => new HandlebarsDocumentRenderer(settings)),
        (renderer) => Effect.promise(() => renderer.close())
      ),
      (renderer) => ({ render: renderer.render })
    )
  )
