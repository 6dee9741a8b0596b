import { Schema } from "effect"
import { amountInCents, oneOf, optional, required, text, wholeNumber } from "../household/FrenchFields.js"
import { SchoolLevel } from "../household/SchoolLevel.js"
import type { ActivityId, TariffGridId } from "../shared/Ids.js"
import { TimeOfDay } from "../shared/ParisTime.js"
import { validate } from "../shared/Validation.js"
import { Activity, type ActivityKind, AgeGroupCapacity, Eligibility, type Slot } from "./Activity.js"
import { BookingPolicy, type BookingWindow, Deadline } from "./BookingPolicy.js"

/** The most places an activity (or a session) may have. */
export const maxCapacity = 10_000

/** The kinds an agent chooses from; `custom` is a town's own kind, named in `customKind`. */
export const activityKindChoices = ["morning", "evening", "wednesday", "canteen", "holiday", "custom"] as const

/** French names of the built-in kinds of activity. */
export const activityKindLabel: Readonly<Record<string, string>> = {
  morning: "Accueil du matin (périscolaire)",
  evening: "Accueil du soir (périscolaire)",
  wednesday: "Accueil du mercredi",
  canteen: "Restauration scolaire",
  holiday: "Vacances scolaires (extrascolaire)",
  custom: "Autre, propre à la commune"
}

/** French names of the schedules (`ActivitySchedule`). */
export const activityScheduleLabel: Readonly<Record<string, string>> = {
  "school-days": "Les jours d'école",
  wednesdays: "Les mercredis hors vacances",
  "holiday-weekdays": "Du lundi au vendredi pendant les vacances scolaires",
  "every-weekday": "Tous les jours du lundi au vendredi"
}

const time = (what: string) =>
  Schema.String.annotations({ message: () => `${what} doit être écrite sous la forme HH:MM (par exemple 18:00).` }).pipe(
    Schema.compose(TimeOfDay)
  )

const DeadlineDraft = (what: string) =>
  Schema.Struct({
    daysBefore: required(wholeNumber(`le nombre de jours avant la séance (${what})`, 0, 60), `Indiquez le nombre de jours avant la séance (${what}) ; 0 pour le jour même.`),
    counting: required(oneOf(["calendar", "working"], `Choisissez comment compter les jours (${what}) : jours calendaires ou jours ouvrés.`), `Choisissez comment compter les jours (${what}).`),
    at: required(time(`L'heure limite (${what})`), `Indiquez l'heure limite (${what}) sous la forme HH:MM.`)
  })

/** An age group of an activity as an agent types it. */
export const AgeGroupDraft = Schema.Struct({
  label: required(text("le nom du groupe d'âge", 60), "Indiquez le nom du groupe d'âge."),
  minAge: required(wholeNumber("l'âge minimum du groupe", 0, 25), "Indiquez l'âge minimum du groupe."),
  maxAge: required(wholeNumber("l'âge maximum du groupe", 0, 25), "Indiquez l'âge maximum du groupe."),
  capacity: required(wholeNumber("le nombre de places du groupe", 1, maxCapacity), "Indiquez le nombre de places du groupe.")
})

/** What happens when a place frees up, as an agent chooses it. */
export const WaitlistDraft = Schema.Struct({
  mode: required(
    oneOf(["BookAtOnce", "Offer"], "Choisissez ce qui se passe quand une place se libère : inscription d'office ou place proposée."),
    "Choisissez ce qui se passe quand une place se libère."
  ),
  validHours: optional(wholeNumber("la durée de validité de la place proposée (en heures)", 1, 168))
})

const problems = (draft: {
  readonly kind: string
  readonly customKind?: string
  readonly schedule?: string
  readonly capacity: number
  readonly minAge?: number
  readonly maxAge?: number
  readonly ageGroups: ReadonlyArray<{ readonly label: string; readonly minAge: number; readonly maxAge: number; readonly capacity: number }>
  readonly waitlist: { readonly mode: string; readonly validHours?: number }
}) => {
  const found: Array<{ path: ReadonlyArray<PropertyKey>; message: string }> = []
  if (draft.kind === "custom") {
    if (draft.customKind === undefined) found.push({ path: ["customKind"], message: "Indiquez le nom du type d'activité propre à la commune." })
    if (draft.schedule === undefined)
      found.push({ path: ["schedule"], message: "Pour un type d'activité propre à la commune, choisissez les jours où les séances ont lieu." })
  }
  if (draft.minAge !== undefined && draft.maxAge !== undefined && draft.minAge > draft.maxAge)
    found.push({ path: ["maxAge"], message: `L'âge maximum (${draft.maxAge} ans) ne peut pas être inférieur à l'âge minimum (${draft.minAge} ans).` })
  draft.ageGroups.forEach((group, i) => {
    if (group.minAge > group.maxAge)
      found.push({ path: ["ageGroups", i, "maxAge"], message: `Le groupe « ${group.label} » finit (${group.maxAge} ans) avant de commencer (${group.minAge} ans).` })
    if (group.capacity > draft.capacity)
      found.push({ path: ["ageGroups", i, "capacity"], message: `Le groupe « ${group.label} » ne peut pas avoir plus de places (${group.capacity}) que l'activité (${draft.capacity}).` })
    const twin = draft.ageGroups.findIndex((other, j) => j < i && other.label.toLowerCase() === group.label.toLowerCase())
    if (twin >= 0) found.push({ path: ["ageGroups", i, "label"], message: `Deux groupes d'âge s'appellent « ${group.label} » : donnez-leur des noms différents.` })
    const overlap = draft.ageGroups.find((other, j) => j < i && other.minAge <= group.maxAge && group.minAge <= other.maxAge)
    if (overlap !== undefined)
      found.push({ path: ["ageGroups", i, "minAge"], message: `Les groupes « ${overlap.label} » et « ${group.label} » se chevauchent : un enfant ne peut appartenir qu'à un groupe.` })
  })
  if (draft.waitlist.mode === "Offer" && draft.waitlist.validHours === undefined)
    found.push({ path: ["waitlist", "validHours"], message: "Indiquez pendant combien d'heures la place proposée reste réservée à la famille (de 1 à 168)." })
  return found
}

/**
 * An activity as an agent types it in the back office (everything but its id, its slots and its
 * holiday booking windows, kept apart): every refusal a French sentence naming the field. Amounts
 * are in cents; the adapter passes what it could not read as typed, so the refusal names it.
 */
export const ActivityDraft = Schema.Struct({
  name: required(text("le nom de l'activité", 120), "Indiquez le nom de l'activité."),
  kind: required(oneOf(activityKindChoices, "Choisissez le type d'activité dans la liste."), "Choisissez le type d'activité."),
  customKind: optional(text("le nom du type d'activité", 40)),
  enrollmentFamily: required(text("la famille d'inscription (dossier unique)", 60), "Indiquez la famille d'inscription que couvre le dossier unique (par exemple periscolaire)."),
  capacity: required(wholeNumber("la capacité de l'activité", 1, maxCapacity), "Indiquez le nombre de places de l'activité."),
  minAge: optional(wholeNumber("l'âge minimum", 0, 25)),
  maxAge: optional(wholeNumber("l'âge maximum", 0, 25)),
  schoolLevels: Schema.optionalWith(Schema.Array(SchoolLevel), { default: () => [] }),
  ageGroups: Schema.optionalWith(Schema.Array(AgeGroupDraft), { default: () => [] }),
  schedule: optional(oneOf(["school-days", "wednesdays", "holiday-weekdays", "every-weekday"], "Choisissez les jours de fonctionnement dans la liste.")),
  startsAt: optional(time("L'heure de début des séances")),
  bookingDeadline: required(DeadlineDraft("réservation"), "Indiquez le délai de réservation."),
  cancellationDeadline: required(DeadlineDraft("annulation"), "Indiquez le délai d'annulation."),
  wholeWeekOnly: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  waitlist: required(WaitlistDraft, "Choisissez ce qui se passe quand une place se libère."),
  unpaidBlockThresholdCents: optional(amountInCents("le seuil d'impayés"))
}).pipe(Schema.filter((draft) => problems(draft)))
export type ActivityDraft = typeof ActivityDraft.Type

/** Checks an activity typed by an agent; refusals name each field in French. */
export const validateActivityDraft = validate(ActivityDraft, "L'activité")

/**
 * The identifier of a new activity from its name: lower case, accents removed, words joined by
 * hyphens (`Stage multisport d'été` → `stage-multisport-d-ete`), at most 48 characters.
 */
export function activityIdFromName(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "")
  return slug === "" ? "activite" : slug
}

/** The kind of activity a draft describes (`custom:<name>` for a town's own). */
export const kindOfDraft = (draft: ActivityDraft): ActivityKind =>
  draft.kind === "custom" ? `custom:${activityIdFromName(draft.customKind ?? "autre")}` : draft.kind

/** What an activity keeps from before an agent's edit (or gets at its creation). */
export interface ActivityFrame {
  readonly id: ActivityId
  readonly tariffGridId: TariffGridId
  readonly slots: ReadonlyArray<Slot>
  readonly windows: ReadonlyArray<BookingWindow>
}

/** The activity a checked draft describes, with its id, slots, windows and tariff grid. */
export function activityFromDraft(draft: ActivityDraft, frame: ActivityFrame): Activity {
  return Activity.make({
    id: frame.id,
    kind: kindOfDraft(draft),
    name: draft.name,
    enrollmentFamily: draft.enrollmentFamily,
    eligibility: Eligibility.make({
      ...(draft.minAge === undefined ? {} : { minAge: draft.minAge }),
      ...(draft.maxAge === undefined ? {} : { maxAge: draft.maxAge }),
      ...(draft.schoolLevels.length === 0 ? {} : { schoolLevels: [...draft.schoolLevels] })
    }),
    capacity: draft.capacity,
    ageGroups: draft.ageGroups.map((g) => AgeGroupCapacity.make({ label: g.label, minAge: g.minAge, maxAge: g.maxAge, capacity: g.capacity })),
    slots: [...frame.slots],
    tariffGridId: frame.tariffGridId,
    bookingPolicy: BookingPolicy.make({
      bookingDeadline: Deadline.make(draft.bookingDeadline),
      cancellationDeadline: Deadline.make(draft.cancellationDeadline),
      windows: [...frame.windows],
      wholeWeekOnly: draft.wholeWeekOnly,
      waitlist: draft.waitlist.mode === "Offer" ? { _tag: "Offer", validHours: draft.waitlist.validHours ?? 24 } : { _tag: "BookAtOnce" },
      ...(draft.unpaidBlockThresholdCents === undefined ? {} : { unpaidBlockThresholdCents: draft.unpaidBlockThresholdCents })
    }),
    ...(draft.schedule === undefined ? {} : { schedule: draft.schedule }),
    ...(draft.startsAt === undefined ? {} : { startsAt: draft.startsAt })
  })
}
