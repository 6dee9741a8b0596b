import {
  AbsenceReport,
  agendaOfChild,
  AuditLog,
  decideBilling,
  gatherBillableFacts,
  HouseholdRepository,
  LocalDate,
  type MemberId,
  reportAbsence,
  unsafeBillingMonth
} from "@spe/core"
import { absenceRules, billingSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const today = LocalDate.unsafe("2026-11-26")
const sheetPath = `/agents/pointage/${encodeURIComponent("accueil-soir:2026-11-26")}`
const tomorrowPath = `/agents/pointage/${encodeURIComponent("accueil-soir:2026-11-27")}`

let t: TestPortal

const childId = (reference: string, firstName: string) =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const household = Option.getOrThrow(yield* (yield* HouseholdRepository).findByReference(reference))
      const child = household.children.find((c) => c.firstName === firstName)
      if (child === undefined) throw new Error(`No ${firstName}`)
      return { childId: child.id, householdId: household.id }
    })
  )

const todaysStatus = async (id: MemberId) => (await t.demo.runtime.runPromise(agendaOfChild(id, today, today))).find((e) => e.activityId === "accueil-soir")?.status

const audit = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))

/** The sheet's lines as posted: index, child's name, ids. */
const linesOf = (html: string) =>
  [...html.matchAll(/<fieldset class="rollcall-child[^"]*" id="statut-(\d+)">\s*<legend><span class="rollcall-name">([^<]+)<\/span>[\s\S]*?name="enfant-\d+" value="([^"]+)">\s*<input type="hidden" name="foyer-\d+" value="([^"]+)">/g)].map((m) => ({
    index: Number(m[1]),
    name: m[2] ?? "",
    childId: m[3] ?? "",
    householdId: m[4] ?? ""
  }))

const sheetFields = (lines: ReturnType<typeof linesOf>, status: (name: string) => string) => {
  const fields: Record<string, string> = { lignes: String(lines.length) }
  for (const line of lines) {
    fields[`enfant-${line.index}`] = line.childId
    fields[`foyer-${line.index}`] = line.householdId
    fields[`statut-${line.index}`] = status(line.name)
  }
  return fields
}

beforeAll(async () => {
  t = await startTestPortal()
  const ines = await childId("FAM-000105", "Inès")
  await t.demo.runtime.runPromise(reportAbsence(AbsenceReport.make({ ...ines, start: today, end: today, reason: "family", comment: "Chez le dentiste." }), absenceRules))
})

afterAll(async () => {
  await t.close()
})

describe("the roll-call", () => {
  it("sends a visitor to the agents' login, and refuses families and roles without attendance.record", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/pointage")
    expect(visitor.status).toBe(303)
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Fpointage")
    expect((await (await t.familyClient()).get(sheetPath)).status).toBe(403)
    for (const role of ["reader", "billing"] as const) {
      const client = await t.agentClient(role)
      const list = await client.get("/agents/pointage")
      expect(list.status).toBe(403)
      expect(textOf(list.body)).toContain("ne permet pas de faire le pointage des présences")
      expect((await client.get(sheetPath)).status).toBe(403)
    }
  })

  it("lists today's sessions in Paris by default, with children booked and marks recorded, and refuses a wrong date next to its field", async () => {
    const agent = await t.agentClient("agent")
    const page = await agent.get("/agents/pointage")
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Séances du jeudi 26 novembre 2026 (aujourd'hui)")
    expect(text).toMatch(/Accueil du matin Début à 07:30 · \d+ enfant\(s\) inscrit\(s\) · pointée : \d+ présent\(s\), 0 absent\(s\)/)
    expect(text).toMatch(/Accueil du soir Début à 16:30 · 4 enfant\(s\) inscrit\(s\) · pas encore pointée/)
    expect(page.body).toContain(`href="${sheetPath}"`)
    const evening = await agent.get("/agents/pointage?date=2026-11-26&activite=accueil-soir")
    expect(textOf(evening.body)).not.toContain("Accueil du matin Début")
    const wrong = await agent.get("/agents/pointage?date=26/11/2026")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="date-erreur">[\s\S]*Indiquez la date sous la forme AAAA-MM-JJ/)
    expect(wrong.body).toContain('value="26/11/2026"')
  })

  it("shows the sheet: booked children with age, class, allergies, the absences families reported, large Présent / Absent choices", async () => {
    const agent = await t.agentClient("agent")
    const page = await agent.get(sheetPath)
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Pointage : Accueil du soir")
    expect(linesOf(page.body).map((l) => l.name)).toEqual(["Hugo CONCERTO", "Léa CONCERTO", "Jade MARCHAND", "Louis MOREAU"])
    expect(text).toContain("Hugo CONCERTO 4 ans, MS")
    expect(text).toContain("Allergies : Arachide (PAI alimentaire)")
    expect(text).toContain("Absences signalées par les familles")
    expect(text).toContain("Inès PETIT (PETIT)")
    expect(page.body).toContain('<input type="radio" name="statut-0" value="present"> Présent')
    expect(page.body).toMatch(/<script src="\/static\/pointage-[0-9a-f]{12}\.js" defer><\/script>/)
    const script = await agent.get(/<script src="(\/static\/pointage-[0-9a-f]{12}\.js)"/.exec(page.body)?.[1] ?? "")
    expect(script.status).toBe(200)
    expect(script.body).toContain("Tout présent")
    expect((await agent.get("/agents/pointage/accueil-soir%3A2031-01-01")).status).toBe(404)
  })

  it("adds a child present without a reservation, found by name: audited, and billed as an unreserved presence", async () => {
    const agent = await t.agentClient("agent")
    const search = await agent.get(`${sheetPath}?recherche=noah`)
    expect(textOf(search.body)).toContain("Noah PETIT, 3 ans (famille PETIT, FAM-000105 )")
    const noah = await childId("FAM-000105", "Noah")
    const answer = await agent.submit(`${sheetPath}?recherche=noah`, `${sheetPath}/ajout`, { enfant: noah.childId, foyer: noah.householdId })
    expect(answer.location).toBe(`${sheetPath}?message=ajoute`)
    const page = await agent.get(answer.location ?? "")
    expect(textOf(page.body)).toContain("L'enfant est ajouté à la feuille, pointé présent sans réservation.")
    expect(textOf(page.body)).toContain("Noah PETIT 3 ans, PS, sans réservation")
    expect(await todaysStatus(noah.childId)).toBe("attended")
    expect((await audit())[0]).toMatchObject({ action: "attendance.record", outcome: "done", actorName: "Claire DUBOIS", after: [{ childId: noah.childId, status: "present", recordedBy: "Claire DUBOIS" }] })
    const { facts } = await t.demo.runtime.runPromise(gatherBillableFacts(unsafeBillingMonth("2026-11")))
    const fact = facts.find((f) => f.childId === noah.childId && f.date === today && f.activityId === "accueil-soir")
    expect(fact === undefined ? undefined : decideBilling(fact, billingSettings.rules).code).toBe("unreserved-presence")
    const again = await agent.get(`${sheetPath}?recherche=noah`)
    expect(textOf(again.body)).toContain("déjà sur la feuille")
  })

  it("saves the whole sheet in one post: marks stored in the agents' name, shown in the children's agenda, with a confirmation and counts", async () => {
    const agent = await t.agentClient("agent")
    const lines = linesOf((await agent.get(sheetPath)).body)
    expect(lines.map((l) => l.name)).toEqual(["Hugo CONCERTO", "Léa CONCERTO", "Jade MARCHAND", "Louis MOREAU", "Noah PETIT"])
    const answer = await agent.submit(sheetPath, sheetPath, sheetFields(lines, (name) => (name === "Louis MOREAU" ? "absent" : "present")))
    expect(answer.status).toBe(303)
    expect(answer.location).toBe(`${sheetPath}?message=enregistre`)
    const page = await agent.get(answer.location ?? "")
    expect(page.body).toContain('<div class="notice" role="status"><p>Pointage enregistré : 4 présents, 1 absent.</p></div>')
    expect(page.body).toMatch(/name="statut-3" value="absent" checked/)
    const lea = await childId("FAM-000101", "Léa")
    const louis = await childId("FAM-000104", "Louis")
    expect(await todaysStatus(lea.childId)).toBe("attended")
    expect(await todaysStatus(louis.childId)).toBe("absent")
    const [record] = await audit()
    expect(record).toMatchObject({ action: "attendance.record", permission: "attendance.record", outcome: "done", target: { kind: "session", id: "accueil-soir:2026-11-26" } })
    expect(record?.after).toHaveLength(5)
    expect(record?.before).toEqual([expect.objectContaining({ childId: lines[4]?.childId, status: "present" })])
    const list = await agent.get("/agents/pointage")
    expect(textOf(list.body)).toMatch(/Accueil du soir Début à 16:30 · 4 enfant\(s\) inscrit\(s\) · pointée : 4 présent\(s\), 1 absent\(s\)/)
  })

  it("refuses a mark that is neither present nor absent next to its child, and an empty sheet, recording nothing", async () => {
    const agent = await t.agentClient("agent")
    const lines = linesOf((await agent.get(sheetPath)).body)
    const before = (await audit()).length
    const wrong = await agent.submit(sheetPath, sheetPath, sheetFields(lines, (name) => (name === "Hugo CONCERTO" ? "peut-etre" : "present")))
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/<fieldset class="rollcall-child field-invalid" id="statut-0">[\s\S]*?Choisissez « Présent » ou « Absent »\./)
    expect(wrong.body).toContain('<a href="#statut-0">')
    expect((await audit()).length).toBe(before)
    const empty = await agent.submit(sheetPath, sheetPath, sheetFields(lines, () => ""))
    expect(empty.status).toBe(400)
    expect(textOf(empty.body)).toContain("Pointez au moins un enfant : choisissez « Présent » ou « Absent ».")
    expect((await audit())[0]).toMatchObject({ action: "attendance.record", outcome: "refused" })
    expect(await todaysStatus((await childId("FAM-000104", "Louis")).childId)).toBe("absent")
  })

  it("refuses a session that has not come yet, and a role without attendance.record (403, audited as denied)", async () => {
    const agent = await t.agentClient("agent")
    const tomorrow = await agent.get(tomorrowPath)
    expect(textOf(tomorrow.body)).toContain("Cette séance n'a pas encore eu lieu : son pointage se fait le jour même.")
    expect(tomorrow.body).not.toContain("Enregistrer le pointage")
    const lines = linesOf(tomorrow.body)
    const early = await agent.submit(tomorrowPath, tomorrowPath, sheetFields(lines, () => "present"))
    expect(early.status).toBe(400)
    expect(textOf(early.body)).toContain("La séance du vendredi 27 novembre 2026 n'a pas encore eu lieu")
    const reader = await t.agentClient("reader")
    const lea = await childId("FAM-000101", "Léa")
    const denied = await reader.submit("/agents", sheetPath, { lignes: "1", "enfant-0": lea.childId, "foyer-0": lea.householdId, "statut-0": "absent" })
    expect(denied.status).toBe(403)
    expect((await audit())[0]).toMatchObject({ action: "attendance.record", outcome: "denied", actorRole: "reader" })
    expect(await todaysStatus(lea.childId)).toBe("attended")
  })
})
