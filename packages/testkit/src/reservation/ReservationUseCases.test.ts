import {
  type Activity,
  acceptOffer,
  bookSessions,
  BookSessionsCommand,
  cancelReservations,
  CancelReservationsCommand,
  Cents,
  declineOffer,
  type Enrollment,
  expireOffers,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  ReservationId,
  type Session,
  SessionId,
  SessionLedgerRepository,
  SessionPattern,
  sessionsForPattern,
  WaitlistOfferAnswer
} from "@spe/core"
import { fc, test } from "@fast-check/vitest"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aCanteen, aChild, aHolidayCentre, aSession } from "./BookingFixtures.js"
import { type BookingServices, inMemoryBookingServices } from "./InMemoryBookingServices.js"

const children = ["lucie", "tom", "ana", "bob", "chloe", "dan", "eve", "farid", "gus", "hugo"]

function harness(options: {
  activities: ReadonlyArray<Activity>
  sessions: ReadonlyArray<Session>
  now: string
  enrollments?: ReadonlyArray<Enrollment>
  owed?: ReadonlyArray<readonly [HouseholdId, Cents.Cents]>
}) {
  const { clock, layer } = inMemoryBookingServices({
    ...options,
    enrollments:
      options.enrollments ??
      children.flatMap((c) => [anAcceptedEnrollment(c, "2025-2026", "restauration"), anAcceptedEnrollment(c, "2025-2026", "extrascolaire")])
  })
  const run = <A, E>(effect: Effect.Effect<A, E, BookingServices>) => Effect.runPromise(Effect.provide(effect, layer))
  return { clock, run }
}

const book = (child: string, sessions: ReadonlyArray<Session | string>) =>
  bookSessions(new BookSessionsCommand({ child: aChild(child), sessionIds: sessions.map((s) => (typeof s === "string" ? SessionId.make(s) : s.id)) }))
const cancel = (child: string, sessions: ReadonlyArray<Session>) =>
  cancelReservations(new CancelReservationsCommand({ childId: MemberId.make(child), householdId: HouseholdId.make(`hh-${child}`), sessionIds: sessions.map((s) => s.id) }))
const answer = (session: Session, child: string, reservationId: string) =>
  new WaitlistOfferAnswer({ sessionId: session.id, reservationId: ReservationId.make(reservationId), householdId: HouseholdId.make(`hh-${child}`) })

const canteen = aCanteen()
const marchSchoolDays = LocalDate.range(LocalDate.unsafe("2026-03-02"), LocalDate.unsafe("2026-03-31"))
  .filter((d) => [1, 2, 4, 5].includes(LocalDate.isoWeekday(d)))
  .map((d) => aSession(canteen, d))

describe("booking use cases", () => {
  it("books two weeks of canteen days at once and tells the family which were booked, waitlisted or refused, and why", async () => {
    const { run } = harness({ activities: [canteen], sessions: marchSchoolDays, now: "2026-03-01T08:00:00Z" })
    const thursday12 = aSession(canteen, "2026-03-12")
    await run(Effect.all([book("ana", [thursday12]), book("bob", [thursday12])]))
    const outcome = await run(
      Effect.gen(function* () {
        const pattern = new SessionPattern({ weekdays: [1, 2, 4, 5], start: LocalDate.unsafe("2026-03-02"), end: LocalDate.unsafe("2026-03-13") })
        const sessions = yield* sessionsForPattern(canteen.id, pattern)
        return yield* book("lucie", [...sessions, "cantine:2026-03-14", sessions[3] ?? "none"])
      })
    )
    expect(outcome.outcomes.map((o) => o.sessionId)).toEqual([
      "cantine:2026-03-02", "cantine:2026-03-03", "cantine:2026-03-05", "cantine:2026-03-06",
      "cantine:2026-03-09", "cantine:2026-03-10", "cantine:2026-03-12", "cantine:2026-03-13", "cantine:2026-03-14"
    ])
    expect(outcome.outcomes.map((o) => o.result._tag)).toEqual(["Refused", "Booked", "Booked", "Booked", "Booked", "Booked", "Waitlisted", "Booked", "Refused"])
    expect(outcome.summaryFr[0]).toContain("lundi 2 mars 2026 : refusé. La réservation du lundi 2 mars 2026 était possible jusqu'au samedi 28 février 2026 à 11:45")
    expect(outcome.summaryFr[6]).toBe("jeudi 12 mars 2026 : complet, en liste d'attente (position 1).")
    expect(outcome.summaryFr[8]).toContain("Séance cantine:2026-03-14 : refusé. La séance « cantine:2026-03-14 » n'existe pas")
  })

  it("refuses the days whose deadline has passed, saying until when they could be booked", async () => {
    const { run } = harness({ activities: [canteen], sessions: marchSchoolDays, now: "2026-03-03T12:00:00Z" })
    const outcome = await run(book("lucie", marchSchoolDays.slice(0, 4)))
    expect(outcome.outcomes.map((o) => o.result._tag)).toEqual(["Refused", "Refused", "Refused", "Booked"])
    const thursday = outcome.outcomes[2]?.result
    expect(thursday?._tag === "Refused" && thursday.refusal.message).toBe(
      "La réservation du jeudi 5 mars 2026 était possible jusqu'au mardi 3 mars 2026 à 11:45 ; ce délai est passé. " +
        "Choisissez une date plus lointaine, ou contactez le Service à la Population pour une demande exceptionnelle."
    )
  })

  it("refuses every day without an accepted enrollment, and blocks a household with unpaid invoices past the threshold", async () => {
    const blocking = aCanteen({ unpaidBlockThresholdCents: 5_000 })
    const notEnrolled = harness({ activities: [canteen], sessions: marchSchoolDays, now: "2026-03-01T08:00:00Z", enrollments: [] })
    const refused = await notEnrolled.run(book("lucie", marchSchoolDays.slice(4, 6)))
    expect(refused.outcomes.map((o) => (o.result._tag === "Refused" ? o.result.refusal._tag : o.result._tag))).toEqual(["ChildNotEnrolled", "ChildNotEnrolled"])
    const owing = harness({ activities: [blocking], sessions: marchSchoolDays, now: "2026-03-01T08:00:00Z", owed: [[HouseholdId.make("hh-lucie"), Cents.cents(7_250)]] })
    const blocked = await owing.run(book("lucie", marchSchoolDays.slice(4, 5)))
    const result = blocked.outcomes[0]?.result
    expect(result?._tag === "Refused" && result.refusal.message).toContain("72,50 € de factures échues restent impayés, au-delà du seuil de 50,00 €")
  })

  it("books holiday weeks only whole, naming the missing days", async () => {
    const centre = aHolidayCentre()
    const days = ["2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10", "2026-04-13", "2026-04-14", "2026-04-15", "2026-04-16", "2026-04-17"]
    const sessions = days.map((d) => aSession(centre, d, { startsAt: "08:30" }))
    const { run } = harness({ activities: [centre], sessions, now: "2026-03-10T08:00:00Z" })
    const outcome = await run(book("lucie", sessions.slice(0, 6)))
    expect(outcome.outcomes.map((o) => o.result._tag)).toEqual(["Booked", "Booked", "Booked", "Booked", "Refused", "Refused"])
    const monday = outcome.outcomes[4]?.result
    expect(monday?._tag === "Refused" && monday.refusal.message).toBe(
      "« Accueil de loisirs » se réserve à la semaine entière : pour la semaine du lundi 13 avril 2026, ajoutez aussi à votre demande " +
        "mercredi 15 avril 2026, jeudi 16 avril 2026, vendredi 17 avril 2026."
    )
  })

  it("never gives more places than the session has when many families book at the same minute", async () => {
    const session = aSession(canteen, "2026-03-12", { capacity: 2 })
    const { run } = harness({ activities: [canteen], sessions: [session], now: "2026-03-01T08:00:00Z" })
    const outcomes = await run(Effect.all(children.map((c) => book(c, [session])), { concurrency: "unbounded" }))
    const results = outcomes.map((o) => o.outcomes[0]?.result)
    expect(results.filter((r) => r?._tag === "Booked")).toHaveLength(2)
    expect(results.flatMap((r) => (r?._tag === "Waitlisted" ? [r.position] : [])).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it("gives a freed place to the first in line at once, and marks a cancellation after the deadline as late", async () => {
    const session = aSession(canteen, "2026-03-12")
    const { run, clock } = harness({ activities: [canteen], sessions: [session], now: "2026-03-01T08:00:00Z" })
    for (const c of ["ana", "bob", "chloe", "dan"]) await run(book(c, [session]))
    const inTime = await run(cancel("ana", [session]))
    expect(inTime.outcomes[0]?.result).toEqual({ _tag: "Cancelled", reservationId: "res-1", late: false })
    clock.set(Instant.unsafe("2026-03-11T08:00:00Z"))
    const late = await run(cancel("bob", [session]))
    expect(late.late.map((o) => o.sessionId)).toEqual(["cantine:2026-03-12"])
    const ledger = await run(Effect.flatMap(SessionLedgerRepository, (r) => r.get(session.id)))
    expect(ledger.reservations.filter((r) => r.isActive).map((r) => [r.childId, r.via])).toEqual([["chloe", "waitlist"], ["dan", "waitlist"]])
    const nothing = await run(cancel("eve", [session]))
    expect(nothing.outcomes[0]?.result._tag === "Refused" && nothing.outcomes[0].result.refusal._tag).toBe("NothingToCancel")
  })

  it("offers a freed place for 24 hours: accepted, declined, or expired and passed on", async () => {
    const offering = aCanteen({ capacity: 1, waitlist: { _tag: "Offer", validHours: 24 } })
    const session = aSession(offering, "2026-03-20")
    const { run, clock } = harness({ activities: [offering], sessions: [session], now: "2026-03-01T08:00:00Z" })
    for (const c of ["ana", "bob", "chloe", "dan"]) await run(book(c, [session]))
    await run(cancel("ana", [session]))
    const declined = await run(declineOffer(answer(session, "bob", "res-2")))
    expect(declined.map((e) => e._tag)).toEqual(["OfferDeclined", "PlaceOffered"])
    clock.advanceMinutes(25 * 60)
    const expired = await run(expireOffers(clock.now()))
    expect(expired.map((e) => `${e._tag} ${e.childId}`)).toEqual(["OfferExpired chloe", "PlaceOffered dan"])
    const late = await run(Effect.flip(acceptOffer(answer(session, "chloe", "res-3"))))
    expect(late._tag).toBe("NoPendingOffer")
    const booked = await run(acceptOffer(answer(session, "dan", "res-4")))
    expect([booked.childId, booked.via]).toEqual(["dan", "waitlist"])
  })

  const knownIds = marchSchoolDays.map((s) => s.id as string)
  test.prop([fc.array(fc.oneof(fc.constantFrom(...knownIds), fc.constantFrom("cantine:2026-04-01", "inconnue")), { maxLength: 25 }), fc.integer({ min: 0, max: 30 * 24 })], {
    numRuns: 30
  })("a batch's outcomes cover every requested session exactly once, in the order asked", async (requested, hours) => {
    const { run } = harness({ activities: [canteen], sessions: marchSchoolDays, now: Instant.plusHours(Instant.unsafe("2026-02-25T08:00:00Z"), hours) })
    const outcome = await run(book("lucie", requested))
    expect(outcome.outcomes.map((o) => o.sessionId)).toEqual([...new Set(requested)])
    for (const o of outcome.outcomes) expect(o.date).toBe(knownIds.includes(o.sessionId) ? o.sessionId.slice(8) : undefined)
  })
})
