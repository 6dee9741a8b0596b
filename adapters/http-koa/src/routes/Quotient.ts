import {
  actorOf,
  applicableQuotient,
  checkUpload,
  Cents,
  Clock,
  compositionOf,
  countParts,
  describeQuotientSource,
  type FamilyActor,
  formatFileSize,
  formatParts,
  type Household,
  type HouseholdId,
  HouseholdRepository,
  InvalidInput,
  listFamilyRequests,
  LocalDate,
  ParisTime,
  type QuotientRecord,
  quotientHistory,
  QuotientUpdatePayload,
  type Request,
  requestStatusLabel,
  submitRequest,
  type UploadPolicy,
  uploadSupportingDocument,
  validateQuotientUpdateForm
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type PortalContext, type PortalState, requireAccount, requireHousehold, uploadedFile } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths, requestPath } from "../PortalPaths.js"

const title = "Mes QF/Revenus"

const subject = "La demande de mise à jour du quotient familial"

const openStatuses = ["submitted", "inReview", "informationRequested"] as const

interface QuotientValues {
  readonly mode: string
  readonly revenuFiscal: string
  readonly prestations: string
  readonly quotientCaf: string
  readonly numeroAllocataire: string
  readonly dateEffet: string
  readonly finValidite: string
  readonly message: string
}

const fieldOfPath: Readonly<Record<string, string>> = {
  mode: "mode",
  annualIncome: "revenuFiscal",
  monthlyBenefits: "prestations",
  quotient: "quotientCaf",
  cafNumber: "numeroAllocataire",
  effectiveDate: "dateEffet",
  validUntil: "finValidite",
  message: "message"
}

const uploadTags = ["DocumentEmpty", "DocumentTooLarge", "DocumentTypeNotAccepted", "DocumentContentMismatch"]

const mediaTypeNames: Readonly<Record<string, string>> = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" }

/** What files the town accepts, in words: "PDF, JPEG ou PNG, 10 Mo au plus". */
export function acceptedFilesText(policy: UploadPolicy): string {
  const names = policy.acceptedMediaTypes.map((t) => mediaTypeNames[t] ?? t)
  const list = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} ou ${names.at(-1)}`
  return `${list}, ${formatFileSize(policy.maxBytes)} au plus`
}

/** The `accept` attribute of a file field under the policy. */
export const acceptAttribute = (policy: UploadPolicy): string => policy.acceptedMediaTypes.join(",")

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const sourceKindLabel = (record: QuotientRecord): string => {
  switch (record.source._tag) {
    case "CafNumber":
      return "CAF"
    case "DeclaredWithProof":
      return "Déclaré par la famille"
    case "SetByAgent":
      return "Fixé par le Service à la Population"
  }
}

const reviewText = (record: QuotientRecord): string => {
  switch (record.review._tag) {
    case "Validated":
      return `validé le ${ParisTime.formatFr(record.review.at)}`
    case "Pending":
      return "en cours d'examen par le Service à la Population"
    case "Rejected":
      return `refusé : ${record.review.reason}`
  }
}

const recordModel = (record: QuotientRecord) => ({
  qf: record.qf,
  kind: sourceKindLabel(record),
  source: capitalize(describeQuotientSource(record.source)),
  validFrom: record.validFrom,
  validTo: record.validTo,
  review: reviewText(record),
  pending: record.review._tag === "Pending",
  rejected: record.review._tag === "Rejected"
})

const requestModel = (request: Request) => {
  const payload = request.payload
  const what =
    payload._tag !== "QuotientUpdate"
      ? ""
      : payload.declaration._tag === "CafQuotient"
        ? `quotient familial CAF de ${payload.declaration.quotient} €${payload.declaration.allocataireNumber === undefined ? "" : ` (allocataire n° ${payload.declaration.allocataireNumber})`}`
        : `revenus déclarés : revenu fiscal de référence ${Cents.formatEuros(payload.declaration.annualIncomeCents)}, prestations ${Cents.formatEuros(payload.declaration.monthlyBenefitsCents)} par mois`
  return {
    what,
    effectiveDate: payload._tag === "QuotientUpdate" ? payload.effectiveDate : undefined,
    submittedAt: request.submittedAt,
    status: requestStatusLabel[request.status],
    href: requestPath(request.id)
  }
}

const compositionText = (household: Household): string => {
  const composition = compositionOf(household)
  const adults = composition.adults >= 2 ? `${composition.adults} adultes` : "1 adulte"
  const children = composition.children === 0 ? "sans enfant" : composition.children === 1 ? "1 enfant" : `${composition.children} enfants`
  const aeeh = composition.disabledChildren === 0 ? "" : `, dont ${composition.disabledChildren} avec l'AEEH`
  return `${adults}, ${children}${aeeh}`
}

const emptyValues = (today: LocalDate.LocalDate): QuotientValues => ({
  mode: "",
  revenuFiscal: "",
  prestations: "",
  quotientCaf: "",
  numeroAllocataire: "",
  dateEffet: LocalDate.addDays(LocalDate.lastOfMonth(today), 1),
  finValidite: "",
  message: ""
})

/**
 * "Mes QF/Revenus": the quotient familial that applies today (amount, source, validity, whether a
 * new one is under review), the QF history, and the form asking for a new QF, from declared income
 * (the parts follow from the household) or from the CAF's attestation, with its proof: the proof
 * becomes a supporting document and the form a QF-update request the Service à la Population reviews.
 */
export function quotientRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const load = (householdId: HouseholdId, family: FamilyActor) =>
    kit.run(
      Effect.gen(function* () {
        const household = yield* (yield* HouseholdRepository).get(householdId)
        const today = ParisTime.dateAt(yield* (yield* Clock).now)
        const history = yield* quotientHistory(householdId)
        const requests = yield* listFamilyRequests(family, { kinds: ["QuotientUpdate"], statuses: openStatuses })
        return { household, today, history, requests }
      })
    )

  type Loaded = Awaited<ReturnType<typeof load>>

  const pageModel = ({ household, today, history, requests }: Loaded, values: QuotientValues) => {
    const current = applicableQuotient(history, today)
    const parts = countParts(kit.settings.partTable, compositionOf(household))
    return {
      title,
      today,
      ...(current._tag === "Some" ? { current: recordModel(current.value) } : {}),
      underReview: requests.map(requestModel),
      pendingRecords: history.filter((r) => r.review._tag === "Pending").map(recordModel),
      history: [...history].reverse().map(recordModel),
      parts: formatParts(parts),
      composition: compositionText(household),
      acceptedFiles: acceptedFilesText(kit.settings.uploadPolicy),
      accept: acceptAttribute(kit.settings.uploadPolicy),
      values,
      modeIncome: values.mode === "revenus",
      modeCaf: values.mode === "caf"
    }
  }

  router.get(portalPaths.quotient, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const loaded = await load(householdId, actorOf(requireAccount(ctx)) as FamilyActor)
    kit.render(ctx, "quotient", pageModel(loaded, emptyValues(loaded.today)))
  })

  router.post(portalPaths.quotient, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const family = actorOf(requireAccount(ctx)) as FamilyActor
    const form = formOf(ctx)
    const values: QuotientValues = {
      mode: form.text("mode", { maxLength: 20, label: "Ce que vous déclarez" }),
      revenuFiscal: form.text("revenuFiscal", { maxLength: 30, label: "Revenu fiscal de référence" }),
      prestations: form.text("prestations", { maxLength: 30, label: "Prestations familiales" }),
      quotientCaf: form.text("quotientCaf", { maxLength: 20, label: "Quotient familial CAF" }),
      numeroAllocataire: form.text("numeroAllocataire", { maxLength: 20, label: "Numéro d'allocataire" }),
      dateEffet: form.text("dateEffet", { maxLength: 20, label: "Date d'effet" }),
      finValidite: form.text("finValidite", { maxLength: 20, label: "Fin de validité" }),
      message: form.text("message", { maxLength: 2000, label: "Message" })
    }
    const loaded = await load(householdId, family)
    ctx.state.formView = {
      page: "quotient",
      title,
      model: pageModel(loaded, values),
      fieldOfPath,
      fieldOfTag: Object.fromEntries(uploadTags.map((tag) => [tag, "justificatif"]))
    }
    const checked = validateQuotientUpdateForm(
      {
        mode: values.mode,
        annualIncome: values.revenuFiscal,
        monthlyBenefits: values.prestations,
        quotient: values.quotientCaf,
        cafNumber: values.numeroAllocataire,
        effectiveDate: values.dateEffet,
        validUntil: values.finValidite
      },
      compositionOf(loaded.household),
      loaded.today
    )
    const file = uploadedFile(ctx, "justificatif")
    const policy = kit.settings.uploadPolicy
    const fileRefusal =
      file === undefined
        ? "Joignez le justificatif : votre avis d'imposition, ou votre attestation de quotient familial CAF."
        : Either.match(checkUpload({ name: file.fileName, mediaType: file.declaredType, bytes: file.bytes }, policy), {
            onLeft: (refusal) => refusal.message,
            onRight: () => undefined
          })
    const problems = [
      ...(Either.isLeft(checked) ? checked.left.problems : []),
      ...(fileRefusal === undefined ? [] : [{ path: "justificatif", message: fileRefusal }])
    ]
    if (problems.length > 0 || Either.isLeft(checked) || file === undefined) return refuse(new InvalidInput({ subject, problems }))
    const declared = checked.right
    const message = values.message.trim()
    const request = await kit.run(
      Effect.gen(function* () {
        const proof = yield* uploadSupportingDocument(
          family,
          { kind: declared.proofKind, name: file.fileName, mediaType: file.declaredType, bytes: file.bytes },
          policy
        )
        return yield* submitRequest(family, {
          payload: QuotientUpdatePayload.make({
            declaration: declared.declaration,
            effectiveDate: declared.effectiveDate,
            ...(declared.validUntil === undefined ? {} : { validUntil: declared.validUntil }),
            proofDocumentId: proof.id
          }),
          ...(message === "" ? {} : { message })
        })
      })
    )
    seeOther(ctx, `${requestPath(request.id)}?message=demande-envoyee`)
  })
}
