import { Effect, Schema } from "effect"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { Clock } from "../shared/Clock.js"
import { ActivityId, TariffGridId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { InvalidInput } from "../shared/Validation.js"
import { Activity } from "./Activity.js"
import { activityFromDraft, activityIdFromName, validateActivityDraft } from "./ActivityDraft.js"
import { ActivityCatalogue } from "./ActivityCatalogue.js"
import { BookingPolicy } from "./BookingPolicy.js"
import { bookingWindowFromDraft, overlappingWindow, validateBookingWindowDraft, windowPeriodFr } from "./BookingWindowDraft.js"

/** An activity with this identifier (made from its name) is already in the catalogue. */
export class ActivityAlreadyExists extends Schema.TaggedError<ActivityAlreadyExists>()("ActivityAlreadyExists", {
  activityId: Schema.String,
  existingName: Schema.String
}) {
  override get message(): string {
    return `L'activité « ${this.existingName} » porte déjà l'identifiant « ${this.activityId} » tiré de ce nom : choisissez un autre nom, ou modifiez l'activité existante.`
  }
}

/** The activity has no booking window with this label. */
export class BookingWindowNotFound extends Schema.TaggedError<BookingWindowNotFound>()("BookingWindowNotFound", {
  activityId: Schema.String,
  label: Schema.String
}) {
  override get message(): string {
    return `L'activité n'a pas de période de réservation « ${this.label} » : rechargez la fiche de l'activité.`
  }
}

const activityJson = (activity: Activity) => toAuditJson(Activity, activity)

const nameOf = (draft: unknown): string => {
  const name = typeof draft === "object" && draft !== null ? (draft as { readonly name?: unknown }).name : undefined
  return typeof name === "string" ? name : ""
}

/** The identifier a new activity gets from the name typed (see `activityIdFromName`). */
export const newActivityId = (draft: unknown): ActivityId => ActivityId.make(activityIdFromName(nameOf(draft)))

/** A new activity as an agent typed it (an `ActivityDraft` to check). */
export interface NewActivityInput {
  readonly draft: unknown
}

/**
 * An agent creates an activity (`activities.manage`, audited `activities.create`): the draft is
 * checked (`ActivityDraft`), the id made from its name (refused when taken), its tariff grid named
 * `grille-<id>-<first year of the current school year>` (create the grid in the tariffs), no
 * booking window yet. Sessions are published apart (`publishActivitySessions`).
 */
export const createActivity = auditedAgentCommand({
  action: "activities.create",
  permission: "activities.manage",
  target: (input: NewActivityInput) => ({ kind: "activity", id: newActivityId(input.draft) }),
  run: (_agent, input: NewActivityInput) =>
    Effect.gen(function* () {
      const draft = yield* validateActivityDraft(input.draft)
      const id = newActivityId(input.draft)
      const catalogue = yield* ActivityCatalogue
      const existing = yield* Effect.option(catalogue.byId(id))
      if (existing._tag === "Some") return yield* Effect.fail(new ActivityAlreadyExists({ activityId: id, existingName: existing.value.name }))
      const today = ParisTime.dateAt(yield* (yield* Clock).now)
      const activity = activityFromDraft(draft, {
        id,
        tariffGridId: TariffGridId.make(`grille-${id}-${LocalDate.schoolYear(today).slice(0, 4)}`),
        slots: [],
        windows: []
      })
      yield* catalogue.save(activity)
      return { result: activity, before: null, after: activityJson(activity) }
    })
})

/** An agent's edit of an activity (an `ActivityDraft` to check). */
export interface ActivityUpdateInput {
  readonly activityId: ActivityId
  readonly draft: unknown
}

/**
 * An agent edits an activity (`activities.manage`, audited `activities.update` with the activity
 * before and after): everything the draft carries but the capacity, which changes only through
 * `changeActivityCapacity` (never below the places booked); id, slots, booking windows and
 * tariff grid are kept. Sessions already published keep their capacity and start time.
 */
export const updateActivity = auditedAgentCommand({
  action: "activities.update",
  permission: "activities.manage",
  target: (input: ActivityUpdateInput) => ({ kind: "activity", id: input.activityId }),
  run: (_agent, input: ActivityUpdateInput) =>
    Effect.gen(function* () {
      const catalogue = yield* ActivityCatalogue
      const before = yield* catalogue.byId(input.activityId)
      const typed = typeof input.draft === "object" && input.draft !== null ? input.draft : {}
      const draft = yield* validateActivityDraft({ ...typed, capacity: before.capacity })
      const after = activityFromDraft(draft, { id: before.id, tariffGridId: before.tariffGridId, slots: before.slots, windows: before.bookingPolicy.windows })
      yield* catalogue.save(after)
      return { result: after, before: activityJson(before), after: activityJson(after) }
    })
})

/** A holiday booking window to add to an activity (a `BookingWindowDraft` to check). */
export interface NewBookingWindowInput {
  readonly activityId: ActivityId
  readonly draft: unknown
}

const withWindows = (activity: Activity, windows: Activity["bookingPolicy"]["windows"]) =>
  Activity.make({
    ...activity,
    bookingPolicy: BookingPolicy.make({ ...activity.bookingPolicy, windows: [...windows].sort((a, b) => LocalDate.compare(a.periodStart, b.periodStart)) })
  })

/**
 * An agent publishes a holiday booking window of an activity, in phases (residents first, then
 * every family) (`activities.manage`, audited `activities.update`). Refused when its period
 * overlaps another window of the activity.
 */
export const addBookingWindow = auditedAgentCommand({
  action: "activities.update",
  permission: "activities.manage",
  target: (input: NewBookingWindowInput) => ({ kind: "activity", id: input.activityId }),
  run: (_agent, input: NewBookingWindowInput) =>
    Effect.gen(function* () {
      const catalogue = yield* ActivityCatalogue
      const before = yield* catalogue.byId(input.activityId)
      const window = bookingWindowFromDraft(yield* validateBookingWindowDraft(input.draft))
      const clash = overlappingWindow(before.bookingPolicy.windows, window)
      if (before.bookingPolicy.windows.some((w) => w.label === window.label)) {
        return yield* Effect.fail(
          new InvalidInput({
            subject: "La période de réservation",
            problems: [{ path: "label", message: `L'activité a déjà une période de réservation « ${window.label} » : donnez un autre nom.` }]
          })
        )
      }
      if (clash !== undefined) {
        return yield* Effect.fail(
          new InvalidInput({
            subject: "La période de réservation",
            problems: [{ path: "periodStart", message: `Cette période chevauche « ${clash.label} » (${windowPeriodFr(clash)}) : une date ne relève que d'une période de réservation.` }]
          })
        )
      }
      const after = withWindows(before, [...before.bookingPolicy.windows, window])
      yield* catalogue.save(after)
      return { result: after, before: activityJson(before), after: activityJson(after) }
    })
})

/** A booking window to withdraw from an activity, by its label. */
export interface BookingWindowRemoval {
  readonly activityId: ActivityId
  readonly label: string
}

/**
 * An agent withdraws a holiday booking window of an activity (`activities.manage`, audited
 * `activities.update`). Reservations already made stay; new bookings of those dates are refused
 * until a window covers them again.
 */
export const removeBookingWindow = auditedAgentCommand({
  action: "activities.update",
  permission: "activities.manage",
  target: (input: BookingWindowRemoval) => ({ kind: "activity", id: input.activityId }),
  run: (_agent, input: BookingWindowRemoval) =>
    Effect.gen(function* () {
      const catalogue = yield* ActivityCatalogue
      const before = yield* catalogue.byId(input.activityId)
      const windows = before.bookingPolicy.windows
      if (!windows.some((w) => w.label === input.label)) return yield* Effect.fail(new BookingWindowNotFound({ activityId: input.activityId, label: input.label }))
      const after = withWindows(before, windows.filter((w) => w.label !== input.label))
      yield* catalogue.save(after)
      return { result: after, before: activityJson(before), after: activityJson(after) }
    })
})
