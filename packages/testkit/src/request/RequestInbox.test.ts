import {
  acceptRequest,
  AgentActor,
  AccountId,
  Child,
  DocumentId,
  HouseholdId,
  LocalDate,
  MemberId,
  requestAssignee,
  requestFile,
  requestInbox,
  requestPayloadDetails,
  requestSubject,
  startRequestReview,
  submitRequest,
  SupportingDocumentRepository
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aFamily, anAgent } from "../account/AccountFixtures.js"
import { inMemoryAbsenceRepository } from "../absence/InMemoryAbsenceRepository.js"
import { anActivity } from "../activity/ActivityFixtures.js"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { aSupportingDocument } from "../document/DocumentFixtures.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { makePortalTestWorld } from "./PortalTestWorld.js"
import { samplePayloads } from "./RequestFixtures.js"

const concerto = aHousehold({
  id: HouseholdId.make("hh-concerto"),
  reference: "FAM-000101",
  familyName: "CONCERTO",
  children: [Child.make({ id: MemberId.make("hh-concerto-c1"), firstName: "Léa", lastName: "CONCERTO", birthDate: LocalDate.unsafe("2018-04-14"), aeeh: false })]
})
const activities = [anActivity({ kind: "morning", name: "Accueil du matin" }), anActivity({ kind: "evening", name: "Accueil du soir" }), anActivity({ kind: "canteen", name: "Restauration scolaire" })]
const family = aFamily()
const claire = anAgent("agent", "Claire DUBOIS")
const marc = new AgentActor({ accountId: AccountId.make("acc-marc"), displayName: "Marc LEROY", role: "agent" })

function world() {
  const portal = makePortalTestWorld({ start: "2026-11-02T08:00:00Z" })
  const layer = Layer.mergeAll(portal.layer, inMemoryHouseholdRepository([concerto]), inMemoryActivityCatalogue(activities), inMemoryAbsenceRepository(), inMemoryEventOutbox(), inMemoryTransactions())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  return { portal, run, attempt: <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect)) }
}

describe("the agents' inbox in words", () => {
  it("says who took each request, how old it is, and filters by age and by who took it", async () => {
    const w = world()
    const enrollment = await w.run(submitRequest(family, { payload: samplePayloads.enrollment }))
    w.portal.clock.advanceMinutes(3 * 24 * 60)
    const message = await w.run(submitRequest(family, { payload: samplePayloads.freeMessage }))
    await w.run(startRequestReview(claire, { requestId: enrollment.id }))
    w.portal.clock.advanceMinutes(24 * 60)
    const page = { offset: 0, limit: 10 }
    const all = await w.run(requestInbox(claire, {}, page))
    expect(all.today).toBe("2026-11-06")
    expect(all.rows.map((r) => [r.request.id, r.household?.familyName, r.subject, r.ageDays, r.assignee?.displayName])).toEqual([
      [enrollment.id, "CONCERTO", "Léa CONCERTO : Accueil du soir et Accueil du matin", 4, "Claire DUBOIS"],
      [message.id, "CONCERTO", "Allergie", 1, undefined]
    ])
    expect((await w.run(requestInbox(claire, { olderThanDays: 2 }, page))).rows.map((r) => r.request.id)).toEqual([enrollment.id])
    expect((await w.run(requestInbox(claire, { olderThanDays: 1 }, page))).total).toBe(2)
    expect((await w.run(requestInbox(claire, { takenBy: "nobody" }, page))).rows.map((r) => r.request.id)).toEqual([message.id])
    expect((await w.run(requestInbox(claire, { takenBy: marc.accountId }, page))).total).toBe(0)
    const refused = await w.attempt(requestInbox(claire, { olderThanDays: -1 }, page))
    expect(refused._tag === "Left" && refused.left._tag === "InvalidInput" && refused.left.problems[0]?.path).toBe("olderThanDays")
  })

  it("gives a request's content in words with its documents, for a reader too", async () => {
    const w = world()
    await w.run(Effect.flatMap(SupportingDocumentRepository, (d) => d.save(aSupportingDocument())))
    const update = await w.run(submitRequest(family, { payload: samplePayloads.quotientUpdate }))
    const file = await w.run(requestFile(anAgent("reader"), update.id))
    expect(file.details).toEqual([
      { label: "Revenu fiscal de référence annuel", value: "32\u202f400,00 €" },
      { label: "Prestations familiales mensuelles", value: "148,00 €" },
      { label: "Adultes au foyer", value: "2" },
      { label: "Enfants à charge", value: "2" },
      { label: "À appliquer à partir du", value: "mardi 1er septembre 2026" }
    ])
    expect(file.documents.map((d) => d.id)).toEqual([DocumentId.make("doc-avis-2025")])
    expect(file.missingDocuments).toEqual([])
    await w.run(acceptRequest(marc, { requestId: update.id, message: "QF mis à jour." }))
    expect(requestAssignee((await w.run(requestFile(claire, update.id))).request)).toEqual({ accountId: "acc-marc", displayName: "Marc LEROY" })
  })

  it("words every type of request", () => {
    const context = { household: concerto, activities }
    expect(requestSubject(samplePayloads.accountCreation, context)).toBe("Espace de Nadia Nouvelle (foyer FAM-000042 indiqué)")
    expect(requestSubject(samplePayloads.contactChange, context)).toBe("Adresse, téléphone, adresse e-mail")
    expect(requestSubject(samplePayloads.cafQuotient, context)).toBe("QF CAF 612 à partir du jeudi 1er janvier 2026")
    expect(requestPayloadDetails(samplePayloads.contactChange, context)).toEqual([
      { label: "Nouvelle adresse", value: "1 Chemin de la Cote, 76320 Saint-Pierre-lès-Elbeuf" },
      { label: "Nouveaux téléphones", value: "02 32 96 95 70" },
      { label: "Nouvelle adresse e-mail", value: "a.baud@arpege.fr" }
    ])
    expect(requestPayloadDetails(samplePayloads.custom, context)).toEqual([
      { label: "Type de demande", value: "carte-transport" },
      { label: "ecole", value: "Jules Ferry" },
      { label: "trajet", value: "aller-retour" }
    ])
    expect(requestPayloadDetails(samplePayloads.absenceJustification, context)).toEqual([{ label: "Absence", value: "n° abs-12 (introuvable)" }])
  })
})
