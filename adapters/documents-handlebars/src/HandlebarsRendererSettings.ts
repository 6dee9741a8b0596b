/** The colours of the documents, as CSS colours (`#1d4f91`, `rgb(29 79 145)`, `navy`). */
export interface DocumentTheme {
  /** Headings, the town's name, totals. */
  readonly primary: string
  /** The rule under the header. */
  readonly accent: string
  readonly text: string
  /** Secondary text: explanations, footer. */
  readonly muted: string
  /** Table rules and frames. */
  readonly rule: string
  /** Table header background. */
  readonly shade: string
}

/** The package's colours, replaced by a town's `theme.json`. */
export const defaultTheme: DocumentTheme = {
  primary: "#1d4f91",
  accent: "#c8102e",
  text: "#1a1a1a",
  muted: "#4d4d4d",
  rule: "#b3b3b3",
  shade: "#eef2f7"
}

/** Settings of the Handlebars renderer. */
export interface HandlebarsRendererSettings {
  /**
   * A town's own folder: any template (`invoice.hbs`, `layout.hbs`…) or partial (`partials/header.hbs`)
   * found there replaces the package's, new partials may be added, `logo.svg` / `logo.png` / `logo.jpg`
   * is printed in the header and `theme.json` sets colours (keys of `DocumentTheme`).
   */
  readonly overridesDir?: string
  /** The Chromium executable for PDFs; `/usr/bin/chromium` (Debian's `chromium` package) by default. */
  readonly chromiumPath?: string
  /** Longest time one PDF may take, in milliseconds; 30 000 by default. */
  readonly pdfTimeoutMs?: number
  /** PDFs rendered at once in the shared browser; 2 by default. */
  readonly maxConcurrentPdfs?: number
}

/** Debian's Chromium. */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium"
