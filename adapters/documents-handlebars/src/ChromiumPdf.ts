import { accessSync, constants } from "node:fs"
import Handlebars from "handlebars"
import { type Browser, chromium } from "playwright-core"
import { DEFAULT_CHROMIUM_PATH } from "./HandlebarsRendererSettings.js"

/** Chromium's flags for rendering documents on a server: no sandbox, GPU, network chatter or updates. */
export const CHROMIUM_ARGS: ReadonlyArray<string> = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

/** No PDF can be made here; `reason` says why and what to install, in French. */
export class PdfEngineUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

/** Settings of the PDF engine. */
export interface ChromiumPdfSettings {
  readonly chromiumPath?: string
  readonly pdfTimeoutMs?: number
  readonly maxConcurrentPdfs?: number
}

/**
 * Prints HTML pages to A4 PDFs with the system's headless Chromium, through playwright-core.
 * One browser serves every document: launched on the first PDF, launched again if it crashed or
 * was closed, closed by `close()`. Each document gets its own context (JavaScript off, no network).
 */
export class ChromiumPdfEngine {
  private browser: Promise<Browser> | undefined
  private closed = false
  private running = 0
  private readonly waiting: Array<() => void> = []
  private launches = 0
  readonly executablePath: string
  private readonly timeout: number
  private readonly concurrency: number

  constructor(settings: ChromiumPdfSettings = {}) {
    this.executablePath = settings.chromiumPath ?? DEFAULT_CHROMIUM_PATH
    this.timeout = settings.pdfTimeoutMs ?? 30_000
    this.concurrency = Math.max(1, settings.maxConcurrentPdfs ?? 2)
  }

  /** Whether a Chromium executable is present at the configured path. */
  isInstalled(): boolean {
    try {
      accessSync(this.executablePath, constants.X_OK)
      return true
    } catch {
      return false
    }
  }

  /** How many times a browser was launched (diagnostics: 1 while the first browser lives). */
  get launchCount(): number {
    return this.launches
  }

  /** The browser in use, launching it when there is none or when it died. */
  async currentBrowser(): Promise<Browser> {
    if (this.closed) throw new PdfEngineUnavailable("le moteur PDF a été arrêté avec le serveur.")
    const existing = this.browser
    if (existing !== undefined) {
      const browser = await existing.catch(() => undefined)
      if (browser?.isConnected()) return browser
      if (this.browser === existing) this.browser = undefined
    }
    if (this.browser === undefined) this.browser = this.launch()
    return this.browser
  }

  private async launch(): Promise<Browser> {
    if (!this.isInstalled())
      throw new PdfEngineUnavailable(
        `Chromium est introuvable (${this.executablePath}). Installez-le sur le serveur (apt-get install chromium) ou indiquez son chemin dans le réglage chromiumPath ; le document reste disponible en HTML.`
      )
    this.launches++
    const launching = chromium.launch({
      executablePath: this.executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: this.timeout
    })
    const browser = await launching.catch((error: unknown) => {
      this.browser = undefined
      throw new PdfEngineUnavailable(
        `Chromium (${this.executablePath}) n'a pas pu démarrer : ${error instanceof Error ? error.message.split("\n")[0] : String(error)}. Vérifiez l'installation (apt-get install chromium).`
      )
    })
    browser.on("disconnected", () => {
      if (this.browser !== undefined) void this.browser.then((b) => { if (b === browser) this.browser = undefined }, () => undefined)
    })
    return browser
  }

  private async slot<A>(task: () => Promise<A>): Promise<A> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.running++
    try {
      return await task()
    } finally {
      this.running--
      this.waiting.shift()?.()
    }
  }

  private async printOnce(html: string, footerTitle: string): Promise<Uint8Array> {
    const browser = await this.currentBrowser()
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
    try {
      await context.route("**/*", (route) => route.abort())
      const page = await context.newPage()
      page.setDefaultTimeout(this.timeout)
      await page.setContent(html, { waitUntil: "load", timeout: this.timeout })
      const buffer = await page.pdf({
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-family:'DejaVu Sans',sans-serif;font-size:7.5pt;color:#4d4d4d;width:100%;padding:0 14mm;display:flex;justify-content:space-between"><span>${Handlebars.escapeExpression(footerTitle)}</span><span>Page <span class="pageNumber"></span> sur <span class="totalPages"></span></span></div>`,
        margin: { top: "16mm", right: "14mm", bottom: "20mm", left: "14mm" }
      })
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    } finally {
      await context.close().catch(() => undefined)
    }
  }

  /**
   * The PDF of an HTML page (A4, backgrounds printed, `footerTitle` and page numbers in the
   * footer). A browser that died during the print is launched again and the print retried once.
   */
  pdf(html: string, footerTitle: string): Promise<Uint8Array> {
    return this.slot(async () => {
      try {
        return await this.printOnce(html, footerTitle)
      } catch (error) {
        if (error instanceof PdfEngineUnavailable || this.closed) throw error
        const browser = await this.browser?.catch(() => undefined)
        if (browser !== undefined && browser.isConnected()) throw error
        this.browser = undefined
        return await this.printOnce(html, footerTitle)
      }
    })
  }

  /** Closes the browser; later PDFs are refused. */
  async close(): Promise<void> {
    this.closed = true
    const browser = this.browser
    this.browser = undefined
    if (browser !== undefined) await (await browser.catch(() => undefined))?.close().catch(() => undefined)
  }
}
