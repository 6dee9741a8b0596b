import {
  AbsenceId,
  AbsenceJustificationRules,
  AbsenceReport,
  attachMedicalCertificate,
  bookSessions,
  BookSessionsCommand,
  DocumentId,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  reportAbsence,
  type Session,
  SessionLedgerRepository
} from "@spe/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aCanteen, aChild, aSession } from "../reservation/BookingFixtures.js"
import { type BookingServices, inMemoryBookingServices } from "../reservation/InMemoryBookingServices.js"
import { absenceRepositoryContract } from "./AbsenceRepositoryContract.js"
import { inMemoryAbsenceRepository } from "./InMemoryAbsenceRepository.js"

absenceRepositoryContract("in memory", () => inMemoryAbsenceRepository())

const canteen = aCanteen()
const days = ["2026-03-09", "2026-03-10", "2026-03-12", "2026-03-13", "2026-03-16"]
const sessions = days.map((d) => aSession(canteen, d))
const rules = new AbsenceJustificationRules({ carenceDays: 1 })
const d = LocalDate.unsafe

function setUp() {
  const { clock, layer } = inMemoryBookingServices({
    now: "2026-03-01T08:00:00Z",
    activities: [canteen],
    sessions,
    enrollments: ["lucie", "ana", "chloe"].map((c) => anAcceptedEnrollment(c, "2025-2026", "restauration", c === "lucie" ? "martin" : `hh-${c}`))
  })
  const run = <A, E>(effect: Effect.Effect<A, E, BookingServices>) => Effect.runPromise(Effect.provide(effect, layer))
  const book = (child: string, list: ReadonlyArray<Session>, household = `hh-${child}`) =>
    run(bookSessions(new BookSessionsCommand({ child: aChild(child, { householdId: household }), sessionIds: list.map((s) => s.id) })))
  return { clock, run, book }
}

const illness = (start: string, end: string, certificate?: string) =>
  new AbsenceReport({
    childId: MemberId.make("lucie"),
    householdId: HouseholdId.make("martin"),
    start: d(start),
    end: d(end),
    reason: "illness",
    ...(certificate === undefined ? {} : { certificate: DocumentId.make(certificate) })
  })

describe("reporting an absence", () => {
  it("cancels the coming days (late or in time), frees the places for the waiting list, and marks the days for billing", async () => {
    const { clock, run, book } = setUp()
    await book("lucie", sessions, "martin")
    await book("ana", [sessions[2] as Session])
    await book("chloe", [sessions[2] as Session])
    clock.set(Instant.unsafe("2026-03-09T18:00:00Z"))
    const receipt = await run(reportAbsence(illness("2026-03-10", "2026-03-13"), rules))
    expect(receipt.justification.basis).toBe("no-certificate")
    expect(receipt.sessions.map((s) => [s.date, s.cancellation?.late, s.mark.justified, s.mark.carence])).toEqual([
      ["2026-03-10", true, false, true],
      ["2026-03-12", false, false, false],
      ["2026-03-13", false, false, false]
    ])
    const thursday = await run(Effect.flatMap(SessionLedgerRepository, (r) => r.get((sessions[2] as Session).id)))
    expect(thursday.reservations.filter((r) => r.isActive).map((r) => `${r.childId} ${r.via}`)).toEqual(["ana request", "chloe waitlist"])

    clock.set(Instant.unsafe("2026-03-11T09:00:00Z"))
    const justified = await run(attachMedicalCertificate({ absenceId: AbsenceId.make("abs-1"), householdId: HouseholdId.make("martin"), documentId: DocumentId.make("doc-1") }, rules))
    expect(justified.justification.justified).toBe(true)
    expect(justified.sessions.map((s) => [s.date, s.mark.justified, s.mark.carence])).toEqual([
      ["2026-03-10", true, true],
      ["2026-03-12", true, false],
      ["2026-03-13", true, false]
    ])
    const tuesday = await run(Effect.flatMap(SessionLedgerRepository, (r) => r.get((sessions[1] as Session).id)))
    expect(tuesday.reservations[0]?.absence).toMatchObject({ absenceId: "abs-1", justified: true, carence: true })
  })

  it("marks a day already past without cancelling it, and refuses an overlapping report or a certificate given too late", async () => {
    const { clock, run, book } = setUp()
    await book("lucie", sessions, "martin")
    clock.set(Instant.unsafe("2026-03-09T18:00:00Z"))
    const past = await run(reportAbsence(new AbsenceReport({ ...illness("2026-03-09", "2026-03-09"), reason: "family" }), rules))
    expect(past.sessions.map((s) => [s.date, s.cancellation, s.mark.justified])).toEqual([["2026-03-09", undefined, false]])
    const overlap = await run(Effect.flip(reportAbsence(illness("2026-03-09", "2026-03-10"), rules)))
    expect(overlap.message).toBe(
      "Une absence de l'enfant est déjà signalée du lundi 9 mars 2026 au lundi 9 mars 2026. Pour un certificat médical, joignez-le à cette absence ; " +
        "pour d'autres jours, signalez une absence qui ne la chevauche pas."
    )
    const backwards = await run(Effect.flip(reportAbsence(illness("2026-03-13", "2026-03-12"), rules)))
    expect(backwards._tag).toBe("AbsencePeriodInvalid")
    clock.set(Instant.unsafe("2026-03-20T08:00:00Z"))
    const tooLate = await run(Effect.flip(attachMedicalCertificate({ absenceId: AbsenceId.make("abs-1"), householdId: HouseholdId.make("martin"), documentId: DocumentId.make("doc-2") }, rules)))
    expect(tooLate._tag).toBe("MedicalCertificateTooLate")
    const otherFamily = await run(Effect.flip(attachMedicalCertificate({ absenceId: AbsenceId.make("abs-1"), householdId: HouseholdId.make("durand"), documentId: DocumentId.make("doc-2") }, rules)))
    expect(otherFamily._tag).toBe("AbsenceNotFound")
  })
})
