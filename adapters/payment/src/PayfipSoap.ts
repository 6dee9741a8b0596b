import { Either } from "effect"
import { XMLParser } from "fast-xml-parser"

/** The SOAP 1.1 envelope namespace. */
export const SOAP_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/"
/** The namespace of PayFiP's `PaiementSecuriseService` operations. */
export const PAYFIP_SERVICE_NS =
  "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService"
/** The namespace of PayFiP's answers and functional errors. */
export const PAYFIP_REPONSE_NS = "http://securite.service.tpa.cp.finances.gouv.fr/reponse"
/** The `faultstring` PayFiP gives to its functional errors (whose `detail` carries a code). */
export const PAYFIP_FUNCTIONAL_FAULT = "fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur"

/** The two operations of the PayFiP web service the portal uses. */
export type PayfipOperation = "creerPaiementSecurise" | "recupererDetailPaiementSecurise"

/** A SOAP body read from XML: the operation element (request or response) and its flat fields. */
export interface SoapCall {
  readonly operation: string
  readonly fields: Readonly<Record<string, string>>
}

/** A SOAP fault read from XML, with PayFiP's functional error code when there is one. */
export interface SoapFault {
  readonly faultcode: string
  readonly faultstring: string
  readonly code: string
  readonly description: string
}

/** What a SOAP answer holds: a return or a fault. */
export type SoapAnswer = { readonly _tag: "Return"; readonly call: SoapCall } | { readonly _tag: "Fault"; readonly fault: SoapFault }

/** Escapes text for an XML element. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c)
}

const elements = (fields: ReadonlyArray<readonly [string, string]>, prefix = ""): string =>
  fields.map(([name, value]) => `<${prefix}${name}>${escapeXml(value)}</${prefix}${name}>`).join("")

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}"><soapenv:Header/><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`

/** The request envelope of an operation: `<pai:operation><arg0>fields…</arg0></pai:operation>`. */
export function soapRequest(operation: PayfipOperation, fields: ReadonlyArray<readonly [string, string]>): string {
  return envelope(`<pai:${operation} xmlns:pai="${PAYFIP_SERVICE_NS}"><arg0>${elements(fields)}</arg0></pai:${operation}>`)
}

/** The response envelope of an operation: `<ns2:operationResponse><return>fields…</return></…>`. */
export function soapResponse(operation: PayfipOperation, fields: ReadonlyArray<readonly [string, string]>): string {
  return envelope(
    `<ns2:${operation}Response xmlns:ns2="${PAYFIP_SERVICE_NS}"><return xmlns:ns3="${PAYFIP_REPONSE_NS}">${elements(fields, "ns3:")}</return></ns2:${operation}Response>`
  )
}

/** A PayFiP functional error, as a SOAP 1.1 fault whose detail is a `FonctionnelleErreur`. */
export function soapFault(code: string, description: string): string {
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${PAYFIP_FUNCTIONAL_FAULT}</faultstring><detail><ns3:FonctionnelleErreur xmlns:ns3="${PAYFIP_REPONSE_NS}"><code>${escapeXml(code)}</code><descriptif>${escapeXml(description)}</descriptif><libelle>${escapeXml(description)}</libelle><severite>2</severite></ns3:FonctionnelleErreur></detail></soapenv:Fault>`
  )
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true
})

type Node = Record<string, unknown>

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value)

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if (isNode(value)) {
    const keys = Object.keys(value)
    if (keys.length === 0) return ""
    if (keys.every((k) => k === "#text")) return textOf(value["#text"])
  }
  return undefined
}

function flatFields(node: unknown): Either.Either<Record<string, string>, string> {
  if (node === "" || node === undefined) return Either.right({})
  if (!isNode(node)) return Either.left("le contenu de l'opération n'est pas une liste de champs")
  const fields: Record<string, string> = {}
  for (const [name, value] of Object.entries(node)) {
    if (name === "#text") continue
    const text = textOf(value)
    if (text === undefined) return Either.left(`le champ ${name} n'est pas une simple valeur`)
    fields[name] = text
  }
  return Either.right(fields)
}

function bodyOf(xml: string): Either.Either<Node, string> {
  if (/<!DOCTYPE/i.test(xml)) return Either.left("un document SOAP ne peut pas contenir de DOCTYPE")
  let document: unknown
  try {
    document = parser.parse(xml, true)
  } catch (error) {
    return Either.left(`XML illisible (${error instanceof Error ? error.message : String(error)})`)
  }
  const env = isNode(document) ? document["Envelope"] : undefined
  const body = isNode(env) ? env["Body"] : undefined
  if (!isNode(body)) return Either.left("pas d'enveloppe SOAP avec un corps (Envelope/Body)")
  return Either.right(body)
}

function singleChild(body: Node): Either.Either<readonly [string, unknown], string> {
  const entries = Object.entries(body).filter(([name]) => name !== "#text")
  const first = entries[0]
  if (entries.length !== 1 || first === undefined) return Either.left("le corps SOAP doit contenir exactement une opération")
  return Either.right(first)
}

/** Reads a request envelope: the operation element and the flat fields of its `arg0`. */
export function parseSoapRequest(xml: string): Either.Either<SoapCall, string> {
  return Either.gen(function* () {
    const [operation, content] = yield* singleChild(yield* bodyOf(xml))
    const arg0 = isNode(content) ? content["arg0"] : undefined
    if (arg0 === undefined) return yield* Either.left(`l'opération ${operation} n'a pas d'élément arg0`)
    return { operation, fields: yield* flatFields(arg0) }
  })
}

/** Reads a response envelope: the `return` of an operation, or a fault with PayFiP's error code. */
export function parseSoapResponse(xml: string): Either.Either<SoapAnswer, string> {
  return Either.gen(function* () {
    const [name, content] = yield* singleChild(yield* bodyOf(xml))
    if (name === "Fault") {
      const fault = isNode(content) ? content : {}
      const detail = isNode(fault["detail"]) ? fault["detail"] : {}
      const functional = isNode(detail["FonctionnelleErreur"]) ? detail["FonctionnelleErreur"] : {}
      return {
        _tag: "Fault" as const,
        fault: {
          faultcode: textOf(fault["faultcode"]) ?? "",
          faultstring: textOf(fault["faultstring"]) ?? "",
          code: textOf(functional["code"]) ?? "",
          description: textOf(functional["descriptif"]) || textOf(functional["libelle"]) || textOf(fault["faultstring"]) || ""
        }
      }
    }
    if (!name.endsWith("Response")) return yield* Either.left(`réponse inattendue : ${name}`)
    const returned = isNode(content) ? content["return"] : undefined
    if (returned === undefined) return yield* Either.left(`la réponse ${name} n'a pas d'élément return`)
    return { _tag: "Return" as const, call: { operation: name.slice(0, -"Response".length), fields: yield* flatFields(returned) } }
  })
}
