import {
  acceptRequest,
  type AgentActor,
  askForRequestInformation,
  answerRequestInformation,
  DocumentId,
  FamilyActor,
  HouseholdId,
  listFamilyRequests,
  listRequestInbox,
  postAgentRequestMessage,
  QuotientUpdatePayload,
  refuseRequest,
  RequestRepository,
  startRequestReview,
  submitRequest,
  SupportingDocumentRepository,
  viewRequest
} from "@spe/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { aFamily, anAgent } from "../account/AccountFixtures.js"
import { aSupportingDocument } from "../document/DocumentFixtures.js"
import { auditRecordsOf, makePortalTestWorld, type PortalTestWorld } from "./PortalTestWorld.js"
import { samplePayloads } from "./RequestFixtures.js"

const family = aFamily()
const otherParent = aFamily("acc-papa")
const stranger = aFamily("acc-martin", "hh-martin")
const agent: AgentActor = anAgent("agent")
const reader: AgentActor = anAgent("reader", "Marc Lecteur")

const withDocuments = (w: PortalTestWorld) =>
  w.run(
    Effect.gen(function* () {
      const documents = yield* SupportingDocumentRepository
      yield* documents.save(aSupportingDocument())
      yield* documents.save(aSupportingDocument({ id: DocumentId.make("doc-caf-2026"), kind: "cafCertificate" }))
      yield* documents.save(aSupportingDocument({ id: DocumentId.make("doc-martin"), householdId: HouseholdId.make("hh-martin") }))
    })
  )

describe("Submitting a request", () => {
  it("saves it with its proof attached and publishes its submission", async () => {
    const w = makePortalTestWorld()
    await withDocuments(w)
    const request = await w.run(submitRequest(family, { payload: samplePayloads.quotientUpdate, attachments: [DocumentId.make("doc-caf-2026")], message: "Nouvel avis 2025." }))
    expect(request.id).toBe("req-1")
    expect(request.attachments).toEqual(["doc-avis-2025", "doc-caf-2026"])
    const stored = await w.run(Effect.flatMap(RequestRepository, (r) => r.get(request.id)))
    expect(stored).toEqual(request)
    expect(w.events.published).toHaveLength(1)
    expect(w.events.published[0]).toMatchObject({ _tag: "RequestStatusChanged", to: "submitted", householdId: "hh-concerto" })
  })

  it("refuses another household's document, an unlinked account, and account creation", async () => {
    const w = makePortalTestWorld()
    await withDocuments(w)
    const foreign = await w.attempt(submitRequest(family, { payload: samplePayloads.freeMessage, attachments: [DocumentId.make("doc-martin")] }))
    expect(foreign._tag === "Left" && foreign.left._tag).toBe("DocumentAccessDenied")
    const missing = await w.attempt(submitRequest(family, { payload: new QuotientUpdatePayload({ ...samplePayloads.quotientUpdate, proofDocumentId: DocumentId.make("doc-none") }) }))
    expect(missing._tag === "Left" && missing.left._tag).toBe("DocumentNotFound")
    const unlinked = await w.attempt(submitRequest(new FamilyActor({ accountId: family.accountId }), { payload: samplePayloads.freeMessage }))
    expect(unlinked._tag === "Left" && unlinked.left._tag).toBe("AccountNotLinked")
    const creation = await w.attempt(submitRequest(family, { payload: samplePayloads.accountCreation }))
    expect(creation._tag === "Left" && creation.left._tag).toBe("InvalidInput")
    expect(w.events.published).toEqual([])
  })
})

describe("Deciding a request", () => {
  it("accepting a QF update applies it from its date through the effects port, audited", async () => {
    const w = makePortalTestWorld()
    await withDocuments(w)
    const submitted = await w.run(submitRequest(family, { payload: samplePayloads.quotientUpdate }))
    await w.run(startRequestReview(agent, { requestId: submitted.id }))
    w.clock.advanceMinutes(30)
    const accepted = await w.run(acceptRequest(agent, { requestId: submitted.id, message: "Quotient mis à jour." }))
    expect(accepted.status).toBe("accepted")
    expect(accepted.history.map((h) => h.to)).toEqual(["submitted", "inReview", "accepted"])
    expect(w.effects.calls).toEqual([
      {
        method: "applyQuotientUpdate",
        accepted: { requestId: submitted.id, householdId: "hh-concerto", decidedBy: agent.accountId, decidedAt: w.clock.now() },
        payload: samplePayloads.quotientUpdate
      }
    ])
    const audit = await auditRecordsOf(w)
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([["requests.accept", "done"], ["requests.startReview", "done"]])
    expect(audit[0]?.before).toMatchObject({ status: "inReview" })
    expect(audit[0]?.after).toMatchObject({ status: "accepted" })
    expect(audit[0]?.target).toEqual({ kind: "request", id: submitted.id })
  })

  it("calls the right effect for each type", async () => {
    const w = makePortalTestWorld()
    await withDocuments(w)
    const cases = [
      [samplePayloads.enrollment, "openEnrollment"],
      [samplePayloads.contactChange, "applyContactChange"],
      [samplePayloads.absenceJustification, "justifyAbsence"],
      [samplePayloads.custom, "applyCustomRequest"],
      [samplePayloads.freeMessage, undefined]
    ] as const
    await w.run(Effect.flatMap(SupportingDocumentRepository, (d) => d.save(aSupportingDocument({ id: DocumentId.make("doc-certif"), kind: "medicalCertificate" }))))
    for (const [payload, method] of cases) {
      const before = w.effects.calls.length
      const submitted = await w.run(submitRequest(family, { payload }))
      await w.run(acceptRequest(agent, { requestId: submitted.id }))
      expect(w.effects.calls.slice(before).map((c) => c.method)).toEqual(method === undefined ? [] : [method])
    }
  })

  it("saves nothing when an effect is refused, and audits the refusal", async () => {
    const w = makePortalTestWorld({ acceptanceEffects: { refuse: () => "L'enfant n'a pas l'âge requis pour le périscolaire." } })
    const submitted = await w.run(submitRequest(family, { payload: samplePayloads.enrollment }))
    const refused = await w.attempt(acceptRequest(agent, { requestId: submitted.id }))
    expect(refused._tag === "Left" && refused.left.message).toBe(
      "La demande n'a pas été acceptée, car son effet n'a pas pu s'appliquer : L'enfant n'a pas l'âge requis pour le périscolaire. Corrigez ce point, puis acceptez-la à nouveau."
    )
    const stored = await w.run(Effect.flatMap(RequestRepository, (r) => r.get(submitted.id)))
    expect(stored.status).toBe("submitted")
    expect(w.events.published).toHaveLength(1)
    const audit = await auditRecordsOf(w)
    expect(audit.map((r) => r.outcome)).toEqual(["refused"])
    expect(audit[0]?.reason).toContain("n'a pas l'âge requis")
  })

  it("refuses a reader's decision and audits it as denied", async () => {
    const w = makePortalTestWorld()
    const submitted = await w.run(submitRequest(family, { payload: samplePayloads.freeMessage }))
    const denied = await w.attempt(refuseRequest(reader, { requestId: submitted.id, reason: "Non." }))
    expect(denied._tag === "Left" && denied.left._tag).toBe("PermissionDenied")
    const audit = await auditRecordsOf(w)
    expect(audit.map((r) => [r.actorAccountId, r.outcome, r.before, r.after])).toEqual([[reader.accountId, "denied", null, null]])
  })

  it("goes back and forth between review and information requested as the family answers", async () => {
    const w = makePortalTestWorld()
    await withDocuments(w)
    const submitted = await w.run(submitRequest(family, { payload: samplePayloads.freeMessage }))
    await w.run(askForRequestInformation(agent, { requestId: submitted.id, message: "Merci de joindre l'attestation CAF." }))
    const answered = await w.run(answerRequestInformation(otherParent, { requestId: submitted.id, message: "La voici.", attachments: [DocumentId.make("doc-caf-2026")] }))
    expect(answered.status).toBe("inReview")
    expect(answered.attachments).toEqual(["doc-caf-2026"])
    await w.run(postAgentRequestMessage(agent, { requestId: submitted.id, text: "Bien reçu, merci." }))
    const refused = await w.run(refuseRequest(agent, { requestId: submitted.id, reason: "Attestation de 2024 : il faut celle de 2026." }))
    expect(refused.history.map((h) => [h.to, h.author._tag])).toEqual([
      ["submitted", "Family"], ["informationRequested", "Agent"], ["inReview", "Family"], ["refused", "Agent"]
    ])
    expect(refused.messages.map((m) => m.text)).toEqual(["Bien reçu, merci."])
    expect(w.events.published.map((e) => e._tag)).toEqual([
      "RequestStatusChanged", "RequestStatusChanged", "RequestStatusChanged", "RequestMessagePosted", "RequestStatusChanged"
    ])
  })
})

describe("Reading requests", () => {
  it("shows a family its household's requests, agents the inbox, and nobody else", async () => {
    const w = makePortalTestWorld()
    await withDocuments(w)
    const first = await w.run(submitRequest(family, { payload: samplePayloads.freeMessage }))
    w.clock.advanceMinutes(60)
    await w.run(submitRequest(otherParent, { payload: samplePayloads.enrollment }))
    w.clock.advanceMinutes(60)
    await w.run(submitRequest(stranger, { payload: samplePayloads.custom }))
    const mine = await w.run(listFamilyRequests(family))
    expect(mine.map((r) => r.id)).toEqual(["req-2", "req-1"])
    const inbox = await w.run(listRequestInbox(reader, { kinds: ["FreeMessage", "Custom"] }, { offset: 0, limit: 10 }))
    expect(inbox.items.map((r) => r.id)).toEqual(["req-1", "req-3"])
    const foreign = await w.attempt(viewRequest(stranger, first.id))
    expect(foreign._tag === "Left" && foreign.left._tag).toBe("RequestNotYours")
    const byAgent = await w.run(viewRequest(reader, first.id))
    expect(byAgent.id).toBe(first.id)
  })
})
