import { Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parsePayfipSettings, PAYFIP_PRODUCTION_SERVICE_URL, PAYFIP_PRODUCTION_SOAP_URL } from "./PayfipSettings.js"
import { type PayfipSimulator, startPayfipSimulator } from "./PayfipSimulator.js"
import { parseSoapResponse, soapRequest } from "./PayfipSoap.js"

describe("PayFiP settings", () => {
  it("defaults to PayFiP's production addresses and names each wrong or missing setting in French", () => {
    const ok = parsePayfipSettings({ numcli: "012345", saisie: "W", notificationUrl: "https://portail.fr/n", returnUrl: "https://portail.fr/r" })
    expect(Either.map(ok, (s) => [s.soapUrl, s.serviceUrl, s.timeoutMillis])).toEqual(Either.right([PAYFIP_PRODUCTION_SOAP_URL, PAYFIP_PRODUCTION_SERVICE_URL, 10_000]))
    const wrong = parsePayfipSettings({ numcli: "12345", saisie: "prod", soapUrl: "payfip.gouv.fr" })
    expect(Either.isLeft(wrong) && wrong.left.problems).toEqual([
      { field: "numcli", message: "Le numéro de client PayFiP compte exactement 6 chiffres (par exemple 012345)." },
      { field: "saisie", message: "Le mode de saisie est T (test), X (activation) ou W (production)." },
      { field: "soapUrl", message: "L'adresse doit être une URL complète en http:// ou https://, sans espace ni accent (encodez-les)." },
      { field: "notificationUrl", message: "Ce réglage est obligatoire." },
      { field: "returnUrl", message: "Ce réglage est obligatoire." }
    ])
  })
})

describe("PayFiP simulator", () => {
  let simulator: PayfipSimulator
  beforeAll(async () => {
    simulator = await startPayfipSimulator()
  })
  afterAll(() => simulator.close())

  const post = (body: string, headers: Record<string, string> = { "content-type": "text/xml; charset=utf-8", soapaction: '""' }) =>
    fetch(simulator.soapUrl, { method: "POST", headers, body }).then(async (r) => ({ status: r.status, answer: parseSoapResponse(await r.text()) }))

  it("answers faults as the service does: no SOAPAction, unknown operation, unknown idOp (P1), no result yet (P5)", async () => {
    const codeOf = (a: Awaited<ReturnType<typeof post>>) => Either.getOrThrow(a.answer)._tag === "Fault" ? (Either.getOrThrow(a.answer) as { fault: { code: string } }).fault.code : "return"
    const noAction = await post(soapRequest("recupererDetailPaiementSecurise", [["idOp", "abc"]]), { "content-type": "text/xml" })
    const unknownOperation = await post(soapRequest("creerPaiementSecurise", []).replaceAll("creerPaiementSecurise", "supprimerPaiement"))
    const unknownIdOp = await post(soapRequest("recupererDetailPaiementSecurise", [["idOp", "abc"]]))
    const invalid = await post(soapRequest("creerPaiementSecurise", [["montant", "50"]]))
    expect([noAction, unknownOperation, unknownIdOp, invalid].map((a) => [a.status, codeOf(a)])).toEqual([
      [500, "SOAP"],
      [500, "SOAP"],
      [500, "P1"],
      [500, "CHAMP"]
    ])
  })

  it("serves a French page per operation and an index of operations", async () => {
    const unknown = await fetch(`${simulator.serviceUrl}?idop=inconnu`)
    expect([unknown.status, (await unknown.text()).includes("Opération inconnue")]).toEqual([404, true])
    const index = await fetch(simulator.url)
    expect(await index.text()).toContain("Aucune opération pour l'instant.")
  })
})
