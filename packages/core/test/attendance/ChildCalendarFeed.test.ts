import { describe, expect, it } from "vitest"
import { Activity, Eligibility, Slot } from "../../src/activity/Activity.js"
import { BookingPolicy, Deadline } from "../../src/activity/BookingPolicy.js"
import { AgendaEntry } from "../../src/attendance/Agenda.js"
import { childCalendarEvents, sessionEndOf, slotShortLabel } from "../../src/attendance/ChildCalendarFeed.js"
import { ReservationAbsence } from "../../src/reservation/Reservation.js"
import { AbsenceId, ActivityId, HouseholdId, MemberId, ReservationId, SessionId, TariffGridId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"

const t = ParisTime.timeOfDay
const lea = MemberId.make("lea")
const deadline = new Deadline({ daysBefore: 2, counting: "calendar", at: t("08:30") })
const wednesday = new Activity({
  id: ActivityId.make("accueil-mercredi"),
  kind: "wednesday",
  name: "Accueil du mercredi",
  enrollmentFamily: "periscolaire",
  eligibility: new Eligibility({}),
  capacity: 48,
  ageGroups: [],
  slots: [new Slot({ code: "matin", label: "Matin (8h30 - 12h)" }), new Slot({ code: "journee", label: "Journée (8h30 - 17h30)" })],
  tariffGridId: TariffGridId.make("g"),
  bookingPolicy: new BookingPolicy({ bookingDeadline: deadline, cancellationDeadline: deadline, windows: [], wholeWeekOnly: false, waitlist: { _tag: "BookAtOnce" } })
})
const canteen = new Activity({ ...wednesday, id: ActivityId.make("cantine"), kind: "canteen", name: "Restauration scolaire", slots: [] })

const entry = (activity: Activity, date: string, startsAt: string, booking: AgendaEntry["booking"], extra: { slot?: string; absence?: ReservationAbsence } = {}) =>
  new AgendaEntry({
    date: LocalDate.unsafe(date),
    sessionId: SessionId.make(`${activity.id}:${date}${extra.slot === undefined ? "" : `:${extra.slot}`}`),
    activityId: activity.id,
    startsAt: t(startsAt),
    childId: lea,
    householdId: HouseholdId.make("concerto"),
    booking,
    ...extra
  })

describe("a child's private calendar", () => {
  it("ends sessions by slot, then by kind, else an hour after they start", () => {
    expect(sessionEndOf("wednesday", t("08:30"), "matin")).toBe("12:00")
    expect(sessionEndOf("wednesday", t("13:30"), "apres-midi")).toBe("17:30")
    expect(sessionEndOf("canteen", t("11:45"))).toBe("13:30")
    expect(sessionEndOf("morning", t("07:30"))).toBe("08:30")
    expect(sessionEndOf("custom:atelier", t("14:00"))).toBe("15:00")
    expect(sessionEndOf("morning", t("09:00"))).toBe("10:00")
    expect(sessionEndOf("custom:veillee", t("23:30"))).toBe("23:59")
  })

  it("names a slot without its hours", () => {
    expect(slotShortLabel(new Slot({ code: "apres-midi", label: "Après-midi (13h30 - 17h30)" }))).toBe("après-midi")
    expect(slotShortLabel(new Slot({ code: "journee", label: "Journée" }))).toBe("journée")
  })

  it("has one event per place held or waited for, confirmed or tentative, cancelled ones left out", () => {
    const events = childCalendarEvents(
      { id: lea, firstName: "Léa" },
      [
        entry(wednesday, "2026-12-02", "08:30", { _tag: "Booked", reservationId: ReservationId.make("r1"), via: "request" }, { slot: "matin" }),
        entry(canteen, "2026-12-03", "11:45", { _tag: "Cancelled", reservationId: ReservationId.make("r2"), at: Instant.unsafe("2026-11-20T08:00:00Z"), late: false }),
        entry(wednesday, "2026-12-09", "08:30", { _tag: "Waitlisted", reservationId: ReservationId.make("r3"), position: 3 }, { slot: "journee" }),
        entry(canteen, "2026-12-04", "11:45", { _tag: "Offered", reservationId: ReservationId.make("r4"), position: 1, expiresAt: Instant.unsafe("2026-12-01T09:00:00Z") }),
        entry(canteen, "2026-12-07", "11:45", { _tag: "Booked", reservationId: ReservationId.make("r5"), via: "request" }, {
          absence: new ReservationAbsence({ absenceId: AbsenceId.make("a1"), justified: true, carence: false })
        }),
        entry(canteen, "2026-12-08", "11:45", { _tag: "NotBooked" })
      ],
      [wednesday, canteen]
    )
    expect(events.map((e) => [e.summary, e.status, e.start, e.end])).toEqual([
      ["Léa – Accueil du mercredi (matin)", "confirmed", "2026-12-02T07:30:00.000Z", "2026-12-02T11:00:00.000Z"],
      ["Léa – Restauration scolaire", "tentative", "2026-12-04T10:45:00.000Z", "2026-12-04T12:30:00.000Z"],
      ["Léa – Restauration scolaire", "confirmed", "2026-12-07T10:45:00.000Z", "2026-12-07T12:30:00.000Z"],
      ["Léa – Accueil du mercredi (journée)", "tentative", "2026-12-09T07:30:00.000Z", "2026-12-09T16:30:00.000Z"]
    ])
    expect(events.map((e) => e.description)).toEqual([
      "Place réservée.",
      "Place proposée depuis la liste d'attente : à accepter avant le mardi 1er décembre 2026 à 10:00.",
      "Absence signalée (justifiée).",
      "En liste d'attente, position 3."
    ])
    expect(events[0]?.uid).toBe("accueil-mercredi:2026-12-02:matin/lea")
  })
})
