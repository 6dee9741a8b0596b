import {
  ActivityCatalogue,
  ActivityId,
  AuditLog,
  bookSessions,
  BookSessionsCommand,
  ChildForBooking,
  HouseholdRepository,
  LocalDate,
  SessionId,
  SessionLedgerRepository,
  SessionRepository
} from "@spe/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

/** The message shown next to a field after a refusal. */
const errorOf = (html: string, field: string) => {
  const match = new RegExp(`id="${field}-erreur"><span class="visually-hidden">Erreur : </span>([^<]*)<`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).trim()
}

let t: TestPortal
let admin: BrowserLikeClient

const audit = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const activity = (id: string) => t.demo.runtime.runPromise(Effect.option(Effect.flatMap(ActivityCatalogue, (c) => c.byId(ActivityId.make(id)))))
const sessionsOf = (id: string, from: string, to: string) =>
  t.demo.runtime.runPromise(Effect.flatMap(SessionRepository, (s) => s.listByActivity(ActivityId.make(id), LocalDate.unsafe(from), LocalDate.unsafe(to))))

const childOf = (reference: string, firstName: string) =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const household = Option.getOrThrow(yield* (yield* HouseholdRepository).findByReference(reference))
      const child = household.children.find((c) => c.firstName === firstName)
      if (child === undefined) throw new Error(`No ${firstName}`)
      return ChildForBooking.make({ childId: child.id, householdId: household.id, birthDate: child.birthDate, ...(child.schoolLevel === undefined ? {} : { schoolLevel: child.schoolLevel }), resident: true })
    })
  )

/** The fields of a new activity's form, as an agent fills them. */
const study = {
  nom: "Étude surveillée",
  type: "evening",
  typePropre: "",
  familleInscription: "periscolaire",
  capacite: "2",
  ageMin: "",
  ageMax: "",
  jours: "",
  heureDebut: "16:45",
  reservationJours: "2",
  reservationDecompte: "calendar",
  reservationHeure: "18:00",
  annulationJours: "1",
  annulationDecompte: "working",
  annulationHeure: "18:00",
  listeAttente: "Offer",
  dureeOffre: "24",
  seuilImpayes: "50,00",
  "niveau-CE2": "oui",
  "niveau-MS": "oui"
}

const studyId = "etude-surveillee"
const studyPath = `/agents/activites/${studyId}`
const sessionDay = "2026-12-10"
const sessionPath = `${studyPath}/seances/${encodeURIComponent(`${studyId}:${sessionDay}`)}`

beforeAll(async () => {
  t = await startTestPortal()
  admin = await t.agentClient("admin")
})

afterAll(async () => {
  await t.close()
})

describe("the agents' activities: who may open them", () => {
  it("sends a visitor to the agents' login, refuses families and roles without activities.manage, and changes nothing on their posts", async () => {
    const pages = ["/agents/activites", "/agents/activites/nouvelle", "/agents/activites/accueil-matin", `/agents/activites/restauration-scolaire/seances/${encodeURIComponent("restauration-scolaire:2026-12-03")}`]
    for (const page of pages) {
      const visitor = await new BrowserLikeClient(t.url).get(page)
      expect(visitor.status).toBe(303)
      expect(visitor.location).toBe(`/agents/connexion?suite=${encodeURIComponent(page)}`)
      expect((await (await t.familyClient()).get(page)).status).toBe(403)
      for (const role of ["reader", "agent", "billing"] as const) {
        const refused = await (await t.agentClient(role)).get(page)
        expect(refused.status).toBe(403)
        expect(textOf(refused.body)).toContain("ne permet pas de gérer les activités, les séances et les tarifs")
      }
      expect((await admin.get(page)).status).toBe(200)
    }
    const agent = await t.agentClient("agent")
    const token = csrfTokenIn((await agent.get("/agents")).body)
    const before = await audit()
    for (const [path, fields] of [
      ["/agents/activites/nouvelle", study],
      ["/agents/activites/accueil-matin", { ...study, nom: "Matin" }],
      ["/agents/activites/accueil-matin/capacite", { capaciteActivite: "1" }],
      ["/agents/activites/accueil-matin/seances", { seancesDu: "2026-12-01", seancesAu: "2026-12-31", action: "publier" }]
    ] as const) {
      expect((await agent.post(path, fields, { csrf: token })).status).toBe(403)
    }
    expect(Option.isNone(await activity(studyId))).toBe(true)
    expect(Option.getOrThrow(await activity("accueil-matin"))).toMatchObject({ name: "Accueil du matin", capacity: 60 })
    expect((await audit()).length).toBe(before.length)
  })

  it("answers 404 for an unknown activity and for a session of another activity", async () => {
    expect((await admin.get("/agents/activites/inconnue")).status).toBe(404)
    expect((await admin.get(`/agents/activites/accueil-matin/seances/${encodeURIComponent("restauration-scolaire:2026-12-03")}`)).status).toBe(404)
  })
})

describe("the agents' activities", () => {
  it("lists the town's activities with their days, places, deadlines and waiting lists", async () => {
    const page = textOf((await admin.get("/agents/activites")).body)
    expect(page).toContain("Activités")
    for (const name of ["Accueil du matin", "Accueil du soir", "Accueil du mercredi", "Accueil de loisirs des vacances", "Restauration scolaire"]) expect(page).toContain(name)
    expect(page).toContain("jusqu'à 2 jour(s) avant, à 11:45")
    expect(page).toContain("place proposée au premier de la liste, 48 h pour confirmer")
    expect(page).toContain("Calendrier de la commune")
  })

  it("refuses a new activity typed wrong, each message next to its field, what was typed kept; nothing is created", async () => {
    const refused = await admin.submit("/agents/activites/nouvelle", "/agents/activites/nouvelle", {
      ...study,
      nom: "",
      capacite: "beaucoup",
      type: "custom",
      reservationHeure: "25:00",
      dureeOffre: "",
      seuilImpayes: "50,001",
      groupe1Nom: "Petits",
      groupe1AgeMin: "6",
      groupe1AgeMax: "3",
      groupe1Places: "1"
    })
    expect(refused.status).toBe(400)
    expect(errorOf(refused.body, "seuilImpayes")).toBe("Le seuil d'impayés s'écrit en euros, par exemple 3,50 (deux décimales au plus).")
    const typed = await admin.submit("/agents/activites/nouvelle", "/agents/activites/nouvelle", {
      ...study,
      nom: "",
      capacite: "beaucoup",
      type: "custom",
      reservationHeure: "25:00",
      dureeOffre: ""
    })
    expect(typed.status).toBe(400)
    expect(errorOf(typed.body, "nom")).toBe("Indiquez le nom de l'activité.")
    expect(errorOf(typed.body, "capacite")).toBe("La capacité de l'activité doit être un nombre.")
    expect(errorOf(typed.body, "reservationHeure")).toBe("L'heure doit être écrite sous la forme HH:MM (par exemple 18:00).")
    expect(typed.body).toContain('value="beaucoup"')
    const crossField = await admin.submit("/agents/activites/nouvelle", "/agents/activites/nouvelle", {
      ...study,
      type: "custom",
      dureeOffre: "",
      groupe1Nom: "Petits",
      groupe1AgeMin: "6",
      groupe1AgeMax: "3",
      groupe1Places: "1"
    })
    expect(crossField.status).toBe(400)
    expect(errorOf(crossField.body, "typePropre")).toBe("Indiquez le nom du type d'activité propre à la commune.")
    expect(errorOf(crossField.body, "jours")).toBe("Pour un type d'activité propre à la commune, choisissez les jours où les séances ont lieu.")
    expect(errorOf(crossField.body, "groupe1AgeMax")).toBe("Le groupe « Petits » finit (3 ans) avant de commencer (6 ans).")
    expect(errorOf(crossField.body, "dureeOffre")).toBe("Indiquez pendant combien d'heures la place proposée reste réservée à la famille (de 1 à 168).")
    expect(textOf(crossField.body)).toContain("Votre saisie n'a pas été acceptée")
    expect(Option.isNone(await activity(studyId))).toBe(true)
    const refusals = (await audit()).filter((r) => r.action === "activities.create")
    expect(refusals.map((r) => r.outcome)).toEqual(["refused", "refused"])
  })

  it("creates an activity, audited; publishes its sessions after a preview; a family books them", async () => {
    const created = await admin.submit("/agents/activites/nouvelle", "/agents/activites/nouvelle", study)
    expect(created.status).toBe(303)
    expect(created.location).toBe(`${studyPath}?message=activite-creee`)
    const page = textOf((await admin.get(created.location ?? "")).body)
    expect(page).toContain("L'activité est créée.")
    expect(page).toContain("Étude surveillée")
    expect(page).toContain("place proposée au premier de la liste, 24 h pour confirmer")
    const saved = Option.getOrThrow(await activity(studyId))
    expect(saved).toMatchObject({ kind: "evening", capacity: 2, enrollmentFamily: "periscolaire", startsAt: "16:45" })
    expect(saved.eligibility.schoolLevels).toEqual(["MS", "CE2"])
    expect(saved.bookingPolicy.unpaidBlockThresholdCents).toBe(5000)
    expect(saved.bookingPolicy.cancellationDeadline).toMatchObject({ daysBefore: 1, counting: "working" })
    const [record] = await audit()
    expect(record).toMatchObject({ action: "activities.create", outcome: "done", actorRole: "admin", target: { kind: "activity", id: studyId }, before: null, after: { name: "Étude surveillée" } })

    const preview = await admin.submit(studyPath, `${studyPath}/seances`, { seancesDu: "2026-12-07", seancesAu: "2026-12-18", action: "apercu" })
    expect(preview.status).toBe(200)
    expect(textOf(preview.body)).toContain("8 séance(s) d'après le calendrier, du lundi 7 décembre 2026 au vendredi 18 décembre 2026 ; 8 pas encore publiée(s)")
    expect(await sessionsOf(studyId, "2026-12-01", "2026-12-31")).toEqual([])
    const published = await admin.submit(studyPath, `${studyPath}/seances`, { seancesDu: "2026-12-07", seancesAu: "2026-12-18", action: "publier" })
    expect(published.status).toBe(303)
    expect(textOf((await admin.get(published.location ?? "")).body)).toContain("8 séance(s) ajoutée(s). Les séances sont publiées")
    expect((await sessionsOf(studyId, "2026-12-01", "2026-12-31")).map((s) => s.date)).toEqual([
      "2026-12-07", "2026-12-08", "2026-12-10", "2026-12-11", "2026-12-14", "2026-12-15", "2026-12-17", "2026-12-18"
    ])
    expect((await audit())[0]).toMatchObject({ action: "sessions.publish", outcome: "done", target: { kind: "activity", id: studyId }, after: { added: 8 } })
    const wrongPeriod = await admin.submit(studyPath, `${studyPath}/seances`, { seancesDu: "2026-12-18", seancesAu: "2026-12-07", action: "publier" })
    expect(wrongPeriod.status).toBe(400)
    expect(errorOf(wrongPeriod.body, "seancesAu")).toBe("Le dernier jour de la période doit suivre le premier.")

    const booked = []
    for (const name of ["Léa", "Hugo"]) {
      const child = await childOf("FAM-000101", name)
      booked.push(await t.demo.runtime.runPromise(bookSessions(BookSessionsCommand.make({ child, sessionIds: [SessionId.make(`${studyId}:${sessionDay}`)] }))))
    }
    expect(booked.map((b) => b.outcomes[0]?.result._tag)).toEqual(["Booked", "Booked"])
    const family = await t.familyClient()
    const agenda = textOf((await family.get("/mon-espace/reservations?mois=2026-12")).body)
    expect(agenda).toContain("Étude surveillée")
  })

  it("never sets a capacity below the places booked, says which rule refused, and audits a change", async () => {
    const sessionPage = textOf((await admin.get(sessionPath)).body)
    expect(sessionPage).toContain("Séance du jeudi 10 décembre 2026")
    expect(sessionPage).toContain("2 sur 2")
    const refused = await admin.submit(sessionPath, sessionPath, { capaciteSeance: "1" })
    expect(refused.status).toBe(400)
    expect(errorOf(refused.body, "capaciteSeance")).toBe(
      "La capacité de « Étude surveillée » ne peut pas descendre à 1 place(s) : des places sont déjà réservées (2 le jeudi 10 décembre 2026). Une place réservée n'est jamais reprise à une famille : choisissez au moins 2 place(s), ou faites d'abord annuler des réservations."
    )
    expect((await audit())[0]).toMatchObject({ action: "sessions.capacity", outcome: "refused", target: { kind: "session", id: `${studyId}:${sessionDay}` } })
    const notANumber = await admin.submit(sessionPath, sessionPath, { capaciteSeance: "deux" })
    expect(errorOf(notANumber.body, "capaciteSeance")).toBe("Le nombre de places doit être un nombre.")
    const changed = await admin.submit(sessionPath, sessionPath, { capaciteSeance: "5" })
    expect(changed.status).toBe(303)
    expect(textOf((await admin.get(changed.location ?? "")).body)).toContain("2 sur 5")
    expect((await audit())[0]).toMatchObject({ action: "sessions.capacity", outcome: "done", before: { capacity: 2, booked: 2 }, after: { capacity: 5, booked: 2 } })

    const activityRefused = await admin.submit(studyPath, `${studyPath}/capacite`, { capaciteActivite: "1" })
    expect(activityRefused.status).toBe(400)
    expect(errorOf(activityRefused.body, "capaciteActivite")).toContain("ne peut pas descendre à 1 place(s) : des places sont déjà réservées (2 le jeudi 10 décembre 2026)")
    expect(Option.getOrThrow(await activity(studyId)).capacity).toBe(2)
    const activityChanged = await admin.submit(studyPath, `${studyPath}/capacite`, { capaciteActivite: "12" })
    expect(activityChanged.status).toBe(303)
    expect(Option.getOrThrow(await activity(studyId)).capacity).toBe(12)
    expect((await sessionsOf(studyId, "2026-12-01", "2026-12-31")).map((s) => s.capacity)).toEqual([12, 12, 12, 12, 12, 12, 12, 12])
    expect((await audit())[0]).toMatchObject({ action: "sessions.capacity", outcome: "done", target: { kind: "activity", id: studyId }, before: { capacity: 2 }, after: { capacity: 12, sessionsChanged: 8 } })
    const ledger = await t.demo.runtime.runPromise(Effect.flatMap(SessionLedgerRepository, (l) => l.get(SessionId.make(`${studyId}:${sessionDay}`))))
    expect(ledger.reservations.filter((r) => r.isActive)).toHaveLength(2)
  })

  it("edits an activity's rules, audited before and after, keeping what was typed when refused", async () => {
    const refused = await admin.submit(studyPath, studyPath, { ...study, annulationJours: "-1" })
    expect(refused.status).toBe(400)
    expect(errorOf(refused.body, "annulationJours")).toBe("Le nombre de jours avant la séance (annulation) doit valoir au moins 0.")
    expect(refused.body).toContain('value="-1"')
    const saved = await admin.submit(studyPath, studyPath, { ...study, nom: "Étude du soir", listeAttente: "BookAtOnce", dureeOffre: "" })
    expect(saved.status).toBe(303)
    expect(textOf((await admin.get(saved.location ?? "")).body)).toContain("L'activité est enregistrée.")
    expect(Option.getOrThrow(await activity(studyId))).toMatchObject({ name: "Étude du soir", capacity: 12 })
    const [record] = await audit()
    expect(record).toMatchObject({ action: "activities.update", outcome: "done", before: { name: "Étude surveillée" }, after: { name: "Étude du soir", bookingPolicy: { waitlist: { _tag: "BookAtOnce" } } } })
  })

  it("publishes a holiday booking window in phases, refuses an overlap next to the field, and withdraws it", async () => {
    const path = "/agents/activites/accueil-loisirs-vacances"
    const page = textOf((await admin.get(path)).body)
    expect(page).toContain("Périodes de réservation des vacances")
    expect(page).toContain("habitants de la commune")
    const window = {
      fenetreNom: "Vacances d'hiver 2027 (officiel)",
      fenetreDu: "2027-02-20",
      fenetreAu: "2027-03-07",
      fenetreResidentsJour: "2027-01-18",
      fenetreResidentsHeure: "08:30",
      fenetreTousJour: "2027-01-25",
      fenetreTousHeure: "08:30",
      fenetreClotureJour: "2027-02-12",
      fenetreClotureHeure: "18:00"
    }
    const overlap = await admin.submit(path, `${path}/fenetres`, window)
    expect(overlap.status).toBe(400)
    expect(errorOf(overlap.body, "fenetreDu")).toContain("Cette période chevauche « Vacances d'hiver 2027 (dates à confirmer) »")
    expect(overlap.body).toContain('value="Vacances d&#x27;hiver 2027 (officiel)"')
    const missing = await admin.submit(path, `${path}/fenetres`, { ...window, fenetreTousHeure: "" })
    expect(errorOf(missing.body, "fenetreTousHeure")).toBe("Indiquez l'heure d'ouverture à toutes les familles.")
    const summer = { ...window, fenetreNom: "Été 2027", fenetreDu: "2027-07-05", fenetreAu: "2027-07-30", fenetreResidentsJour: "2027-06-01", fenetreTousJour: "2027-06-08", fenetreClotureJour: "2027-06-25" }
    const holiday = Option.getOrThrow(await activity("accueil-loisirs-vacances"))
    const withoutSummer = holiday.bookingPolicy.windows.filter((w) => w.periodStart < LocalDate.unsafe("2027-07-01"))
    if (withoutSummer.length !== holiday.bookingPolicy.windows.length) {
      const label = holiday.bookingPolicy.windows.find((w) => w.periodStart >= LocalDate.unsafe("2027-07-01"))?.label ?? ""
      expect((await admin.submit(path, `${path}/fenetres/retrait`, { fenetre: label })).status).toBe(303)
    }
    const added = await admin.submit(path, `${path}/fenetres`, summer)
    expect(added.status).toBe(303)
    const shown = textOf((await admin.get(added.location ?? "")).body)
    expect(shown).toContain("La période de réservation est publiée")
    expect(shown).toContain("Été 2027")
    expect(shown).toContain("habitants de la commune : mardi 1er juin 2027 à 08:30")
    const [record] = await audit()
    expect(record).toMatchObject({ action: "activities.update", outcome: "done", target: { id: "accueil-loisirs-vacances" } })
    const removed = await admin.submit(path, `${path}/fenetres/retrait`, { fenetre: "Été 2027" })
    expect(removed.status).toBe(303)
    expect(Option.getOrThrow(await activity("accueil-loisirs-vacances")).bookingPolicy.windows.some((w) => w.label === "Été 2027")).toBe(false)
  })
})
