/** A response as the tests read it. */
export interface BrowserLikeResponse {
  readonly status: number
  readonly headers: Headers
  readonly body: string
  /** The body as received (a PDF, an upload served back). */
  readonly bytes: Uint8Array
  /** Where a redirect points, if it is one. */
  readonly location: string | undefined
}

/** The CSRF token of the first form of a page (the `_csrf` hidden field). */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html)
  if (match?.[1] === undefined) throw new Error("No CSRF token in the page")
  return match[1]
}

/** A file to send with a `multipart/form-data` form. */
export interface FileToSend {
  readonly fileName: string
  readonly type: string
  readonly bytes: Uint8Array
}

/**
 * A small HTTP client that behaves like a browser for the portal's tests: it keeps cookies,
 * posts urlencoded and multipart forms, and does not follow redirects unless asked.
 */
export class BrowserLikeClient {
  readonly cookies = new Map<string, string>()

  constructor(readonly baseUrl: string) {}

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";")
      const at = pair?.indexOf("=") ?? -1
      if (pair === undefined || at < 0) continue
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const removed = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (removed || value === "") this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  /** Sends a request with the cookies kept; `follow` follows redirects (GET), keeping cookies along the way. */
  async request(
    path: string,
    init: { readonly method?: string; readonly body?: string | FormData; readonly contentType?: string; readonly follow?: boolean; readonly headers?: Readonly<Record<string, string>> } = {}
  ): Promise<BrowserLikeResponse> {
    const headers: Record<string, string> = { ...init.headers }
    if (this.cookies.size > 0) headers["cookie"] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ")
    if (init.contentType !== undefined) headers["content-type"] = init.contentType
    const response = await fetch(new URL(path, this.baseUrl), {
      method: init.method ?? "GET",
      headers,
      redirect: "manual",
      ...(init.body === undefined ? {} : { body: init.body })
    })
    this.remember(response.headers)
    const bytes = new Uint8Array(await response.arrayBuffer())
    const body = new TextDecoder().decode(bytes)
    const location = response.headers.get("location") ?? undefined
    if (init.follow === true && location !== undefined && response.status >= 300 && response.status < 400) {
      return this.request(location, { follow: true })
    }
    return { status: response.status, headers: response.headers, body, bytes, location }
  }

  get(path: string, follow = false): Promise<BrowserLikeResponse> {
    return this.request(path, { follow })
  }

  /** Posts a form; the page's CSRF token is added unless `_csrf` is given. */
  async post(path: string, fields: Readonly<Record<string, string>>, options: { readonly csrf?: string; readonly follow?: boolean } = {}): Promise<BrowserLikeResponse> {
    const body = new URLSearchParams({ ...(options.csrf === undefined ? {} : { _csrf: options.csrf }), ...fields }).toString()
    return this.request(path, {
      method: "POST",
      body,
      contentType: "application/x-www-form-urlencoded",
      ...(options.follow === undefined ? {} : { follow: options.follow })
    })
  }

  /** Posts a `multipart/form-data` form with files; the page's CSRF token is added unless `_csrf` is given. */
  async postMultipart(
    path: string,
    fields: Readonly<Record<string, string>>,
    files: Readonly<Record<string, FileToSend>>,
    options: { readonly csrf?: string; readonly follow?: boolean } = {}
  ): Promise<BrowserLikeResponse> {
    const form = new FormData()
    if (options.csrf !== undefined) form.append("_csrf", options.csrf)
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    for (const [name, file] of Object.entries(files)) form.append(name, new Blob([file.bytes], { type: file.type }), file.fileName)
    return this.request(path, { method: "POST", body: form, ...(options.follow === undefined ? {} : { follow: options.follow }) })
  }

  /** Opens a page, reads its CSRF token, and posts a multipart form with files. */
  async submitMultipart(
    pagePath: string,
    actionPath: string,
    fields: Readonly<Record<string, string>>,
    files: Readonly<Record<string, FileToSend>>,
    follow = false
  ): Promise<BrowserLikeResponse> {
    const page = await this.get(pagePath)
    return this.postMultipart(actionPath, fields, files, { csrf: csrfTokenIn(page.body), follow })
  }

  /** Opens a page, reads its CSRF token, and posts the form with it. */
  async submit(pagePath: string, actionPath: string, fields: Readonly<Record<string, string>>, follow = false): Promise<BrowserLikeResponse> {
    const page = await this.get(pagePath)
    return this.post(actionPath, fields, { csrf: csrfTokenIn(page.body), follow })
  }
}
