import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoFamily, startTestPortal, type TestPortal } from "../../testing/TestPortal.js"
import { ApiClient, apiTokenFor, sessionClientFor } from "../testing/ApiClient.js"

let t: TestPortal
let concerto: ApiClient
let camille: ApiClient
let lea: string
let hugo: string

beforeAll(async () => {
  t = await startTestPortal()
  concerto = new ApiClient(t.url, { token: await apiTokenFor(t, demoFamily.login) })
  camille = new ApiClient(t.url, { token: await apiTokenFor(t, "camille.lefebvre") })
  const children = (await concerto.get("/api/v1/household")).json.children as Array<{ id: string; firstName: string }>
  lea = children.find((c) => c.firstName === "Léa")?.id ?? ""
  hugo = children.find((c) => c.firstName === "Hugo")?.id ?? ""
})

afterAll(async () => {
  await t.close()
})

interface SessionJson {
  readonly id: string
  readonly date: string
  readonly capacity: number
  readonly placesLeft: number
  readonly bookingOpen: boolean
  readonly bookingDeadline: string
}

const morningSessions = async (from: string, to: string): Promise<ReadonlyArray<SessionJson>> => {
  const response = await concerto.get(`/api/v1/sessions?activityId=accueil-matin&from=${from}&to=${to}`)
  expect(response.status).toBe(200)
  return response.json.items
}

describe("the API's activities and sessions", () => {
  it("lists the town's activities with their booking rules, page by page", async () => {
    const all = await concerto.get("/api/v1/activities")
    expect(all.status).toBe(200)
    expect(all.json.items.map((a: { id: string }) => a.id).sort()).toEqual(["accueil-loisirs-vacances", "accueil-matin", "accueil-mercredi", "accueil-soir", "restauration-scolaire"])
    const canteen = all.json.items.find((a: { id: string }) => a.id === "restauration-scolaire")
    expect(canteen).toMatchObject({ name: "Restauration scolaire", kind: "canteen", bookingPolicy: { bookingDeadline: { daysBefore: 2, counting: "calendar" } } })
    const page = await concerto.get("/api/v1/activities?limit=2")
    expect(page.json.items).toHaveLength(2)
    const rest = await concerto.get(page.json.next)
    expect(rest.json.items).toHaveLength(2)
    expect((await concerto.get(rest.json.next)).json.items).toHaveLength(1)
  })

  it("lists an activity's sessions with places left and deadlines: those within 48 h are closed", async () => {
    const sessions = await concerto.get("/api/v1/sessions?activityId=restauration-scolaire&from=2026-11-26&to=2026-12-04")
    expect(sessions.status).toBe(200)
    const items = sessions.json.items as ReadonlyArray<SessionJson>
    expect(items.map((s) => s.date)).toEqual(["2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04"])
    expect(items.map((s) => s.bookingOpen)).toEqual([false, false, true, true, true, true])
    expect(items[3]?.bookingDeadline).toBe("2026-11-29T10:45:00.000Z")
    for (const s of items) expect(s.placesLeft).toBeLessThan(s.capacity)
    const paged = await concerto.get("/api/v1/sessions?activityId=restauration-scolaire&from=2026-11-26&to=2026-12-04&limit=4")
    expect(paged.json.next).toContain("activityId=restauration-scolaire")
    expect((await concerto.get(paged.json.next)).json.items.map((s: SessionJson) => s.date)).toEqual(["2026-12-03", "2026-12-04"])
  })

  it("refuses a missing or unknown activity and a bad period, naming the parameter", async () => {
    const missing = await concerto.get("/api/v1/sessions")
    expect(missing.status).toBe(400)
    expect(missing.json.errors).toEqual([{ path: "activityId", message: "Indiquez l'activité (activityId), par exemple celle de la cantine." }])
    const unknown = await concerto.get("/api/v1/sessions?activityId=piscine")
    expect(unknown.status).toBe(404)
    expect(unknown.json.code).toBe("ActivityNotFound")
    const date = await concerto.get("/api/v1/sessions?activityId=accueil-matin&from=26/11/2026")
    expect(date.json.errors).toEqual([{ path: "from", message: "Une date s'écrit AAAA-MM-JJ, par exemple 2026-12-01." }])
    const backwards = await concerto.get("/api/v1/sessions?activityId=accueil-matin&from=2026-12-10&to=2026-12-01")
    expect(backwards.json.errors[0].path).toBe("to")
    const long = await concerto.get("/api/v1/sessions?activityId=accueil-matin&from=2026-12-01&to=2027-06-01")
    expect(long.status).toBe(400)
    expect(long.json.errors[0].message).toBe("La période demandée compte au plus 93 jours.")
  })
})

describe("the API's reservations, cancellations, absences and agendas", () => {
  it("books a child session by session, in the order asked, with the rule of each refusal", async () => {
    const [today] = await morningSessions("2026-11-26", "2026-11-26")
    const [thursday] = await morningSessions("2026-12-03", "2026-12-03")
    const booked = await concerto.post("/api/v1/reservations", { childId: lea, sessionIds: [thursday?.id, today?.id, "accueil-matin:2031-01-01"] })
    expect(booked.status).toBe(200)
    expect(booked.json.childId).toBe(lea)
    expect(booked.json.outcomes.map((o: { result: string }) => o.result)).toEqual(["booked", "refused", "refused"])
    expect(booked.json.outcomes[0]).toMatchObject({ sessionId: thursday?.id, date: "2026-12-03", reservationId: expect.any(String) })
    expect(booked.json.outcomes[1].refusal.code).toBe("BookingDeadlinePassed")
    expect(booked.json.outcomes[1].refusal.message).toContain("était possible jusqu'au")
    expect(booked.json.outcomes[2].refusal.code).toBe("SessionNotFound")
    expect(booked.json.summary[0]).toBe("jeudi 3 décembre 2026 : réservé.")
    const after = await morningSessions("2026-12-03", "2026-12-03")
    expect(after[0]?.placesLeft).toBe((thursday?.placesLeft ?? 0) - 1)
    const again = await concerto.post("/api/v1/reservations", { childId: lea, sessionIds: [thursday?.id] })
    expect(again.json.outcomes[0].refusal.code).toBe("AlreadyBooked")

    const agenda = await concerto.get(`/api/v1/children/${lea}/agenda?from=2026-12-03&to=2026-12-03`)
    expect(agenda.status).toBe(200)
    expect(agenda.json.items).toContainEqual(expect.objectContaining({ sessionId: thursday?.id, activityId: "accueil-matin", status: "booked", booking: expect.objectContaining({ _tag: "Booked" }) }))

    const cancelled = await concerto.post("/api/v1/reservations/cancellations", { childId: lea, sessionIds: [thursday?.id, today?.id] })
    expect(cancelled.status).toBe(200)
    expect(cancelled.json.outcomes[0]).toMatchObject({ result: "cancelled", late: false, date: "2026-12-03" })
    expect(cancelled.json.outcomes[1]).toMatchObject({ result: "refused", refusal: { code: "NothingToCancel" } })
    const agendaAfter = await concerto.get(`/api/v1/children/${lea}/agenda?from=2026-12-03&to=2026-12-03`)
    expect(agendaAfter.json.items.find((e: { sessionId: string }) => e.sessionId === thursday?.id)?.status).toBe("cancelled")
  })

  it("books and cancels with the session cookie, and refuses them without its CSRF header", async () => {
    const [friday] = await morningSessions("2026-12-04", "2026-12-04")
    const { api } = await sessionClientFor(t)
    const forged = await api.withCsrf(undefined).post("/api/v1/reservations", { childId: lea, sessionIds: [friday?.id] })
    expect(forged.status).toBe(403)
    const booked = await api.post("/api/v1/reservations", { childId: lea, sessionIds: [friday?.id] })
    expect(booked.json.outcomes[0].result).toBe("booked")
    const cancelled = await api.post("/api/v1/reservations/cancellations", { childId: lea, sessionIds: [friday?.id] })
    expect(cancelled.json.outcomes[0].result).toBe("cancelled")
    expect((await api.get(`/api/v1/children/${hugo}/agenda`)).status).toBe(200)
  })

  it("refuses an invalid booking body with 422 and each field's path", async () => {
    const empty = await concerto.post("/api/v1/reservations", { childId: lea, sessionIds: [] })
    expect(empty.status).toBe(422)
    expect(empty.json.errors).toEqual([{ path: "/sessionIds", message: "Indiquez au moins une séance." }])
    const missing = await concerto.post("/api/v1/reservations/cancellations", { sessionIds: ["x"] })
    expect(missing.json.errors).toEqual([{ path: "/childId", message: "Indiquez l'enfant (childId)." }])
    const wrongType = await concerto.post("/api/v1/reservations", { childId: lea, sessionIds: [12] })
    expect(wrongType.json.errors[0].path).toBe("/sessionIds/0")
  })

  it("reports an absence: places cancelled, marks set, the rule explained; a second report of the same days is 409", async () => {
    const reported = await concerto.post("/api/v1/absences", { childId: lea, start: "2026-12-07", end: "2026-12-08", reason: "illness", comment: "Varicelle" })
    expect(reported.status).toBe(201)
    expect(reported.json.absence).toMatchObject({ childId: lea, start: "2026-12-07", end: "2026-12-08", reason: "illness", comment: "Varicelle" })
    expect(reported.json.justification).toMatchObject({ justified: false, basis: "no-certificate" })
    expect(reported.json.explanation).toEqual(expect.stringContaining("certificat"))
    expect(reported.json.sessions.length).toBeGreaterThan(0)
    const agenda = await concerto.get(`/api/v1/children/${lea}/agenda?from=2026-12-07&to=2026-12-07`)
    expect(agenda.json.items.every((e: { status: string }) => e.status === "absent")).toBe(true)
    const twice = await concerto.post("/api/v1/absences", { childId: lea, start: "2026-12-08", end: "2026-12-08", reason: "family" })
    expect(twice.status).toBe(409)
    expect(twice.json.code).toBe("AbsenceAlreadyReported")
    const backwards = await concerto.post("/api/v1/absences", { childId: lea, start: "2026-12-10", end: "2026-12-09", reason: "family" })
    expect(backwards.status).toBe(422)
    expect(backwards.json.code).toBe("AbsencePeriodInvalid")
    const invalid = await concerto.post("/api/v1/absences", { childId: lea, start: "10/12/2026", reason: "rhume" })
    expect(invalid.status).toBe(422)
    expect(invalid.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["/end", "/reason", "/start"])
    expect(invalid.json.errors.find((e: { path: string }) => e.path === "/reason").message).toBe("Le motif est illness (maladie), family (raison familiale) ou other (autre).")
    expect(invalid.json.errors.find((e: { path: string }) => e.path === "/end").message).toBe("Indiquez le dernier jour d'absence (end).")
  })

  it("answers 404 for a child of another household, exactly like an unknown child", async () => {
    for (const [method, path, body] of [
      ["GET", `/api/v1/children/${lea}/agenda`, undefined],
      ["POST", "/api/v1/reservations", { childId: lea, sessionIds: ["accueil-matin:2026-12-10"] }],
      ["POST", "/api/v1/reservations/cancellations", { childId: lea, sessionIds: ["restauration-scolaire:2026-12-10"] }],
      ["POST", "/api/v1/absences", { childId: lea, start: "2026-12-14", end: "2026-12-14", reason: "family" }]
    ] as const) {
      const foreign = await camille.request(method, path, body === undefined ? {} : { body })
      expect(foreign.status, path).toBe(404)
      expect(foreign.json.code).toBe("ChildNotFound")
      const unknown = await camille.request(method, path.replace(lea, "mbr-999"), body === undefined ? {} : { body: { ...body, childId: "mbr-999" } })
      expect(unknown.status).toBe(404)
      expect(foreign.json.detail.replace(lea, "ID")).toBe(unknown.json.detail.replace("mbr-999", "ID"))
    }
    const agenda = await concerto.get(`/api/v1/children/${lea}/agenda?from=2026-12-10&to=2026-12-10`)
    expect(agenda.json.items.filter((e: { activityId: string; status: string }) => e.activityId === "restauration-scolaire")[0]?.status).toBe("booked")
  })
})
