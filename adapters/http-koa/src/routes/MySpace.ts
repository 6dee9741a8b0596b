import { AccountNotLinked, type Household, HouseholdRepository } from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { type PortalContext, type PortalState, requireAccount, requireHousehold } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { seeOther } from "../middleware/Errors.js"
import { agentPaths, memberPath, portalPaths } from "../PortalPaths.js"

const title = "Mon espace"

const notices: Readonly<Record<string, string>> = {
  "identifiants-enregistres": "Votre identifiant et votre mot de passe sont enregistrés : utilisez-les désormais pour vous connecter."
}

/** The menu of the guide: "Mon tableau de bord", "Ma famille", "Membres foyer". */
export function mySpaceMenu(household: Household) {
  return {
    dashboard: [
      { label: "Dernières demandes", href: portalPaths.latestRequests },
      { label: "Mes factures", href: portalPaths.invoices },
      { label: "Coordonnées", href: portalPaths.contactDetails },
      { label: "Mes QF/Revenus", href: portalPaths.quotient },
      { label: "Justificatifs", href: portalPaths.supportingDocuments },
      { label: "Édition de documents", href: portalPaths.documents },
      { label: "Accès pour vos applications", href: portalPaths.apiAccess }
    ],
    family: [
      { label: "Dossier unique d'inscription", href: portalPaths.enrollment },
      { label: "Gérer mes réservations", href: portalPaths.reservations },
      { label: "Signaler une absence", href: portalPaths.absences },
      { label: "Simulation des tarifs", href: portalPaths.tariffSimulation }
    ],
    members: [
      ...household.adults.map((a) =>
        a.relationship === undefined
          ? { label: `${a.firstName} ${a.lastName}`, href: memberPath(a.id) }
          : { label: a.relationship, name: `${a.firstName} ${a.lastName}`, href: memberPath(a.id) }
      ),
      ...household.children.map((c) => ({ label: c.firstName, href: memberPath(c.id) }))
    ]
  }
}

/** The identification of the household ("Mon espace"): who, where, which e-mail. */
export function householdIdentity(household: Household) {
  const address = household.address
  return {
    names: household.adults.map((a) => `${a.firstName} ${a.lastName.toLocaleUpperCase("fr-FR")}`),
    addressLines: [address.line1, ...(address.line2 === undefined ? [] : [address.line2]), `${address.postalCode} ${address.city.toLocaleUpperCase("fr-FR")}`],
    email: household.contact.email
  }
}

const noticeOf = (ctx: PortalContext): string | undefined => {
  const key = ctx.query["message"]
  return typeof key === "string" ? notices[key] : undefined
}

/**
 * `/mon-espace`: the logged-in family's identity and the guide's menu. An account not linked to a
 * household yet sees why, and where to follow its request; an agent's account is refused.
 */
export function mySpaceRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.mySpace, async (ctx: PortalContext) => {
    const account = requireAccount(ctx)
    if (account.holder._tag === "Agent") return seeOther(ctx, agentPaths.home)
    const notice = noticeOf(ctx)
    if (notice !== undefined) ctx.state.notice = notice
    ctx.set("Cache-Control", "no-store")
    if (account.holder._tag === "Family" && account.holder.householdId === undefined) {
      kit.render(ctx, "my-space", { title, login: account.login, notLinked: new AccountNotLinked({ accountId: account.id }).message, requestsHref: portalPaths.latestRequests })
      return
    }
    const householdId = requireHousehold(ctx)
    const household = await kit.run(Effect.flatMap(HouseholdRepository, (households) => households.get(householdId)))
    kit.render(ctx, "my-space", { title, login: account.login, identity: householdIdentity(household), menu: mySpaceMenu(household) })
  })
}
