const entities: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#x27": "'",
  "#39": "'",
  "#x3D": "=",
  "#x60": "`",
  nbsp: " "
}

/** The text a person reads in a page or fragment: scripts and tags removed, entities decoded, spaces collapsed. */
export const textOf = (html: string): string =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&([#\w]+);/g, (whole, name: string) => entities[name] ?? whole)
    .replace(/\s+/g, " ")
    .replace(/ ([,.])/g, "$1")
    .trim()

/** The HTML inside the page's `<main>` (the page without its header and help block). */
export const mainOf = (html: string): string => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? ""

/** The text a person reads in the page's `<main>`. */
export const mainTextOf = (html: string): string => textOf(mainOf(html))
