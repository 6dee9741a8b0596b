import type {
  AbsenceRepository,
  Activity,
  ActivityCatalogue,
  AttendanceRegister,
  Cents,
  Clock,
  Enrollment,
  EnrollmentRepository,
  EventOutbox,
  HouseholdId,
  IdGenerator,
  Session,
  SessionLedgerRepository,
  SessionRepository,
  TownCalendar,
  TownCalendarSource,
  Transactions,
  UnpaidBalances
} from "@spe/core"
import { Layer } from "effect"
import { inMemoryAbsenceRepository } from "../absence/InMemoryAbsenceRepository.js"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { inMemoryAttendanceRegister } from "../attendance/InMemoryAttendanceRegister.js"
import { inMemoryTownCalendarSource } from "../calendar/InMemoryTownCalendarSource.js"
import { inMemoryEnrollmentRepository } from "../enrollment/InMemoryEnrollmentRepository.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock, type TestClock } from "../TestClock.js"
import { plainTownCalendar } from "./BookingFixtures.js"
import { inMemoryBookingStore } from "./InMemoryBookingStore.js"
import { inMemoryTransactions } from "./InMemoryTransactions.js"
import { inMemoryUnpaidBalances } from "./InMemoryUnpaidBalances.js"

/** Every port the booking, absence and attendance use cases need (the event outbox included). */
export type BookingServices =
  | SessionRepository
  | SessionLedgerRepository
  | ActivityCatalogue
  | TownCalendarSource
  | EnrollmentRepository
  | EventOutbox
  | UnpaidBalances
  | AbsenceRepository
  | AttendanceRegister
  | Transactions
  | Clock
  | IdGenerator

/**
 * The booking, absence and attendance ports in memory, wired together, with a test clock at
 * `now` and sequential ids (`res-1`, `abs-1`…). Build it once per test: the layer keeps its state
 * across `Effect.provide` calls.
 */
export function inMemoryBookingServices(options: {
  readonly now: string
  readonly activities: ReadonlyArray<Activity>
  readonly sessions: ReadonlyArray<Session>
  readonly enrollments?: ReadonlyArray<Enrollment>
  readonly calendar?: TownCalendar
  readonly owed?: ReadonlyArray<readonly [HouseholdId, Cents.Cents]>
}): { readonly clock: TestClock; readonly layer: Layer.Layer<BookingServices> } {
  const clock = makeTestClock(options.now)
  const layer = Layer.mergeAll(
    inMemoryBookingStore(options.sessions),
    inMemoryActivityCatalogue(options.activities),
    inMemoryTownCalendarSource(options.calendar ?? plainTownCalendar),
    inMemoryEnrollmentRepository(options.enrollments ?? []),
    inMemoryUnpaidBalances(options.owed ?? []),
    inMemoryAbsenceRepository(),
    inMemoryAttendanceRegister(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    clock.layer,
    sequentialIds()
  )
  return { clock, layer }
}
