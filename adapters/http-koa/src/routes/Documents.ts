import type Router from "@koa/router"
import {
  DocumentRenderer,
  type GeneratedDocumentKind,
  type GeneratedDocumentModels,
  type HouseholdDocumentChoices,
  type HouseholdDocumentSettings,
  householdAttendanceCertificate,
  householdChildcareAttestation,
  householdDocumentChoices,
  householdSummaryToday,
  schoolYearBookingCalendar
} from "@spe/core"
import { Effect } from "effect"
import { formOf, type PortalContext, type PortalState, requireHousehold } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { documentPath, portalPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"

/**
 * The Content-Security-Policy of a generated document shown as a web page: its own inline print
 * stylesheet and its logo (a data URI), nothing else (no script, no request, no form, no frame).
 */
export const documentContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** The régie and documents settings of the portal, as the core's document use cases take them. */
export const documentSettingsOf = (kit: PortalKit): HouseholdDocumentSettings => ({ regie: kit.settings.regie, documents: kit.settings.documents })

/**
 * Sends a generated document: as a web page (its own print stylesheet, under a policy that allows
 * nothing else), or as a PDF to download, named after the document (`facture-f-2026-000006.pdf`).
 */
export async function sendDocument<K extends GeneratedDocumentKind>(
  ctx: PortalContext,
  kit: PortalKit,
  kind: K,
  model: GeneratedDocumentModels[K],
  format: "html" | "pdf"
): Promise<void> {
  const fileName = (model as { readonly fileName: string }).fileName
  if (format === "pdf") {
    const pdf = await kit.run(Effect.flatMap(DocumentRenderer, (renderer) => renderer.render(kind, model, "pdf")))
    ctx.status = 200
    ctx.type = "application/pdf"
    ctx.set("Content-Disposition", `attachment; filename="${fileName}.pdf"`)
    ctx.body = Buffer.from(pdf)
    return
  }
  const html = await kit.run(Effect.flatMap(DocumentRenderer, (renderer) => renderer.render(kind, model, "html")))
  ctx.set("Content-Security-Policy", documentContentSecurityPolicy)
  ctx.status = 200
  ctx.type = "text/html; charset=utf-8"
  ctx.body = html
}

const title = "Édition de documents"

/** The documents of the page, by the last part of their address. */
const documentSlugs = {
  calendar: "calendrier-des-reservations",
  attendance: "attestation-de-presence",
  childcare: "attestation-de-frais-de-garde",
  summary: "fiche-famille"
} as const

/** The fields of the page's forms (unique on the page, so each message goes next to its own field). */
const fields = {
  schoolYear: "calendrierAnnee",
  child: "presenceEnfant",
  activity: "presenceActivite",
  from: "presenceDu",
  to: "presenceAu",
  year: "gardeAnnee"
} as const

type Values = Partial<Record<(typeof fields)[keyof typeof fields], string>>

const option = (value: string, label: string, selected: string | undefined) => ({ value, label, selected: value === selected })

function pageModel(choices: HouseholdDocumentChoices, values: Values): PageModel & { readonly title: string } {
  const schoolYear = values[fields.schoolYear] ?? choices.schoolYears[0]
  const child = values[fields.child]
  const activity = values[fields.activity]
  const year = values[fields.year] ?? String(choices.attestationYears[0] ?? "")
  const youngChildren = choices.children.filter((c) => c.countsForChildcare).map((c) => c.name)
  return {
    title,
    invoicesHref: portalPaths.invoices,
    actions: Object.fromEntries(Object.entries(documentSlugs).map(([key, slug]) => [key, documentPath(slug)])),
    fields,
    schoolYears: choices.schoolYears.map((y) => option(y, y, schoolYear)),
    children: choices.children.map((c) => option(c.id, c.name, child)),
    activities: choices.activities.map((a) => option(a.id, a.name, activity)),
    attestationYears: choices.attestationYears.map((y) => option(String(y), String(y), year)),
    childcareAgeLimit: choices.childcareAgeLimit,
    youngChildren,
    values: {
      [fields.from]: values[fields.from] ?? choices.defaultFrom,
      [fields.to]: values[fields.to] ?? choices.today
    }
  }
}

const formatOf = (value: string): "html" | "pdf" => (value === "pdf" ? "pdf" : "html")

/**
 * "Édition de documents": the documents the family produces itself, each as a web page or a PDF:
 * the holiday booking calendar of a school year, an attendance certificate of a child at an
 * activity over a period, the childcare-expense attestation of a year (children under 6), the
 * household's summary, and a link to the invoices. Each form posts its choices; a refused choice
 * shows the page again with the message next to its field.
 */
export function documentRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const settings = documentSettingsOf(kit)

  const prepareForm = async (ctx: PortalContext, values: Values) => {
    const householdId = requireHousehold(ctx)
    const choices = await kit.run(householdDocumentChoices(householdId, settings))
    ctx.state.formView = {
      page: "documents",
      title,
      model: pageModel(choices, values),
      fieldOfPath: { schoolYear: fields.schoolYear, childId: fields.child, activityId: fields.activity, from: fields.from, to: fields.to, year: fields.year }
    }
    return householdId
  }

  router.get(portalPaths.documents, async (ctx) => {
    const householdId = requireHousehold(ctx)
    const choices = await kit.run(householdDocumentChoices(householdId, settings))
    kit.render(ctx, "documents", pageModel(choices, {}))
  })

  router.post(portalPaths.document, async (ctx) => {
    const form = formOf(ctx)
    const format = formatOf(form.text("format", { maxLength: 10 }))
    switch (ctx.params["document"]) {
      case documentSlugs.calendar: {
        const schoolYear = form.text(fields.schoolYear, { maxLength: 20 })
        await prepareForm(ctx, { [fields.schoolYear]: schoolYear })
        return sendDocument(ctx, kit, "holidayBookingCalendar", await kit.run(schoolYearBookingCalendar(schoolYear, settings)), format)
      }
      case documentSlugs.attendance: {
        const values = {
          [fields.child]: form.text(fields.child, { maxLength: 64 }),
          [fields.activity]: form.text(fields.activity, { maxLength: 64 }),
          [fields.from]: form.text(fields.from, { maxLength: 20 }),
          [fields.to]: form.text(fields.to, { maxLength: 20 })
        }
        const householdId = await prepareForm(ctx, values)
        const certificate = await kit.run(
          householdAttendanceCertificate(
            householdId,
            { childId: values[fields.child], activityId: values[fields.activity], from: values[fields.from], to: values[fields.to] },
            settings
          )
        )
        return sendDocument(ctx, kit, "attendanceCertificate", certificate, format)
      }
      case documentSlugs.childcare: {
        const year = form.text(fields.year, { maxLength: 10 })
        const householdId = await prepareForm(ctx, { [fields.year]: year })
        return sendDocument(ctx, kit, "childcareAttestation", await kit.run(householdChildcareAttestation(householdId, year, settings)), format)
      }
      case documentSlugs.summary: {
        const householdId = await prepareForm(ctx, {})
        return sendDocument(ctx, kit, "householdSummary", await kit.run(householdSummaryToday(householdId, settings)), format)
      }
      default:
        return refuse(new PageNotFound({ path: ctx.path }))
    }
  })
}
