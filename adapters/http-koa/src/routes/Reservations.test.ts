import {
  BookSessionsCommand,
  bookSessions,
  CancelReservationsCommand,
  cancelReservations,
  ChildForBooking,
  EnrollmentSubmission,
  grantEnrollment,
  type Household,
  HouseholdRepository,
  registerHousehold,
  SessionId,
  SessionLedgerRepository
} from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { mainOf, textOf } from "../testing/PageText.js"

/** The calendar item of a session: its `<li>` in the month's table. */
const itemOf = (html: string, sessionId: string): string => {
  const at = html.indexOf(`id="seance-${sessionId}"`)
  if (at < 0) return ""
  const start = html.lastIndexOf("<li", at)
  return textOf(html.slice(start, html.indexOf("</li>", at)))
}

const logIn = async (t: TestPortal, login = demoFamily.login) => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password }, true)
  expect(response.status).toBe(200)
  return client
}

const householdOf = async (t: TestPortal, reference: string): Promise<Household> => {
  const id = await t.householdId(reference)
  return t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (households) => households.get(id)))
}

const childId = (household: Household, firstName: string): string => {
  const child = household.children.find((c) => c.firstName === firstName)
  if (child === undefined) throw new Error(`No child ${firstName}`)
  return child.id
}

/** Posts the month's form of a child with the ticked sessions. */
const postChoices = async (client: BrowserLikeClient, child: string, month: string, choices: Readonly<Record<string, "reserver" | "annuler">>) => {
  const page = await client.get(`/mon-espace/reservations?enfant=${child}&mois=${month}`)
  const fields = Object.fromEntries(Object.entries(choices).map(([sessionId, choice]) => [`s-${sessionId}`, choice]))
  return client.post("/mon-espace/reservations", { enfant: child, mois: month, ...fields }, { csrf: csrfTokenIn(page.body) })
}

describe("Gérer mes réservations", () => {
  let t: TestPortal
  let concerto: Household
  let lea: string
  let hugo: string
  let client: BrowserLikeClient

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await householdOf(t, "FAM-000101")
    lea = childId(concerto, "Léa")
    hugo = childId(concerto, "Hugo")
    client = await logIn(t)
  })
  afterAll(async () => {
    await t.close()
  })

  it("shows Léa's December as a calendar: each day's sessions, where she stands and what can be done", async () => {
    const page = await client.get(`/mon-espace/reservations?mois=2026-12`)
    expect(page.status).toBe(200)
    const main = mainOf(page.body)
    const text = textOf(main)
    expect(text).toContain("Gérer mes réservations")
    expect(text).toContain("Léa – décembre 2026")
    expect(main).toMatch(/<a href="[^"]*enfant&#x3D;mbr-\d+&amp;mois&#x3D;2026-12" aria-current="page">Léa<\/a>/)
    expect(main).toContain('<th scope="col">Lundi</th>')
    expect(main).toContain('<th scope="col">Vendredi</th>')
    expect(text).toContain("Mois précédent : novembre 2026")
    expect(text).toContain("Mois suivant : janvier 2027")
    expect(itemOf(main, "restauration-scolaire:2026-12-01")).toContain("Restauration scolaire Réservé Annuler")
    expect(itemOf(main, "restauration-scolaire:2026-12-01")).toContain("Sans frais jusqu'au dimanche 29 novembre 2026 à 11:45.")
    expect(main).toContain('name="s-restauration-scolaire:2026-12-01" value="annuler"')
    expect(itemOf(main, "accueil-mercredi:2026-12-02:journee")).toContain("Accueil du mercredi – Journée (8h30 - 17h30) Réservé")
    expect(itemOf(main, "accueil-matin:2026-12-08")).toContain("Accueil du matin Non réservé Réserver")
    expect(main).toContain('name="s-accueil-matin:2026-12-08" value="reserver"')
    expect(itemOf(main, "accueil-loisirs-vacances:2026-12-21")).toContain("Accueil de loisirs des vacances Réservé")
    expect(text).toContain("Réserver un rythme")
    expect(text).toContain("Réserver une semaine de vacances")
    expect(text).toContain("Semaine du lundi 21 décembre 2026 – Vacances de Noël 2026 (dates à confirmer)")
    expect(text).toContain("Semaine réservée.")
    expect(text).toContain("Semaine du lundi 22 février 2027 – Vacances d'hiver 2027 (dates à confirmer)")
    expect(text).toContain("Réservations ouvertes à partir du lundi 18 janvier 2027 à 08:30")
    expect(text).toContain("Restauration scolaire : réservation jusqu'à 2 jours avant à 11:45, annulation sans frais jusqu'à 2 jours avant à 11:45.")

    const hugoPage = await client.get(`/mon-espace/reservations?enfant=${hugo}&mois=2026-12`)
    expect(textOf(mainOf(hugoPage.body))).toContain("Hugo – décembre 2026")
    expect(itemOf(mainOf(hugoPage.body), "accueil-matin:2026-12-08")).toContain("Accueil du matin Réservé")
  })

  it("books a free day far enough ahead, and the calendar shows it booked", async () => {
    const answer = await postChoices(client, lea, "2026-12", { "accueil-matin:2026-12-08": "reserver" })
    expect(answer.status).toBe(200)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("1 demande acceptée.")
    expect(text).toContain("mardi 8 décembre 2026 Accueil du matin : Réservé.")
    const page = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2026-12`)
    expect(itemOf(mainOf(page.body), "accueil-matin:2026-12-08")).toContain("Accueil du matin Réservé Annuler")
  })

  it("cancels within the deadline free of charge", async () => {
    const answer = await postChoices(client, lea, "2026-12", { "restauration-scolaire:2026-12-10": "annuler" })
    expect(answer.status).toBe(200)
    expect(textOf(mainOf(answer.body))).toContain("jeudi 10 décembre 2026 Restauration scolaire : Annulé sans frais.")
    const page = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2026-12`)
    expect(itemOf(mainOf(page.body), "restauration-scolaire:2026-12-10")).toContain("Restauration scolaire Annulé Réserver")
  })

  it("refuses a day inside the 48 hours with the rule's message naming the deadline, keeping what succeeded", async () => {
    const late = await postChoices(client, lea, "2026-11", { "restauration-scolaire:2026-11-27": "annuler" })
    expect(late.status).toBe(200)
    expect(textOf(mainOf(late.body))).toContain("Annulé hors délai : la séance reste facturée, sauf absence justifiée")

    const answer = await postChoices(client, lea, "2026-11", { "restauration-scolaire:2026-11-27": "reserver", "accueil-soir:2026-11-27": "reserver" })
    expect(answer.status).toBe(200)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("1 demande acceptée, 1 demande refusée.")
    expect(text).toContain(
      "vendredi 27 novembre 2026 Restauration scolaire : Non réservé. La réservation du vendredi 27 novembre 2026 était possible jusqu'au mercredi 25 novembre 2026 à 11:45 ; ce délai est passé."
    )
    expect(text).toContain("Accueil du soir : Réservé.")

    const page = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2026-11`)
    const item = itemOf(mainOf(page.body), "restauration-scolaire:2026-11-27")
    expect(item).toContain("Annulé hors délai")
    expect(item).toContain("Délai dépassé : réservation possible jusqu'au mercredi 25 novembre 2026 à 11:45")
    expect(mainOf(page.body)).not.toContain('name="s-restauration-scolaire:2026-11-27"')

    const only = await postChoices(client, lea, "2026-11", { "accueil-mercredi:2026-11-25:matin": "reserver" })
    expect(only.status).toBe(400)
    expect(textOf(mainOf(only.body))).toContain("La réservation du mercredi 25 novembre 2026 était possible jusqu'au lundi 23 novembre 2026 à 08:30")
  })

  it("asks to tick something before saving", async () => {
    const page = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2026-12`)
    const answer = await client.post("/mon-espace/reservations", { enfant: lea, mois: "2026-12" }, { csrf: csrfTokenIn(page.body) })
    expect(answer.status).toBe(400)
    expect(textOf(mainOf(answer.body))).toContain("Cochez au moins une séance à réserver ou à annuler, puis enregistrez vos choix.")
  })

  it("books a weekly pattern through the core, and explains what is missing from the form", async () => {
    const page = await client.get(`/mon-espace/reservations?enfant=${hugo}&mois=2027-01`)
    const csrf = csrfTokenIn(page.body)
    const missing = await client.post(
      "/mon-espace/reservations/rythme",
      { enfant: hugo, mois: "2027-01", rythmeActivite: "accueil-mercredi|matin", rythmeDu: "2027-01-06", rythmeAu: "2027-01-27" },
      { csrf }
    )
    expect(missing.status).toBe(400)
    expect(textOf(mainOf(missing.body))).toContain("Cochez au moins un jour de la semaine.")
    expect(mainOf(missing.body)).toContain('<option value="accueil-mercredi|matin" selected>')

    const answer = await client.post(
      "/mon-espace/reservations/rythme",
      { enfant: hugo, mois: "2027-01", rythmeActivite: "accueil-mercredi|matin", rythmeJour3: "oui", rythmeDu: "2027-01-06", rythmeAu: "2027-01-27" },
      { csrf }
    )
    expect(answer.status).toBe(200)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("Rythme réservé pour Hugo")
    expect(text).toContain("4 demandes acceptées.")
    for (const day of ["mercredi 6 janvier 2027", "mercredi 13 janvier 2027", "mercredi 20 janvier 2027", "mercredi 27 janvier 2027"]) {
      expect(text).toContain(`${day} Accueil du mercredi – Matin (8h30 - 12h) : Réservé.`)
    }
    const january = await client.get(`/mon-espace/reservations?enfant=${hugo}&mois=2027-01`)
    expect(itemOf(mainOf(january.body), "accueil-mercredi:2027-01-20:matin")).toContain("Réservé")
  })

  it("refuses a holiday week outside its booking window, naming when the window opens", async () => {
    const page = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2026-12`)
    const answer = await client.post(
      "/mon-espace/reservations/semaine",
      { enfant: lea, mois: "2026-12", semaine: "accueil-loisirs-vacances|2027-02-22" },
      { csrf: csrfTokenIn(page.body) }
    )
    expect(answer.status).toBe(400)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("5 demandes refusées.")
    expect(text).toContain(
      "Les réservations pour « Vacances d'hiver 2027 (dates à confirmer) » (lundi 22 février 2027) ouvrent le lundi 18 janvier 2027 à 08:30."
    )
  })

  it("keeps another household out: its child, its months and its sessions answer 404 and change nothing", async () => {
    const camille = await logIn(t, "camille.lefebvre")
    expect((await camille.get(`/mon-espace/reservations?enfant=${lea}`)).status).toBe(404)
    const own = await camille.get("/mon-espace/reservations?mois=2026-12")
    expect(own.status).toBe(200)
    expect(textOf(mainOf(own.body))).toContain("Nathan – décembre 2026")
    const csrf = csrfTokenIn(own.body)
    const forged = await camille.post("/mon-espace/reservations", { enfant: lea, mois: "2026-12", "s-restauration-scolaire:2026-12-14": "annuler" }, { csrf })
    expect(forged.status).toBe(404)
    const week = await camille.post("/mon-espace/reservations/semaine", { enfant: lea, mois: "2026-12", semaine: "accueil-loisirs-vacances|2026-12-21" }, { csrf })
    expect(week.status).toBe(404)
    const offer = await camille.post("/mon-espace/reservations/place-proposee", { enfant: lea, mois: "2026-12", accepter: "accueil-mercredi:2026-12-09:journee" }, { csrf })
    expect(offer.status).toBe(404)
    const ledger = await t.demo.runtime.runPromise(
      Effect.flatMap(SessionLedgerRepository, (ledgers) => ledgers.get(SessionId.make("restauration-scolaire:2026-12-14")))
    )
    expect(ledger.reservations.some((r) => r.childId === lea && r.isActive)).toBe(true)
  })
})

/** Registers a household of 16 children enrolled for the Wednesdays, to fill a session. */
const sixteenChildren = Effect.gen(function* () {
  const household = yield* registerHousehold({
    reference: "FAM-009001",
    familyName: "NOMBREUSE",
    address: { line1: "3 rue des Écoles", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
    contact: { email: "famille.nombreuse@example.org", phones: [] },
    residency: "resident",
    adults: [{ firstName: "Marie", lastName: "NOMBREUSE", isPayer: true }],
    children: Array.from({ length: 16 }, (_, i) => ({ firstName: `Enfant${i + 1}`, lastName: "NOMBREUSE", birthDate: "2019-05-01", schoolLevel: "CE1" }))
  })
  for (const child of household.children) {
    yield* grantEnrollment(new EnrollmentSubmission({ childId: child.id, householdId: household.id, schoolYear: "2026-2027", enrollmentFamily: "periscolaire" }))
  }
  return household
})

describe("the waiting list", () => {
  let t: TestPortal
  beforeAll(async () => {
    t = await startTestPortal()
  })
  afterAll(async () => {
    await t.close()
  })

  it("shows the position on a full session, then the place offered, which the family accepts", async () => {
    const session = SessionId.make("accueil-mercredi:2027-01-13:matin")
    const others = await t.demo.runtime.runPromise(sixteenChildren)
    const booked: Array<Household["children"][number]> = []
    for (const child of others.children) {
      const outcome = await t.demo.runtime.runPromise(
        bookSessions(
          new BookSessionsCommand({
            child: new ChildForBooking({ childId: child.id, householdId: others.id, birthDate: child.birthDate, schoolLevel: "CE1", resident: true }),
            sessionIds: [session]
          })
        )
      )
      if (outcome.outcomes[0]?.result._tag !== "Booked") {
        await t.demo.runtime.runPromise(cancelReservations(new CancelReservationsCommand({ childId: child.id, householdId: others.id, sessionIds: [session] })))
        break
      }
      booked.push(child)
    }
    const full = await t.demo.runtime.runPromise(Effect.flatMap(SessionLedgerRepository, (ledgers) => ledgers.get(session)))
    expect(full.reservations.filter((r) => r.isActive)).toHaveLength(full.session.capacity)
    expect(full.waitlist).toHaveLength(0)
    const concerto = await householdOf(t, "FAM-000101")
    const lea = childId(concerto, "Léa")
    const client = await logIn(t)
    const before = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2027-01`)
    expect(itemOf(mainOf(before.body), session)).toContain("Non réservé Demander une place –")
    expect(itemOf(mainOf(before.body), session)).toContain("Complet : l'enfant sera inscrit en liste d'attente.")

    const answer = await postChoices(client, lea, "2027-01", { [session]: "reserver" })
    expect(answer.status).toBe(200)
    expect(textOf(mainOf(answer.body))).toContain("mercredi 13 janvier 2027 Accueil du mercredi – Matin (8h30 - 12h) : Complet : inscrit en liste d'attente (position 1).")
    const waiting = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2027-01`)
    expect(itemOf(mainOf(waiting.body), session)).toContain("En liste d'attente (position 1) Quitter la liste d'attente")

    const first = booked[0]
    if (first === undefined) throw new Error("No child booked")
    await t.demo.runtime.runPromise(cancelReservations(new CancelReservationsCommand({ childId: first.id, householdId: others.id, sessionIds: [session] })))
    const offered = await client.get(`/mon-espace/reservations?enfant=${lea}&mois=2027-01`)
    const expiry = "vendredi 27 novembre 2026 à 09:00"
    const offeredText = textOf(mainOf(offered.body))
    expect(offeredText).toContain("Places proposées")
    expect(offeredText).toContain(`mercredi 13 janvier 2027 – Accueil du mercredi – Matin (8h30 - 12h) : place à accepter avant le ${expiry}.`)
    expect(itemOf(mainOf(offered.body), session)).toContain(`Place proposée : à accepter avant le ${expiry}`)

    const accepted = await client.post(
      "/mon-espace/reservations/place-proposee",
      { enfant: lea, mois: "2027-01", accepter: session },
      { csrf: csrfTokenIn(offered.body) }
    )
    expect(accepted.status).toBe(303)
    const after = await client.get(accepted.location ?? "")
    expect(textOf(mainOf(after.body))).toContain("Vous avez accepté la place proposée : la réservation est confirmée.")
    expect(itemOf(mainOf(after.body), session)).toContain("Accueil du mercredi – Matin (8h30 - 12h) Réservé Annuler")

    const again = await client.post("/mon-espace/reservations/place-proposee", { enfant: lea, mois: "2027-01", accepter: session }, { csrf: csrfTokenIn(after.body) })
    expect(again.status).toBe(400)
    expect(textOf(mainOf(again.body))).toContain("Aucune place proposée n'attend votre réponse pour le mercredi 13 janvier 2027.")
  })
})

describe("a holiday week inside its booking window", () => {
  let t: TestPortal
  beforeAll(async () => {
    t = await startTestPortal()
  })
  afterAll(async () => {
    await t.close()
  })

  it("is offered once the family has cancelled it, and booked again whole through the core's whole-week rule", async () => {
    const concerto = await householdOf(t, "FAM-000101")
    const hugo = childId(concerto, "Hugo")
    const client = await logIn(t)
    const days = ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24"].map((day) => `accueil-loisirs-vacances:${day}`)
    const cancelled = await postChoices(client, hugo, "2026-12", Object.fromEntries(days.map((id) => [id, "annuler" as const])))
    expect(cancelled.status).toBe(200)
    expect(textOf(mainOf(cancelled.body))).toContain("4 demandes acceptées.")

    const page = await client.get(`/mon-espace/reservations?enfant=${hugo}&mois=2026-12`)
    const main = mainOf(page.body)
    expect(main).toContain('value="accueil-loisirs-vacances|2026-12-21"')
    expect(itemOf(main, "accueil-loisirs-vacances:2026-12-22")).toContain("Annulé Se réserve à la semaine entière")

    const partial = await postChoices(client, hugo, "2026-12", { "accueil-loisirs-vacances:2026-12-22": "reserver" })
    expect(partial.status).toBe(400)
    expect(textOf(mainOf(partial.body))).toContain(
      "« Accueil de loisirs des vacances » se réserve à la semaine entière : pour la semaine du lundi 21 décembre 2026, ajoutez aussi à votre demande lundi 21 décembre 2026, mercredi 23 décembre 2026, jeudi 24 décembre 2026."
    )

    const answer = await client.post(
      "/mon-espace/reservations/semaine",
      { enfant: hugo, mois: "2026-12", semaine: "accueil-loisirs-vacances|2026-12-21" },
      { csrf: csrfTokenIn(page.body) }
    )
    expect(answer.status).toBe(200)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("Semaine de vacances pour Hugo")
    expect(text).toContain("4 demandes acceptées.")
    for (const day of ["lundi 21 décembre 2026", "jeudi 24 décembre 2026"]) expect(text).toContain(`${day} Accueil de loisirs des vacances : Réservé.`)
    const after = await client.get(`/mon-espace/reservations?enfant=${hugo}&mois=2026-12`)
    expect(textOf(mainOf(after.body))).toContain("Semaine réservée.")
    expect(itemOf(mainOf(after.body), "accueil-loisirs-vacances:2026-12-21")).toContain("Réservé Annuler")
  })
})
