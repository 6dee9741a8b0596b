import {
  actorOf,
  canReadDocument,
  deleteSupportingDocument,
  DocumentId,
  type DocumentKind,
  documentKindLabel,
  DocumentNotFound,
  type FamilyActor,
  formatFileSize,
  listHouseholdDocuments,
  readSupportingDocument,
  replaceSupportingDocument,
  type SupportingDocument,
  SupportingDocumentRepository,
  uploadSupportingDocument
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, formOf, type PortalContext, type PortalState, requireAccount, requireHousehold, uploadedFile } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths, supportingDocumentPath } from "../PortalPaths.js"
import { acceptAttribute, acceptedFilesText } from "./Quotient.js"

const title = "Justificatifs"

/** The kinds a family picks from when it stores a document. */
const kindChoices: ReadonlyArray<DocumentKind> = ["taxNotice", "cafCertificate", "medicalCertificate", "insurance", "vaccinations"]

const notices: Readonly<Record<string, string>> = {
  depose: "Votre justificatif est déposé : le Service à la Population va le vérifier.",
  remplace: "Le nouveau fichier est déposé et l'ancien est supprimé : le Service à la Population va vérifier le nouveau.",
  "remplace-conserve":
    "Le nouveau fichier est déposé. L'ancien reste joint à vos demandes (le Service à la Population doit pouvoir le consulter) : il n'a pas été supprimé.",
  supprime: "Le justificatif est supprimé."
}

const uploadTags = ["DocumentEmpty", "DocumentTooLarge", "DocumentTypeNotAccepted", "DocumentContentMismatch"]
const fileFieldOfTag = Object.fromEntries(uploadTags.map((tag) => [tag, "justificatif"]))

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** A document as the templates read it. */
const documentModel = (document: SupportingDocument) => {
  const review = document.review
  return {
    id: document.id,
    kind: capitalize(documentKindLabel(document.kind)),
    fileName: document.file.name,
    size: formatFileSize(document.file.sizeBytes),
    uploadedAt: document.uploadedAt,
    pending: review._tag === "Pending",
    accepted: review._tag === "Accepted",
    ...(review._tag === "Accepted" && review.validUntil !== undefined ? { acceptedUntil: review.validUntil } : {}),
    ...(review._tag === "Rejected" ? { rejectedReason: review.reason } : {}),
    href: supportingDocumentPath(document.id),
    replaceHref: `${supportingDocumentPath(document.id)}/remplacer`,
    deleteHref: `${supportingDocumentPath(document.id)}/supprimer`
  }
}

const familyOf = (ctx: PortalContext): FamilyActor => {
  requireHousehold(ctx)
  return actorOf(requireAccount(ctx)) as FamilyActor
}

const decodeDocumentId = Schema.decodeUnknownEither(DocumentId)

/** `filename*` of a Content-Disposition (RFC 8187), and a plain ASCII fallback. */
export function attachmentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  const fallback = fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_").trim() || "justificatif"
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

const downloadableTypes = new Set(["application/pdf", "image/jpeg", "image/png"])

/**
 * "Justificatifs" (the guide's "espace de stockage des justificatifs"): the household's stored
 * proofs with their review, the upload of a new one, its download (always as an attachment), its
 * replacement by a new file of the same kind, and its deletion after a confirmation. A document of
 * another household answers 404, like an unknown one.
 */
export function supportingDocumentRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const listModel = async (ctx: PortalContext, values: { readonly type: string }) => {
    const householdId = requireHousehold(ctx)
    const documents = await kit.run(listHouseholdDocuments(familyOf(ctx), householdId))
    return {
      title,
      documents: documents.map(documentModel),
      kinds: kindChoices.map((kind) => ({ value: kind, label: capitalize(documentKindLabel(kind)), selected: kind === values.type })),
      values,
      acceptedFiles: acceptedFilesText(kit.settings.uploadPolicy),
      accept: acceptAttribute(kit.settings.uploadPolicy)
    }
  }

  /** The household's document named in the address; 404 for an unknown id and for another household's. */
  const ownDocument = async (ctx: PortalContext): Promise<SupportingDocument> => {
    const family = familyOf(ctx)
    const decoded = decodeDocumentId(ctx.params["documentId"] ?? "")
    if (Either.isLeft(decoded)) return refuse(new PageNotFound({ path: ctx.path }))
    const documentId = decoded.right
    const found = await kit.attempt(Effect.flatMap(SupportingDocumentRepository, (documents) => documents.get(documentId)))
    if (Either.isLeft(found) || !canReadDocument(family, found.right)) return refuse(new DocumentNotFound({ documentId }))
    return found.right
  }

  router.get(portalPaths.supportingDocuments, async (ctx: PortalContext) => {
    const key = ctx.query["message"]
    const notice = typeof key === "string" ? notices[key] : undefined
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "supporting-documents", await listModel(ctx, { type: "" }))
  })

  router.post(portalPaths.supportingDocuments, async (ctx: PortalContext) => {
    const family = familyOf(ctx)
    const type = formOf(ctx).text("type", { maxLength: 80, label: "Type de justificatif" })
    ctx.state.formView = { page: "supporting-documents", title, model: await listModel(ctx, { type }), fieldOfTag: fileFieldOfTag }
    const kind = kindChoices.find((k) => k === type)
    const file = uploadedFile(ctx, "justificatif")
    checkForm(title, [
      kind === undefined ? { path: "type", message: "Choisissez le type de justificatif dans la liste." } : undefined,
      file === undefined ? { path: "justificatif", message: "Choisissez le fichier à déposer (un scan ou une photo du justificatif)." } : undefined
    ])
    if (kind === undefined || file === undefined) return
    await kit.run(uploadSupportingDocument(family, { kind, name: file.fileName, mediaType: file.declaredType, bytes: file.bytes }, kit.settings.uploadPolicy))
    seeOther(ctx, `${portalPaths.supportingDocuments}?message=depose`)
  })

  router.get(portalPaths.supportingDocumentReplace, async (ctx: PortalContext) => {
    const document = await ownDocument(ctx)
    kit.render(ctx, "supporting-documents-replace", replaceModel(document))
  })

  const replaceModel = (document: SupportingDocument) => ({
    title: "Remplacer un justificatif",
    document: documentModel(document),
    action: `${supportingDocumentPath(document.id)}/remplacer`,
    backHref: portalPaths.supportingDocuments,
    acceptedFiles: acceptedFilesText(kit.settings.uploadPolicy),
    accept: acceptAttribute(kit.settings.uploadPolicy)
  })

  router.post(portalPaths.supportingDocumentReplace, async (ctx: PortalContext) => {
    const document = await ownDocument(ctx)
    const family = familyOf(ctx)
    ctx.state.formView = { page: "supporting-documents-replace", title: "Remplacer un justificatif", model: replaceModel(document), fieldOfTag: fileFieldOfTag }
    const file = uploadedFile(ctx, "justificatif")
    checkForm("Remplacer un justificatif", [
      file === undefined ? { path: "justificatif", message: "Choisissez le nouveau fichier (un scan ou une photo du justificatif)." } : undefined
    ])
    if (file === undefined) return
    const replaced = await kit.run(
      replaceSupportingDocument(family, document.id, { name: file.fileName, mediaType: file.declaredType, bytes: file.bytes }, kit.settings.uploadPolicy)
    )
    seeOther(ctx, `${portalPaths.supportingDocuments}?message=${replaced.replaced._tag === "Deleted" ? "remplace" : "remplace-conserve"}`)
  })

  const deleteModel = (document: SupportingDocument) => ({
    title: "Supprimer un justificatif",
    document: documentModel(document),
    action: `${supportingDocumentPath(document.id)}/supprimer`,
    backHref: portalPaths.supportingDocuments
  })

  router.get(portalPaths.supportingDocumentDelete, async (ctx: PortalContext) => {
    kit.render(ctx, "supporting-documents-delete", deleteModel(await ownDocument(ctx)))
  })

  router.post(portalPaths.supportingDocumentDelete, async (ctx: PortalContext) => {
    const document = await ownDocument(ctx)
    ctx.state.formView = { page: "supporting-documents-delete", title: "Supprimer un justificatif", model: deleteModel(document) }
    await kit.run(deleteSupportingDocument(familyOf(ctx), document.id))
    seeOther(ctx, `${portalPaths.supportingDocuments}?message=supprime`)
  })

  router.get(portalPaths.supportingDocument, async (ctx: PortalContext) => {
    const document = await ownDocument(ctx)
    const { bytes } = await kit.run(readSupportingDocument(familyOf(ctx), document.id))
    const mediaType = document.file.mediaType
    ctx.status = 200
    ctx.set("Content-Type", downloadableTypes.has(mediaType) ? mediaType : "application/octet-stream")
    ctx.set("Content-Disposition", attachmentDisposition(document.file.name))
    ctx.set("X-Content-Type-Options", "nosniff")
    ctx.set("Content-Security-Policy", "default-src 'none'; sandbox")
    ctx.set("Cache-Control", "no-store")
    ctx.body = Buffer.from(bytes)
  })
}
