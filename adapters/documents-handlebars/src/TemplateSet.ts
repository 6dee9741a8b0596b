import { existsSync, readdirSync, readFileSync } from "node:fs"
import { basename, extname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { GeneratedDocumentKind } from "@spe/core"
import Handlebars from "handlebars"
import { registerDocumentHelpers } from "./DocumentHelpers.js"
import { defaultTheme, type DocumentTheme } from "./HandlebarsRendererSettings.js"

/** The package's own templates. */
export const packageTemplatesDir: string = fileURLToPath(new URL("../templates/", import.meta.url))

/** The template file of each kind of document. */
export const templateFileOf: Record<GeneratedDocumentKind, string> = {
  invoice: "invoice.hbs",
  creditNote: "credit-note.hbs",
  attendanceCertificate: "attendance-certificate.hbs",
  childcareAttestation: "childcare-attestation.hbs",
  holidayBookingCalendar: "holiday-booking-calendar.hbs",
  householdSummary: "household-summary.hbs"
}

/** A template or a town's file could not be used; `reason` says which and why, in French. */
export class TemplateProblem extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

const LOGO_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp" }
const CSS_COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([0-9.,%\s/]+\))$/i

function hbsFiles(dir: string): ReadonlyArray<string> {
  if (!existsSync(dir)) return []
  return readdirSync(dir).filter((f) => extname(f) === ".hbs")
}

function readTheme(overridesDir: string | undefined): DocumentTheme {
  if (overridesDir === undefined) return defaultTheme
  const file = join(overridesDir, "theme.json")
  if (!existsSync(file)) return defaultTheme
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"))
  } catch (error) {
    throw new TemplateProblem(`le fichier de couleurs ${file} n'est pas un JSON valide (${String(error)}).`)
  }
  const theme: Record<string, string> = { ...defaultTheme }
  for (const key of Object.keys(defaultTheme)) {
    const value = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)[key] : undefined
    if (value === undefined) continue
    if (typeof value !== "string" || !CSS_COLOUR.test(value.trim()))
      throw new TemplateProblem(`la couleur « ${key} » de ${file} doit être une couleur CSS, par exemple #1d4f91.`)
    theme[key] = value.trim()
  }
  return theme as unknown as DocumentTheme
}

function readLogo(overridesDir: string | undefined): string | undefined {
  if (overridesDir === undefined) return undefined
  for (const [ext, type] of Object.entries(LOGO_TYPES)) {
    const file = join(overridesDir, `logo${ext}`)
    if (existsSync(file)) return `data:${type};base64,${readFileSync(file).toString("base64")}`
  }
  return undefined
}

/**
 * The templates, partials, helpers, logo and colours in use: the package's, each replaced by the
 * town's file of the same name in `overridesDir`. Loaded once; templates are compiled on first use.
 */
export class TemplateSet {
  private readonly hbs = Handlebars.create()
  private readonly sources = new Map<string, string>()
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>()
  /** The colours the documents use. */
  readonly theme: DocumentTheme
  /** The town's logo as a data URI, when its folder has one. */
  readonly logo: string | undefined

  constructor(readonly overridesDir?: string) {
    registerDocumentHelpers(this.hbs)
    const dirs = [packageTemplatesDir, ...(overridesDir === undefined ? [] : [overridesDir])]
    if (overridesDir !== undefined && !existsSync(overridesDir))
      throw new TemplateProblem(`le dossier des modèles de la commune (${overridesDir}) est introuvable.`)
    for (const dir of dirs) {
      for (const file of hbsFiles(dir)) this.sources.set(file, readFileSync(join(dir, file), "utf8"))
      for (const file of hbsFiles(join(dir, "partials"))) this.sources.set(`partials/${file}`, readFileSync(join(dir, "partials", file), "utf8"))
    }
    for (const [path, source] of this.sources) {
      if (path.startsWith("partials/")) this.hbs.registerPartial(basename(path, ".hbs"), source)
    }
    const layout = this.sources.get("layout.hbs")
    if (layout === undefined) throw new TemplateProblem("le modèle de mise en page layout.hbs est introuvable.")
    this.hbs.registerPartial("layout", layout)
    this.theme = readTheme(overridesDir)
    this.logo = readLogo(overridesDir)
  }

  /** The HTML page of a document: its kind's template with the layout, the data escaped. */
  render(kind: GeneratedDocumentKind, model: unknown): string {
    const file = templateFileOf[kind]
    let template = this.compiled.get(file)
    if (template === undefined) {
      const source = this.sources.get(file)
      if (source === undefined) throw new TemplateProblem(`le modèle ${file} est introuvable.`)
      template = this.hbs.compile(source, { strict: false })
      this.compiled.set(file, template)
    }
    try {
      return template(model, { data: { theme: this.theme, logo: this.logo } })
    } catch (error) {
      throw new TemplateProblem(`le modèle ${file} n'a pas pu être appliqué (${error instanceof Error ? error.message : String(error)}).`)
    }
  }
}
