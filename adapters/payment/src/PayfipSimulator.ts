import { randomInt, randomUUID } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Cents, Instant, ParisTime } from "@spe/core"
import { Either } from "effect"
import {
  checkCreerPaiementSecurise,
  checkIdOp,
  type CreerPaiementSecurise,
  DETAIL_FIELDS,
  type DetailPaiementSecurise,
  PAYFIP_OPERATION_VALIDITY_MINUTES,
  type Resultrans
} from "./PayfipFields.js"
import { escapeXml, parseSoapRequest, soapFault, soapResponse } from "./PayfipSoap.js"

/** When the simulator notifies the portal: right away, never, twice at once, or after the redirect. */
export type SimulatorNotifyMode = "normal" | "none" | "twice" | "late"

/** Options of the simulator. */
export interface PayfipSimulatorOptions {
  /** The port on 127.0.0.1 (a free one by default). */
  readonly port?: number
  /** The clock the 15-minute validity of an `idOp` is measured with (the system clock by default). */
  readonly now?: () => Instant.Instant
  /** The client number it accepts (any 6 digits by default). */
  readonly numcli?: string
  /** When it notifies the portal (`normal` by default). */
  readonly notify?: SimulatorNotifyMode
  /** In `late` mode, how long after the redirect the notification leaves (2 s by default). */
  readonly lateByMillis?: number
}

/** An operation the simulator opened. */
export interface SimulatedOperation {
  readonly idOp: string
  readonly fields: CreerPaiementSecurise
  readonly createdAt: Instant.Instant
  readonly expiresAt: Instant.Instant
  readonly result?: {
    readonly resultrans: Resultrans
    readonly dattrans: string
    readonly heurtrans: string
    readonly numauto: string
  }
}

/** A SOAP call the simulator received, with the fields it read and how it answered. */
export interface SimulatorSoapCall {
  readonly operation: string
  readonly fields: Readonly<Record<string, string>>
  readonly answer: "return" | "fault" | "refused"
}

/** A notification the simulator sent to `urlnotif`. */
export interface SimulatorNotification {
  readonly idOp: string
  readonly url: string
  readonly status?: number
  readonly error?: string
}

/** The result of choosing on the payment page, as a browser sees it. */
export interface SimulatorChoice {
  readonly status: number
  /** Where the browser is sent back (`urlredirect?idOp=…`), on success. */
  readonly location?: string
}

/** A running PayFiP simulator. */
export interface PayfipSimulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** The SOAP endpoint, for `PayfipSettings.soapUrl`. */
  readonly soapUrl: string
  /** The payment page, for `PayfipSettings.serviceUrl`. */
  readonly serviceUrl: string
  /** Stops the server and forgets pending late notifications. */
  readonly close: () => Promise<void>
  /** Every SOAP call received, in order. */
  readonly soapCalls: () => ReadonlyArray<SimulatorSoapCall>
  readonly operations: () => ReadonlyArray<SimulatedOperation>
  /** Every notification sent, in order. */
  readonly notifications: () => ReadonlyArray<SimulatorNotification>
  readonly setNotifyMode: (mode: SimulatorNotifyMode) => void
  /** Refuses every SOAP call with HTTP 503 (the service is down), or serves again. */
  readonly setDown: (down: boolean) => void
  /** Chooses on the payment page as a family would (P card, V direct debit, R refuse, A cancel), over HTTP. */
  readonly choose: (idOp: string, resultrans: Resultrans) => Promise<SimulatorChoice>
  /** Sends the late notifications now. */
  readonly flushLateNotifications: () => Promise<void>
}

const MAX_BODY = 1_000_000
const FORM = "application/x-www-form-urlencoded"

const escapeHtml = escapeXml

const RESULT_LABELS: Record<Resultrans, string> = {
  P: "payée par carte",
  V: "payée par prélèvement",
  R: "refusée",
  Z: "refusée (prélèvement)",
  A: "annulée"
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error("corps trop long"))
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...headers })
  response.end(body)
}

function page(title: string, content: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)} — PayFiP (simulateur)</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}
button{font-size:1rem;margin:.3rem .5rem .3rem 0;padding:.5rem 1rem}.note{color:#555;font-size:.9rem}</style></head>
<body><p class="note">Simulateur local de PayFiP : aucun paiement réel n'est effectué.</p><h1>${escapeHtml(title)}</h1>${content}</body></html>`
}

const addIdOp = (url: string, idOp: string): string => {
  const target = new URL(url)
  target.searchParams.set("idOp", idOp)
  return target.toString()
}

/**
 * Starts a local PayFiP: the SOAP operations `creerPaiementSecurise` and
 * `recupererDetailPaiementSecurise` at `/tpa/services/securite`, the payment page at
 * `/tpa/paiementws.web?idop=…` (a French form: "Payer par carte", "Prélèvement", "Refuser",
 * "Annuler"), the notification POSTed to `urlnotif` (form-encoded `idOp`) and the browser sent back
 * to `urlredirect?idOp=…`. An `idOp` expires 15 minutes after its creation on the given clock.
 */
export async function startPayfipSimulator(options: PayfipSimulatorOptions = {}): Promise<PayfipSimulator> {
  const now = options.now ?? (() => Instant.fromEpochMillis(Date.now()))
  const lateByMillis = options.lateByMillis ?? 2000
  const operations = new Map<string, SimulatedOperation>()
  const soapCalls: Array<SimulatorSoapCall> = []
  const notifications: Array<SimulatorNotification> = []
  const late = new Map<ReturnType<typeof setTimeout>, () => Promise<void>>()
  let mode: SimulatorNotifyMode = options.notify ?? "normal"
  let down = false

  const isExpired = (operation: SimulatedOperation): boolean => operation.result === undefined && !Instant.isBefore(now(), operation.expiresAt)

  const notify = async (operation: SimulatedOperation): Promise<void> => {
    const url = operation.fields.urlnotif
    try {
      const answer = await fetch(url, {
        method: "POST",
        headers: { "content-type": FORM },
        body: new URLSearchParams({ idOp: operation.idOp }).toString(),
        signal: AbortSignal.timeout(10_000)
      })
      await answer.arrayBuffer()
      notifications.push({ idOp: operation.idOp, url, status: answer.status })
    } catch (error) {
      notifications.push({ idOp: operation.idOp, url, error: error instanceof Error ? error.message : String(error) })
    }
  }

  const soap = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request)
    const xml = (status: number, content: string) => send(response, status, "text/xml; charset=utf-8", content)
    if (down) {
      soapCalls.push({ operation: "", fields: {}, answer: "refused" })
      return send(response, 503, "text/html; charset=utf-8", page("Service indisponible", "<p>Le service PayFiP est momentanément indisponible.</p>"))
    }
    const parsed = parseSoapRequest(body)
    if (request.method !== "POST" || request.headers["soapaction"] === undefined || Either.isLeft(parsed)) {
      soapCalls.push({ operation: Either.isRight(parsed) ? parsed.right.operation : "", fields: Either.isRight(parsed) ? parsed.right.fields : {}, answer: "fault" })
      const why = Either.isLeft(parsed) ? parsed.left : request.method !== "POST" ? "méthode autre que POST" : "en-tête SOAPAction absent"
      return xml(500, soapFault("SOAP", `Requête SOAP refusée : ${why}.`))
    }
    const { operation, fields } = parsed.right
    const fault = (code: string, description: string) => {
      soapCalls.push({ operation, fields, answer: "fault" })
      xml(500, soapFault(code, description))
    }
    const answer = (content: string) => {
      soapCalls.push({ operation, fields, answer: "return" })
      xml(200, content)
    }
    if (operation === "creerPaiementSecurise") {
      const checked = checkCreerPaiementSecurise(fields)
      if (Either.isLeft(checked)) return fault("CHAMP", checked.left.message)
      if (options.numcli !== undefined && checked.right.numcli !== options.numcli) return fault("CLIENT", `Numéro de client ${checked.right.numcli} inconnu.`)
      const createdAt = now()
      const idOp = randomUUID()
      operations.set(idOp, {
        idOp,
        fields: checked.right,
        createdAt,
        expiresAt: Instant.plusMinutes(createdAt, PAYFIP_OPERATION_VALIDITY_MINUTES)
      })
      return answer(soapResponse("creerPaiementSecurise", [["idOp", idOp]]))
    }
    if (operation === "recupererDetailPaiementSecurise") {
      const idOp = checkIdOp(fields["idOp"])
      const found = Either.isRight(idOp) ? operations.get(idOp.right) : undefined
      if (found === undefined) return fault("P1", "IdOp incorrect.")
      if (found.result === undefined) return fault("P5", "Résultat de la transaction non connu.")
      const detail: DetailPaiementSecurise = {
        dattrans: found.result.dattrans,
        heurtrans: found.result.heurtrans,
        exer: found.fields.exer,
        idOp: found.idOp,
        mel: found.fields.mel,
        montant: found.fields.montant,
        numauto: found.result.numauto,
        numcli: found.fields.numcli,
        objet: found.fields.objet,
        refdet: found.fields.refdet,
        resultrans: found.result.resultrans,
        saisie: found.fields.saisie
      }
      return answer(soapResponse("recupererDetailPaiementSecurise", DETAIL_FIELDS.map((name) => [name, detail[name]] as const)))
    }
    return fault("SOAP", `Opération ${operation} inconnue.`)
  }

  const paymentPage = (idOpParam: string | null, response: ServerResponse): void => {
    const html = (status: number, title: string, content: string) => send(response, status, "text/html; charset=utf-8", page(title, content))
    const operation = idOpParam === null ? undefined : operations.get(idOpParam)
    if (operation === undefined) return html(404, "Opération inconnue", "<p>Cette opération de paiement n'existe pas. Revenez au portail et relancez le paiement.</p>")
    if (operation.result !== undefined) {
      return html(409, "Opération déjà traitée", `<p>Cette opération a déjà été ${RESULT_LABELS[operation.result.resultrans]}.</p>`)
    }
    if (isExpired(operation)) {
      return html(410, "Opération expirée", `<p>Le délai de ${PAYFIP_OPERATION_VALIDITY_MINUTES} minutes pour payer est dépassé. Revenez au portail et relancez le paiement.</p>`)
    }
    const f = operation.fields
    return html(
      200,
      "Paiement de votre facture",
      `<dl><dt>Montant</dt><dd>${escapeHtml(Cents.formatEuros(Cents.cents(Number(f.montant))))}</dd><dt>Objet</dt><dd>${escapeHtml(f.objet)}</dd>
<dt>Référence</dt><dd>${escapeHtml(f.refdet)}</dd><dt>Exercice</dt><dd>${escapeHtml(f.exer)}</dd><dt>Courriel</dt><dd>${escapeHtml(f.mel)}</dd>
<dt>Valable jusqu'au</dt><dd>${escapeHtml(ParisTime.formatFr(operation.expiresAt))}</dd></dl>
<form method="post" action="/tpa/paiementws.web"><input type="hidden" name="idop" value="${escapeHtml(operation.idOp)}">
<button type="submit" name="resultrans" value="P">Payer par carte</button><button type="submit" name="resultrans" value="V">Prélèvement</button>
<button type="submit" name="resultrans" value="R">Refuser</button><button type="submit" name="resultrans" value="A">Annuler</button></form>`
    )
  }

  const choice = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(request))
    const idOp = form.get("idop") ?? form.get("idOp")
    const resultrans = form.get("resultrans")
    const operation = idOp === null ? undefined : operations.get(idOp)
    if (operation === undefined || operation.result !== undefined || isExpired(operation)) return paymentPage(idOp, response)
    if (resultrans === null || !["P", "V", "R", "Z", "A"].includes(resultrans)) {
      return send(response, 400, "text/html; charset=utf-8", page("Choix inconnu", "<p>Choisissez : payer par carte, prélèvement, refuser ou annuler.</p>"))
    }
    const at = ParisTime.fromInstant(now())
    const settled: SimulatedOperation = {
      ...operation,
      result: {
        resultrans: resultrans as Resultrans,
        dattrans: `${at.date.slice(8, 10)}${at.date.slice(5, 7)}${at.date.slice(0, 4)}`,
        heurtrans: at.time.replace(":", "").slice(0, 4),
        numauto: resultrans === "P" || resultrans === "V" ? String(randomInt(0, 1_000_000)).padStart(6, "0") : ""
      }
    }
    operations.set(settled.idOp, settled)
    if (mode === "normal") await notify(settled)
    if (mode === "twice") await Promise.all([notify(settled), notify(settled)])
    if (mode === "late") {
      const timer = setTimeout(() => {
        const run = late.get(timer)
        late.delete(timer)
        void run?.()
      }, lateByMillis)
      late.set(timer, () => notify(settled))
    }
    send(response, 303, "text/html; charset=utf-8", page("Retour au portail", "<p>Vous allez être renvoyé vers le portail.</p>"), {
      location: addIdOp(settled.fields.urlredirect, settled.idOp)
    })
  }

  const index = (response: ServerResponse): void => {
    const rows = [...operations.values()]
      .map((o) => {
        const state = o.result ? RESULT_LABELS[o.result.resultrans] : isExpired(o) ? "expirée" : "en attente"
        const link = `/tpa/paiementws.web?idop=${encodeURIComponent(o.idOp)}`
        return `<li><a href="${escapeHtml(link)}">${escapeHtml(o.fields.refdet)}</a> — ${escapeHtml(Cents.formatEuros(Cents.cents(Number(o.fields.montant))))} — ${state}</li>`
      })
      .join("")
    send(response, 200, "text/html; charset=utf-8", page("Opérations", rows === "" ? "<p>Aucune opération pour l'instant.</p>" : `<ul>${rows}</ul>`))
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1")
    const route = async (): Promise<void> => {
      if (url.pathname === "/tpa/services/securite") return soap(request, response)
      if (url.pathname === "/tpa/paiementws.web" && request.method === "GET") return paymentPage(url.searchParams.get("idop"), response)
      if (url.pathname === "/tpa/paiementws.web" && request.method === "POST") return choice(request, response)
      if (url.pathname === "/" && request.method === "GET") return index(response)
      send(response, 404, "text/plain; charset=utf-8", "Page inconnue du simulateur PayFiP.")
    }
    route().catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", `Erreur du simulateur : ${error instanceof Error ? error.message : String(error)}`)
      else response.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  const serviceUrl = `${base}/tpa/paiementws.web`

  return {
    url: base,
    soapUrl: `${base}/tpa/services/securite`,
    serviceUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of late.keys()) clearTimeout(timer)
        late.clear()
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
    soapCalls: () => [...soapCalls],
    operations: () => [...operations.values()],
    notifications: () => [...notifications],
    setNotifyMode: (next) => {
      mode = next
    },
    setDown: (next) => {
      down = next
    },
    choose: async (idOp, resultrans) => {
      const answer = await fetch(serviceUrl, {
        method: "POST",
        headers: { "content-type": FORM },
        body: new URLSearchParams({ idop: idOp, resultrans }).toString(),
        redirect: "manual"
      })
      await answer.arrayBuffer()
      const location = answer.headers.get("location")
      return location === null ? { status: answer.status } : { status: answer.status, location }
    },
    flushLateNotifications: async () => {
      const runs = [...late.entries()]
      for (const [timer] of runs) clearTimeout(timer)
      late.clear()
      for (const [, run] of runs) await run()
    }
  }
}
