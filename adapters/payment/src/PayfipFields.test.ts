import { fc, test } from "@fast-check/vitest"
import { Cents } from "@spe/core"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makePayfipClient } from "./PayfipClient.js"
import {
  CREER_FIELDS,
  type CreerPaiementSecurise,
  checkCreerPaiementSecurise,
  creerPaiementSecuriseFields,
  DETAIL_FIELDS,
  normalizeObjet,
  outcomeOfDetail,
  truncateObjet
} from "./PayfipFields.js"
import { type PayfipSimulator, startPayfipSimulator } from "./PayfipSimulator.js"
import { parseSoapRequest, parseSoapResponse, soapFault, soapRequest, soapResponse } from "./PayfipSoap.js"

const valid: CreerPaiementSecurise = {
  exer: "2026",
  mel: "a.baud@arpege.fr",
  montant: "1575",
  numcli: "012345",
  objet: "Factures enfance F 2026 000001",
  refdet: "F2026000001",
  saisie: "T",
  urlnotif: "https://portail.example.fr/payfip/notification",
  urlredirect: "https://portail.example.fr/payfip/retour?x=1&y='2'"
}

const word = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/)
const printableUrl = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => /^[\x21-\x7E]+$/.test(u) && u.length <= 2000)

/** Every field set PayFiP accepts. */
const validFieldsArbitrary: fc.Arbitrary<CreerPaiementSecurise> = fc.record({
  exer: fc.integer({ min: 1000, max: 9999 }).map(String),
  mel: fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9._%+-]{1,30}$/), fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), fc.stringMatching(/^[A-Za-z]{2,6}$/))
    .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)
    .filter((m) => m.length >= 6 && m.length <= 80),
  montant: fc.integer({ min: 100, max: 10_000_000 }).map(String),
  numcli: fc.stringMatching(/^\d{6}$/),
  objet: fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(" ")).filter((o) => o.length <= 100),
  refdet: fc.stringMatching(/^[A-Za-z0-9]{1,30}$/),
  saisie: fc.constantFrom("T" as const, "X" as const, "W" as const),
  urlnotif: printableUrl,
  urlredirect: printableUrl
})

/** A valid field set with exactly one field made wrong, and the field's name. */
const invalidFieldsArbitrary = fc.tuple(
  validFieldsArbitrary,
  fc.oneof(
    fc.record({ field: fc.constant("numcli"), value: fc.oneof(fc.stringMatching(/^\d{0,5}$/), fc.stringMatching(/^\d{7,10}$/), fc.constant("12a456")) }),
    fc.record({ field: fc.constant("exer"), value: fc.oneof(fc.stringMatching(/^\d{0,3}$/), fc.constant("20 26"), fc.constant("2026-2027")) }),
    fc.record({ field: fc.constant("refdet"), value: fc.oneof(fc.constant(""), fc.stringMatching(/^[A-Za-z0-9]{31,40}$/), fc.constant("F-2026-000001"), fc.constant("Réf 12")) }),
    fc.record({ field: fc.constant("montant"), value: fc.oneof(fc.integer({ min: -5000, max: 99 }), fc.integer({ min: 10_000_001, max: 2_000_000_000 }), fc.constant(15.5)) }),
    fc.record({ field: fc.constant("mel"), value: fc.oneof(fc.constant(""), fc.constant("a@b.c"), fc.stringMatching(/^[a-z]{6,20}$/), fc.constant("léa@exemple.fr")) }),
    fc.record({ field: fc.constant("objet"), value: fc.oneof(fc.constant(""), fc.constant("— « » !"), fc.stringMatching(/^[a-z]{101,120}$/)) }),
    fc.record({ field: fc.constant("saisie"), value: fc.constantFrom("", "P", "w", "TEST") }),
    fc.record({ field: fc.constant("urlnotif"), value: fc.constantFrom("", "ftp://portail.fr/n", "/payfip/notification", "https://portail.fr/notif ication") }),
    fc.record({ field: fc.constant("urlredirect"), value: fc.constantFrom("pas une adresse", "javascript:alert(1)", "https://portail.fr/é") })
  )
)

describe("PayFiP fields", () => {
  it("accepts a complete request and writes numbers as the service wants them", () => {
    const built = creerPaiementSecuriseFields({ ...valid, exer: 2026, montant: Cents.cents(1575), objet: "Factures enfance F-2026-000001" })
    expect(built).toEqual(Either.right(valid))
  })

  it.each([
    ["numcli", { numcli: "12345" }, "6 chiffres"],
    ["exer", { exer: "26" }, "année sur 4 chiffres"],
    ["refdet", { refdet: "F-2026-000001" }, "1 à 30 lettres ou chiffres"],
    ["refdet", { refdet: "F".repeat(31) }, "1 à 30 lettres ou chiffres"],
    ["montant", { montant: "99" }, "de 1,00 € à 100\u202f000,00 €"],
    ["montant", { montant: "10000001" }, "100\u202f000,01 € ne peut pas être payé en ligne"],
    ["montant", { montant: "12.5" }, "centimes entiers"],
    ["mel", { mel: "a.baud-arpege.fr" }, "adresse e-mail"],
    ["objet", { objet: "x".repeat(101) }, "1 à 100 caractères"],
    ["objet", { objet: "Cantine d'été" }, "lettres sans accent"],
    ["saisie", { saisie: "P" }, "T (test), X (activation) ou W (production)"],
    ["urlnotif", { urlnotif: "/payfip/notification" }, "URL complète"],
    ["urlredirect", { urlredirect: "ftp://portail.fr/retour" }, "URL complète"]
  ])("refuses a wrong %s with a French message (%j)", (field, change, words) => {
    const result = checkCreerPaiementSecurise({ ...valid, ...change })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left._tag).toBe("PayfipRequestInvalid")
      expect(result.left.problems.map((p) => p.field)).toEqual([field])
      expect(result.left.message).toContain(words)
    }
  })

  it("names every wrong and every missing field at once", () => {
    const result = checkCreerPaiementSecurise({ numcli: "1", montant: "50", saisie: "W" })
    expect(Either.isLeft(result) && result.left.problems.map((p) => p.field).sort()).toEqual(
      ["exer", "mel", "montant", "numcli", "objet", "refdet", "urlnotif", "urlredirect"].sort()
    )
    expect(Either.isLeft(result) && result.left.message).toContain("Le champ exer est obligatoire.")
  })

  it("transliterates the object the way PayFiP requires, then checks it", () => {
    expect(normalizeObjet("Facture n° F-2026-000001 — Léa & Chloë, cantine d'été, Œuvre Straße")).toBe(
      "Facture n F 2026 000001 Lea Chloe cantine d ete OEuvre Strasse"
    )
    expect(normalizeObjet("  Garçon   à l'accueil  ")).toBe("Garcon a l accueil")
    expect(truncateObjet(`Factures ${"F2026000001 ".repeat(12)}`.trim())).toHaveLength(92)
    expect(creerPaiementSecuriseFields({ ...valid, objet: "«»—" }).pipe(Either.isLeft)).toBe(true)
  })

  it("maps resultrans to the core's outcomes", () => {
    const of = (resultrans: string) => outcomeOfDetail({ resultrans, montant: "1575" })
    expect([of("P"), of("V"), of("R"), of("Z"), of("A"), of("X")]).toEqual([
      { _tag: "Paid", method: "card", amount: 1575 },
      { _tag: "Paid", method: "directDebit", amount: 1575 },
      { _tag: "Refused" },
      { _tag: "Refused" },
      { _tag: "Cancelled" },
      { _tag: "Unknown" }
    ])
  })
})

describe("PayFiP SOAP envelopes", () => {
  it("names the operation and its arg0 fields as the WSDL does", () => {
    const xml = soapRequest("creerPaiementSecurise", CREER_FIELDS.map((f) => [f, valid[f]] as const))
    expect(xml).toContain("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">")
    expect(xml).toContain("<pai:creerPaiementSecurise xmlns:pai=\"http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService\"><arg0><exer>2026</exer><mel>")
    expect(xml).toContain("<urlredirect>https://portail.example.fr/payfip/retour?x=1&amp;y=&apos;2&apos;</urlredirect></arg0>")
  })

  it("reads a functional fault's code and description", () => {
    expect(parseSoapResponse(soapFault("P5", "Résultat de la transaction non connu."))).toEqual(
      Either.right({ _tag: "Fault", fault: { faultcode: "soapenv:Server", faultstring: "fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur", code: "P5", description: "Résultat de la transaction non connu." } })
    )
    expect(Either.isLeft(parseSoapResponse("<html>503</html>"))).toBe(true)
    expect(Either.isLeft(parseSoapRequest('<!DOCTYPE x [<!ENTITY a "b">]><Envelope><Body/></Envelope>'))).toBe(true)
  })

  test.prop([validFieldsArbitrary], { numRuns: 300 })("valid creerPaiementSecurise fields round-trip through the simulator's SOAP parser unchanged", (fields) => {
    expect(checkCreerPaiementSecurise(fields)).toEqual(Either.right(fields))
    const parsed = parseSoapRequest(soapRequest("creerPaiementSecurise", CREER_FIELDS.map((f) => [f, fields[f]] as const)))
    expect(parsed).toEqual(Either.right({ operation: "creerPaiementSecurise", fields }))
  })

  test.prop([validFieldsArbitrary, fc.uuid(), fc.constantFrom("P", "V", "R", "Z", "A")], { numRuns: 200 })(
    "a recupererDetailPaiementSecurise answer round-trips through the client's SOAP parser unchanged",
    (fields, idOp, resultrans) => {
      const detail = { ...fields, idOp, resultrans, dattrans: "10042026", heurtrans: "1603", numauto: "123456" }
      const xml = soapResponse("recupererDetailPaiementSecurise", DETAIL_FIELDS.map((f) => [f, detail[f]] as const))
      const expected = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, detail[f]]))
      expect(parseSoapResponse(xml)).toEqual(Either.right({ _tag: "Return", call: { operation: "recupererDetailPaiementSecurise", fields: expected } }))
    }
  )
})

describe("PayFiP fields over HTTP, against the simulator", () => {
  let simulator: PayfipSimulator
  beforeAll(async () => {
    simulator = await startPayfipSimulator()
  })
  afterAll(() => simulator.close())

  test.prop([validFieldsArbitrary], { numRuns: 40 })("any valid field set reaches the simulator unchanged and opens an operation", async (fields) => {
    const client = makePayfipClient({ soapUrl: simulator.soapUrl, timeoutMillis: 5000 })
    const { idOp } = await Effect.runPromise(client.creerPaiementSecurise(fields))
    expect(simulator.operations().find((o) => o.idOp === idOp)?.fields).toEqual(fields)
    expect(simulator.soapCalls().at(-1)).toEqual({ operation: "creerPaiementSecurise", fields, answer: "return" })
  })

  test.prop([invalidFieldsArbitrary], { numRuns: 200 })("any invalid field set is refused before the network, naming the field", async ([fields, wrong]) => {
    let calls = 0
    const spy: typeof fetch = (input, init) => {
      calls++
      return fetch(input, init)
    }
    const client = makePayfipClient({ soapUrl: simulator.soapUrl, timeoutMillis: 5000, fetch: spy })
    const before = simulator.soapCalls().length
    const error = await Effect.runPromise(Effect.flip(client.creerPaiementSecurise({ ...fields, [wrong.field]: wrong.value })))
    expect(error._tag).toBe("PayfipRequestInvalid")
    expect(error._tag === "PayfipRequestInvalid" && error.problems.map((p) => p.field)).toEqual([wrong.field])
    expect(calls).toBe(0)
    expect(simulator.soapCalls()).toHaveLength(before)
  })
})
