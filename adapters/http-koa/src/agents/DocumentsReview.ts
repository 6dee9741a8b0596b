import {
  DocumentId,
  DocumentKind,
  documentKindLabel,
  documentReviewPageSize,
  type DocumentReview,
  DocumentNotFound,
  HouseholdRepository,
  listDocumentsForReview,
  LocalDate,
  readSupportingDocument,
  reviewSupportingDocument,
  type SupportingDocument,
  SupportingDocumentRepository
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FieldProblem, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentDocumentPath, agentHouseholdPath, agentHouseholdPaths, agentPaths } from "../PortalPaths.js"
import { agentCan, requireAgentPermission } from "./AgentContext.js"
import { capitalized, documentLineView, idParam, todayInParis } from "./HouseholdViews.js"

const title = "Justificatifs"

const standardKinds = ["taxNotice", "cafCertificate", "medicalCertificate", "insurance", "vaccinations"] as const

/** The review states an agent filters on, as the address names them. */
const reviewFilters: ReadonlyArray<{ readonly value: string; readonly label: string; readonly reviews?: ReadonlyArray<DocumentReview["_tag"]> }> = [
  { value: "en-attente", label: "En attente de validation", reviews: ["Pending"] },
  { value: "acceptes", label: "Acceptés", reviews: ["Accepted"] },
  { value: "refuses", label: "Refusés", reviews: ["Rejected"] },
  { value: "tous", label: "Tous les justificatifs" }
]

const notices: Readonly<Record<string, string>> = {
  accepte: "Le justificatif est accepté ; la famille le voit dans ses justificatifs.",
  refuse: "Le justificatif est refusé ; la famille voit le motif dans ses justificatifs."
}

/** A file name for `Content-Disposition`: a plain ASCII fallback and the exact UTF-8 name. */
export function attachmentDisposition(name: string): string {
  const fallback = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._-]+/g, "_") || "justificatif"
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

const documentParam = (ctx: PortalContext): DocumentId =>
  idParam(ctx, "documentId", DocumentId, (raw) => new DocumentNotFound({ documentId: DocumentId.make(raw.trim().slice(0, 64) || "inconnu") }))

const householdNames = (kit: PortalKit, documents: ReadonlyArray<SupportingDocument>) =>
  kit.run(
    Effect.flatMap(HouseholdRepository, (households) =>
      Effect.forEach([...new Set(documents.map((d) => d.householdId))], (id) =>
        Effect.map(Effect.option(households.get(id)), (found) => [id as string, Option.map(found, (h) => ({ name: h.familyName, reference: h.reference }))] as const)
      )
    )
  ).then((entries) => new Map(entries))

const reviewDetail = (document: SupportingDocument) => {
  const review = document.review
  switch (review._tag) {
    case "Pending":
      return { pending: true }
    case "Accepted":
      return { accepted: true, at: review.at, validFrom: review.validFrom, validUntil: review.validUntil }
    case "Rejected":
      return { rejected: true, at: review.at, reason: review.reason }
  }
}

const decisionTitle = (document: SupportingDocument) => `Justificatif : ${documentKindLabel(document.kind)}`

/**
 * The back office's supporting documents ("Justificatifs", documents.read): the documents waiting
 * for review, oldest first, filtered by kind and review state (`GET /agents/justificatifs`), one
 * document with its household and its file (`…/:documentId`, the file at `…/fichier`, served as an
 * attachment with its stored media type), and the decision (documents.review): accepted with its
 * validity dates or rejected with a reason the family reads (the core's audited `documents.review`).
 */
export function documentReviewRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.documents, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "documents.read")
    const kindQuery = typeof ctx.query["type"] === "string" ? ctx.query["type"] : ""
    const kind = Option.getOrUndefined(Schema.decodeUnknownOption(DocumentKind)(kindQuery))
    const stateQuery = typeof ctx.query["etat"] === "string" ? ctx.query["etat"] : "en-attente"
    const state = reviewFilters.find((f) => f.value === stateQuery) ?? reviewFilters[0]
    const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(typeof ctx.query["page"] === "string" ? ctx.query["page"] : "1", 10) || 1))
    const found = await kit.run(
      listDocumentsForReview(
        agent,
        { ...(kind === undefined ? {} : { kinds: [kind] }), ...(state?.reviews === undefined ? {} : { reviews: state.reviews }) },
        { offset: (pageNumber - 1) * documentReviewPageSize, limit: documentReviewPageSize }
      )
    )
    const families = await householdNames(kit, found.items)
    const pages = Math.max(1, Math.ceil(found.total / documentReviewPageSize))
    const pageHref = (n: number) =>
      `${agentPaths.documents}?${new URLSearchParams({ ...(kind === undefined ? {} : { type: kind }), etat: state?.value ?? "en-attente", page: String(n) }).toString()}`
    kit.render(ctx, "agents-documents", {
      title,
      total: found.total,
      stateLabel: state?.label ?? "",
      kinds: [
        { value: "", label: "Toutes les sortes", selected: kind === undefined },
        ...standardKinds.map((k) => ({ value: k, label: capitalized(documentKindLabel(k)), selected: kind === k }))
      ],
      states: reviewFilters.map((f) => ({ value: f.value, label: f.label, selected: f === state })),
      documents: found.items.map((document) => {
        const family = Option.getOrUndefined(families.get(document.householdId) ?? Option.none())
        return {
          ...documentLineView(document),
          family: family === undefined ? document.householdId : `${family.name} (${family.reference})`,
          familyHref: agentHouseholdPath(document.householdId)
        }
      }),
      pagination: pages > 1 ? { page: pageNumber, pages, ...(pageNumber > 1 ? { previous: pageHref(pageNumber - 1) } : {}), ...(pageNumber < pages ? { next: pageHref(pageNumber + 1) } : {}) } : undefined,
      canReview: agentCan(agent, "documents.review")
    })
  })

  const documentPage = async (ctx: PortalContext, document: SupportingDocument, values: Record<string, string>) => {
    const agent = requireAgentPermission(ctx, "documents.read")
    const household = await kit.run(Effect.option(Effect.flatMap(HouseholdRepository, (households) => households.get(document.householdId))))
    return {
      title: decisionTitle(document),
      document: { ...documentLineView(document), mediaType: document.file.mediaType, declaredFrom: document.validFrom, declaredUntil: document.validUntil },
      review: reviewDetail(document),
      family: Option.match(household, {
        onNone: () => ({ name: document.householdId, href: agentHouseholdPath(document.householdId) }),
        onSome: (h) => ({ name: `${h.familyName} (${h.reference})`, href: agentHouseholdPath(h.id) })
      }),
      canDecide: agentCan(agent, "documents.review") && document.review._tag === "Pending",
      values,
      action: agentDocumentPath(document.id),
      backHref: agentPaths.documents
    }
  }

  const loadDocument = (documentId: DocumentId) => kit.run(Effect.flatMap(SupportingDocumentRepository, (documents) => documents.get(documentId)))

  router.get(agentHouseholdPaths.document, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "documents.read")
    const notice = typeof ctx.query["message"] === "string" ? notices[ctx.query["message"]] : undefined
    if (notice !== undefined) ctx.state.notice = notice
    const document = await loadDocument(documentParam(ctx))
    const today = await todayInParis(kit)
    kit.render(ctx, "agents-document", await documentPage(ctx, document, { debut: document.validFrom ?? today, fin: document.validUntil ?? "", motif: "" }))
  })

  router.get(agentHouseholdPaths.documentFile, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "documents.read")
    const { document, bytes } = await kit.run(readSupportingDocument(agent, documentParam(ctx)))
    ctx.set("Content-Disposition", attachmentDisposition(document.file.name))
    ctx.set("X-Content-Type-Options", "nosniff")
    ctx.type = document.file.mediaType
    ctx.body = Buffer.from(bytes)
  })

  router.post(agentHouseholdPaths.document, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "documents.read")
    const document = await loadDocument(documentParam(ctx))
    const form = formOf(ctx)
    const decision = form.text("decision", { maxLength: 20 })
    const values = { debut: form.text("debut", { maxLength: 20 }), fin: form.text("fin", { maxLength: 20 }), motif: form.text("motif", { maxLength: 500 }) }
    const model = await documentPage(ctx, document, values)
    ctx.state.formView = { page: "agents-document", title: model.title, model, fieldOfPath: { validUntil: "fin", validFrom: "debut", reason: "motif" } }
    const accept = decision !== "refuser"
    const dateProblem = (field: string, text: string, required: boolean): FieldProblem | undefined => {
      if (text.trim() === "") return required ? { path: field, message: "Indiquez la date de début de validité du justificatif." } : undefined
      return LocalDate.parse(text.trim())._tag === "Right" ? undefined : { path: field, message: "Écrivez la date sous la forme AAAA-MM-JJ, par exemple 2026-12-31." }
    }
    checkForm(decisionTitle(document), accept
      ? [dateProblem("debut", values.debut, true), dateProblem("fin", values.fin, false)]
      : [values.motif.trim() === "" ? { path: "motif", message: "Indiquez le motif du refus : la famille le lit pour déposer le bon justificatif." } : undefined])
    const until = values.fin.trim()
    await kit.run(
      reviewSupportingDocument(agent, {
        documentId: document.id,
        decision: accept
          ? { _tag: "Accept", validFrom: LocalDate.unsafe(values.debut.trim()), ...(until === "" ? {} : { validUntil: LocalDate.unsafe(until) }) }
          : { _tag: "Reject", reason: values.motif.trim() }
      })
    )
    seeOther(ctx, `${agentDocumentPath(document.id)}?message=${accept ? "accepte" : "refuse"}`)
  })
}
