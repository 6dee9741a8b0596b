import { AbsenceRepository, type Household, HouseholdRepository, LocalDate, SupportingDocumentRepository } from "@spe/core"
import { pdfBytes } from "@spe/testkit"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { mainOf, textOf } from "../testing/PageText.js"

const logIn = async (t: TestPortal, login = demoFamily.login) => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password }, true)
  expect(response.status).toBe(200)
  return client
}

const childOf = async (t: TestPortal, reference: string, firstName: string): Promise<string> => {
  const id = await t.householdId(reference)
  const household: Household = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (households) => households.get(id)))
  const child = household.children.find((c) => c.firstName === firstName)
  if (child === undefined) throw new Error(`No child ${firstName}`)
  return child.id
}

const certificate = { fileName: "certificat-lea.pdf", type: "application/pdf", bytes: pdfBytes() }

/** The address of the form that adds a certificate to the absence of a child starting on a day. */
const certificateActionOf = (html: string, period: string): string => {
  const at = html.indexOf(period)
  const match = /action="(\/mon-espace\/absences\/[^"]+\/certificat)"/.exec(html.slice(at))
  if (at < 0 || match?.[1] === undefined) throw new Error(`No certificate form for ${period}`)
  return match[1]
}

describe("Signaler une absence", () => {
  let t: TestPortal
  let lea: string
  let hugo: string
  let client: BrowserLikeClient

  beforeAll(async () => {
    t = await startTestPortal()
    lea = await childOf(t, "FAM-000101", "Léa")
    hugo = await childOf(t, "FAM-000101", "Hugo")
    client = await logIn(t)
  })
  afterAll(async () => {
    await t.close()
  })

  it("shows the form (multipart, the reasons in French) and the household's absences", async () => {
    const page = await client.get("/mon-espace/absences")
    expect(page.status).toBe(200)
    const main = mainOf(page.body)
    const text = textOf(main)
    expect(text).toContain("Signaler une absence")
    expect(main).toContain('enctype="multipart/form-data"')
    for (const label of ["Enfant", "Premier jour d'absence", "Dernier jour d'absence", "Motif", "Maladie", "Raison familiale", "Autre motif", "Commentaire", "Certificat médical"]) {
      expect(text).toContain(label)
    }
    expect(main).toContain('type="file"')
    expect(text).toContain("Hugo, du lundi 5 octobre 2026 au mardi 6 octobre 2026 – Maladie")
    expect(text).toContain("Absence justifiée par un certificat médical transmis dans le délai : elle n'est pas facturée (hors jours de carence).")
  })

  it("reports an illness with a PDF certificate: justified, the sessions cancelled late and not billed", async () => {
    const answer = await client.submitMultipart(
      "/mon-espace/absences",
      "/mon-espace/absences",
      { enfant: lea, debut: "2026-11-26", fin: "2026-11-27", motif: "illness", commentaire: "Angine, certificat joint." },
      { certificat: certificate }
    )
    expect(answer.status).toBe(200)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("Absence signalée")
    expect(text).toContain("Léa, du jeudi 26 novembre 2026 au vendredi 27 novembre 2026 – Maladie.")
    expect(text).toContain("Absence justifiée par un certificat médical transmis dans le délai")
    expect(text).toContain("Certificat médical transmis le jeudi 26 novembre 2026 à 09:00.")
    expect(text).toContain("jeudi 26 novembre 2026 – Restauration scolaire Réservation annulée hors délai. Non facturée : absence justifiée.")
    expect(text).toContain("vendredi 27 novembre 2026 – Restauration scolaire Réservation annulée hors délai. Non facturée : absence justifiée.")
    const id = await t.householdId("FAM-000101")
    const documents = await t.demo.runtime.runPromise(Effect.flatMap(SupportingDocumentRepository, (d) => d.listByHousehold(id, {})))
    expect(documents.some((d) => d.kind === "medicalCertificate" && d.file.name === "certificat-lea.pdf")).toBe(true)
  })

  it("reports an illness without certificate with the rule's message, then takes the certificate later", async () => {
    const answer = await client.submitMultipart(
      "/mon-espace/absences",
      "/mon-espace/absences",
      { enfant: hugo, debut: "2026-12-03", fin: "2026-12-03", motif: "illness", commentaire: "" },
      {}
    )
    expect(answer.status).toBe(200)
    const text = textOf(mainOf(answer.body))
    expect(text).toContain("Hugo, le jeudi 3 décembre 2026 – Maladie.")
    expect(text).toContain("Absence pour maladie sans certificat médical : joignez-le au plus tard le dimanche 6 décembre 2026 à 23:59 pour qu'elle soit justifiée.")
    expect(text).toContain("jeudi 3 décembre 2026 – Restauration scolaire Réservation annulée dans le délai. Non facturée : réservation annulée dans les délais.")

    const list = await client.get("/mon-espace/absences")
    const action = certificateActionOf(list.body, "Hugo</strong>, le jeudi 3 décembre 2026")
    const wrongType = await client.postMultipart(
      action,
      {},
      { certificat: { fileName: "note.txt", type: "text/plain", bytes: new TextEncoder().encode("certificat") } },
      { csrf: csrfTokenIn(list.body) }
    )
    expect(wrongType.status).toBe(400)
    expect(textOf(mainOf(wrongType.body))).toContain("Le fichier « note.txt » est de type")
    const added = await client.postMultipart(action, {}, { certificat: certificate }, { csrf: csrfTokenIn(list.body) })
    expect(added.status).toBe(200)
    const addedText = textOf(mainOf(added.body))
    expect(addedText).toContain("Certificat médical ajouté")
    expect(addedText).toContain("Absence justifiée par un certificat médical transmis dans le délai")
  })

  it("says a family reason does not justify the absence and refuses what cannot be accepted", async () => {
    const family = await client.submitMultipart(
      "/mon-espace/absences",
      "/mon-espace/absences",
      { enfant: lea, debut: "2026-12-14", fin: "2026-12-15", motif: "family", commentaire: "Chez les grands-parents." },
      {}
    )
    expect(family.status).toBe(200)
    expect(textOf(mainOf(family.body))).toContain("Seule une maladie avec certificat médical justifie une absence : les jours non annulés à temps restent facturés.")

    const empty = await client.submitMultipart("/mon-espace/absences", "/mon-espace/absences", { enfant: lea, debut: "", fin: "", motif: "", commentaire: "" }, {})
    expect(empty.status).toBe(400)
    const emptyText = textOf(mainOf(empty.body))
    expect(emptyText).toContain("Indiquez le premier jour d'absence (jour, mois, année).")
    expect(emptyText).toContain("Choisissez le motif de l'absence.")

    const reversed = await client.submitMultipart("/mon-espace/absences", "/mon-espace/absences", { enfant: lea, debut: "2027-01-08", fin: "2027-01-07", motif: "other", commentaire: "" }, {})
    expect(reversed.status).toBe(400)
    expect(textOf(mainOf(reversed.body))).toContain("L'absence finirait le jeudi 7 janvier 2027, avant de commencer le vendredi 8 janvier 2027")

    const overlapping = await client.submitMultipart("/mon-espace/absences", "/mon-espace/absences", { enfant: lea, debut: "2026-12-15", fin: "2026-12-16", motif: "other", commentaire: "" }, {})
    expect(overlapping.status).toBe(400)
    expect(textOf(mainOf(overlapping.body))).toContain("Une absence de l'enfant est déjà signalée du lundi 14 décembre 2026 au mardi 15 décembre 2026.")
    expect(mainOf(overlapping.body)).toContain('value="2026-12-16"')

    const certificateForFamilyReason = await client.submitMultipart(
      "/mon-espace/absences",
      "/mon-espace/absences",
      { enfant: lea, debut: "2027-01-11", fin: "2027-01-11", motif: "family", commentaire: "" },
      { certificat: certificate }
    )
    expect(certificateForFamilyReason.status).toBe(400)
    expect(textOf(mainOf(certificateForFamilyReason.body))).toContain("Un certificat médical ne justifie qu'une absence pour maladie")
  })

  it("keeps another household out: CONCERTO's child and absences answer 404", async () => {
    const camille = await logIn(t, "camille.lefebvre")
    const concerto = await t.householdId("FAM-000101")
    const absences = await t.demo.runtime.runPromise(
      Effect.flatMap(AbsenceRepository, (r) => r.forHousehold(concerto, LocalDate.unsafe("2026-09-01"), LocalDate.unsafe("2027-08-31")))
    )
    const absence = absences.find((a) => a.childId === lea)
    if (absence === undefined) throw new Error("No absence of Léa")
    const action = `/mon-espace/absences/${absence.id}/certificat`
    const forgedChild = await camille.submitMultipart(
      "/mon-espace/absences",
      "/mon-espace/absences",
      { enfant: lea, debut: "2027-01-12", fin: "2027-01-12", motif: "other", commentaire: "" },
      {}
    )
    expect(forgedChild.status).toBe(404)
    const own = await camille.get("/mon-espace/absences")
    expect(textOf(mainOf(own.body))).not.toContain("Léa")
    const forgedAbsence = await camille.postMultipart(action, {}, { certificat: certificate }, { csrf: csrfTokenIn(own.body) })
    expect(forgedAbsence.status).toBe(404)
  })
})
