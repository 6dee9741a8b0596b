import {
  type DocumentFormat,
  DocumentRenderer,
  DocumentRenderingUnavailable,
  type GeneratedDocument,
  type GeneratedDocumentKind,
  type GeneratedDocumentModels,
  type IssuerView,
  type RenderedDocument
} from "@spe/core"
import { type Context, Effect, Layer } from "effect"

const issuerLines = (issuer: IssuerView): ReadonlyArray<string> => [
  `${issuer.townName} — ${issuer.serviceName}`,
  ...(issuer.regieName === undefined ? [] : [issuer.regieName]),
  ...issuer.addressLines,
  `${issuer.phone} — ${issuer.email}`
]

/** The text of a generated document, line by line, as the plain renderer prints it. */
export function plainDocumentLines(document: GeneratedDocument): ReadonlyArray<string> {
  switch (document.kind) {
    case "invoice":
      return [
        ...issuerLines(document.issuer),
        document.title,
        `Période : ${document.period.text} — émise le ${document.issuedOn.text} — à payer avant le ${document.dueOn.text}`,
        `Dossier ${document.addressee.householdReference} — ${document.addressee.name}`,
        ...document.addressee.addressLines,
        ...document.groups.flatMap((g) => [
          `${g.childName} — ${g.activityName}`,
          ...g.lines.map((l) => `${l.date.short} ${l.ruleLabel} ${l.unitPrice.text} ${l.amount.text}`),
          `Sous-total : ${g.subtotal.text}`
        ]),
        `Total : ${document.total.text}`,
        `Déjà payé : ${document.paid.text}`,
        `Reste à payer : ${document.remaining.text}`,
        `État : ${document.status.label}`,
        document.paymentNote,
        ...document.howToPay.map((h) => `${h.title} : ${h.text}`)
      ]
    case "creditNote":
      return [
        ...issuerLines(document.issuer),
        document.title,
        `Facture corrigée : ${document.invoiceNumber} — émis le ${document.issuedOn.text}`,
        `Dossier ${document.addressee.householdReference} — ${document.addressee.name}`,
        `Motif : ${document.reason}`,
        ...document.groups.flatMap((g) => [
          `${g.childName} — ${g.activityName}`,
          ...g.lines.map((l) => `${l.date.short} ${l.ruleLabel} ${l.amount.text}`),
          `Sous-total : ${g.subtotal.text}`
        ]),
        `Total de l'avoir : ${document.total.text}`,
        document.note
      ]
    case "attendanceCertificate":
      return [
        ...issuerLines(document.issuer),
        document.title,
        document.statement,
        ...document.months.map((m) => `${m.text} : ${m.days.map((day) => day.short).join(", ")}`),
        `Fait à ${document.signature.place}, le ${document.issuedOn.text}`,
        document.signature.title
      ]
    case "childcareAttestation":
      return [
        ...issuerLines(document.issuer),
        document.title,
        `${document.addressee.name} — dossier ${document.addressee.householdReference}`,
        ...document.children.map((c) => `${c.name}, né(e) le ${c.birthDate.text} : ${c.amount.text}`),
        `Total : ${document.total.text}`,
        document.statement,
        document.exclusions,
        `Fait à ${document.signature.place}, le ${document.issuedOn.text}`,
        document.signature.title
      ]
    case "holidayBookingCalendar":
      return [
        ...issuerLines(document.issuer),
        document.title,
        ...document.periods.flatMap((p) => [
          `${p.label} : du ${p.from.text} au ${p.to.text}`,
          ...p.windows.flatMap((w) => [w.activityName, ...w.phases.map((ph) => ph.text), `Clôture : ${w.closesAt.text}`])
        ]),
        ...document.deadlines.map((dl) => `${dl.activityName} : ${dl.text}`)
      ]
    case "householdSummary":
      return [
        ...issuerLines(document.issuer),
        document.title,
        `Dossier ${document.reference} — ${document.residency}`,
        ...document.addressLines,
        document.email,
        ...document.adults.map((a) => `${a.name}${a.isPayer ? " (payeur)" : ""}`),
        ...document.children.map((c) => `${c.name}, né(e) le ${c.birthDate.text}, ${c.age} ans`),
        document.quotient.text,
        ...(document.enrollments ?? []).map((e) => `${e.childName} : ${e.enrollmentFamily} ${e.schoolYear}, ${e.status}`),
        ...(document.balance === undefined ? [] : [document.balance.text])
      ]
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;")

/** A plain HTML page of a document: its title as heading, one paragraph a line, every text escaped. */
export function plainDocumentHtml(document: GeneratedDocument): string {
  const [first, ...rest] = [document.title, ...plainDocumentLines(document).filter((l) => l !== document.title)]
  return [
    "<!doctype html>",
    `<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(first ?? "")}</title></head><body>`,
    `<h1>${escapeHtml(first ?? "")}</h1>`,
    ...rest.map((line) => `<p>${escapeHtml(line)}</p>`),
    "</body></html>"
  ].join("\n")
}

const WIN_ANSI: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97,
  "œ": 0x9c, "Œ": 0x8c, "\u202f": 0x20, "\u2009": 0x20
}

function pdfString(text: string): string {
  let out = ""
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f
    const byte = WIN_ANSI[ch] ?? (code < 0x100 ? code : 0x3f)
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, "0")}`
    else out += String.fromCharCode(byte)
  }
  return `(${out})`
}

function wrap(line: string, width: number): ReadonlyArray<string> {
  const out: Array<string> = []
  let current = ""
  for (const word of line.split(" ")) {
    if (current.length > 0 && current.length + 1 + word.length > width) {
      out.push(current)
      current = word
    } else current = current.length === 0 ? word : `${current} ${word}`
  }
  out.push(current)
  return out
}

/** A minimal PDF (A4, Helvetica, WinAnsi) of text lines, 60 lines a page. */
export function plainPdf(lines: ReadonlyArray<string>): Uint8Array {
  const wrapped = lines.flatMap((l) => wrap(l, 95))
  const pages: Array<ReadonlyArray<string>> = []
  for (let i = 0; i < wrapped.length; i += 60) pages.push(wrapped.slice(i, i + 60))
  if (pages.length === 0) pages.push([])
  const objects: Array<string> = []
  const pageIds = pages.map((_, i) => 4 + i * 2)
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>"
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
  pages.forEach((page, i) => {
    const stream = `BT /F1 9 Tf 12 TL 40 800 Td ${page.map((l) => `${pdfString(l)} Tj T*`).join(" ")} ET`
    objects[4 + i * 2] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`
    objects[5 + i * 2] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`
  })
  let body = "%PDF-1.4\n"
  const offsets: Array<number> = []
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = body.length
    body += `${id} 0 obj\n${objects[id] ?? ""}\nendobj\n`
  }
  const xref = body.length
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id] ?? 0).padStart(10, "0")} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  const bytes = new Uint8Array(body.length)
  for (let i = 0; i < body.length; i++) bytes[i] = body.charCodeAt(i)
  return bytes
}

/** Options of the plain renderer: whether it makes PDFs, or fails as a server without a PDF engine does. */
export interface PlainDocumentRendererOptions {
  readonly pdf?: boolean
}

/**
 * The `DocumentRenderer` port without templates: a plain HTML page and a minimal text PDF of each
 * document, for tests and demos. With `pdf: false` it refuses PDFs as a server without Chromium does.
 */
export function plainDocumentRenderer(options: PlainDocumentRendererOptions = {}): Context.Tag.Service<typeof DocumentRenderer> {
  const pdf = options.pdf ?? true
  const render = <K extends GeneratedDocumentKind, F extends DocumentFormat>(
    kind: K,
    model: GeneratedDocumentModels[K],
    format: F
  ): Effect.Effect<RenderedDocument<F>, DocumentRenderingUnavailable> =>
    Effect.suspend(() => {
      const document = model as GeneratedDocument
      if (document.kind !== kind)
        return Effect.fail(new DocumentRenderingUnavailable({ kind, format, reason: `les données fournies sont celles d'un autre document (${document.kind}).` }))
      if (format === "html") return Effect.succeed(plainDocumentHtml(document) as RenderedDocument<F>)
      if (!pdf)
        return Effect.fail(new DocumentRenderingUnavailable({ kind, format, reason: "ce serveur ne produit pas de PDF ; le document reste disponible en HTML." }))
      return Effect.succeed(plainPdf([document.title, ...plainDocumentLines(document)]) as RenderedDocument<F>)
    })
  return { render }
}

/** The plain renderer as a layer. */
export const plainDocumentRendererLayer = (options: PlainDocumentRendererOptions = {}): Layer.Layer<DocumentRenderer> =>
  Layer.succeed(DocumentRenderer, plainDocumentRenderer(options))
