import { type Activity, ActivityCatalogue, type Adult, agendaOfChild, type Child, type Household, LocalDate, ParisTime } from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { type PortalContext, type PortalState, requireHousehold } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { calendarFeedPath, portalPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"
import { signLink } from "../SignedLinks.js"
import { mySpaceMenu } from "./MySpace.js"
import { householdOf, nowOf, reservationsHref, sessionLabel, stateLabel } from "./Reservations.js"

/** How far the child's agenda looks back and ahead, in days. */
const agendaDaysBack = 14
const agendaDaysAhead = 42

/** The private calendar feed of a child, signed for its household, at the portal's public address. */
export function calendarFeedUrl(kit: PortalKit, household: Household, child: Child): { readonly https: string; readonly webcal: string } {
  const token = signLink(kit.settings.linkSecret, "calendrier", { householdId: household.id, childId: child.id })
  const https = new URL(calendarFeedPath(token), kit.settings.publicUrl).toString()
  return { https, webcal: https.replace(/^https?:/, "webcal:") }
}

const adultModel = (household: Household, adult: Adult): PageModel & { readonly title: string } => ({
  title: `${adult.firstName} ${adult.lastName}`,
  adult: {
    name: `${adult.firstName} ${adult.lastName.toLocaleUpperCase("fr-FR")}`,
    relationship: adult.relationship,
    phone: adult.phone,
    phoneHref: adult.phone?.replace(/[^\d+]/g, ""),
    email: adult.email,
    payer: adult.isPayer,
    householdPhones: household.contact.phones.map((p) => ({ label: p.label, number: p.number, href: p.number.replace(/[^\d+]/g, "") })),
    householdEmail: household.contact.email
  },
  contactDetailsHref: portalPaths.contactDetails
})

async function childModel(kit: PortalKit, household: Household, child: Child): Promise<PageModel & { readonly title: string }> {
  const today = ParisTime.dateAt(await nowOf(kit))
  const [agenda, activities] = await Promise.all([
    kit.run(agendaOfChild(child.id, LocalDate.addDays(today, -agendaDaysBack), LocalDate.addDays(today, agendaDaysAhead))),
    kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
  ])
  const byActivity = new Map<string, Activity>(activities.map((a) => [a.id, a]))
  const weeks = new Map<LocalDate.LocalDate, Array<PageModel>>()
  for (const entry of agenda) {
    if (entry.householdId !== household.id) continue
    const activity = byActivity.get(entry.activityId)
    const monday = LocalDate.mondayOf(entry.date)
    weeks.set(monday, [
      ...(weeks.get(monday) ?? []),
      {
        date: entry.date,
        startsAt: entry.startsAt,
        label: activity === undefined ? entry.activityId : sessionLabel(activity, entry.slot),
        state: stateLabel(entry.status, entry),
        stateClass: `state-${entry.status}`,
        past: entry.date < today
      }
    ])
  }
  const currentMonday = LocalDate.mondayOf(today)
  const feed = calendarFeedUrl(kit, household, child)
  return {
    title: `${child.firstName} ${child.lastName}`,
    child: {
      name: `${child.firstName} ${child.lastName.toLocaleUpperCase("fr-FR")}`,
      firstName: child.firstName,
      birthDate: child.birthDate,
      age: LocalDate.ageOn(child.birthDate, today),
      school: child.school,
      schoolLevel: child.schoolLevel,
      allergies: child.allergies,
      notes: child.notes
    },
    weeks: [...weeks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([monday, entries]) => ({
        id: `semaine-${monday}`,
        monday,
        current: monday === currentMonday,
        entries
      })),
    from: LocalDate.addDays(today, -agendaDaysBack),
    to: LocalDate.addDays(today, agendaDaysAhead),
    reservationsHref: reservationsHref(child.id),
    absencesHref: `${portalPaths.absences}?enfant=${encodeURIComponent(child.id)}`,
    feed
  }
}

/**
 * "Membres foyer": the page of a member of the logged-in household. An adult's details (name,
 * relationship, phones, e-mail, payer); a child's details, its agenda (`agendaOfChild`, recent and
 * upcoming sessions by week, with where the child stands) with links to book and to report an
 * absence, and its private calendar link. A member of another household is not found (404).
 */
export function memberRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.member, async (ctx: PortalContext) => {
    const household = await householdOf(kit, requireHousehold(ctx))
    const memberId = ctx.params["memberId"]
    const members = mySpaceMenu(household).members.map((m) => ({ ...m, current: m.href === ctx.path }))
    const adult = household.adults.find((a) => a.id === memberId)
    if (adult !== undefined) {
      kit.render(ctx, "member", { ...adultModel(household, adult), members })
      return
    }
    const child = household.children.find((c) => c.id === memberId)
    if (child === undefined) return refuse(new PageNotFound({ path: ctx.path }))
    kit.render(ctx, "member", { ...(await childModel(kit, household, child)), members })
  })
}
