import { Schema } from "effect"
import { date, optional, required, text } from "../household/FrenchFields.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { validate } from "../shared/Validation.js"
import { BookingWindow, WindowPhase } from "./BookingPolicy.js"

const time = (what: string) =>
  Schema.String.annotations({ message: () => `${what} doit être écrite sous la forme HH:MM (par exemple 08:30).` }).pipe(
    Schema.compose(ParisTime.TimeOfDay)
  )

const problems = (draft: {
  readonly periodStart: LocalDate.LocalDate
  readonly periodEnd: LocalDate.LocalDate
  readonly residentsDate?: LocalDate.LocalDate
  readonly residentsTime?: ParisTime.TimeOfDay
  readonly everyoneDate: LocalDate.LocalDate
  readonly everyoneTime: ParisTime.TimeOfDay
  readonly closesDate: LocalDate.LocalDate
  readonly closesTime: ParisTime.TimeOfDay
}) => {
  const found: Array<{ path: ReadonlyArray<PropertyKey>; message: string }> = []
  if (draft.periodEnd < draft.periodStart)
    found.push({ path: ["periodEnd"], message: "Le dernier jour de la période doit suivre le premier." })
  if ((draft.residentsDate === undefined) !== (draft.residentsTime === undefined))
    found.push({
      path: [draft.residentsDate === undefined ? "residentsDate" : "residentsTime"],
      message: "Pour ouvrir d'abord aux habitants de la commune, indiquez le jour et l'heure ; sinon laissez les deux vides."
    })
  const everyone = ParisTime.toInstant(draft.everyoneDate, draft.everyoneTime)
  if (draft.residentsDate !== undefined && draft.residentsTime !== undefined && ParisTime.toInstant(draft.residentsDate, draft.residentsTime) >= everyone)
    found.push({ path: ["residentsDate"], message: "L'ouverture aux habitants de la commune doit précéder l'ouverture à toutes les familles." })
  if (ParisTime.toInstant(draft.closesDate, draft.closesTime) <= everyone)
    found.push({ path: ["closesDate"], message: "La clôture des réservations doit suivre leur ouverture à toutes les familles." })
  if (draft.closesDate > draft.periodEnd)
    found.push({ path: ["closesDate"], message: "Les réservations doivent être closes au plus tard le dernier jour de la période." })
  return found
}

/**
 * A holiday booking window as an agent types it: the period it covers, when it opens to the
 * town's residents (optional first phase), when it opens to every family, when it closes (Paris
 * time). Every refusal is a French sentence naming the field.
 */
export const BookingWindowDraft = Schema.Struct({
  label: required(text("le nom de la période de réservation", 80), "Indiquez le nom de la période de réservation (par exemple Vacances d'hiver 2027)."),
  periodStart: required(date("le premier jour de la période"), "Indiquez le premier jour de la période couverte."),
  periodEnd: required(date("le dernier jour de la période"), "Indiquez le dernier jour de la période couverte."),
  residentsDate: optional(date("le jour d'ouverture aux habitants")),
  residentsTime: optional(time("L'heure d'ouverture aux habitants")),
  everyoneDate: required(date("le jour d'ouverture à toutes les familles"), "Indiquez le jour d'ouverture des réservations à toutes les familles."),
  everyoneTime: required(time("L'heure d'ouverture à toutes les familles"), "Indiquez l'heure d'ouverture à toutes les familles."),
  closesDate: required(date("le jour de clôture"), "Indiquez le jour de clôture des réservations."),
  closesTime: required(time("L'heure de clôture"), "Indiquez l'heure de clôture des réservations.")
}).pipe(Schema.filter((draft) => problems(draft)))
export type BookingWindowDraft = typeof BookingWindowDraft.Type

/** Checks a booking window typed by an agent; refusals name each field in French. */
export const validateBookingWindowDraft = validate(BookingWindowDraft, "La période de réservation")

/** The booking window a checked draft describes: a residents' phase first when given, then everyone. */
export function bookingWindowFromDraft(draft: BookingWindowDraft): BookingWindow {
  const everyone = WindowPhase.make({ opensAt: ParisTime.toInstant(draft.everyoneDate, draft.everyoneTime), audience: "everyone" })
  const phases: readonly [WindowPhase, ...Array<WindowPhase>] =
    draft.residentsDate === undefined || draft.residentsTime === undefined
      ? [everyone]
      : [WindowPhase.make({ opensAt: ParisTime.toInstant(draft.residentsDate, draft.residentsTime), audience: "residents" }), everyone]
  return BookingWindow.make({
    label: draft.label,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    phases,
    closesAt: ParisTime.toInstant(draft.closesDate, draft.closesTime)
  })
}

/** The window among `windows` whose period overlaps `window`'s, if any. */
export const overlappingWindow = (windows: ReadonlyArray<BookingWindow>, window: BookingWindow): BookingWindow | undefined =>
  windows.find((w) => w.periodStart <= window.periodEnd && window.periodStart <= w.periodEnd)

/** French sentence for a window's period, e.g. "du samedi 20 février 2027 au dimanche 7 mars 2027". */
export const windowPeriodFr = (window: BookingWindow): string =>
  `du ${LocalDate.formatFr(window.periodStart)} au ${LocalDate.formatFr(window.periodEnd)}`
