import {
  type Household,
  type HouseholdId,
  LocalDate,
  quotientHistory,
  QuotientRecordId,
  QuotientRecordNotFound,
  recordHouseholdCafQuotient,
  reviewHouseholdQuotient,
  setHouseholdQuotient
} from "@spe/core"
import type Router from "@koa/router"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentHouseholdPaths } from "../PortalPaths.js"
import { requireAgentPermission } from "./AgentContext.js"
import { householdIdentityView, householdParam, idParam, loadHousehold, quotientsView, showNotice, todayInParis, withNotice } from "./HouseholdViews.js"

const titleOf = (household: Household) => `Quotient familial du foyer ${household.familyName}`

/** What an agent typed as a QF: a whole number is sent as one, anything else as typed (the core refuses it in French). */
const amountOf = (text: string): number | string => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text.trim()) : text.trim())

/** `{ key: value }` when something was typed (converted), `{}` otherwise: the core then says what is missing. */
const filled = (key: string, text: string | undefined, convert: (text: string) => unknown = (t) => t): Record<string, unknown> =>
  text === undefined || text.trim() === "" ? {} : { [key]: convert(text) }

const optionalText = (text: string): string | undefined => (text.trim() === "" ? undefined : text)

const quotientFields = {
  caf: ["caf-numero", "caf-qf", "caf-debut", "caf-fin"],
  set: ["fixer-qf", "fixer-motif", "fixer-debut", "fixer-fin"]
} as const

const defaultValues = (today: LocalDate.LocalDate): Record<string, string> => {
  const end = LocalDate.schoolYearBounds(LocalDate.schoolYear(today)).end
  return { "caf-debut": today, "caf-fin": end, "fixer-debut": today, "fixer-fin": end }
}

/**
 * The QF of a household in the back office (`/agents/foyers/:householdId/qf`, households.write):
 * the QF that applies, the history, each pending QF to validate or reject with a reason
 * (`…/qf/:recordId/decision`, audited `quotients.review`), a QF given by the CAF for an allocataire
 * number (`…/qf/caf`, audited `quotients.recordCaf`) or set by the agent with a reason
 * (`…/qf/fixer`, audited `quotients.set`), each with its validity dates.
 */
export function quotientRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const page = async (householdId: HouseholdId, values: Record<string, string>) => {
    const household = await loadHousehold(kit, householdId)
    const today = await todayInParis(kit)
    const quotients = quotientsView(await kit.run(quotientHistory(householdId)), today)
    return {
      title: titleOf(household),
      household: householdIdentityView(household),
      quotients,
      pending: quotients.history.filter((q) => q.pending === true).map((q) => ({ ...q, action: agentHouseholdPath(householdId, "qf", q.id, "decision"), reasonField: `motif-${q.id}` })),
      values: { ...defaultValues(today), ...values },
      cafAction: agentHouseholdPath(householdId, "qf", "caf"),
      setAction: agentHouseholdPath(householdId, "qf", "fixer"),
      backHref: agentHouseholdPath(householdId)
    }
  }

  router.get(agentHouseholdPaths.quotient, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "households.write")
    showNotice(ctx)
    kit.render(ctx, "agents-quotient", await page(householdParam(ctx), {}))
  })

  router.post(agentHouseholdPaths.quotientReview, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const householdId = householdParam(ctx)
    const recordId = idParam(ctx, "recordId", QuotientRecordId, (raw) => new QuotientRecordNotFound({ recordId: raw }))
    const form = formOf(ctx)
    const decision = form.text("decision", { maxLength: 20 })
    const reasonField = `motif-${recordId}`
    const reason = form.text(reasonField, { maxLength: 500, label: "Motif du refus" })
    const model = await page(householdId, { [reasonField]: reason })
    ctx.state.formView = { page: "agents-quotient", title: model.title, model, fieldOfPath: { reason: reasonField, decision: reasonField } }
    const validate = decision !== "refuser"
    const optional = optionalText(reason)
    await kit.run(
      reviewHouseholdQuotient(agent, { householdId, recordId, decision: validate ? "validate" : "reject", ...(validate || optional === undefined ? {} : { reason: optional }) })
    )
    seeOther(ctx, withNotice(agentHouseholdPath(householdId, "qf"), validate ? "qf-valide" : "qf-refuse"))
  })

  router.post(agentHouseholdPaths.quotientCaf, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const householdId = householdParam(ctx)
    const form = formOf(ctx)
    const values = Object.fromEntries(quotientFields.caf.map((name) => [name, form.text(name, { maxLength: 40 })]))
    const model = await page(householdId, values)
    ctx.state.formView = {
      page: "agents-quotient",
      title: model.title,
      model,
      fieldOfPath: { cafNumber: "caf-numero", qf: "caf-qf", validFrom: "caf-debut", validTo: "caf-fin" }
    }
    await kit.run(
      recordHouseholdCafQuotient(agent, {
        householdId,
        ...filled("cafNumber", values["caf-numero"]),
        ...filled("qf", values["caf-qf"], amountOf),
        ...filled("validFrom", values["caf-debut"]),
        ...filled("validTo", values["caf-fin"])
      })
    )
    seeOther(ctx, withNotice(agentHouseholdPath(householdId, "qf"), "qf-caf"))
  })

  router.post(agentHouseholdPaths.quotientSet, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const householdId = householdParam(ctx)
    const form = formOf(ctx)
    const values = Object.fromEntries(quotientFields.set.map((name) => [name, form.text(name, { maxLength: name === "fixer-motif" ? 500 : 40 })]))
    const model = await page(householdId, values)
    ctx.state.formView = {
      page: "agents-quotient",
      title: model.title,
      model,
      fieldOfPath: { qf: "fixer-qf", reason: "fixer-motif", validFrom: "fixer-debut", validTo: "fixer-fin" }
    }
    await kit.run(
      setHouseholdQuotient(agent, {
        householdId,
        ...filled("qf", values["fixer-qf"], amountOf),
        ...filled("reason", values["fixer-motif"]),
        ...filled("validFrom", values["fixer-debut"]),
        ...filled("validTo", values["fixer-fin"])
      })
    )
    seeOther(ctx, withNotice(agentHouseholdPath(householdId, "qf"), "qf-fixe"))
  })
}
