import {
  ActivityCatalogue,
  ActivityId,
  addBookingWindow,
  AuditLog,
  createActivity,
  removeBookingWindow,
  townCalendarFromOfficialData,
  updateActivity
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { inMemoryBookingServices } from "../reservation/InMemoryBookingServices.js"

const admin = anAgent("admin", "Alice ADMIN")
const reader = anAgent("reader", "Lise LECTURE")

const draft = {
  name: "Stage multisport d'été",
  kind: "custom",
  customKind: "Stage sportif",
  enrollmentFamily: "extrascolaire",
  capacity: 20,
  minAge: 6,
  maxAge: 11,
  ageGroups: [
    { label: "6 à 8 ans", minAge: 6, maxAge: 8, capacity: 10 },
    { label: "9 à 11 ans", minAge: 9, maxAge: 11, capacity: 10 }
  ],
  schedule: "holiday-weekdays",
  startsAt: "09:00",
  bookingDeadline: { daysBefore: 3, counting: "working", at: "12:00" },
  cancellationDeadline: { daysBefore: 2, counting: "calendar", at: "18:00" },
  wholeWeekOnly: true,
  waitlist: { mode: "Offer", validHours: 48 },
  unpaidBlockThresholdCents: 5000
}

const windowDraft = {
  label: "Vacances de printemps 2026",
  periodStart: "2026-04-11",
  periodEnd: "2026-04-26",
  residentsDate: "2026-03-02",
  residentsTime: "08:30",
  everyoneDate: "2026-03-09",
  everyoneTime: "08:30",
  closesDate: "2026-04-03",
  closesTime: "18:00"
}

const without = <T extends object>(value: T, ...keys: ReadonlyArray<keyof T>) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key as keyof T)))

function world() {
  const booking = inMemoryBookingServices({ now: "2025-11-20T08:00:00Z", activities: [], sessions: [], calendar: townCalendarFromOfficialData("B") })
  const layer = Layer.merge(booking.layer, inMemoryAuditLog())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.flip(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  const activity = (id: string) => run(Effect.flatMap(ActivityCatalogue, (c) => c.byId(ActivityId.make(id))))
  return { run, attempt, audit, activity }
}

describe("agents' activities", () => {
  it("creates an activity from the draft typed, with an id from its name, audited with the activity after", async () => {
    const w = world()
    const created = await w.run(createActivity(admin, { draft }))
    expect(created.id).toBe("stage-multisport-d-ete")
    expect(created.kind).toBe("custom:stage-sportif")
    expect(created.tariffGridId).toBe("grille-stage-multisport-d-ete-2025")
    expect(created.eligibility).toMatchObject({ minAge: 6, maxAge: 11 })
    expect(created.bookingPolicy.waitlist).toEqual({ _tag: "Offer", validHours: 48 })
    expect(created.bookingPolicy.bookingDeadline).toMatchObject({ daysBefore: 3, counting: "working", at: "12:00" })
    expect((await w.activity("stage-multisport-d-ete")).name).toBe("Stage multisport d'été")
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "activities.create", outcome: "done", actorName: "Alice ADMIN", target: { kind: "activity", id: "stage-multisport-d-ete" }, before: null })
    expect(record?.after).toMatchObject({ name: "Stage multisport d'été", capacity: 20 })
    const twice = await w.attempt(createActivity(admin, { draft }))
    expect(twice._tag).toBe("ActivityAlreadyExists")
  })

  it("refuses a draft with a French message for each field, and records the refusal", async () => {
    const w = world()
    const error = await w.attempt(
      createActivity(admin, {
        draft: {
          ...draft,
          name: " ",
          capacity: "beaucoup",
          bookingDeadline: { daysBefore: -1, counting: "semaine", at: "25:00" },
          waitlist: { mode: "Offer" }
        }
      })
    )
    expect(error._tag).toBe("InvalidInput")
    const problems = error._tag === "InvalidInput" ? Object.fromEntries(error.problems.map((p) => [p.path, p.message])) : {}
    expect(problems).toMatchObject({
      name: "Indiquez le nom de l'activité.",
      capacity: "La capacité de l'activité doit être un nombre.",
      "bookingDeadline.daysBefore": "Le nombre de jours avant la séance (réservation) doit valoir au moins 0.",
      "bookingDeadline.counting": "Choisissez comment compter les jours (réservation) : jours calendaires ou jours ouvrés.",
      "bookingDeadline.at": "L'heure doit être écrite sous la forme HH:MM (par exemple 18:00)."
    })
    const refusedAfterDecoding = await w.attempt(
      createActivity(admin, { draft: { ...without(draft, "customKind", "schedule"), minAge: 10, maxAge: 6, waitlist: { mode: "Offer" }, ageGroups: [{ label: "Tous", minAge: 3, maxAge: 12, capacity: 30 }] } })
    )
    const crossField = refusedAfterDecoding._tag === "InvalidInput" ? Object.fromEntries(refusedAfterDecoding.problems.map((p) => [p.path, p.message])) : {}
    expect(crossField).toEqual({
      customKind: "Indiquez le nom du type d'activité propre à la commune.",
      schedule: "Pour un type d'activité propre à la commune, choisissez les jours où les séances ont lieu.",
      maxAge: "L'âge maximum (6 ans) ne peut pas être inférieur à l'âge minimum (10 ans).",
      "ageGroups.0.capacity": "Le groupe « Tous » ne peut pas avoir plus de places (30) que l'activité (20).",
      "waitlist.validHours": "Indiquez pendant combien d'heures la place proposée reste réservée à la famille (de 1 à 168)."
    })
    expect((await w.audit()).map((r) => [r.action, r.outcome])).toEqual([
      ["activities.create", "refused"],
      ["activities.create", "refused"]
    ])
  })

  it("refuses a role without activities.manage and records it as denied", async () => {
    const w = world()
    const error = await w.attempt(createActivity(reader, { draft }))
    expect(error._tag).toBe("PermissionDenied")
    expect((await w.audit()).map((r) => [r.action, r.outcome, r.actorName])).toEqual([["activities.create", "denied", "Lise LECTURE"]])
  })

  it("edits an activity but keeps its capacity, windows and tariff grid; audited before and after", async () => {
    const w = world()
    await w.run(createActivity(admin, { draft }))
    const id = ActivityId.make("stage-multisport-d-ete")
    await w.run(addBookingWindow(admin, { activityId: id, draft: windowDraft }))
    const updated = await w.run(updateActivity(admin, { activityId: id, draft: { ...draft, name: "Stage multisport", capacity: 999, waitlist: { mode: "BookAtOnce" } } }))
    expect(updated).toMatchObject({ id, name: "Stage multisport", capacity: 20, tariffGridId: "grille-stage-multisport-d-ete-2025" })
    expect(updated.bookingPolicy.waitlist).toEqual({ _tag: "BookAtOnce" })
    expect(updated.bookingPolicy.windows.map((w) => w.label)).toEqual(["Vacances de printemps 2026"])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "activities.update", outcome: "done", target: { kind: "activity", id } })
    expect(record?.before).toMatchObject({ name: "Stage multisport d'été", bookingPolicy: { waitlist: { _tag: "Offer", validHours: 48 } } })
    expect(record?.after).toMatchObject({ name: "Stage multisport", bookingPolicy: { waitlist: { _tag: "BookAtOnce" } } })
    const unknown = await w.attempt(updateActivity(admin, { activityId: ActivityId.make("inconnue"), draft }))
    expect(unknown._tag).toBe("ActivityNotFound")
  })

  it("publishes holiday booking windows in phases, refuses an overlap, and withdraws one", async () => {
    const w = world()
    await w.run(createActivity(admin, { draft }))
    const id = ActivityId.make("stage-multisport-d-ete")
    const added = await w.run(addBookingWindow(admin, { activityId: id, draft: windowDraft }))
    const window = added.bookingPolicy.windows[0]
    expect(window?.phases.map((p) => [p.audience, p.opensAt])).toEqual([
      ["residents", "2026-03-02T07:30:00.000Z"],
      ["everyone", "2026-03-09T07:30:00.000Z"]
    ])
    expect(window?.closesAt).toBe("2026-04-03T16:00:00.000Z")
    const overlap = await w.attempt(addBookingWindow(admin, { activityId: id, draft: { ...windowDraft, label: "Autre", periodStart: "2026-04-20", periodEnd: "2026-05-01" } }))
    expect(overlap._tag === "InvalidInput" && overlap.problems).toEqual([
      { path: "periodStart", message: "Cette période chevauche « Vacances de printemps 2026 » (du samedi 11 avril 2026 au dimanche 26 avril 2026) : une date ne relève que d'une période de réservation." }
    ])
    const badOrder = await w.attempt(addBookingWindow(admin, { activityId: id, draft: { ...without(windowDraft, "residentsTime"), label: "Été", residentsDate: "2026-03-10", closesDate: "2026-03-01" } }))
    expect(badOrder._tag === "InvalidInput" && badOrder.problems.map((p) => p.path)).toEqual(["residentsTime", "closesDate"])
    const removed = await w.run(removeBookingWindow(admin, { activityId: id, label: "Vacances de printemps 2026" }))
    expect(removed.bookingPolicy.windows).toEqual([])
    const missing = await w.attempt(removeBookingWindow(admin, { activityId: id, label: "Vacances de printemps 2026" }))
    expect(missing._tag).toBe("BookingWindowNotFound")
    expect((await w.audit()).map((r) => [r.action, r.outcome])).toEqual([
      ["activities.update", "refused"],
      ["activities.update", "done"],
      ["activities.update", "refused"],
      ["activities.update", "refused"],
      ["activities.update", "done"],
      ["activities.create", "done"]
    ])
  })
})
