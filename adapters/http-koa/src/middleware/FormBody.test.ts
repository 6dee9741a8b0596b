import { createHash, randomBytes } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { defaultUploadPolicy, UploadPolicy } from "@spe/core"
import Koa from "koa"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { PortalState } from "../PortalContext.js"
import { PortalRefusal, statusOfRefusal } from "../PortalErrors.js"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { formBody } from "./FormBody.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")

const pdfOf = (size: number): Uint8Array => {
  const bytes = new Uint8Array(randomBytes(size))
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d])
  return bytes
}

const limits = { limitBytes: 1024, uploadLimitBytes: 64 * 1024, fileLimitBytes: 32 * 1024 }

/** A bare app: the form reader, then a route echoing what it read; refusals answer their status and message. */
function echoApp(): Koa<PortalState> {
  const app = new Koa<PortalState>()
  app.silent = true
  app.use(async (ctx, next) => {
    ctx.state = { session: undefined, sessionToken: undefined, account: undefined, csrfToken: "", form: undefined, files: new Map(), formView: undefined, notice: undefined }
    try {
      await next()
    } catch (error) {
      if (!(error instanceof PortalRefusal)) throw error
      ctx.status = statusOfRefusal(error.refusal._tag)
      ctx.body = `${error.refusal._tag}: ${error.refusal.message}`
    }
  })
  app.use(formBody(limits))
  app.use((ctx) => {
    const form = ctx.state.form
    ctx.body = {
      nom: form?.text("nom") ?? null,
      commune: form?.text("commune") ?? null,
      files: [...ctx.state.files].map(([field, file]) => ({ field, fileName: file.fileName, declaredType: file.declaredType, size: file.bytes.length, sha256: sha256(file.bytes) }))
    }
  })
  return app
}

describe("reading a posted form", () => {
  let server: Server
  let url: string

  beforeAll(async () => {
    server = createServer(echoApp().callback())
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  })

  const post = (body: FormData | string, contentType?: string) =>
    fetch(url, { method: "POST", body, ...(contentType === undefined ? {} : { headers: { "content-type": contentType } }) })

  it("reads a multipart form's fields and its file whole, with its name and declared type", async () => {
    const bytes = pdfOf(20_000)
    const form = new FormData()
    form.append("nom", "Élodie Lefèvre")
    form.append("commune", "Saint-Pierre-lès-Elbeuf")
    form.append("justificatif", new Blob([bytes], { type: "application/pdf" }), "avis d'imposition 2026.pdf")
    const response = await post(form)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      nom: "Élodie Lefèvre",
      commune: "Saint-Pierre-lès-Elbeuf",
      files: [{ field: "justificatif", fileName: "avis d'imposition 2026.pdf", declaredType: "application/pdf", size: 20_000, sha256: sha256(bytes) }]
    })
  })

  it("keeps one byte more than the file limit of a larger file, so the core's size rule names it", async () => {
    const form = new FormData()
    form.append("justificatif", new Blob([pdfOf(40_000)], { type: "application/pdf" }), "gros.pdf")
    const body = (await (await post(form)).json()) as { files: Array<{ size: number }> }
    expect(body.files[0]?.size).toBe(limits.fileLimitBytes + 1)
  })

  it("leaves out a file field left empty", async () => {
    const form = new FormData()
    form.append("nom", "Paul")
    form.append("justificatif", new Blob([], { type: "application/octet-stream" }), "")
    expect(await (await post(form)).json()).toEqual({ nom: "Paul", commune: "", files: [] })
  })

  it("refuses a body larger than the upload limit (413)", async () => {
    const form = new FormData()
    form.append("justificatif", new Blob([pdfOf(limits.uploadLimitBytes + 10)], { type: "application/pdf" }), "enorme.pdf")
    const response = await post(form)
    expect(response.status).toBe(413)
    expect(await response.text()).toBe("FormTooLarge: Ce formulaire est trop volumineux (64 Ko au plus) : raccourcissez les textes saisis puis envoyez-le à nouveau.")
  })

  it("refuses a body sent without its length once it passes the upload limit (413)", async () => {
    const boundary = "----limite"
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="justificatif"; filename="flux.pdf"\r\nContent-Type: application/pdf\r\n\r\n`)
    const chunk = pdfOf(16 * 1024)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head)
        if (sent > limits.uploadLimitBytes * 2) return controller.close()
        controller.enqueue(chunk)
        sent += chunk.length
      }
    })
    const response = await fetch(url, { method: "POST", body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, duplex: "half" } as RequestInit)
    expect(response.status).toBe(413)
    expect(await response.text()).toContain("FormTooLarge")
  })

  it("refuses two files in one field (400)", async () => {
    const form = new FormData()
    form.append("justificatif", new Blob([pdfOf(100)], { type: "application/pdf" }), "page1.pdf")
    form.append("justificatif", new Blob([pdfOf(100)], { type: "application/pdf" }), "page2.pdf")
    const response = await post(form)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain("le fichier « justificatif » a été envoyé plusieurs fois.")
  })

  it("still reads urlencoded forms, and refuses them beyond their own limit", async () => {
    const response = await post(new URLSearchParams({ nom: "Anne", commune: "Cléon" }).toString(), "application/x-www-form-urlencoded")
    expect(await response.json()).toEqual({ nom: "Anne", commune: "Cléon", files: [] })
    const large = await post(new URLSearchParams({ nom: "x".repeat(2_000) }).toString(), "application/x-www-form-urlencoded")
    expect(large.status).toBe(413)
  })
})

describe("uploads through the portal", () => {
  let t: TestPortal
  let browser: BrowserLikeClient
  const policy = new UploadPolicy({ maxBytes: 50_000, acceptedMediaTypes: defaultUploadPolicy.acceptedMediaTypes })

  beforeAll(async () => {
    t = await startTestPortal({ settings: { uploadPolicy: policy } })
    browser = new BrowserLikeClient(t.url)
    expect((await browser.submit("/", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })).status).toBe(303)
  })

  afterAll(async () => {
    await t.close()
  })

  const token = async (): Promise<string> => csrfTokenIn((await browser.get("/mon-espace/justificatifs")).body)

  it("refuses a file over the town's size with the core's French message, next to the file field", async () => {
    const response = await browser.postMultipart(
      "/mon-espace/justificatifs",
      { type: "taxNotice" },
      { justificatif: { fileName: "avis-scanné.pdf", type: "application/pdf", bytes: pdfOf(60_000) } },
      { csrf: await token() }
    )
    expect(response.status).toBe(400)
    expect(response.body).toMatch(/<p class="field-error" id="justificatif-erreur">/)
    expect(mainText(response.body)).toContain(
      "Le fichier « avis-scanné.pdf » dépasse la taille acceptée de 49 ko : réduisez-le (scan en 150 ppp, photo moins grande) ou déposez les pages en plusieurs fichiers."
    )
    expect(mainText(response.body)).toContain("PDF, JPEG ou PNG, 49 ko au plus")
  })

  it("answers a French page (413) to a body over the upload limit", async () => {
    const response = await browser.postMultipart(
      "/mon-espace/justificatifs",
      { type: "taxNotice" },
      { justificatif: { fileName: "enorme.pdf", type: "application/pdf", bytes: pdfOf(policy.maxBytes + 64 * 1024 + 1) } },
      { csrf: await token() }
    )
    expect(response.status).toBe(413)
    expect(mainText(response.body)).toContain("Ce formulaire est trop volumineux")
  })

  it("answers a French page (400) to two files in one field", async () => {
    const form = new FormData()
    form.append("_csrf", await token())
    form.append("type", "taxNotice")
    form.append("justificatif", new Blob([pdfOf(100)], { type: "application/pdf" }), "page1.pdf")
    form.append("justificatif", new Blob([pdfOf(100)], { type: "application/pdf" }), "page2.pdf")
    const response = await browser.request("/mon-espace/justificatifs", { method: "POST", body: form })
    expect(response.status).toBe(400)
    expect(mainText(response.body)).toContain("Ce formulaire n'a pas pu être lu : le fichier « justificatif » a été envoyé plusieurs fois.")
  })

  it("refuses a multipart form without the form token (403), storing nothing", async () => {
    const before = (await browser.get("/mon-espace/justificatifs")).body
    const response = await browser.postMultipart("/mon-espace/justificatifs", { type: "taxNotice" }, {
      justificatif: { fileName: "sans-jeton.pdf", type: "application/pdf", bytes: pdfOf(1_000) }
    })
    expect(response.status).toBe(403)
    expect(mainText(response.body)).toContain("Ce formulaire a expiré ou ne vient pas de cette page")
    expect(before).not.toContain("sans-jeton.pdf")
    expect((await browser.get("/mon-espace/justificatifs")).body).not.toContain("sans-jeton.pdf")
  })

  it("still takes urlencoded forms", async () => {
    const page = await browser.get("/mon-espace/coordonnees")
    const response = await browser.post(
      "/mon-espace/coordonnees",
      {
        adresse1: "1 Chemin de la Cote",
        codePostal: "76320",
        commune: "SAINT-PIERRE-LES-ELBEUF",
        email: demoFamily.email,
        telephone1Libelle: "Portable de Maman",
        telephone1Numero: "06 39 98 41 27"
      },
      { csrf: csrfTokenIn(page.body) }
    )
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace/coordonnees?fait=rien")
  })
})
