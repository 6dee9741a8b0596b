import { AuditLog, Cents, priceSession, TariffCatalogue, TariffGridId, tariffPreviewColumns, tariffPreviewQfs } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, "=").replace(/&#x60;/g, "`").replace(/&amp;/g, "&")

const errorOf = (html: string, field: string) => {
  const match = new RegExp(`id="${field}-erreur"><span class="visually-hidden">Erreur : </span>([^<]*)<`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).trim()
}

/** The values a browser would send from the grid's form (text fields, ticked boxes, chosen options). */
function formFields(html: string): Record<string, string> {
  const start = html.indexOf("data-tarifs")
  const form = html.slice(html.lastIndexOf("<form", start), html.indexOf("</form>", start))
  const fields: Record<string, string> = {}
  for (const [, attributes = ""] of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attributes)?.[1]
    const type = /type="([^"]*)"/.exec(attributes)?.[1] ?? "text"
    if (name === undefined || name === "_csrf" || (type === "checkbox" && !/\bchecked\b/.test(attributes))) continue
    fields[name] = decode(/value="([^"]*)"/.exec(attributes)?.[1] ?? "")
  }
  for (const [, name = "", options = ""] of form.matchAll(/<select\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name] = decode(/<option value="([^"]*)" selected>/.exec(options)?.[1] ?? /<option value="([^"]*)"/.exec(options)?.[1] ?? "")
  }
  return fields
}

/** The prices of the preview table, by row label. */
function previewRows(html: string): Record<string, ReadonlyArray<string>> {
  const section = html.slice(html.indexOf('id="apercu-tarifs"'))
  const rows: Record<string, ReadonlyArray<string>> = {}
  for (const [, label = "", cells = ""] of section.matchAll(/<th scope="row" data-label="Quotient familial">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)) {
    rows[textOf(label).trim()] = [...cells.matchAll(/class="amount">([^<]*)</g)].map((m) => textOf(m[1] ?? "").trim())
  }
  return rows
}

let t: TestPortal
let admin: BrowserLikeClient

const gridId = TariffGridId.make("grille-restauration-scolaire-2026")
const gridPath = `/agents/tarifs/${gridId}`
const grid = (id: TariffGridId = gridId) => t.demo.runtime.runPromise(Effect.flatMap(TariffCatalogue, (c) => c.get(id)))
const audit = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const euros = (cents: number) => Cents.formatEuros(Cents.cents(cents))

beforeAll(async () => {
  t = await startTestPortal()
  admin = await t.agentClient("admin")
})

afterAll(async () => {
  await t.close()
})

describe("the tariff grids in the back office", () => {
  it("are for roles with activities.manage only; others change nothing", async () => {
    for (const page of ["/agents/tarifs", "/agents/tarifs/nouvelle", gridPath, "/agents/tarifs/apercu?mode=Flat"]) {
      const visitor = await new BrowserLikeClient(t.url).get(page)
      expect(visitor.location).toBe(`/agents/connexion?suite=${encodeURIComponent(page)}`)
      expect((await (await t.familyClient()).get(page)).status).toBe(403)
      for (const role of ["reader", "agent", "billing"] as const) expect((await (await t.agentClient(role)).get(page)).status).toBe(403)
    }
    const billing = await t.agentClient("billing")
    const before = await grid()
    const fields = formFields((await admin.get(gridPath)).body)
    expect((await billing.post(gridPath, { ...fields, coutRevient: "99,00" }, { csrf: csrfTokenIn((await billing.get("/agents")).body) })).status).toBe(403)
    expect(await grid()).toEqual(before)
    expect((await admin.get("/agents/tarifs/inconnue")).status).toBe(404)
  })

  it("lists the grids of a school year, by activity", async () => {
    const page = textOf((await admin.get("/agents/tarifs")).body)
    expect(page).toContain("5 grille(s) pour l'année scolaire 2026-2027.")
    expect(page).toContain("Restauration scolaire 2026-2027, par repas (chiffres de démonstration)")
    expect(page).toContain("5 tranche(s) de QF, de 1,00 € à 4,50 €")
    const filtered = textOf((await admin.get("/agents/tarifs?annee=2025-2026&activite=restauration-scolaire")).body)
    expect(filtered).toContain("1 grille(s) pour l'année scolaire 2025-2026.")
    expect(filtered).toContain("Restauration scolaire 2025-2026")
  })

  it("previews a grid with the very prices priceSession gives, for sample QFs and without a QF", async () => {
    const saved = await grid()
    const rows = previewRows((await admin.get(gridPath)).body)
    const expected = (qf: number | undefined) =>
      tariffPreviewColumns.map((column) =>
        euros(
          priceSession(saved, {
            quotient: qf === undefined ? { _tag: "QuotientMissing" } : { _tag: "QuotientKnown", qf, source: "simulation" },
            residency: column.residency,
            childRank: column.childRank,
            circumstance: column.circumstance
          }).amount
        )
      )
    for (const qf of tariffPreviewQfs) expect(rows[`QF ${qf} €`]).toEqual(expected(qf))
    expect(rows["Sans QF valide"]).toEqual(expected(undefined))
    expect(rows["QF 700 €"]?.slice(0, 2)).toEqual(["2,10 €", "2,52 €"])
  })

  it("shows the prices of what is typed without saving it, by the Prévisualiser button and by the live preview", async () => {
    const page = await admin.get(gridPath)
    const fields = { ...formFields(page.body), mode: "EffortRate", tauxEffort: "0,6", prixPlancher: "1,00", prixPlafond: "5,97" }
    const before = await grid()
    const previewed = await admin.post(gridPath, { ...fields, action: "apercu" }, { csrf: csrfTokenIn(page.body) })
    expect(previewed.status).toBe(200)
    const rows = previewRows(previewed.body)
    expect(rows["QF 300 €"]?.[0]).toBe("1,80 €")
    expect(rows["QF 500 €"]?.[0]).toBe("3,00 €")
    expect(rows["QF 2000 €"]?.[0]).toBe("5,97 €")
    expect(rows["Sans QF valide"]?.[0]).toBe("5,97 €")
    expect(await grid()).toEqual(before)
    const live = await admin.get(`/agents/tarifs/apercu?${new URLSearchParams(fields).toString()}`)
    expect(live.status).toBe(200)
    expect(previewRows(live.body)).toEqual(rows)
    const wrong = await admin.get(`/agents/tarifs/apercu?${new URLSearchParams({ ...fields, prixPlafond: "0,50" }).toString()}`)
    expect(wrong.status).toBe(400)
    expect(textOf(wrong.body)).toContain("Corrigez la grille pour voir ses prix. Le prix plafond (0,50 €) ne peut être inférieur au prix plancher (1,00 €).")
    expect(errorOf(wrong.body, "prixPlafond")).toBe("Le prix plafond (0,50 €) ne peut être inférieur au prix plancher (1,00 €).")
    const script = await admin.get("/static/tarifs.js")
    expect(script.status).toBe(200)
    expect(script.body).toContain("apercu-tarifs")
    expect(page.body).toMatch(/<script src="\/static\/tarifs-[0-9a-f]{12}\.js" defer><\/script>/)
  })

  it("refuses a grid typed wrong, each message next to its field, what was typed kept", async () => {
    const page = await admin.get(gridPath)
    const fields = formFields(page.body)
    const gap = await admin.post(gridPath, { ...fields, tranche2De: "520", action: "enregistrer" }, { csrf: csrfTokenIn(page.body) })
    expect(gap.status).toBe(400)
    expect(errorOf(gap.body, "tranche2De")).toBe("Trou entre les tranches : les QF de 501 à 519 n'ont pas de tarif.")
    expect(gap.body).toContain('value="520"')
    const format = await admin.post(gridPath, { ...fields, tranche1Prix: "un euro", horsCommuneValeur: "vingt" }, { csrf: csrfTokenIn(page.body) })
    expect(errorOf(format.body, "tranche1Prix")).toBe("Le prix de la tranche s'écrit en euros, par exemple 3,50 (deux décimales au plus).")
    expect(errorOf(format.body, "horsCommuneValeur")).toBe("La majoration hors commune s'écrit en pourcentage, par exemple 20 ou 0,6 (deux décimales au plus).")
    const year = await admin.post(gridPath, { ...fields, annee: "2026" }, { csrf: csrfTokenIn(page.body) })
    expect(errorOf(year.body, "annee")).toBe("L'année scolaire doit être écrite sous la forme 2025-2026 (deux années qui se suivent).")
    expect((await audit()).filter((r) => r.action === "tariffs.save")).toEqual([])
  })

  it("saves the edit of a grid, audited with the grid before and after", async () => {
    const before = await grid()
    const page = await admin.get(gridPath)
    const fields = formFields(page.body)
    const saved = await admin.post(gridPath, { ...fields, coutRevient: "9,00", tranche1Prix: "0,90", action: "enregistrer" }, { csrf: csrfTokenIn(page.body) })
    expect(saved.status).toBe(303)
    expect(saved.location).toBe(`${gridPath}?message=grille-enregistree`)
    const shown = await admin.get(saved.location ?? "")
    expect(textOf(shown.body)).toContain("La grille est enregistrée.")
    expect(previewRows(shown.body)["QF 300 €"]?.[0]).toBe("0,90 €")
    const after = await grid()
    expect(after.costOfProduction).toBe(900)
    expect(after.mode._tag === "Bands" && after.mode.bands[0]?.price).toBe(90)
    expect(after.modifiers).toEqual(before.modifiers)
    expect(after.label).toBe(before.label)
    const [record] = await audit()
    expect(record).toMatchObject({ action: "tariffs.save", outcome: "done", actorRole: "admin", target: { kind: "tariff-grid", id: gridId } })
    const firstBand = (json: unknown) => (json as { mode: { bands: ReadonlyArray<unknown> } }).mode.bands[0]
    expect(record?.before).toMatchObject({ costOfProduction: 850 })
    expect(firstBand(record?.before)).toEqual({ label: "T1", fromQf: 0, toQf: 500, price: 100 })
    expect(record?.after).toMatchObject({ costOfProduction: 900 })
    expect(firstBand(record?.after)).toEqual({ label: "T1", fromQf: 0, toQf: 500, price: 90 })
  })

  it("creates a grid for an activity and a year, and refuses a second grid for the same activity and year", async () => {
    const page = await admin.get("/agents/tarifs/nouvelle")
    expect(page.status).toBe(200)
    const fields = {
      ...formFields(page.body),
      nom: "Accueil du soir 2027-2028 (taux d'effort)",
      annee: "2027-2028",
      "activite-accueil-soir": "oui",
      mode: "EffortRate",
      tauxEffort: "0,4",
      prixPlancher: "1,00",
      prixPlafond: "4,00",
      coutRevient: "6,00",
      horsCommuneType: "Percent",
      horsCommuneValeur: "20",
      tranche1Nom: "",
      tranche1De: ""
    }
    const created = await admin.post("/agents/tarifs/nouvelle", { ...fields, action: "enregistrer" }, { csrf: csrfTokenIn(page.body) })
    expect(created.status).toBe(303)
    expect(created.location).toBe("/agents/tarifs/grille-accueil-soir-2027?message=grille-enregistree")
    const stored = await grid(TariffGridId.make("grille-accueil-soir-2027"))
    expect(stored).toMatchObject({ schoolYear: "2027-2028", activityIds: ["accueil-soir"], mode: { _tag: "EffortRate", rate: 40, floor: 100, ceiling: 400 }, modifiers: { nonResident: { _tag: "Percent", rate: 2000 } } })
    expect((await audit())[0]).toMatchObject({ action: "tariffs.save", outcome: "done", before: null, after: { label: "Accueil du soir 2027-2028 (taux d'effort)" } })
    const again = await admin.post("/agents/tarifs/nouvelle", { ...fields, annee: "2026-2027", action: "enregistrer" }, { csrf: csrfTokenIn(page.body) })
    expect(again.status).toBe(400)
    expect(textOf(again.body)).toContain("fixe déjà le tarif de l'activité accueil-soir pour 2026-2027")
    const none = await admin.post("/agents/tarifs/nouvelle", { ...fields, "activite-accueil-soir": "", action: "apercu" }, { csrf: csrfTokenIn(page.body) })
    expect(none.status).toBe(400)
    expect(textOf(none.body)).toContain("Indiquez au moins une activité couverte par la grille.")
  })
})
