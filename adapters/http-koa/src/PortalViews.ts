import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Cents, type Instant, LocalDate, ParisTime } from "@spe/core"
import Handlebars from "handlebars"

/** A script of `static/`: its text, its address named after its content (cached for good), and its plain address (revalidated). */
export interface StaticScript {
  readonly js: string
  readonly href: string
  readonly path: string
}

/** A page's own data; plain values only (templates cannot read class getters). */
export type PageModel = Readonly<Record<string, unknown>>

/** What every page's frame shows: the town, the help block, the logged-in state, the CSRF token. */
export interface LayoutModel {
  readonly title: string
  readonly townName: string
  readonly help: PageModel
  readonly loggedIn: boolean
  readonly csrfToken: string
  readonly brandIsHeading: boolean
  readonly notice?: string
  /** The logged-in agent (name, role, the back office's menu), on every page they open. */
  readonly agent?: PageModel
}

const viewsDirectory = fileURLToPath(new URL("./views/", import.meta.url))
const staticDirectory = fileURLToPath(new URL("./static/", import.meta.url))

const isInstant = (value: string): value is Instant.Instant => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)

/** `{{euros amount}}`: integer cents in French ("1 234,50 €"). */
function euros(value: unknown): string {
  return typeof value === "number" && Number.isSafeInteger(value) ? Cents.formatEuros(Cents.cents(value)) : ""
}

/** `{{date day}}`: a `YYYY-MM-DD` date in French ("jeudi 26 novembre 2026"). */
function date(value: unknown): string {
  if (typeof value !== "string") return ""
  const parsed = LocalDate.parse(value)
  return parsed._tag === "Right" ? LocalDate.formatFr(parsed.right) : value
}

/** `{{instant at}}`: an ISO instant in Paris time, in French. */
function instant(value: unknown): string {
  return typeof value === "string" && isInstant(value) ? ParisTime.formatFr(value) : ""
}

const helperArguments = (args: ReadonlyArray<unknown>): ReadonlyArray<unknown> => args.slice(0, -1)

/**
 * The portal's Handlebars environment: the layout, the partials (`views/partials/*.hbs`) and the
 * pages (`views/pages/*.hbs`), compiled once, with the French formatting helpers `euros`, `date`,
 * `instant`, and `eq`, `or`, `and`. Everything a template prints with `{{…}}` is escaped.
 */
export class PortalViews {
  private readonly handlebars = Handlebars.create()
  private readonly layout: Handlebars.TemplateDelegate
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>()
  /** The stylesheet's text and its address, named after its content so it can be cached for good. */
  readonly stylesheet: { readonly css: string; readonly href: string }
  /** The progressive-enhancement scripts (`static/*.js`), by name (`demandes`); a page links one with `{{script "demandes"}}`. */
  readonly scripts: ReadonlyMap<string, StaticScript>

  constructor(directory: string = viewsDirectory) {
    const hb = this.handlebars
    hb.registerHelper("euros", euros)
    hb.registerHelper("date", date)
    hb.registerHelper("instant", instant)
    hb.registerHelper("eq", (a: unknown, b: unknown) => a === b)
    hb.registerHelper("or", (...args: ReadonlyArray<unknown>) => helperArguments(args).some(Boolean))
    hb.registerHelper("and", (...args: ReadonlyArray<unknown>) => helperArguments(args).every(Boolean))
    const templates = (folder: string) =>
      readdirSync(join(directory, folder))
        .filter((file) => file.endsWith(".hbs"))
        .map((file) => [basename(file, ".hbs"), readFileSync(join(directory, folder, file), "utf8")] as const)
    for (const [name, source] of templates("partials")) hb.registerPartial(name, source)
    for (const [name, source] of templates("pages")) this.pages.set(name, hb.compile(source, { strict: false }))
    this.layout = hb.compile(readFileSync(join(directory, "layout.hbs"), "utf8"))
    const css = readFileSync(join(staticDirectory, "portail.css"), "utf8")
    const version = createHash("sha256").update(css).digest("hex").slice(0, 12)
    this.stylesheet = { css, href: `/static/portail-${version}.css` }
    const scripts = new Map<string, StaticScript>()
    for (const file of readdirSync(staticDirectory).filter((f) => f.endsWith(".js"))) {
      const js = readFileSync(join(staticDirectory, file), "utf8")
      const name = basename(file, ".js")
      scripts.set(name, { js, href: `/static/${name}-${createHash("sha256").update(js).digest("hex").slice(0, 12)}.js`, path: `/static/${file}` })
    }
    this.scripts = scripts
    hb.registerHelper("script", (name: unknown) => (typeof name === "string" ? scripts.get(name)?.href ?? "" : ""))
  }

  /** Whether a page template exists. */
  has(page: string): boolean {
    return this.pages.has(page)
  }

  /** The whole HTML document of a page in the layout. */
  render(page: string, model: PageModel, layout: LayoutModel): string {
    const template = this.pages.get(page)
    if (template === undefined) throw new Error(`No portal page template named ${page}`)
    const body = template({ ...model, csrfToken: layout.csrfToken })
    return this.layout({ ...layout, stylesheet: this.stylesheet.href, body })
  }
}
