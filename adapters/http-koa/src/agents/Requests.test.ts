import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import {
  AccountId,
  AuditLog,
  bookSessions,
  BookSessionsCommand,
  ChildForBooking,
  EnrollmentRequestPayload,
  EnrollmentSubmission,
  FamilyActor,
  grantEnrollment,
  type HouseholdId,
  LocalDate,
  type Request,
  RequestAcceptanceEffects,
  RequestRepository,
  registerHousehold,
  SchoolYearName,
  SessionId,
  submitRequest,
  viewRequest
} from "@spe/core"
import { demoAgentPassword, demoNow, townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { makeDemoWorld } from "@spe/example-saint-pierre-les-elbeuf/testing"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createPortal } from "../Portal.js"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoAgentLogins, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const allRequests = (t: TestPortal) =>
  t.demo.runtime.runPromise(Effect.map(Effect.flatMap(RequestRepository, (r) => r.inbox({}, { offset: 0, limit: 100 })), (page) => page.items))

const requestOf = async (t: TestPortal, reference: string, kind: Request["payload"]["_tag"]) => {
  const householdId = await t.householdId(reference)
  const found = (await allRequests(t)).find((r) => r.householdId === householdId && r.payload._tag === kind && r.status !== "cancelled")
  if (found === undefined) throw new Error(`No ${kind} request of ${reference}`)
  return found
}

const storedRequest = (t: TestPortal, id: Request["id"]) => t.demo.runtime.runPromise(Effect.flatMap(RequestRepository, (r) => r.get(id)))

const auditRecords = (t: TestPortal) => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))

const rowsOf = (html: string) => [...html.matchAll(/<tr>\s*<th scope="row"[\s\S]*?<\/tr>/g)].map((m) => textOf(m[0]).trim())

describe("the agents' requests inbox", () => {
  let t: TestPortal

  beforeAll(async () => {
    t = await startTestPortal()
  })

  afterAll(async () => {
    await t.close()
  })

  it("sends a visitor to the agents' login, and refuses a family's account", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/demandes?type=Enrollment")
    expect(visitor.status).toBe(303)
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Fdemandes%3Ftype%3DEnrollment")
    const family = await (await t.familyClient()).get("/agents/demandes")
    expect(family.status).toBe(403)
    expect(textOf(family.body)).toContain("Cet espace est réservé aux agents de la commune.")
    const request = await requestOf(t, "FAM-000101", "QuotientUpdate")
    expect((await (await t.familyClient()).get(`/agents/demandes/${request.id}`)).status).toBe(403)
  })

  it("lists the requests waiting for a decision, oldest first, with family, type, subject, age, status and who took them", async () => {
    const agent = await t.agentClient("agent")
    const page = await agent.get("/agents/demandes")
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Demandes des familles")
    for (const header of ["Référence", "Famille", "Type", "Objet", "Déposée le", "Ancienneté", "Statut", "Prise en charge par"]) expect(page.body).toContain(`<th scope="col">${header}</th>`)
    const rows = rowsOf(page.body)
    expect(rows).toHaveLength(4)
    expect(rows[0]).toMatch(/LEFEBVRE FAM-000103 Mise à jour du quotient familial Revenus déclarés, à partir du mardi 1er décembre 2026 .* 16 jours en attente de complément Claire DUBOIS/)
    expect(rows[1]).toMatch(/MARCHAND FAM-000102 Changement de coordonnées Téléphone .* 8 jours en cours d'examen Claire DUBOIS/)
    expect(rows[2]).toMatch(/CONCERTO FAM-000101 Mise à jour du quotient familial QF CAF 795 à partir du vendredi 1er janvier 2027 .* 2 jours envoyée personne/)
    expect(rows[3]).toMatch(/Julie ROUSSEL \(pas encore de foyer\) Création de mon espace/)
    expect(text).not.toContain("Demande de remise sur la facture de septembre")
    const reader = await (await t.agentClient("reader")).get("/agents/demandes")
    expect(reader.status).toBe(200)
    expect(rowsOf(reader.body)).toHaveLength(4)
  })

  it("filters by type, status, age and who took the request, in a bookmarkable address", async () => {
    const agent = await t.agentClient("agent")
    const families = async (query: string) => rowsOf((await agent.get(`/agents/demandes?${query}`)).body).map((row) => /(CONCERTO|MARCHAND|LEFEBVRE|PETIT|MOREAU|ROUSSEL)/.exec(row)?.[1])
    expect(await families("type=QuotientUpdate")).toEqual(["LEFEBVRE", "CONCERTO"])
    expect(await families("statut=toutes")).toEqual(["MOREAU", "CONCERTO", "PETIT", "LEFEBVRE", "MARCHAND", "CONCERTO", "ROUSSEL"])
    expect(await families("statut=cancelled")).toEqual(["CONCERTO"])
    expect(await families("statut=refused")).toEqual(["PETIT"])
    expect(await families("anciennete=7")).toEqual(["LEFEBVRE", "MARCHAND"])
    expect(await families("prisePar=personne")).toEqual(["CONCERTO", "ROUSSEL"])
    expect(await families("prisePar=moi")).toEqual(["LEFEBVRE", "MARCHAND"])
    expect(await families("prisePar=moi&statut=toutes&type=FreeMessage")).toEqual(["PETIT"])
    const filtered = await agent.get("/agents/demandes?type=QuotientUpdate&anciennete=7")
    expect(filtered.body).toContain('<option value="QuotientUpdate" selected>Mise à jour du quotient familial</option>')
    expect(filtered.body).toContain('name="anciennete" type="text" value="7"')
    expect(textOf(filtered.body)).toContain("1 demande(s) correspondante(s).")
  })

  it("refuses an age that is not a number of days, next to its field, keeping the other filters", async () => {
    const agent = await t.agentClient("agent")
    const refused = await agent.get("/agents/demandes?anciennete=sept&type=Enrollment")
    expect(refused.status).toBe(400)
    expect(refused.body).toMatch(/<p class="field-error" id="anciennete-erreur">[\s\S]*Indiquez un nombre de jours, en chiffres \(par exemple 7\)\./)
    expect(refused.body).toContain('value="sept"')
    expect(refused.body).toContain('<option value="Enrollment" selected>')
    expect(rowsOf(refused.body)).toEqual([])
    const agentId = await agent.get(`/agents/demandes?prisePar=${"x".repeat(70)}`)
    expect(agentId.status).toBe(400)
    expect(textOf(agentId.body)).toContain("Choisissez un agent dans la liste « Prises en charge par ».")
  })

  it("shows a request in words, its documents, its history, and the actions the role allows", async () => {
    const request = await requestOf(t, "FAM-000101", "QuotientUpdate")
    const agent = await t.agentClient("agent")
    const page = await agent.get(`/agents/demandes/${request.id}`)
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Mise à jour du quotient familial")
    expect(text).toContain("Quotient familial calculé par la CAF 795")
    expect(text).toContain("Numéro d'allocataire 1234567")
    expect(text).toContain("À appliquer à partir du vendredi 1er janvier 2027")
    expect(text).toContain("Valable jusqu'au vendredi 31 décembre 2027")
    expect(page.body).toContain(`href="/agents/justificatifs/${request.attachments[0]}/fichier">attestation-qf-caf-2027.pdf</a>`)
    expect(page.body).toContain(`href="/agents/foyers/${await t.householdId("FAM-000101")}">CONCERTO</a>`)
    expect(text).toContain("La famille")
    expect(text).toContain("Bonjour, voici notre attestation de quotient familial CAF pour 2027.")
    for (const action of ["prise-en-charge", "acceptation", "complement", "message", "refus"]) expect(page.body).toContain(`action="/agents/demandes/${request.id}/${action}"`)
    const reader = await (await t.agentClient("reader")).get(`/agents/demandes/${request.id}`)
    expect(reader.status).toBe(200)
    expect(reader.body).not.toContain(`action="/agents/demandes/${request.id}/refus"`)
    expect(textOf(reader.body)).toContain("Votre rôle permet de consulter les demandes, pas de les traiter.")
    expect((await agent.get("/agents/demandes/req-inexistante")).status).toBe(404)
  })
})

describe("deciding a request from the back office", () => {
  let t: TestPortal

  beforeAll(async () => {
    t = await startTestPortal()
  })

  afterAll(async () => {
    await t.close()
  })

  it("takes a request: the family sees it in review, the action is audited and published", async () => {
    const request = await requestOf(t, "FAM-000101", "QuotientUpdate")
    const agent = await t.agentClient("agent")
    const answer = await agent.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/prise-en-charge`, {})
    expect(answer.status).toBe(303)
    expect(answer.location).toBe(`/agents/demandes/${request.id}?message=prise-en-charge`)
    const page = await agent.get(answer.location ?? "")
    expect(page.body).toMatch(/<div class="notice" role="status"><p>Vous avez pris la demande en charge/)
    expect(textOf(page.body)).toContain("Prise en charge par : Claire DUBOIS.")
    expect((await storedRequest(t, request.id)).status).toBe("inReview")
    expect(t.world.events.published.at(-1)).toMatchObject({ _tag: "RequestStatusChanged", requestId: request.id, to: "inReview", author: { _tag: "Agent", displayName: "Claire DUBOIS" } })
    const [record] = await auditRecords(t)
    expect(record).toMatchObject({ action: "requests.startReview", actorName: "Claire DUBOIS", outcome: "done", target: { kind: "request", id: request.id }, before: { status: "submitted" }, after: { status: "inReview" } })
  })

  it("refuses a blank question next to its field, keeping what was typed elsewhere, and audits the refusal", async () => {
    const request = await requestOf(t, "FAM-000102", "ContactChange")
    const agent = await t.agentClient("agent")
    const refused = await agent.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/complement`, { complement: "   " })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatch(/<p class="field-error" id="complement-erreur">[\s\S]*Écrivez un message : il ne peut pas être vide\./)
    expect(refused.body).toContain('<a href="#complement">')
    expect((await storedRequest(t, request.id)).status).toBe("inReview")
    expect((await auditRecords(t))[0]).toMatchObject({ action: "requests.askForInformation", outcome: "refused" })
    const tooLate = await agent.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/acceptation`, { messageAcceptation: "Numéro mis à jour." })
    expect(tooLate.status).toBe(303)
    const closed = await agent.submit("/agents", `/agents/demandes/${request.id}/message`, { message: "Encore un mot." })
    expect(closed.status).toBe(400)
    expect(textOf(closed.body)).toContain("elle est close, il n'est plus possible d'y écrire un message")
    expect((await auditRecords(t))[0]).toMatchObject({ action: "requests.postMessage", outcome: "refused" })
  })

  it("refuses a request with a reason: the family reads it in its request and is notified, the refusal is audited", async () => {
    const request = await requestOf(t, "FAM-000103", "QuotientUpdate")
    const agent = await t.agentClient("agent")
    const missing = await agent.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/refus`, { motif: "" })
    expect(missing.status).toBe(400)
    expect(missing.body).toMatch(/id="motif-erreur"/)
    const reason = "Sans l'avis d'imposition complet, le quotient ne peut pas être calculé : déposez toutes les pages."
    const answer = await agent.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/refus`, { motif: reason })
    expect(answer.location).toBe(`/agents/demandes/${request.id}?message=demande-refusee`)
    const family = new FamilyActor({ accountId: request.accountId, householdId: request.householdId as HouseholdId })
    const seen = await t.demo.runtime.runPromise(viewRequest(family, request.id))
    expect(seen.status).toBe("refused")
    expect(seen.history.at(-1)).toMatchObject({ from: "informationRequested", to: "refused", message: reason, author: { _tag: "Agent", displayName: "Claire DUBOIS" } })
    expect(t.world.events.published.at(-1)).toMatchObject({ _tag: "RequestStatusChanged", requestId: request.id, accountId: request.accountId, to: "refused", message: reason })
    const familyPage = await (await t.familyClient("camille.lefebvre")).get(`/mon-espace/demandes/${request.id}`)
    expect(familyPage.status).toBe(200)
    expect(textOf(familyPage.body)).toContain(reason)
    const [record] = await auditRecords(t)
    expect(record).toMatchObject({ action: "requests.refuse", permission: "requests.decide", outcome: "done", after: { status: "refused" } })
  })

  it("refuses a decision to a role without requests.decide (403, audited as denied, nothing changed) and to a family", async () => {
    const request = await requestOf(t, "FAM-000101", "QuotientUpdate")
    const before = await storedRequest(t, request.id)
    for (const role of ["reader", "billing"] as const) {
      const client = await t.agentClient(role)
      const denied = await client.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/refus`, { motif: "Non." })
      expect(denied.status).toBe(403)
      expect(textOf(denied.body)).toContain("ne permet pas de traiter et décider les demandes des familles")
      expect((await auditRecords(t))[0]).toMatchObject({ action: "requests.refuse", outcome: "denied", actorRole: role, before: null, after: null })
    }
    const family = await t.familyClient()
    const refused = await family.submit("/mon-espace", `/agents/demandes/${request.id}/acceptation`, { messageAcceptation: "Oui" })
    expect(refused.status).toBe(403)
    expect(await storedRequest(t, request.id)).toEqual(before)
  })

  it("links a new account to the household given when accepting its creation request, refusing an unknown reference", async () => {
    const signUp = (await allRequests(t)).find((r) => r.payload._tag === "AccountCreation")
    if (signUp === undefined) throw new Error("No sign-up request")
    const agent = await t.agentClient("agent")
    const page = await agent.get(`/agents/demandes/${signUp.id}`)
    expect(page.body).toContain('name="referenceFoyer"')
    const unknown = await agent.submit(`/agents/demandes/${signUp.id}`, `/agents/demandes/${signUp.id}/acceptation`, { referenceFoyer: "FAM-999999", messageAcceptation: "Bienvenue" })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatch(/id="referenceFoyer-erreur">[\s\S]*Aucun foyer ne porte la référence « FAM-999999 »/)
    expect(unknown.body).toContain(">Bienvenue</textarea>")
    const blank = await agent.submit(`/agents/demandes/${signUp.id}`, `/agents/demandes/${signUp.id}/acceptation`, { referenceFoyer: "", messageAcceptation: "" })
    expect(blank.status).toBe(400)
    expect(blank.body).toMatch(/id="referenceFoyer-erreur">[\s\S]*choisissez d&#x27;abord le foyer auquel relier le compte/)
    const accepted = await agent.submit(`/agents/demandes/${signUp.id}`, `/agents/demandes/${signUp.id}/acceptation`, { referenceFoyer: "FAM-000105", messageAcceptation: "" })
    expect(accepted.status).toBe(303)
    expect(t.world.effects.calls.at(-1)).toMatchObject({ method: "linkAccountToHousehold", accepted: { requestId: signUp.id, householdId: await t.householdId("FAM-000105") } })
  })
})

describe("accepting an enrollment request", () => {
  const demo = makeDemoWorld({ now: demoNow })
  const server = createServer()
  let url = ""
  let close = async () => undefined as void

  beforeAll(async () => {
    await demo.seed()
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const context = (await demo.runtime.runtime()).context
    const shared = await demo.sharedLayer()
    const enrolling = Layer.succeed(RequestAcceptanceEffects, {
      linkAccountToHousehold: () => Effect.void,
      applyQuotientUpdate: () => Effect.void,
      openEnrollment: (accepted, payload) =>
        grantEnrollment(
          EnrollmentSubmission.make({ childId: payload.childId, householdId: accepted.householdId, schoolYear: payload.schoolYear, enrollmentFamily: payload.activityFamily }),
          accepted.decidedBy
        ).pipe(Effect.asVoid, Effect.provide(context)),
      applyContactChange: () => Effect.void,
      justifyAbsence: () => Effect.void,
      applyCustomRequest: () => Effect.void
    })
    const portal = createPortal({
      layer: Layer.merge(shared, enrolling),
      settings: { ...townSettings, publicUrl: url, linkSecret: "secret-des-liens-du-portail-de-test-76320", secureCookies: false, logError: () => undefined }
    })
    server.on("request", portal.callback())
    close = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await portal.close()
      await demo.runtime.dispose()
    }
  })

  afterAll(async () => {
    await close()
  })

  it("enrolls the child through the acceptance's effect: booking is then possible", async () => {
    const household = await demo.runtime.runPromise(
      registerHousehold({
        reference: "FAM-000900",
        familyName: "NOUVEL",
        address: { line1: "3 rue des Écoles", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
        contact: { email: "famille.nouvel@example.org", phones: [] },
        residency: "resident",
        adults: [{ firstName: "Inès", lastName: "NOUVEL", isPayer: true }],
        children: [{ firstName: "Zoé", lastName: "NOUVEL", birthDate: "2019-05-05", schoolLevel: "CE1" }]
      })
    )
    const child = household.children[0]
    if (child === undefined) throw new Error("No child")
    const family = new FamilyActor({ accountId: AccountId.make("acc-nouvel"), householdId: household.id })
    const request = await demo.runtime.runPromise(
      submitRequest(family, { payload: EnrollmentRequestPayload.make({ childId: child.id, schoolYear: SchoolYearName.make("2026-2027"), activityFamily: "periscolaire" }) })
    )
    const book = () =>
      demo.runtime.runPromise(
        bookSessions(
          BookSessionsCommand.make({
            child: ChildForBooking.make({ childId: child.id, householdId: household.id, birthDate: child.birthDate, schoolLevel: "CE1", resident: true }),
            sessionIds: [SessionId.make(`accueil-soir:${LocalDate.unsafe("2027-01-07")}`)]
          })
        )
      )
    const before = (await book()).outcomes[0]?.result
    expect(before?._tag === "Refused" && before.refusal._tag).toBe("ChildNotEnrolled")
    const agent = new BrowserLikeClient(url)
    await agent.submit("/agents/connexion", "/agents/connexion", { identifiant: demoAgentLogins.agent, motDePasse: demoAgentPassword })
    const page = await agent.get(`/agents/demandes/${request.id}`)
    expect(textOf(page.body)).toContain("Enfant Zoé NOUVEL Année scolaire 2026-2027 Service Accueil du matin, Accueil du mercredi et Accueil du soir")
    const answer = await agent.submit(`/agents/demandes/${request.id}`, `/agents/demandes/${request.id}/acceptation`, { messageAcceptation: "Inscription acceptée : vous pouvez réserver." })
    expect(answer.location).toBe(`/agents/demandes/${request.id}?message=demande-acceptee`)
    expect(textOf((await agent.get(answer.location ?? "")).body)).toContain("La demande est acceptée et son effet est appliqué")
    expect(demo.portal.events.published.at(-1)).toMatchObject({ _tag: "RequestStatusChanged", requestId: request.id, to: "accepted", message: "Inscription acceptée : vous pouvez réserver." })
    expect((await book()).outcomes[0]?.result._tag).toBe("Booked")
    const [record] = await demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({ action: "requests.accept" })))
    expect(record).toMatchObject({ actorName: "Claire DUBOIS", outcome: "done", target: { kind: "request", id: request.id }, after: { status: "accepted" } })
  })
})
