import {
  AccountRepository,
  AgentActor,
  askForRequestInformation,
  type HouseholdId,
  postAgentRequestMessage,
  type Request,
  RequestNotFound,
  RequestRepository,
  startRequestReview
} from "@spe/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { mainOf, textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(mainOf(html))

const logIn = async (t: TestPortal, login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

const requestsOf = async (t: TestPortal, householdId: HouseholdId): Promise<ReadonlyArray<Request>> =>
  t.demo.runtime.runPromise(Effect.flatMap(RequestRepository, (requests) => requests.listByHousehold(householdId)))

const agentActor = (t: TestPortal) =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const account = Option.getOrThrow(yield* (yield* AccountRepository).findByLogin("agent.demo"))
      if (account.holder._tag !== "Agent") throw new Error("agent.demo is not an agent")
      return new AgentActor({ accountId: account.id, displayName: account.holder.displayName, role: account.holder.role })
    })
  )

/** The CONCERTO requests of the demo: the QF update (submitted) and the question about Wednesdays (cancelled). */
const concertoRequests = async (t: TestPortal) => {
  const requests = await requestsOf(t, await t.householdId("FAM-000101"))
  const quotient = requests.find((r) => r.payload._tag === "QuotientUpdate")
  const question = requests.find((r) => r.payload._tag === "FreeMessage")
  if (quotient === undefined || question === undefined) throw new Error("The demo's CONCERTO requests are missing")
  return { quotient, question }
}

interface ReceivedEvent {
  readonly event: string
  readonly data: Record<string, unknown>
}

/** Opens an event stream with the client's cookies and reads its events one at a time. */
const openStream = async (t: TestPortal, client: BrowserLikeClient, path: string) => {
  const controller = new AbortController()
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ")
  const response = await fetch(new URL(path, t.url), { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal, redirect: "manual" })
  const reader = response.body?.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  let raw = ""
  const read = async (): Promise<ReceivedEvent> => {
    if (reader === undefined) throw new Error("No body")
    for (;;) {
      const end = buffer.indexOf("\n\n")
      if (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const lines = block.split("\n")
        const event = lines.find((l) => l.startsWith("event: "))?.slice("event: ".length)
        if (event === undefined) continue
        const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice("data: ".length)).join("\n")
        return { event, data: JSON.parse(data) as Record<string, unknown> }
      }
      const { value, done } = await reader.read()
      if (done) throw new Error("The stream ended")
      const chunk = decoder.decode(value, { stream: true })
      raw += chunk
      buffer += chunk
    }
  }
  const next = () =>
    Promise.race([read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`No event within 5 s; received: ${raw}`)), 5000))])
  /** Whether the server ends the stream (within 5 s). */
  const ended = async (): Promise<boolean> => {
    if (reader === undefined) return true
    const deadline = Date.now() + 5000
    while (Date.now() < deadline) {
      const result = await Promise.race([reader.read(), new Promise<"wait">((resolve) => setTimeout(() => resolve("wait"), 5000))])
      if (result === "wait") return false
      if (result.done) return true
      raw += decoder.decode(result.value, { stream: true })
    }
    return false
  }
  return { response, next, ended, received: () => raw, close: () => controller.abort() }
}

describe("Dernières demandes: the list and a request's page", () => {
  let t: TestPortal
  let concerto: BrowserLikeClient

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await logIn(t, demoFamily.login)
  })

  afterAll(async () => {
    await t.close()
  })

  it("lists the household's requests newest first, with their type, subject, date and status in words", async () => {
    const { quotient, question } = await concertoRequests(t)
    const response = await concerto.get("/mon-espace/demandes")
    expect(response.status).toBe(200)
    const text = mainText(response.body)
    expect(text).toContain("Dernières demandes")
    expect(text).toContain("Vos échanges avec les services municipaux, l'historique de vos démarches et le suivi de leurs avancées.")
    expect(text).toContain("Mise à jour du quotient familial À partir du vendredi 1er janvier 2027 Envoyée le mardi 24 novembre 2026 à 21:02 Statut : Envoyée")
    expect(text).toContain("Message : Horaires de l'accueil du mercredi")
    expect(text).toContain("Envoyée le lundi 2 novembre 2026 à 12:10 Statut : Annulée")
    expect(text.indexOf("Mise à jour du quotient familial")).toBeLessThan(text.indexOf("Message : Horaires de l'accueil du mercredi"))
    expect(response.body).toContain(`href="/mon-espace/demandes/${quotient.id}"`)
    expect(response.body).toContain(`href="/mon-espace/demandes/${question.id}"`)
    expect(response.body).toContain('href="/mon-espace/demandes/nouvelle"')
    expect(response.body).toContain('href="/mon-espace/dossier-unique"')
    expect(response.body).toContain('data-evenements="/mon-espace/demandes/evenements"')
    expect(response.body).toMatch(/<p class="live-announce" role="status" data-annonces><\/p>/)
    expect(response.body).toMatch(/<script src="\/static\/demandes-[0-9a-f]{12}\.js" defer><\/script>/)
  })

  it("serves the live script like the stylesheet: JavaScript, cached for good at its versioned address", async () => {
    const page = await concerto.get("/mon-espace/demandes")
    const href = /<script src="([^"]+)"/.exec(page.body)?.[1] ?? ""
    const script = await new BrowserLikeClient(t.url).get(href)
    expect(script.status).toBe(200)
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8")
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
    expect(script.body).toContain("EventSource")
    const plain = await new BrowserLikeClient(t.url).get("/static/demandes.js")
    expect(plain.headers.get("cache-control")).toBe("no-cache")
    expect(plain.body).toBe(script.body)
  })

  it("shows a request's content in words, its document, its dated history and the forms it allows", async () => {
    const { quotient } = await concertoRequests(t)
    const response = await concerto.get(`/mon-espace/demandes/${quotient.id}`)
    expect(response.status).toBe(200)
    const text = mainText(response.body)
    expect(response.body).toMatch(/<h1>Mise à jour du quotient familial<\/h1>/)
    expect(text).toContain("Statut : Envoyée")
    expect(text).toContain(`Demande n° ${quotient.id}, envoyée le mardi 24 novembre 2026 à 21:02`)
    expect(text).toContain("Quotient familial CAF 795 € Numéro d'allocataire CAF 1234567 À appliquer à partir du vendredi 1er janvier 2027 Valable jusqu'au vendredi 31 décembre 2027")
    const documentId = quotient.attachments[0] ?? ""
    expect(response.body).toContain(`<a href="/mon-espace/justificatifs/${documentId}">attestation-qf-caf-2027.pdf</a> (attestation CAF)`)
    expect(text).toContain(
      "Historique mardi 24 novembre 2026 à 21:02 – Votre famille Demande envoyée (statut : envoyée) Bonjour, voici notre attestation de quotient familial CAF pour 2027."
    )
    expect(text).toContain("Écrire au Service à la population")
    expect(text).toContain("Annuler la demande")
    expect(text).not.toContain("Répondre à la demande de complément")
    expect(response.body).toContain(`action="/mon-espace/demandes/${quotient.id}/message"`)
    expect(response.body).toContain(`action="/mon-espace/demandes/${quotient.id}/annulation"`)
    expect(response.body).toContain(`data-evenements="/mon-espace/demandes/${quotient.id}/evenements"`)
  })

  it("shows a closed request's history with the family's reason, and no form any more", async () => {
    const { question } = await concertoRequests(t)
    const response = await concerto.get(`/mon-espace/demandes/${question.id}`)
    expect(response.status).toBe(200)
    const text = mainText(response.body)
    expect(text).toContain("Objet Horaires de l'accueil du mercredi Message Bonjour, à quelle heure faut-il venir chercher Léa le mercredi")
    expect(text).toContain("Statut : Annulée")
    expect(text).toContain(
      "lundi 2 novembre 2026 à 12:10 – Votre famille Demande envoyée (statut : envoyée) lundi 2 novembre 2026 à 18:00 – Votre famille Demande annulée (statut : annulée) J'ai trouvé la réponse dans le guide, merci."
    )
    expect(response.body).not.toContain("<form method=\"post\" action=\"/mon-espace/demandes/")
  })

  it("posts a message that appears in the history; an empty one is shown again with the message next to the field", async () => {
    const { quotient } = await concertoRequests(t)
    const page = `/mon-espace/demandes/${quotient.id}`
    const empty = await concerto.submit(page, `${page}/message`, { message: "   " })
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('<p class="field-error" id="message-erreur"><span class="visually-hidden">Erreur : </span>Écrivez un message : il ne peut pas être vide.</p>')
    expect(empty.body).toContain('<a href="#message">Écrivez un message : il ne peut pas être vide.</a>')
    const sent = await concerto.submit(page, `${page}/message`, { message: "Le numéro d'allocataire est bien 1234567." })
    expect(sent.status).toBe(303)
    expect(sent.location).toBe(`${page}?message=message-envoye`)
    const after = await concerto.get(sent.location ?? "")
    const text = mainText(after.body)
    expect(text).toContain("Votre message a été envoyé au Service à la population.")
    expect(text).toContain("jeudi 26 novembre 2026 à 09:00 – Votre famille Message Le numéro d'allocataire est bien 1234567.")
    expect(after.body).toMatch(/<div class="notice" role="status">/)
  })

  it("another household gets the same 404 as for an unknown number, on the page, its stream and its forms", async () => {
    const { quotient } = await concertoRequests(t)
    const lefebvre = await logIn(t, "camille.lefebvre")
    const foreign = await lefebvre.get(`/mon-espace/demandes/${quotient.id}`)
    expect(foreign.status).toBe(404)
    expect(mainText(foreign.body)).toContain(new RequestNotFound({ requestId: quotient.id }).message)
    const unknown = await lefebvre.get("/mon-espace/demandes/req-inconnue")
    expect(unknown.status).toBe(404)
    expect(mainText(unknown.body)).toBe(mainText(foreign.body).replace(quotient.id, "req-inconnue"))
    expect(foreign.body).not.toContain("795")
    const stream = await lefebvre.get(`/mon-espace/demandes/${quotient.id}/evenements`)
    expect(stream.status).toBe(404)
    expect(stream.headers.get("content-type")).toBe("text/html; charset=utf-8")
    const csrf = csrfTokenIn((await lefebvre.get("/mon-espace/demandes")).body)
    for (const action of ["message", "annulation", "complement"]) {
      const posted = await lefebvre.post(`/mon-espace/demandes/${quotient.id}/${action}`, { message: "Intrus", motif: "Intrus", reponse: "Intrus" }, { csrf })
      expect(posted.status).toBe(404)
    }
    const after = await requestsOf(t, await t.householdId("FAM-000101"))
    const unchanged = after.find((r) => r.id === quotient.id)
    expect(unchanged?.status).toBe("submitted")
    expect(unchanged?.messages.map((m) => m.text)).not.toContain("Intrus")
  })

  it("lets an account waiting for its link follow its account-creation request, and nothing else", async () => {
    const julie = await logIn(t, "julie.roussel")
    const list = await julie.get("/mon-espace/demandes")
    expect(list.status).toBe(200)
    const text = mainText(list.body)
    expect(text).toContain("Votre espace n'est pas encore relié à un foyer")
    expect(text).toContain("Création de mon espace")
    expect(text).toContain("Statut : Envoyée")
    expect(list.body).not.toContain('href="/mon-espace/demandes/nouvelle"')
    const href = /<h2 class="request-title"><a href="([^"]+)">/.exec(list.body)?.[1] ?? ""
    const detail = await julie.get(href)
    expect(detail.status).toBe(200)
    expect(mainText(detail.body)).toContain("Nom déclaré Julie ROUSSEL")
    const { quotient } = await concertoRequests(t)
    expect((await julie.get(`/mon-espace/demandes/${quotient.id}`)).status).toBe(404)
    expect((await julie.get("/mon-espace/demandes/nouvelle")).status).toBe(403)
    expect((await julie.get("/mon-espace/dossier-unique")).status).toBe(403)
  })

  it("sends a new free message to the service, then cancels it with a reason", async () => {
    const form = await concerto.get("/mon-espace/demandes/nouvelle")
    expect(form.status).toBe(200)
    expect(mainText(form.body)).toContain("Nouvelle demande")
    const missing = await concerto.post("/mon-espace/demandes", { objet: "Menu sans porc", message: "" }, { csrf: csrfTokenIn(form.body) })
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('value="Menu sans porc"')
    expect(missing.body).toContain("Écrivez votre message : il ne peut pas être vide.")
    expect(missing.body).toMatch(/<textarea id="message" name="message"[^>]*aria-invalid="true"/)
    const sent = await concerto.post(
      "/mon-espace/demandes",
      { objet: "Menu sans porc", message: "Bonjour, Léa ne mange pas de porc : un autre plat est-il prévu ?" },
      { csrf: csrfTokenIn(form.body) }
    )
    expect(sent.status).toBe(303)
    const location = sent.location ?? ""
    expect(location).toMatch(/^\/mon-espace\/demandes\/[^/?]+\?message=demande-envoyee$/)
    const page = await concerto.get(location)
    expect(mainText(page.body)).toContain("Votre demande a été envoyée au Service à la population.")
    expect(mainText(page.body)).toContain("Message : Menu sans porc")
    const list = mainText((await concerto.get("/mon-espace/demandes")).body)
    expect(list.indexOf("Message : Menu sans porc")).toBeLessThan(list.indexOf("Mise à jour du quotient familial"))

    const path = location.split("?")[0] ?? ""
    const cancelled = await concerto.submit(path, `${path}/annulation`, { motif: "Réponse trouvée sur le menu affiché." })
    expect(cancelled.status).toBe(303)
    const after = mainText((await concerto.get(cancelled.location ?? "")).body)
    expect(after).toContain("Votre demande a été annulée.")
    expect(after).toContain("Statut : Annulée")
    expect(after).toContain("Demande annulée (statut : annulée) Réponse trouvée sur le menu affiché.")
    const again = await concerto.post(`${path}/annulation`, { motif: "" }, { csrf: csrfTokenIn(page.body) })
    expect(again.status).toBe(400)
    expect(mainText(again.body)).toContain("elle est close, il n'est plus possible de l'annuler")
  })
})

describe("Dernières demandes: a request for information, and the live status", () => {
  let t: TestPortal
  let concerto: BrowserLikeClient

  beforeAll(async () => {
    t = await startTestPortal({ settings: { requestEventsPollMs: 40 } })
    concerto = await logIn(t, demoFamily.login)
  })

  afterAll(async () => {
    await t.close()
  })

  it("streams the request's status at once, then each change with its new history items", async () => {
    const { quotient } = await concertoRequests(t)
    const stream = await openStream(t, concerto, `/mon-espace/demandes/${quotient.id}/evenements`)
    try {
      expect(stream.response.status).toBe(200)
      expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8")
      expect(stream.response.headers.get("cache-control")).toBe("no-store")
      const first = await stream.next()
      expect(first.event).toBe("statut")
      expect(first.data).toMatchObject({ requestId: quotient.id, status: "submitted", statusLabel: "Envoyée", closed: false, canCancel: true })
      expect(first.data["items"]).toEqual([expect.objectContaining({ key: "s0", title: "Demande envoyée", who: "Votre famille", when: "mardi 24 novembre 2026 à 21:02" })])

      const agent = await agentActor(t)
      t.world.clock.advanceMinutes(5)
      await t.demo.runtime.runPromise(startRequestReview(agent, { requestId: quotient.id }))
      const review = await stream.next()
      expect(review.data).toMatchObject({ status: "inReview", statusLabel: "En cours d'examen", kindLabel: "Mise à jour du quotient familial" })
      expect(review.data["items"]).toEqual([
        { key: "s1", at: "2026-11-26T08:05:00.000Z", when: "jeudi 26 novembre 2026 à 09:05", who: "Le Service à la population", fromFamily: false, title: "Demande prise en examen", statusLabel: "en cours d'examen" }
      ])

      await t.demo.runtime.runPromise(postAgentRequestMessage(agent, { requestId: quotient.id, text: "Nous regardons votre attestation." }))
      const message = await stream.next()
      expect(message.data).toMatchObject({ status: "inReview" })
      expect(message.data["items"]).toEqual([expect.objectContaining({ key: "m0", title: "Message", who: "Le Service à la population", text: "Nous regardons votre attestation." })])
    } finally {
      stream.close()
    }
  })

  it("streams the list: every request's status at once, then only the request that changed", async () => {
    const { quotient, question } = await concertoRequests(t)
    const stream = await openStream(t, concerto, "/mon-espace/demandes/evenements")
    try {
      const first = await stream.next()
      expect(first.event).toBe("demandes")
      const initial = first.data["requests"] as ReadonlyArray<Record<string, unknown>>
      expect(initial.map((r) => [r["requestId"], r["statusLabel"]])).toEqual([
        [quotient.id, "En cours d'examen"],
        [question.id, "Annulée"]
      ])
      const agent = await agentActor(t)
      await t.demo.runtime.runPromise(askForRequestInformation(agent, { requestId: quotient.id, message: "Merci de déposer l'attestation signée." }))
      const changed = await stream.next()
      expect(changed.data["requests"]).toEqual([
        expect.objectContaining({ requestId: quotient.id, status: "informationRequested", statusLabel: "En attente de complément", kindLabel: "Mise à jour du quotient familial" })
      ])
    } finally {
      stream.close()
    }
  })

  it("asks the family for information: the question, the answer form; an empty answer is refused, an answer sends it back to review", async () => {
    const { quotient } = await concertoRequests(t)
    const page = `/mon-espace/demandes/${quotient.id}`
    const asked = await concerto.get(page)
    const text = mainText(asked.body)
    expect(text).toContain("Statut : En attente de complément")
    expect(text).toContain("Le Service à la population vous demande un complément : Merci de déposer l'attestation signée.")
    expect(text).toContain("Répondre à la demande de complément")
    expect(asked.body).toContain(`action="${page}/complement"`)
    const empty = await concerto.post(`${page}/complement`, { reponse: "" }, { csrf: csrfTokenIn(asked.body) })
    expect(empty.status).toBe(400)
    expect(empty.body).toContain('<p class="field-error" id="reponse-erreur"><span class="visually-hidden">Erreur : </span>Écrivez un message : il ne peut pas être vide.</p>')
    const answered = await concerto.post(`${page}/complement`, { reponse: "C'est déposé dans mon espace de stockage." }, { csrf: csrfTokenIn(asked.body) })
    expect(answered.status).toBe(303)
    expect(answered.location).toBe(`${page}?message=reponse-envoyee`)
    const after = mainText((await concerto.get(answered.location ?? "")).body)
    expect(after).toContain("Votre réponse a été envoyée : votre demande est de nouveau en cours d'examen.")
    expect(after).toContain("Statut : En cours d'examen")
    expect(after).toContain("Votre famille Complément envoyé (statut : en cours d'examen) C'est déposé dans mon espace de stockage.")
    expect(after).not.toContain("Répondre à la demande de complément")
    const late = await concerto.post(`${page}/complement`, { reponse: "Encore une fois" }, { csrf: csrfTokenIn(asked.body) })
    expect(late.status).toBe(400)
    expect(late.body).toContain("aucun complément ne vous est demandé pour l&#x27;instant")
  })

  it("refuses another household's stream with a 404, and an anonymous one with the login page", async () => {
    const { quotient } = await concertoRequests(t)
    const lefebvre = await logIn(t, "camille.lefebvre")
    const stream = await openStream(t, lefebvre, `/mon-espace/demandes/${quotient.id}/evenements`)
    expect(stream.response.status).toBe(404)
    stream.close()
    const anonymous = await new BrowserLikeClient(t.url).get(`/mon-espace/demandes/${quotient.id}/evenements`)
    expect(anonymous.status).toBe(303)
    expect(anonymous.location).toBe(`/?suite=${encodeURIComponent(`/mon-espace/demandes/${quotient.id}/evenements`)}`)
  })

  it("ends the stream when the family logs out", async () => {
    const client = await logIn(t, demoFamily.login)
    const stream = await openStream(t, client, "/mon-espace/demandes/evenements")
    try {
      expect((await stream.next()).event).toBe("demandes")
      const logout = await client.submit("/mon-espace", "/deconnexion", {})
      expect(logout.status).toBe(303)
      expect((await stream.next()).event).toBe("fin")
      expect(await stream.ended()).toBe(true)
    } finally {
      stream.close()
    }
  })
})

describe("Dernières demandes: the stream never keeps a session alive, nor the server running", () => {
  let t: TestPortal

  beforeAll(async () => {
    t = await startTestPortal({ settings: { requestEventsPollMs: 40 } })
  })

  afterAll(async () => {
    await t.close()
  })

  it("ends with the session's idle limit even while the stream stays open", async () => {
    const concerto = await logIn(t, demoFamily.login)
    const { quotient } = await concertoRequests(t)
    const stream = await openStream(t, concerto, `/mon-espace/demandes/${quotient.id}/evenements`)
    try {
      expect((await stream.next()).event).toBe("statut")
      t.world.clock.advanceMinutes(20)
      await new Promise((resolve) => setTimeout(resolve, 200))
      t.world.clock.advanceMinutes(11)
      expect((await stream.next()).event).toBe("fin")
      expect(await stream.ended()).toBe(true)
    } finally {
      stream.close()
    }
    const page = await concerto.get(`/mon-espace/demandes/${quotient.id}`)
    expect(page.status).toBe(303)
  })

  it("stops streaming when the server stops listening, so that it closes at once", async () => {
    const listening = await t.portal.listen(0)
    const concerto = await logIn(t, demoFamily.login)
    const client = new BrowserLikeClient(listening.url)
    for (const [name, value] of concerto.cookies) client.cookies.set(name, value)
    const stream = await openStream(t, client, `${listening.url}/mon-espace/demandes/evenements`)
    try {
      expect((await stream.next()).event).toBe("demandes")
      const closing = listening.close()
      expect((await stream.next()).event).toBe("fin")
      const closedWithin = await Promise.race([closing.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000))])
      expect(closedWithin).toBe(true)
    } finally {
      stream.close()
    }
  })
})
