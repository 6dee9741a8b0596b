import { AccountRepository, createApiKey } from "@spe/core"
import { Effect, Option } from "effect"
import { BrowserLikeClient } from "../../testing/BrowserLikeClient.js"
import { demoFamily, type TestPortal } from "../../testing/TestPortal.js"

/** An answer of the API as the tests read it. */
export interface ApiResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly bytes: Uint8Array
  /** The body parsed as JSON (`undefined` when it is not JSON). */
  readonly json: any
}

/** How a call is sent: a JSON body, or raw bytes with their type, extra headers. */
export interface ApiRequestOptions {
  readonly body?: unknown
  readonly raw?: { readonly data: string | Uint8Array; readonly contentType?: string }
  readonly headers?: Readonly<Record<string, string>>
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * A client of the API for the tests: with an API key (`Authorization: Bearer`), with a logged-in
 * browser's cookies (and its CSRF header when given), or with nothing.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly auth: { readonly token?: string; readonly browser?: BrowserLikeClient; readonly csrfToken?: string } = {}
  ) {}

  async request(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers }
    if (this.auth.token !== undefined) headers["authorization"] = `Bearer ${this.auth.token}`
    if (this.auth.browser !== undefined && this.auth.browser.cookies.size > 0) headers["cookie"] = [...this.auth.browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ")
    if (this.auth.csrfToken !== undefined && headers["x-csrf-token"] === undefined) headers["x-csrf-token"] = this.auth.csrfToken
    let body: string | Uint8Array | undefined
    if (options.raw !== undefined) {
      body = options.raw.data
      if (options.raw.contentType !== undefined) headers["content-type"] = options.raw.contentType
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers["content-type"] = "application/json"
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, redirect: "manual", ...(body === undefined ? {} : { body }) })
    const bytes = new Uint8Array(await response.arrayBuffer())
    const text = new TextDecoder().decode(bytes)
    return { status: response.status, headers: response.headers, text, bytes, json: parse(text) }
  }

  get(path: string, headers: Readonly<Record<string, string>> = {}): Promise<ApiResponse> {
    return this.request("GET", path, { headers })
  }

  post(path: string, body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<ApiResponse> {
    return this.request("POST", path, { body, headers })
  }

  /** The same client with another CSRF header (or none). */
  withCsrf(csrfToken: string | undefined): ApiClient {
    const { csrfToken: _, ...rest } = this.auth
    return new ApiClient(this.baseUrl, csrfToken === undefined ? rest : { ...rest, csrfToken })
  }
}

/** Creates an API key for a demo family's account through the core, as the "Accès pour vos applications" page does; its token. */
export async function apiTokenFor(t: TestPortal, login: string, label = "Application de test"): Promise<string> {
  const account = Option.getOrThrow(await t.demo.runtime.runPromise(Effect.flatMap(AccountRepository, (accounts) => accounts.findByLogin(login))))
  if (account.holder._tag !== "Family" || account.holder.householdId === undefined) throw new Error(`${login} is not a linked family account`)
  const created = await t.demo.runtime.runPromise(createApiKey({ _tag: "Family", accountId: account.id, householdId: account.holder.householdId }, { label }))
  return created.token
}

/** A browser logged in as a demo family, and an API client on its session with the session's CSRF token. */
export async function sessionClientFor(t: TestPortal, login: string = demoFamily.login): Promise<{ readonly browser: BrowserLikeClient; readonly api: ApiClient }> {
  const browser = new BrowserLikeClient(t.url)
  await browser.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  const session = await new ApiClient(t.url, { browser }).get("/api/v1/session")
  if (session.status !== 200) throw new Error(`No API session for ${login}: ${session.status} ${session.text}`)
  return { browser, api: new ApiClient(t.url, { browser, csrfToken: session.json.csrfToken }) }
}
