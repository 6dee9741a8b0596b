import { Context, type Effect, Schema } from "effect"
import { type GeneratedDocumentKind, GeneratedDocumentKind as GeneratedDocumentKindSchema, type GeneratedDocumentModels, generatedDocumentName } from "./GeneratedDocument.js"

/** The forms a document is rendered in. */
export const DocumentFormat = Schema.Literal("html", "pdf").annotations({ identifier: "DocumentFormat" })
export type DocumentFormat = typeof DocumentFormat.Type

/** What a rendering gives: the HTML page as text, the PDF as bytes. */
export type RenderedDocument<F extends DocumentFormat> = F extends "pdf" ? Uint8Array : string

/**
 * A document could not be rendered in the asked format (no PDF engine installed, a template
 * missing or broken). `reason` says what is wrong and what to do, in French.
 */
export class DocumentRenderingUnavailable extends Schema.TaggedError<DocumentRenderingUnavailable>()("DocumentRenderingUnavailable", {
  kind: GeneratedDocumentKindSchema,
  format: DocumentFormat,
  reason: Schema.String
}) {
  override get message(): string {
    return `Impossible de produire le document « ${generatedDocumentName(this.kind)} » au format ${this.format.toUpperCase()} : ${this.reason}`
  }
}

/**
 * Turns a generated document's data into HTML or PDF, so that the portal asks for documents
 * without knowing how they are drawn (the Handlebars adapter, or the testkit's plain one).
 *
 * @example
 * const renderer = yield* DocumentRenderer
 * const pdf = yield* renderer.render("invoice", invoiceDocument(invoice, household, regie, settings), "pdf")
 */
export class DocumentRenderer extends Context.Tag("@spe/core/DocumentRenderer")<
  DocumentRenderer,
  {
    readonly render: <K extends GeneratedDocumentKind, F extends DocumentFormat>(
      kind: K,
      model: GeneratedDocumentModels[K],
      format: F
    ) => Effect.Effect<RenderedDocument<F>, DocumentRenderingUnavailable>
  }
>() {}
