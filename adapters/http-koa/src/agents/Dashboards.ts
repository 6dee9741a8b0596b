import type Router from "@koa/router"
import { Clock, loadOccupancy, loadPastDueInvoices, loadRequestBacklog, LocalDate, ParisTime } from "@spe/core"
import { Effect } from "effect"
import { checkForm, type FieldProblem, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentPaths, agentWaitlistPath } from "../PortalPaths.js"
import { agentCan, requireAgent } from "./AgentContext.js"
import { listHref, parseDay, queryText } from "./BillingViews.js"

const title = "Tableaux de bord"

/** The longest period the occupancy covers, in days. */
const maxPeriodDays = 62

/** The period asked: `?semaine=<a day of it>`, or `?du=&au=`; the current week (Monday to Sunday) by default. */
function periodOf(ctx: PortalContext, today: LocalDate.LocalDate) {
  const week = queryText(ctx, "semaine", 20).trim()
  const du = queryText(ctx, "du", 20).trim()
  const au = queryText(ctx, "au", 20).trim()
  const values = { semaine: week, du, au }
  if (du !== "" || au !== "") {
    const start = parseDay(du)
    const end = parseDay(au)
    const problems: Array<FieldProblem> = [
      ...(start === undefined ? [{ path: "du", message: "Écrivez le premier jour de la période, par exemple 02/11/2026." }] : []),
      ...(end === undefined ? [{ path: "au", message: "Écrivez le dernier jour de la période, par exemple 27/11/2026." }] : []),
      ...(start !== undefined && end !== undefined && end < start ? [{ path: "au", message: "La fin de la période doit être après son début." }] : []),
      ...(start !== undefined && end !== undefined && end >= start && LocalDate.daysBetween(start, end) >= maxPeriodDays
        ? [{ path: "au", message: `Choisissez une période de ${maxPeriodDays} jours au plus.` }]
        : [])
    ]
    return { start: start ?? today, end: end ?? today, values, problems, isWeek: false }
  }
  const day = week === "" ? today : parseDay(week)
  const monday = LocalDate.mondayOf(day ?? today)
  return {
    start: monday,
    end: LocalDate.addDays(monday, 6),
    values,
    problems: day === undefined ? [{ path: "semaine", message: "Écrivez un jour de la semaine voulue, par exemple 23/11/2026." }] : [],
    isWeek: true
  }
}

/**
 * The agents' dashboards (any agent): occupancy of the week's sessions (or a chosen period of up
 * to 62 days) per activity and per session (places taken out of the capacity, waiting list,
 * percent full), the requests waiting by status with the oldest's age, and what remains unpaid
 * after the due dates (total, households).
 */
export function agentDashboardRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.dashboards, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const now = await kit.run(Effect.flatMap(Clock, (clock) => clock.now))
    const today = ParisTime.dateAt(now)
    const period = periodOf(ctx, today)
    const base = { title, values: period.values }
    if (period.problems.length > 0) {
      ctx.state.formView = { page: "agents-dashboards", title, model: { ...base, refused: true } }
      checkForm(title, period.problems)
    }
    const occupancy = await kit.run(loadOccupancy(period.start, period.end))
    const backlog = await kit.run(loadRequestBacklog(now))
    const unpaid = await kit.run(loadPastDueInvoices(today))
    const showWaitlists = agentCan(agent, "households.read")
    kit.render(ctx, "agents-dashboards", {
      ...base,
      start: period.start,
      end: period.end,
      isWeek: period.isWeek,
      previousWeek: listHref(agentPaths.dashboards, { semaine: LocalDate.addDays(period.start, -7) }),
      nextWeek: listHref(agentPaths.dashboards, { semaine: LocalDate.addDays(period.start, 7) }),
      thisWeek: agentPaths.dashboards,
      activities: occupancy.activities.map((a) => ({ ...a, full: a.percentFull >= 100 })),
      sessions: occupancy.sessions.map((s) => ({
        date: s.session.date,
        startsAt: s.session.startsAt,
        slot: s.session.slot,
        activityName: s.activityName,
        booked: s.booked,
        capacity: s.capacity,
        waiting: s.waiting,
        percentFull: s.percentFull,
        full: s.booked >= s.capacity,
        ...(showWaitlists && s.waiting > 0 ? { waitlistHref: agentWaitlistPath(s.session.id) } : {})
      })),
      requests: backlog.lines.map((line) => ({
        label: line.label,
        count: line.count,
        oldestSubmittedAt: line.oldestSubmittedAt,
        oldestAgeDays: line.oldestAgeDays,
        href: listHref(agentPaths.requests, { statut: line.status })
      })),
      requestsTotal: backlog.total,
      unpaidTotal: unpaid.total,
      unpaidInvoices: unpaid.items.length,
      unpaidHouseholds: unpaid.households,
      unpaidHref: agentPaths.payments,
      today
    })
  })
}
