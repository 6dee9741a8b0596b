import {
  bookingDeadlineFor,
  cancellationDeadlineFor,
  checkCantineAUnEuro,
  generateSessions,
  Instant,
  isSchoolDay,
  LocalDate,
  ParisTime,
  priceSession,
  validateHouseholdRegistration
} from "@spe/core"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { activityIds, activityOf, canteen, holidayCentre, townActivities, wednesdayCare } from "./Activities.js"
import { placeholderMark, placeholderPeriods, placeholderSchoolYear, townCalendar } from "./Calendar.js"
import { concerto, demoHouseholds } from "./Households.js"
import { demonstrationMark, townTariffGrids } from "./Tariffs.js"
import { helpBlock, townIdentity, welcomeText } from "./TownSettings.js"

const d = LocalDate.unsafe
const sessionOf = (activity: typeof canteen, date: string, slot?: string) => {
  const sessions = Either.getOrThrow(generateSessions(activity, townCalendar, d(date), d(date)))
  const found = sessions.find((s) => slot === undefined || s.slot === slot)
  if (found === undefined) throw new Error(`no session on ${date}`)
  return found
}

describe("the town of the guide", () => {
  it("prints the guide's help block and welcome text", () => {
    expect(helpBlock.serviceName).toBe("Service à la population")
    expect(helpBlock.addressLines).toEqual(["Place François Mitterrand", "76 320 Saint-Pierre-Lès-Elbeuf"])
    expect(helpBlock.counter.phone).toBe("02 32 96 94 51")
    expect(helpBlock.registrationLine.phone).toBe("02 32 96 95 70")
    expect(helpBlock.email).toBe("servicepopulation@pierrotin.fr")
    expect(townIdentity.email).toBe("servicepopulation@pierrotin.fr")
    expect(welcomeText.startsWith("BIENVENUE SUR VOTRE ESPACE CITOYEN\n\nLa Ville de Saint-Pierre-lès-Elbeuf vous souhaite la bienvenue")).toBe(true)
    expect(welcomeText).toContain("- Accueils du matin et du soir\n- Accueil du mercredi\n- Activités des vacances scolaires\n- Restauration scolaire")
    expect(welcomeText.endsWith("Bonne navigation !")).toBe(true)
  })

  it("flags the 2026-2027 holidays as placeholders to replace with the official calendar", () => {
    expect(townCalendar.zone).toBe("B")
    expect(townCalendar.knownSchoolYears.find((k) => k.schoolYear === "2025-2026")?.placeholder).toBe(false)
    expect(townCalendar.knownSchoolYears.find((k) => k.schoolYear === placeholderSchoolYear)?.placeholder).toBe(true)
    const entered = townCalendar.schoolHolidays.filter((p) => p.schoolYear === placeholderSchoolYear)
    expect(entered.map((p) => p.name)).toEqual(placeholderPeriods.map((p) => p.name))
    expect(entered.every((p) => p.name.endsWith(placeholderMark))).toBe(true)
    expect(placeholderMark).toBe("(estimation à remplacer par le calendrier officiel)")
  })

  it("closes the Ascension bridge day and keeps Wednesdays out of school days", () => {
    expect(isSchoolDay(townCalendar, d("2026-05-14"))).toBe(false)
    expect(isSchoolDay(townCalendar, d("2026-05-15"))).toBe(false)
    expect(isSchoolDay(townCalendar, d("2026-05-18"))).toBe(true)
    expect(isSchoolDay(townCalendar, d("2026-09-02"))).toBe(false)
    expect(Either.getOrThrow(generateSessions(holidayCentre, townCalendar, d("2026-12-21"), d("2027-01-01"))).map((s) => s.date)).toEqual([
      "2026-12-21",
      "2026-12-22",
      "2026-12-23",
      "2026-12-24"
    ])
  })

  it("books Wednesdays and meals 48 hours before, at the time the session starts", () => {
    const meal = sessionOf(canteen, "2026-12-03")
    expect(bookingDeadlineFor(meal, canteen, townCalendar)).toBe(Instant.unsafe("2026-12-01T10:45:00Z"))
    expect(cancellationDeadlineFor(meal, canteen, townCalendar)).toBe(Instant.unsafe("2026-12-01T10:45:00Z"))
    const wednesday = sessionOf(wednesdayCare, "2026-12-09", "journee")
    expect(wednesday.startsAt).toBe("08:30")
    expect(bookingDeadlineFor(wednesday, wednesdayCare, townCalendar)).toBe(Instant.unsafe("2026-12-07T07:30:00Z"))
  })

  it("offers the four services of the guide with their capacities and rules", () => {
    expect(townActivities.map((a) => a.kind).sort()).toEqual(["canteen", "evening", "holiday", "morning", "wednesday"])
    expect(activityOf("morning").capacity).toBe(60)
    expect(activityOf("evening").capacity).toBe(80)
    expect(canteen.capacity).toBe(220)
    expect(wednesdayCare.capacity).toBe(48)
    expect(wednesdayCare.slots.map((s) => s.code)).toEqual(["journee", "matin", "apres-midi"])
    expect(holidayCentre.capacity).toBe(40)
    expect(holidayCentre.ageGroups.map((g) => [g.label, g.minAge, g.maxAge])).toEqual([
      ["Moins de 6 ans", 3, 5],
      ["6 ans et plus", 6, 12]
    ])
    expect(holidayCentre.bookingPolicy.wholeWeekOnly).toBe(true)
    expect(holidayCentre.bookingPolicy.waitlist).toEqual({ _tag: "Offer", validHours: 48 })
    const windows = holidayCentre.bookingPolicy.windows
    expect(windows.map((w) => w.periodStart)).toEqual(placeholderPeriods.map((p) => p.start))
    for (const w of windows) {
      const [residents, everyone] = w.phases
      if (residents === undefined || everyone === undefined) throw new Error(`window ${w.label} has no second phase`)
      expect([residents.audience, everyone.audience]).toEqual(["residents", "everyone"])
      expect(Instant.toEpochMillis(everyone.opensAt) - Instant.toEpochMillis(residents.opensAt)).toBe(7 * 86_400_000)
      expect(w.closesAt < ParisTime.toInstant(w.periodStart, ParisTime.timeOfDay("00:00"))).toBe(true)
      expect(w.label).toContain("(dates à confirmer)")
    }
  })

  it("prices every service with demonstration grids for 2025-2026 and 2026-2027", () => {
    expect(townTariffGrids).toHaveLength(10)
    for (const schoolYear of ["2025-2026", "2026-2027"]) {
      for (const id of Object.values(activityIds)) {
        const grid = townTariffGrids.find((g) => g.schoolYear === schoolYear && g.activityIds.includes(id))
        expect(grid?.label).toContain(demonstrationMark)
        expect(grid?.modifiers.nonResident).toBeDefined()
        expect(grid?.modifiers.siblings).toBeDefined()
        expect(grid?.modifiers.unreservedPresence).toBeDefined()
      }
    }
    const canteenGrid = townTariffGrids.find((g) => g.schoolYear === "2026-2027" && g.activityIds.includes(activityIds.canteen))
    if (canteenGrid === undefined) throw new Error("no canteen grid")
    expect(checkCantineAUnEuro(canteenGrid).eligible).toBe(true)
    const holidayGrid = townTariffGrids.find((g) => g.schoolYear === "2026-2027" && g.activityIds.includes(activityIds.holiday))
    if (holidayGrid === undefined) throw new Error("no holiday grid")
    const nonResident = priceSession(holidayGrid, {
      quotient: { _tag: "QuotientKnown", qf: 1400, source: "declared" },
      residency: "non-resident",
      childRank: 1,
      circumstance: "reserved"
    })
    expect(nonResident.explanation.cap.applied).toBe(true)
    expect(nonResident.amount).toBe(holidayGrid.costOfProduction)
  })

  it("registers the guide's family as the guide prints it", () => {
    const registration = Either.getOrThrow(validateHouseholdRegistration(concerto.registration))
    const maman = registration.adults.find((a) => a.isPayer)
    expect(`${maman?.relationship} ${maman?.lastName}`).toBe("Maman CONCERTO")
    expect(maman?.email).toBe("a.baud@arpege.fr")
    expect(registration.address.line1).toBe("1 Chemin de la Cote")
    expect(`${registration.address.postalCode} ${registration.address.city}`).toBe("76320 SAINT-PIERRE-LES-ELBEUF")
    expect(registration.contact.email).toBe("a.baud@arpege.fr")
    expect(registration.adults.filter((a) => !a.isPayer).map((a) => a.relationship)).toEqual(["Papa"])
    expect(registration.children.map((c) => c.firstName)).toEqual(["Léa", "Hugo"])
    for (const household of demoHouseholds) expect(Either.isRight(validateHouseholdRegistration(household.registration))).toBe(true)
  })
})
