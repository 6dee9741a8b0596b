import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Cents, generatedDocumentKinds, LocalDate } from "@spe/core"
import { fc, test } from "@fast-check/vitest"
import { Effect, Either } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { generatedDocumentSamples, htmlText } from "@spe/testkit"
import { date, euros, instant, plural } from "./DocumentHelpers.js"
import { HandlebarsDocumentRenderer } from "./HandlebarsDocumentRenderer.js"
import { TemplateProblem } from "./TemplateSet.js"

const work = mkdtempSync(join(tmpdir(), "spe-templates-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const PNG_1x1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64")

function townFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(work, "town-"))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

describe("helpers", () => {
  test.prop([fc.integer({ min: -10_000_000, max: 10_000_000 })])("euros prints Cents.formatEuros of the cents", (n) => {
    expect(euros({ cents: n, text: "ignored" })).toBe(Cents.formatEuros(Cents.cents(n)))
    expect(euros(n)).toBe(Cents.formatEuros(Cents.cents(n)))
  })

  it("prints dates, instants and counts in French", () => {
    expect(date({ date: "2026-03-27", text: "", short: "" })).toBe("vendredi 27 mars 2026")
    expect(date("2026-03-27", "short")).toBe("27/03/2026")
    expect(date(LocalDate.unsafe("2026-04-30"))).toBe("jeudi 30 avril 2026")
    expect(instant({ instant: "2026-03-09T07:00:00.000Z", text: "" })).toBe("lundi 9 mars 2026 à 08:00")
    expect(plural(1, "jour", "jours")).toBe("1 jour")
    expect(plural(3, "jour", "jours")).toBe("3 jours")
    expect(euros("not money")).toBe("")
  })
})

describe("HTML pages", () => {
  const renderer = new HandlebarsDocumentRenderer()
  const { models } = generatedDocumentSamples()

  it("are accessible: French, one h1, headed tables with scopes and captions", () => {
    for (const kind of generatedDocumentKinds) {
      const html = renderer.html(kind, models[kind])
      expect(html, kind).toMatch(/^<!doctype html>\s*<html lang="fr">/)
      expect(html.match(/<h1[\s>]/g)?.length, kind).toBe(1)
      expect(html, kind).toContain("<main")
      const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? []
      for (const table of tables) {
        expect(table, kind).toMatch(/<caption/)
        expect(table, kind).toMatch(/<th scope="(col|row)"/)
        expect(table, kind).not.toMatch(/<th(?:\s(?![^>]*scope=)[^>]*)?>/)
      }
    }
  })

  it("print every amount as Cents.formatEuros of its cents", () => {
    const text = htmlText(renderer.html("invoice", models.invoice))
    for (const group of models.invoice.groups) {
      expect(text).toContain(`Sous-total ${group.childName}, ${group.activityName} ${Cents.formatEuros(group.subtotal.cents)}`)
      for (const line of group.lines) expect(text).toContain(`${line.date.short} ${line.ruleLabel}`)
    }
    expect(text).toContain(`Total de la facture ${Cents.formatEuros(models.invoice.total.cents)}`)
    expect(text).toContain(`Reste à payer ${Cents.formatEuros(models.invoice.remaining.cents)}`)
  })

  it("refuse data of another kind", async () => {
    const result = await Effect.runPromise(Effect.either(renderer.render("invoice", models.creditNote as never, "html")))
    expect(Either.isLeft(result) && result.left.message).toContain("autre document")
  })
})

describe("a town's own folder", () => {
  const { models } = generatedDocumentSamples({ days: 2 })

  it("replaces templates and partials, adds partials, and sets the logo and the colours", () => {
    const overridesDir = townFolder({
      "partials/footer.hbs": "<footer><p>Mairie de {{issuer.townName}} — {{> town-motto}}</p></footer>",
      "partials/town-motto.hbs": "<em>Ville fleurie</em>",
      "credit-note.hbs": "{{#> layout}}<h1>Avoir de la commune n° {{number}}</h1><p>{{reason}} : {{euros total}}</p>{{/layout}}",
      "logo.png": PNG_1x1,
      "theme.json": JSON.stringify({ primary: "#006633", accent: "rgb(200 16 46)" })
    })
    const renderer = new HandlebarsDocumentRenderer({ overridesDir })
    const invoice = renderer.html("invoice", models.invoice)
    expect(invoice).toContain("Mairie de Saint-Pierre-lès-Elbeuf — <em>Ville fleurie</em>")
    expect(invoice).toContain(`<img class="logo" src="data:image/png;base64,${PNG_1x1.toString("base64").replace(/=/g, "&#x3D;")}" alt="Logo de la ville de Saint-Pierre-lès-Elbeuf">`)
    expect(invoice).toContain("--primary: #006633;")
    expect(invoice).toContain("--accent: rgb(200 16 46);")
    expect(invoice).toContain("--text: #1a1a1a;")
    const note = htmlText(renderer.html("creditNote", models.creditNote))
    expect(note).toContain(`Avoir de la commune n° ${models.creditNote.number}`)
    expect(note).toContain(`${models.creditNote.reason} : ${models.creditNote.total.text}`)
    expect(htmlText(new HandlebarsDocumentRenderer().html("invoice", models.invoice))).not.toContain("Ville fleurie")
  })

  it("escapes data in the town's templates too", () => {
    const overridesDir = townFolder({ "household-summary.hbs": "{{#> layout}}<h1>{{familyName}}</h1>{{/layout}}" })
    const hostile = generatedDocumentSamples({ familyName: "<script>alert(1)</script>", days: 1 })
    const html = new HandlebarsDocumentRenderer({ overridesDir }).html("householdSummary", hostile.models.householdSummary)
    expect(html).toContain("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>")
    expect(html).not.toContain("<script>")
  })

  it("is refused with a French reason when unusable", async () => {
    expect(() => new HandlebarsDocumentRenderer({ overridesDir: join(work, "missing") })).toThrow(TemplateProblem)
    expect(() => new HandlebarsDocumentRenderer({ overridesDir: townFolder({ "theme.json": "{\"primary\": \"red; } body { display:none\"}" }) })).toThrow(
      /couleur « primary »/
    )
    const broken = new HandlebarsDocumentRenderer({ overridesDir: townFolder({ "invoice.hbs": "{{#> layout}}{{#each groups}}{{/layout}}" }) })
    const result = await Effect.runPromise(Effect.either(broken.render("invoice", models.invoice, "html")))
    if (Either.isRight(result)) throw new Error("a broken template rendered")
    expect(result.left.message).toContain("invoice.hbs")
    expect(result.left.message).toContain("Impossible de produire le document « facture » au format HTML")
  })
})
