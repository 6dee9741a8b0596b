import {
  agendaOfChild,
  AuditLog,
  bookSessions,
  BookSessionsCommand,
  ChildForBooking,
  HouseholdRepository,
  LocalDate,
  Session,
  SessionId,
  SessionLedgerRepository,
  SessionRepository
} from "@spe/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const sessionId = SessionId.make("accueil-soir:2027-01-07")
const listPath = `/agents/listes-d-attente/${encodeURIComponent(sessionId)}`

let t: TestPortal

const ledger = () => t.demo.runtime.runPromise(Effect.flatMap(SessionLedgerRepository, (l) => l.get(sessionId)))
const waiting = async () => (await ledger()).waitlist.map((e) => e.childId as string)
const audit = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const setCapacity = (capacity: number) =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const session = yield* sessions.get(sessionId)
      yield* sessions.saveMany([new Session({ ...session, capacity })])
    })
  )

const childOf = (reference: string, firstName: string) =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const household = Option.getOrThrow(yield* (yield* HouseholdRepository).findByReference(reference))
      const child = household.children.find((c) => c.firstName === firstName)
      if (child === undefined) throw new Error(`No ${firstName}`)
      return ChildForBooking.make({ childId: child.id, householdId: household.id, birthDate: child.birthDate, ...(child.schoolLevel === undefined ? {} : { schoolLevel: child.schoolLevel }), resident: true })
    })
  )

beforeAll(async () => {
  t = await startTestPortal()
  const full = (await ledger()).reservations.filter((r) => r.isActive).length
  await setCapacity(full)
  for (const [reference, name] of [["FAM-000104", "Emma"], ["FAM-000104", "Rose"], ["FAM-000103", "Nathan"]] as const) {
    const outcome = await t.demo.runtime.runPromise(bookSessions(BookSessionsCommand.make({ child: await childOf(reference, name), sessionIds: [sessionId] })))
    if (outcome.outcomes[0]?.result._tag !== "Waitlisted") throw new Error(`${name} not waitlisted`)
  }
})

afterAll(async () => {
  await t.close()
})

describe("the agents' waiting lists", () => {
  it("sends a visitor to the agents' login, and refuses a family's account", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/listes-d-attente")
    expect(visitor.status).toBe(303)
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Flistes-d-attente")
    const family = await t.familyClient()
    expect((await family.get("/agents/listes-d-attente")).status).toBe(403)
    expect((await family.get(listPath)).status).toBe(403)
    const post = await family.submit("/mon-espace", `${listPath}/deplacer`, { inscription: "res-1", sens: "monter", motifDeplacement2: "x" })
    expect(post.status).toBe(403)
  })

  it("lists the sessions of the period that have a waiting list, with places left and the list's length, filtered by activity", async () => {
    const agent = await t.agentClient("billing")
    const page = await agent.get("/agents/listes-d-attente")
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Séances du jeudi 26 novembre 2026 au mercredi 24 février 2027")
    expect(page.body).toContain(`href="${listPath}"`)
    expect(text).toMatch(/jeudi 7 janvier 2027, 16:30 Accueil du soir 0 sur \d+ 3 0/)
    const other = await agent.get("/agents/listes-d-attente?activite=accueil-matin&du=2027-01-01&au=2027-01-31")
    expect(textOf(other.body)).toContain("Aucune séance de cette période n'a de liste d'attente.")
    expect(other.body).toContain('<option value="accueil-matin" selected>Accueil du matin</option>')
  })

  it("refuses a date that is not one, or a period too long, next to its field", async () => {
    const agent = await t.agentClient("agent")
    const wrong = await agent.get("/agents/listes-d-attente?du=2027-13-01&au=2027-01-31")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="du-erreur">[\s\S]*Indiquez la date de début sous la forme AAAA-MM-JJ/)
    expect(wrong.body).toContain('value="2027-13-01"')
    const long = await agent.get("/agents/listes-d-attente?du=2027-01-01&au=2028-06-30")
    expect(long.status).toBe(400)
    expect(long.body).toMatch(/id="au-erreur">[\s\S]*Choisissez une période d&#x27;au plus 366 jours\./)
  })

  it("shows the list in order with each child, family, since when and offer, and the actions only to roles that manage reservations", async () => {
    const agent = await t.agentClient("agent")
    const page = await agent.get(listPath)
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Liste d'attente : Accueil du soir, jeudi 7 janvier 2027")
    expect(text).toContain("0 place(s) libre(s)")
    expect(text).toContain("une place libérée est donnée d'office au premier de la liste")
    expect([...text.matchAll(/en position (\d) : (\w+)/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(["1 Emma", "2 Rose", "3 Nathan"])
    expect(page.body).toContain(`href="/agents/foyers/${await t.householdId("FAM-000104")}">MOREAU</a>`)
    expect(text).toContain("En attente depuis le jeudi 26 novembre 2026 à 09:00")
    expect(text).toContain("en attente d'une place")
    expect(page.body).toContain('name="sens" value="monter"')
    expect(page.body).not.toContain("Donner la place")
    const reader = await (await t.agentClient("reader")).get(listPath)
    expect(reader.status).toBe(200)
    expect(reader.body).not.toContain('name="sens"')
    expect(textOf(reader.body)).toContain("Votre rôle permet de consulter les listes d'attente, pas de les modifier.")
    expect((await agent.get("/agents/listes-d-attente/accueil-soir%3A2031-01-01")).status).toBe(404)
  })

  it("moves an entry for a reason: positions change for the family, the move is audited with its reason", async () => {
    const agent = await t.agentClient("agent")
    const blank = await agent.submit(listPath, `${listPath}/deplacer`, { inscription: (await ledger()).waitlist[2]?.reservationId ?? "", sens: "monter", motifDeplacement3: " " })
    expect(blank.status).toBe(400)
    expect(blank.body).toMatch(/id="motifDeplacement3-erreur">[\s\S]*Indiquez le motif du changement de position/)
    expect(await waiting()).toHaveLength(3)
    expect((await audit())[0]).toMatchObject({ action: "waitlists.move", outcome: "refused" })
    const nathan = (await ledger()).waitlist[2]
    const reason = "Demande déposée au guichet le 20 novembre, avant celle en ligne."
    const answer = await agent.submit(listPath, `${listPath}/deplacer`, { inscription: nathan?.reservationId ?? "", sens: "monter", motifDeplacement3: reason })
    expect(answer.status).toBe(303)
    expect(answer.location).toBe(`${listPath}?message=liste-modifiee`)
    expect(textOf((await agent.get(answer.location ?? "")).body)).toContain("L'ordre de la liste d'attente est modifié")
    const order = await waiting()
    expect(order[1]).toBe(nathan?.childId)
    const agenda = await t.demo.runtime.runPromise(agendaOfChild(nathan?.childId ?? ("" as never), LocalDate.unsafe("2027-01-07"), LocalDate.unsafe("2027-01-07")))
    expect(agenda.find((e) => e.sessionId === sessionId)?.booking).toMatchObject({ _tag: "Waitlisted", position: 2 })
    const [record] = await audit()
    expect(record).toMatchObject({
      action: "waitlists.move",
      permission: "reservations.manage",
      outcome: "done",
      actorName: "Claire DUBOIS",
      target: { kind: "session", id: sessionId },
      after: { move: { reservationId: nathan?.reservationId, from: 3, to: 2, reason } }
    })
    const first = await agent.submit(listPath, `${listPath}/deplacer`, { inscription: order[0] === undefined ? "" : (await ledger()).waitlist[0]?.reservationId ?? "", sens: "monter", motifDeplacement1: "Essai" })
    expect(first.status).toBe(400)
    expect(textOf(first.body)).toContain("Cet enfant est déjà en tête de la liste d'attente")
  })

  it("refuses a move to roles without reservations.manage (403, audited as denied, nothing changed)", async () => {
    const before = await waiting()
    for (const role of ["reader", "billing"] as const) {
      const client = await t.agentClient(role)
      const entry = (await ledger()).waitlist[1]
      const denied = await client.submit(listPath, `${listPath}/deplacer`, { inscription: entry?.reservationId ?? "", sens: "descendre", motifDeplacement2: "Essai" })
      expect(denied.status).toBe(403)
      expect(textOf(denied.body)).toContain("ne permet pas de gérer les réservations et les listes d'attente des familles")
      expect((await audit())[0]).toMatchObject({ action: "waitlists.move", outcome: "denied", actorRole: role })
    }
    expect(await waiting()).toEqual(before)
  })

  it("gives a free place to the first in line, asks a reason to pass over others, and refuses when no place is free", async () => {
    const agent = await t.agentClient("agent")
    const [first, second, third] = (await ledger()).waitlist
    const full = await agent.submit(listPath, `${listPath}/proposer`, { inscription: first?.reservationId ?? "", motifOffre1: "" })
    expect(full.status).toBe(400)
    expect(full.body).toMatch(/<div class="error-summary"[\s\S]*Aucune place n&#x27;est libre pour cet enfant le jeudi 7 janvier 2027 : la séance est complète/)
    expect((await audit())[0]).toMatchObject({ action: "waitlists.offer", outcome: "refused" })
    await setCapacity((await ledger()).session.capacity + 1)
    const page = await agent.get(listPath)
    expect(textOf(page.body)).toContain("1 place(s) libre(s)")
    expect(page.body).toContain("Donner la place")
    expect(textOf(page.body)).toContain("Motif pour passer devant")
    const passing = await agent.submit(listPath, `${listPath}/proposer`, { inscription: third?.reservationId ?? "", motifOffre3: "" })
    expect(passing.status).toBe(400)
    expect(passing.body).toMatch(/id="motifOffre3-erreur">[\s\S]*2 enfants attendent avant celui-ci/)
    const given = await agent.submit(listPath, `${listPath}/proposer`, { inscription: first?.reservationId ?? "", motifOffre1: "" })
    expect(given.location).toBe(`${listPath}?message=place-reservee`)
    const after = await ledger()
    expect(after.waitlist.map((e) => e.childId)).toEqual([second?.childId, third?.childId])
    expect(after.reservations.find((r) => r.id === first?.reservationId)).toMatchObject({ childId: first?.childId, via: "waitlist" })
    expect((await audit())[0]).toMatchObject({ action: "waitlists.offer", outcome: "done", after: { placesLeft: 0, offer: { reservationId: first?.reservationId, outcome: "Booked" } } })
  })
})
