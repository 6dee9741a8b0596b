import { Instant, loadOccupancy, loadRequestBacklog, LocalDate } from "@spe/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

let t: TestPortal

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

describe("the agents' dashboards", () => {
  it("shows any agent this week's occupancy per activity and per session, the requests waiting and the unpaid amounts", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get("/agents/tableaux-de-bord")
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Occupation des séances du lundi 23 novembre 2026 au dimanche 29 novembre 2026")
    const report = await t.demo.runtime.runPromise(loadOccupancy(LocalDate.unsafe("2026-11-23"), LocalDate.unsafe("2026-11-29")))
    const canteen = report.activities.find((a) => a.activityName === "Restauration scolaire")
    expect(canteen).toBeDefined()
    expect(text).toContain(`Restauration scolaire ${canteen?.sessions} ${canteen?.booked} / ${canteen?.capacity} ${canteen?.percentFull} %`)
    expect(text).toMatch(/lundi 23 novembre 2026 à \d\d:\d\d Restauration scolaire \d+ \/ \d+/)
    const backlog = await t.demo.runtime.runPromise(loadRequestBacklog(Instant.unsafe("2026-11-26T08:00:00Z")))
    expect(text).toContain(`${backlog.total} demande(s) en attente de traitement ou de complément.`)
    for (const line of backlog.lines) expect(text).toContain(`${line.label} ${line.count}`)
    const links = page.body.replace(/&#x3D;/g, "=")
    expect(links).toContain('href="/agents/demandes?statut=submitted"')
    expect(text).toContain("Restant dû après échéance au jeudi 26 novembre 2026 89,40 €")
    expect(text).toContain("Foyers concernés 2")
    expect(links).toContain('href="/agents/tableaux-de-bord?semaine=2026-11-30" rel="next"')
    expect(links).toContain('href="/agents/tableaux-de-bord?semaine=2026-11-16" rel="prev"')
  })

  it("shows another week, or a chosen period", async () => {
    const agent = await t.agentClient("agent")
    const next = textOf((await agent.get("/agents/tableaux-de-bord?semaine=2026-12-02")).body)
    expect(next).toContain("Occupation des séances du lundi 30 novembre 2026 au dimanche 6 décembre 2026")
    const period = await agent.get("/agents/tableaux-de-bord?du=2026-11-02&au=2026-11-06")
    expect(period.status).toBe(200)
    expect(textOf(period.body)).toContain("Occupation des séances du lundi 2 novembre 2026 au vendredi 6 novembre 2026")
    expect(period.body).not.toContain('rel="next"')
    const holidays = textOf((await agent.get("/agents/tableaux-de-bord?du=2026-08-01&au=2026-08-02")).body)
    expect(holidays).toContain("Aucune séance sur cette période.")
  })

  it("refuses a day that is not one, a period ending before it starts or longer than 62 days, next to the fields", async () => {
    const admin = await t.agentClient("admin")
    const wrong = await admin.get("/agents/tableaux-de-bord?semaine=lundi")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="semaine-erreur"[^>]*>.*Écrivez un jour de la semaine voulue/)
    const backwards = await admin.get("/agents/tableaux-de-bord?du=2026-11-30&au=2026-11-02")
    expect(backwards.status).toBe(400)
    expect(backwards.body).toMatch(/id="au-erreur"[^>]*>.*La fin de la période doit être après son début/)
    const long = await admin.get("/agents/tableaux-de-bord?du=2026-09-01&au=2026-12-31")
    expect(long.status).toBe(400)
    expect(long.body).toMatch(/id="au-erreur"[^>]*>.*62 jours au plus/)
  })

  it("sends a visitor to the agents' login and refuses a family", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/tableaux-de-bord")
    expect([visitor.status, visitor.location]).toEqual([303, "/agents/connexion?suite=%2Fagents%2Ftableaux-de-bord"])
    expect((await (await t.familyClient()).get("/agents/tableaux-de-bord")).status).toBe(403)
  })
})
