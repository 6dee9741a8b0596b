import { ActivityId, AuditLog, LocalDate, SessionId, SessionLedgerRepository, SessionRepository, TownCalendarSource } from "@spe/core"
import { zoneBTestIcs2027 } from "@spe/testkit"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const errorOf = (html: string, field: string) => {
  const match = new RegExp(`id="${field}-erreur"><span class="visually-hidden">Erreur : </span>([^<]*)<`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).trim()
}

const decodeAttribute = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, "=").replace(/&#x60;/g, "`").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")

let t: TestPortal
let admin: BrowserLikeClient

const calendar = () => t.demo.runtime.runPromise(Effect.flatMap(TownCalendarSource, (s) => s.get))
const audit = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const sessionsOn = (activity: string, day: string) =>
  t.demo.runtime.runPromise(Effect.flatMap(SessionRepository, (s) => s.listByActivity(ActivityId.make(activity), LocalDate.unsafe(day), LocalDate.unsafe(day))))
const ics = (text: string) => ({ fichier: { fileName: "Zone-B.ics", type: "text/calendar", bytes: new TextEncoder().encode(text) } })

beforeAll(async () => {
  t = await startTestPortal()
  admin = await t.agentClient("admin")
})

afterAll(async () => {
  await t.close()
})

describe("the town's calendar in the back office", () => {
  it("is for roles with activities.manage only; others change nothing", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/calendrier")
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Fcalendrier")
    expect((await (await t.familyClient()).get("/agents/calendrier")).status).toBe(403)
    for (const role of ["reader", "agent", "billing"] as const) expect((await (await t.agentClient(role)).get("/agents/calendrier")).status).toBe(403)
    const agent = await t.agentClient("agent")
    const token = csrfTokenIn((await agent.get("/agents")).body)
    const before = await calendar()
    expect((await agent.post("/agents/calendrier/fermetures", { fermetureDu: "2026-12-04", fermetureMotif: "Grève" }, { csrf: token })).status).toBe(403)
    expect((await agent.post("/agents/calendrier/reouverture", { jour: "2027-05-07" }, { csrf: token })).status).toBe(403)
    expect((await agent.postMultipart("/agents/calendrier/import", {}, ics(zoneBTestIcs2027), { csrf: token })).status).toBe(403)
    expect(await calendar()).toEqual(before)
  })

  it("shows the zone, the school days, the holidays of a school year, public holidays and closures", async () => {
    const page = textOf((await admin.get("/agents/calendrier")).body)
    expect(page).toContain("Calendrier de la commune")
    expect(page).toContain("zone B")
    expect(page).toContain("lundi, mardi, jeudi, vendredi")
    expect(page).toContain("Vacances de Noël (estimation à remplacer par le calendrier officiel) samedi 19 décembre 2026 dimanche 3 janvier 2027")
    expect(page).toContain("sont une estimation de la commune")
    expect(page).toContain("jeudi 6 mai 2027 : Ascension")
    expect(page).toContain("Pont de l'Ascension : services périscolaires fermés")
    expect(page).toContain("du lundi 28 décembre 2026 au jeudi 31 décembre 2026")
    const older = textOf((await admin.get("/agents/calendrier?annee=2025-2026")).body)
    expect(older).toContain("Vacances scolaires 2025-2026")
    expect(older).not.toContain("estimation de la commune")
  })

  it("closes a day: its sessions are removed, their reservations cancelled without billing, and the page says how many", async () => {
    const day = "2026-12-03"
    const canteen = SessionId.make(`restauration-scolaire:${day}`)
    const ledger = await t.demo.runtime.runPromise(Effect.flatMap(SessionLedgerRepository, (l) => l.get(canteen)))
    const active = ledger.reservations.filter((r) => r.isActive)
    expect(active.length).toBeGreaterThan(1)
    const families = new Set(active.map((r) => r.householdId)).size
    const closed = await admin.submit("/agents/calendrier", "/agents/calendrier/fermetures", {
      fermetureDu: day,
      fermetureAu: "",
      fermetureMotif: "Grève du personnel de restauration",
      "type-canteen": "oui"
    })
    expect(closed.status).toBe(200)
    const page = textOf(closed.body)
    expect(page).toContain("Fermeture enregistrée")
    expect(page).toContain(
      `Le jeudi 3 décembre 2026 : « Grève du personnel de restauration ». 1 séance(s) retirée(s) ; ${active.length} réservation(s) annulée(s) sans facturation (${families} famille(s)) ; ${ledger.waitlist.length} demande(s) en liste d'attente retirée(s).`
    )
    expect(page).toContain("Léa CONCERTO")
    expect(closed.body).toMatch(/<a href="\/agents\/foyers\/[^"]+">CONCERTO<\/a>/)
    expect(await sessionsOn("restauration-scolaire", day)).toEqual([])
    expect(await sessionsOn("accueil-soir", day)).toHaveLength(1)
    expect((await calendar()).closures.filter((c) => c.date === day)).toMatchObject([{ reason: "Grève du personnel de restauration", activityKinds: ["canteen"] }])
    const [record] = await audit()
    expect(record).toMatchObject({ action: "calendar.close", outcome: "done", actorRole: "admin", target: { kind: "calendar", id: day }, before: { closures: [] } })
    expect((record?.after as { cancelledReservations: ReadonlyArray<unknown> }).cancelledReservations).toHaveLength(active.length)
    const shown = textOf((await admin.get("/agents/calendrier")).body)
    expect(shown).toContain("jeudi 3 décembre 2026 Grève du personnel de restauration Restauration scolaire")

    const reopened = await admin.submit("/agents/calendrier", "/agents/calendrier/reouverture", { jour: day })
    expect(reopened.status).toBe(303)
    expect(textOf((await admin.get(reopened.location ?? "")).body)).toContain("Le jour est rouvert.")
    expect((await sessionsOn("restauration-scolaire", day)).map((s) => s.id)).toEqual([canteen])
    expect((await audit())[0]).toMatchObject({ action: "calendar.reopen", outcome: "done", after: { sessionsRestored: [canteen] } })
  })

  it("refuses a past day, a missing reason and a day already closed, each next to its field", async () => {
    const past = await admin.submit("/agents/calendrier", "/agents/calendrier/fermetures", { fermetureDu: "2026-11-20", fermetureMotif: "Travaux" })
    expect(past.status).toBe(400)
    expect(errorOf(past.body, "fermetureDu")).toBe("Le vendredi 20 novembre 2026 est passé : une fermeture s'ajoute pour aujourd'hui ou un jour à venir.")
    const noReason = await admin.submit("/agents/calendrier", "/agents/calendrier/fermetures", { fermetureDu: "2026-12-04", fermetureMotif: "" })
    expect(noReason.status).toBe(400)
    expect(errorOf(noReason.body, "fermetureMotif")).toBe("Indiquez le motif de la fermeture : les familles le lisent.")
    expect(noReason.body).toContain('value="2026-12-04"')
    const twice = await admin.submit("/agents/calendrier", "/agents/calendrier/fermetures", { fermetureDu: "2027-05-06", fermetureAu: "2027-05-07", fermetureMotif: "Pont" })
    expect(errorOf(twice.body, "fermetureDu")).toBe(
      "Le vendredi 7 mai 2027 est déjà fermé (« Pont de l'Ascension : services périscolaires fermés ») : retirez d'abord cette fermeture, ou choisissez d'autres jours."
    )
    expect((await calendar()).closures.some((c) => c.date === "2026-12-04" || c.date === "2027-05-06")).toBe(false)
  })

  it("imports the ministry's ICS file: a dry run shows the holidays it adds, the confirmation stores them; audited", async () => {
    const dryRun = await admin.submitMultipart("/agents/calendrier", "/agents/calendrier/import", {}, ics(zoneBTestIcs2027))
    expect(dryRun.status).toBe(200)
    const page = textOf(dryRun.body)
    expect(page).toContain("Import du calendrier scolaire : vérification")
    expect(page).toContain("Année scolaire 2027-2028 (nouvelle année)")
    expect(page).toContain("Vacances de la Toussaint samedi 23 octobre 2027 dimanche 7 novembre 2027")
    expect(page).toContain("Vacances d'Été samedi 8 juillet 2028 jeudi 31 août 2028")
    expect(page).toContain("Années incomplètes laissées de côté : 2026-2027.")
    expect((await calendar()).knownSchoolYears.some((k) => k.schoolYear === "2027-2028")).toBe(false)
    const payload = decodeAttribute(/name="annees" value="([^"]*)"/.exec(dryRun.body)?.[1] ?? "")
    const confirmed = await admin.post("/agents/calendrier/import/confirmation", { annees: payload }, { csrf: csrfTokenIn(dryRun.body) })
    expect(confirmed.status).toBe(303)
    expect(confirmed.location).toBe("/agents/calendrier?annee=2027-2028&message=calendrier-importe")
    const shown = textOf((await admin.get(confirmed.location ?? "")).body)
    expect(shown).toContain("Le calendrier scolaire est importé")
    expect(shown).toContain("Vacances de Noël samedi 18 décembre 2027 dimanche 2 janvier 2028")
    const stored = await calendar()
    expect(stored.knownSchoolYears.find((k) => k.schoolYear === "2027-2028")).toEqual({ schoolYear: "2027-2028", placeholder: false })
    expect(stored.schoolHolidays.filter((p) => p.schoolYear === "2027-2028")).toHaveLength(5)
    const [record] = await audit()
    expect(record).toMatchObject({ action: "calendar.import", outcome: "done", before: [{ schoolYear: "2027-2028", knownBefore: "unknown", periods: [] }], after: [{ schoolYear: "2027-2028", knownBefore: "confirmed" }] })
  })

  it("refuses an unreadable file, a file of another zone and no file, next to the file field", async () => {
    const unreadable = await admin.submitMultipart("/agents/calendrier", "/agents/calendrier/import", {}, ics("ceci n'est pas un calendrier"))
    expect(unreadable.status).toBe(400)
    expect(errorOf(unreadable.body, "fichier")).toContain("Le fichier ICS du calendrier scolaire est mal formé")
    const otherZone = await admin.submitMultipart("/agents/calendrier", "/agents/calendrier/import", {}, ics(zoneBTestIcs2027.replace("Zone B", "Zone A")))
    expect(errorOf(otherZone.body, "fichier")).toContain("ce fichier est le calendrier de la zone A, pas celui de la zone B")
    const none = await admin.submitMultipart("/agents/calendrier", "/agents/calendrier/import", {}, {})
    expect(none.status).toBe(400)
    expect(errorOf(none.body, "fichier")).toBe("Choisissez le fichier ICS du calendrier scolaire de votre zone (data.education.gouv.fr).")
    const tampered = await admin.submit("/agents/calendrier", "/agents/calendrier/import/confirmation", { annees: "pas du JSON" })
    expect(tampered.status).toBe(400)
  })
})
