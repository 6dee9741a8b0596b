import {
  AbsenceRepository,
  AccountRepository,
  CreditNoteRepository,
  createApiKey,
  HouseholdRepository,
  InvoiceRepository,
  issueCreditNote,
  LocalDate,
  PaymentRepository,
  RequestRepository,
  SupportingDocumentRepository
} from "@spe/core"
import { townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { portalPaths } from "./PortalPaths.js"
import { csrfTokenIn } from "./testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "./testing/TestPortal.js"

let t: TestPortal

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

/** Everything of CONCERTO's that has an id in an address, read from the stores. */
const concertoIds = () =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const household = Option.getOrThrow(yield* (yield* HouseholdRepository).findByReference(demoFamily.reference))
      const requests = yield* (yield* RequestRepository).listByHousehold(household.id)
      const invoices = yield* (yield* InvoiceRepository).byHousehold(household.id)
      const invoice = invoices[0]
      if (invoice !== undefined && (yield* (yield* CreditNoteRepository).byHousehold(household.id)).length === 0) {
        const line = invoice.lines[0]
        if (line !== undefined)
          yield* issueCreditNote({
            invoiceId: invoice.id,
            lines: [{ sessionId: line.sessionId, childId: line.childId, amount: line.amount }],
            reason: "Absence justifiée par certificat médical",
            issuedOn: LocalDate.unsafe("2026-11-20"),
            settings: townSettings.billing
          })
      }
      const creditNotes = yield* (yield* CreditNoteRepository).byHousehold(household.id)
      const payments = yield* (yield* PaymentRepository).byHousehold(household.id)
      const documents = yield* (yield* SupportingDocumentRepository).listByHousehold(household.id)
      const absences = yield* (yield* AbsenceRepository).forHousehold(household.id, LocalDate.unsafe("2026-01-01"), LocalDate.unsafe("2027-12-31"))
      const account = Option.getOrThrow(yield* (yield* AccountRepository).findByLogin(demoFamily.login))
      const key = yield* createApiKey({ _tag: "Family", householdId: household.id, accountId: account.id }, { label: "Agenda de la maison" })
      const first = <A>(items: ReadonlyArray<A>, what: string): A => {
        const item = items[0]
        if (item === undefined) throw new Error(`CONCERTO has no ${what} in the demo`)
        return item
      }
      return {
        household,
        params: {
          requestId: first(requests, "request").id,
          invoiceId: first(invoices, "invoice").id,
          creditNoteId: first(creditNotes, "credit note").id,
          paymentId: first(payments, "payment").id,
          documentId: first(documents, "document").id,
          absenceId: first(absences, "absence").id,
          memberId: first(household.children, "child").id,
          keyId: key.key.id
        } as Readonly<Record<string, string>>
      }
    })
  )

/** What CONCERTO's household holds, to check that nothing another family sent changed it. */
const concertoState = (householdId: string) =>
  t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const id = householdId as Parameters<(typeof InvoiceRepository.Service)["byHousehold"]>[0]
      return JSON.stringify({
        household: yield* (yield* HouseholdRepository).get(id),
        requests: yield* (yield* RequestRepository).listByHousehold(id),
        invoices: yield* (yield* InvoiceRepository).byHousehold(id),
        payments: yield* (yield* PaymentRepository).byHousehold(id),
        documents: yield* (yield* SupportingDocumentRepository).listByHousehold(id),
        absences: yield* (yield* AbsenceRepository).forHousehold(id, LocalDate.unsafe("2026-01-01"), LocalDate.unsafe("2027-12-31"))
      })
    })
  )

/** Addresses whose parameter is not one of a household's ids (a signed token, a kind of document). */
const notHouseholdIds = new Set(["token", "document"])

describe("a household only ever reaches its own data", () => {
  it("answers 404 to another family on every address of the portal that names one of CONCERTO's ids, reading or posting, and changes nothing", async () => {
    const { household, params } = await concertoIds()
    const before = await concertoState(household.id)
    const other = await t.familyClient("camille.lefebvre")
    const csrf = csrfTokenIn((await other.get(portalPaths.mySpace)).body)
    const tried: Array<string> = []
    for (const pattern of Object.values(portalPaths)) {
      const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "")
      if (names.length === 0 || names.some((name) => notHouseholdIds.has(name))) continue
      const path = names.reduce((p, name) => {
        const value = params[name]
        if (value === undefined) throw new Error(`No id of CONCERTO for :${name} in ${pattern}: add it to the test`)
        return p.replace(`:${name}`, encodeURIComponent(value))
      }, pattern)
      const read = await other.get(path)
      expect({ path, status: read.status }).toEqual({ path, status: read.status === 405 ? 405 : 404 })
      const posted = await other.post(path, { message: "Coucou", motif: "maladie" }, { csrf })
      expect({ path, status: posted.status }).toEqual({ path, status: posted.status === 405 ? 405 : 404 })
      expect(read.status === 404 || posted.status === 404, path).toBe(true)
      tried.push(pattern)
    }
    expect(tried.length).toBeGreaterThanOrEqual(15)
    expect(await concertoState(household.id)).toBe(before)
  })

  it("answers 404 to another family's session on the JSON API for CONCERTO's ids", async () => {
    const { params } = await concertoIds()
    const other = await t.familyClient("camille.lefebvre")
    for (const path of [
      `/api/v1/requests/${params["requestId"]}`,
      `/api/v1/invoices/${params["invoiceId"]}`,
      `/api/v1/invoices/${params["invoiceId"]}/pdf`,
      `/api/v1/children/${params["memberId"]}/agenda?from=2026-11-01&to=2026-11-30`
    ]) {
      const answer = await other.get(path)
      expect({ path, status: answer.status, type: answer.headers.get("content-type") }).toEqual({ path, status: 404, type: "application/problem+json" })
    }
  })
})
