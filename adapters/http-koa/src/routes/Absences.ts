import {
  type Absence,
  absenceJustification,
  type AbsenceReason,
  AbsenceReport,
  absenceReasonLabel,
  absenceReasonLabels,
  type AbsenceReceipt,
  absenceSessionBilling,
  absencesOfHousehold,
  type Activity,
  ActivityCatalogue,
  attachMedicalCertificate,
  checkUpload,
  deleteSupportingDocument,
  type DocumentId,
  FamilyActor,
  type Household,
  type HouseholdId,
  LocalDate,
  ParisTime,
  reportAbsence,
  type Session,
  SessionRepository,
  uploadSupportingDocument
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either } from "effect"
import { checkForm, type FieldProblem, type FormView, formOf, type PortalContext, type PortalState, requireAccount, requireHousehold, type UploadedFile, uploadedFile } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit, PortalServices } from "../PortalKit.js"
import { absenceCertificatePath, memberPath, portalPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"
import { householdOf, nowOf, queryText, reservationsHref, sessionLabel } from "./Reservations.js"

const title = "Signaler une absence"

const uploadRefusals = ["DocumentEmpty", "DocumentTooLarge", "DocumentTypeNotAccepted", "DocumentContentMismatch", "MedicalCertificateTooLate"] as const

const emptyValues = { enfant: "", debut: "", fin: "", motif: "", commentaire: "" }
type AbsenceValues = typeof emptyValues

/** "du lundi 7 décembre 2026 au mardi 8 décembre 2026", or "le lundi 7 décembre 2026". */
const periodText = (start: LocalDate.LocalDate, end: LocalDate.LocalDate): string =>
  start === end ? `le ${LocalDate.formatFr(start)}` : `du ${LocalDate.formatFr(start)} au ${LocalDate.formatFr(end)}`

/** The household's absences reported over a year back and a year ahead, as the list shows them. */
async function absenceList(kit: PortalKit, household: Household, today: LocalDate.LocalDate) {
  const absences = await kit.run(absencesOfHousehold(household.id, LocalDate.addDays(today, -366), LocalDate.addDays(today, 366)))
  return [...absences]
    .sort((a, b) => LocalDate.compare(b.start, a.start))
    .map((absence) => {
      const justification = absenceJustification(absence, kit.settings.absences)
      const childName = household.child(absence.childId)?.firstName ?? ""
      return {
        id: absence.id,
        childName,
        period: periodText(absence.start, absence.end),
        reason: absenceReasonLabel(absence.reason),
        comment: absence.comment,
        justified: justification.justified,
        explanation: justification.explanationFr,
        certificate: absence.certificate === undefined ? undefined : ParisTime.formatFr(absence.certificate.providedAt),
        canAddCertificate: absence.reason === "illness" && !justification.justified,
        certificateAction: absenceCertificatePath(absence.id),
        certificateField: `certificat-${absence.id}`
      }
    })
}

async function pageModel(kit: PortalKit, household: Household, values: AbsenceValues): Promise<PageModel & { readonly title: string }> {
  const today = ParisTime.dateAt(await nowOf(kit))
  return {
    title,
    children: household.children.map((c) => ({ id: c.id, name: c.firstName, selected: c.id === values.enfant })),
    reasons: absenceReasonLabels.map((r, index) => ({ value: r.reason, label: r.label, id: index === 0 ? "motif" : `motif-${r.reason}`, checked: values.motif === r.reason })),
    values,
    absences: await absenceList(kit, household, today),
    rules: {
      within: kit.settings.absences.certificateWithinHours,
      refusedAfter: kit.settings.absences.certificateRefusedAfterDays,
      carence: kit.settings.absences.carenceDays
    },
    action: portalPaths.absences
  }
}

/** The family, as the core's document rules name it. */
const familyOf = (ctx: PortalContext, householdId: HouseholdId): FamilyActor => new FamilyActor({ accountId: requireAccount(ctx).id, householdId })

/**
 * Stores a medical certificate (checked by content first), then runs the use case that uses it; if
 * that use case refuses, the stored certificate is deleted again and the refusal shown.
 */
async function withCertificate<A, E>(
  ctx: PortalContext,
  kit: PortalKit,
  householdId: HouseholdId,
  file: UploadedFile | undefined,
  use: (documentId: DocumentId | undefined) => Effect.Effect<A, E, PortalServices>
): Promise<A> {
  if (file === undefined) return kit.run(use(undefined))
  const candidate = { name: file.fileName, mediaType: file.declaredType, bytes: file.bytes }
  await kit.run(checkUpload(candidate, kit.settings.uploadPolicy))
  const family = familyOf(ctx, householdId)
  const document = await kit.run(uploadSupportingDocument(family, { kind: "medicalCertificate", ...candidate }, kit.settings.uploadPolicy))
  const result = await kit.attempt(use(document.id))
  if (Either.isRight(result)) return result.right
  await kit.attempt(deleteSupportingDocument(family, document.id))
  return kit.run(Effect.fail(result.left))
}

/** The answer to a reported absence or an added certificate: justified or not and why, and each session it covers, billed or not. */
async function renderReceipt(ctx: PortalContext, kit: PortalKit, household: Household, receipt: AbsenceReceipt, heading: string): Promise<void> {
  const { absence, justification } = receipt
  const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
  const byActivity = new Map<string, Activity>(activities.map((a) => [a.id, a]))
  const sessions = new Map<string, Session>()
  for (const mark of receipt.sessions) {
    const session = await kit.attempt(Effect.flatMap(SessionRepository, (store) => store.get(mark.sessionId)))
    if (Either.isRight(session)) sessions.set(mark.sessionId, session.right)
  }
  const child = household.child(absence.childId)
  kit.render(ctx, "absence-done", {
    title,
    heading,
    childName: child?.firstName ?? "",
    period: periodText(absence.start, absence.end),
    reason: absenceReasonLabel(absence.reason),
    justified: justification.justified,
    explanation: justification.explanationFr,
    certificate: absence.certificate === undefined ? undefined : ParisTime.formatFr(absence.certificate.providedAt),
    sessions: receipt.sessions.map((mark) => {
      const activity = byActivity.get(mark.activityId)
      const billing = absenceSessionBilling(absence, mark, kit.settings.billing.rules)
      return {
        date: mark.date,
        label: activity === undefined ? mark.activityId : sessionLabel(activity, sessions.get(mark.sessionId)?.slot),
        cancellation:
          mark.cancellation === undefined
            ? "Réservation maintenue (séance commencée ou passée)."
            : mark.cancellation.late
              ? "Réservation annulée hors délai."
              : "Réservation annulée dans le délai.",
        billed: billing.billed,
        billing: `${billing.billed ? "Facturée" : "Non facturée"} : ${billing.decision.label.charAt(0).toLocaleLowerCase("fr-FR")}${billing.decision.label.slice(1)}.`
      }
    }),
    childHref: child === undefined ? undefined : memberPath(child.id),
    reservationsHref: child === undefined ? undefined : reservationsHref(child.id),
    absencesHref: portalPaths.absences
  })
}

const certificateRefusalFields = (field: string): Readonly<Record<string, string>> => Object.fromEntries(uploadRefusals.map((tag) => [tag, field]))

/**
 * "Signaler une absence": a child, the first and last day, a reason, a comment and a medical
 * certificate (multipart, stored as a supporting document through the core) → `reportAbsence`;
 * the answer says which sessions the absence covers and whether each is billed (the core's
 * justification and billing rules). The household's absences are listed, each illness without a
 * certificate in time with a form to add one later (`attachMedicalCertificate`).
 */
export function absenceRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.absences, async (ctx: PortalContext) => {
    const household = await householdOf(kit, requireHousehold(ctx))
    const asked = queryText(ctx, "enfant")
    const enfant = household.children.find((c) => c.id === asked)?.id ?? household.children[0]?.id ?? ""
    kit.render(ctx, "absences", await pageModel(kit, household, { ...emptyValues, enfant }))
  })

  router.post(portalPaths.absences, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const household = await householdOf(kit, householdId)
    const form = formOf(ctx)
    const values: AbsenceValues = {
      enfant: form.text("enfant", { maxLength: 64, label: "Enfant" }),
      debut: form.text("debut", { maxLength: 10, label: "Premier jour d'absence" }),
      fin: form.text("fin", { maxLength: 10, label: "Dernier jour d'absence" }),
      motif: form.text("motif", { maxLength: 20, label: "Motif" }),
      commentaire: form.text("commentaire", { maxLength: 1000, label: "Commentaire" })
    }
    const child = household.children.find((c) => c.id === values.enfant)
    if (child === undefined && values.enfant !== "") return refuse(new PageNotFound({ path: ctx.path }))
    const view: FormView = {
      page: "absences",
      title,
      model: await pageModel(kit, household, values),
      fieldOfTag: { AbsencePeriodInvalid: "fin", AbsenceAlreadyReported: "debut", ...certificateRefusalFields("certificat") }
    }
    ctx.state.formView = view
    const start = LocalDate.parse(values.debut)
    const end = LocalDate.parse(values.fin)
    const reason = absenceReasonLabels.find((r) => r.reason === values.motif)?.reason
    const file = uploadedFile(ctx, "certificat")
    const problems: ReadonlyArray<FieldProblem | undefined> = [
      child === undefined ? { path: "enfant", message: "Choisissez l'enfant absent." } : undefined,
      start._tag === "Left" ? { path: "debut", message: "Indiquez le premier jour d'absence (jour, mois, année)." } : undefined,
      end._tag === "Left" ? { path: "fin", message: "Indiquez le dernier jour d'absence (jour, mois, année) ; le même jour pour une seule journée." } : undefined,
      reason === undefined ? { path: "motif", message: "Choisissez le motif de l'absence." } : undefined,
      file !== undefined && reason !== undefined && reason !== "illness"
        ? { path: "certificat", message: "Un certificat médical ne justifie qu'une absence pour maladie : choisissez le motif « Maladie » ou retirez le fichier." }
        : undefined
    ]
    checkForm(title, problems)
    if (child === undefined || start._tag === "Left" || end._tag === "Left" || reason === undefined) return
    const comment = values.commentaire.trim()
    const receipt = await withCertificate(ctx, kit, householdId, file, (certificate) =>
      reportAbsence(
        new AbsenceReport({
          childId: child.id,
          householdId,
          start: start.right,
          end: end.right,
          reason: reason satisfies AbsenceReason,
          ...(comment === "" ? {} : { comment }),
          ...(certificate === undefined ? {} : { certificate })
        }),
        kit.settings.absences
      )
    )
    await renderReceipt(ctx, kit, household, receipt, "Absence signalée")
  })

  router.post(portalPaths.absenceCertificate, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const household = await householdOf(kit, householdId)
    const today = ParisTime.dateAt(await nowOf(kit))
    const absences: ReadonlyArray<Absence> = await kit.run(absencesOfHousehold(householdId, LocalDate.addDays(today, -366), LocalDate.addDays(today, 366)))
    const absence = absences.find((a) => a.id === ctx.params["absenceId"])
    if (absence === undefined) return refuse(new PageNotFound({ path: ctx.path }))
    formOf(ctx)
    const field = `certificat-${absence.id}`
    ctx.state.formView = {
      page: "absences",
      title,
      model: await pageModel(kit, household, { ...emptyValues, enfant: absence.childId }),
      fieldOfTag: certificateRefusalFields(field)
    }
    const file = uploadedFile(ctx, "certificat")
    checkForm(title, [file === undefined ? { path: field, message: "Choisissez le fichier du certificat médical (PDF, JPEG ou PNG)." } : undefined])
    const receipt = await withCertificate(ctx, kit, householdId, file, (documentId) =>
      documentId === undefined
        ? Effect.die("A certificate is required")
        : attachMedicalCertificate({ absenceId: absence.id, householdId, documentId }, kit.settings.absences)
    )
    await renderReceipt(ctx, kit, household, receipt, "Certificat médical ajouté")
  })
}
