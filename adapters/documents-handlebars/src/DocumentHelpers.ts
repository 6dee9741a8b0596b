import { Cents, type Instant, LocalDate, ParisTime, shortDateFr } from "@spe/core"
import type Handlebars from "handlebars"

type HelperOptions = Handlebars.HelperOptions

const isOptions = (value: unknown): value is HelperOptions =>
  typeof value === "object" && value !== null && "hash" in value && "data" in value

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined

/**
 * The French amount of an `AmountText` (`{ cents, text }`) or of a number of cents: `{{euros total}}` → "1 234,50 €".
 * The text is always formatted again from the cents.
 */
export function euros(value: unknown): string {
  const cents = typeof value === "number" ? value : field(value, "cents")
  if (typeof cents !== "number" || !Number.isSafeInteger(cents)) return ""
  return Cents.formatEuros(Cents.cents(cents))
}

/**
 * A date in French from a `DateText` or a `YYYY-MM-DD` string: `{{date dueOn}}` → "jeudi 30 avril 2026",
 * `{{date dueOn "short"}}` → "30/04/2026".
 */
export function date(value: unknown, form?: unknown): string {
  const raw = typeof value === "string" ? value : field(value, "date")
  if (typeof raw !== "string") return ""
  const parsed = LocalDate.parse(raw)
  if (parsed._tag === "Left") return raw
  return form === "short" ? shortDateFr(parsed.right) : LocalDate.formatFr(parsed.right)
}

/** An instant in Paris time, in French, from an `InstantText` or an ISO string: "lundi 9 mars 2026 à 08:00". */
export function instant(value: unknown): string {
  const raw = typeof value === "string" ? value : field(value, "instant")
  if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(raw)) return typeof raw === "string" ? raw : ""
  return ParisTime.formatFr(raw as Instant.Instant)
}

/** A count with its noun: `{{plural dayCount "jour" "jours"}}` → "1 jour", "3 jours". */
export function plural(count: unknown, singular: unknown, pluralForm: unknown): string {
  const n = typeof count === "number" ? count : Number(count)
  const one = typeof singular === "string" ? singular : ""
  const many = typeof pluralForm === "string" ? pluralForm : one
  return `${n} ${Math.abs(n) >= 2 ? many : one}`
}

/** The items of a list joined by a separator: `{{join issuer.hours " ; "}}`. */
export function join(list: unknown, separator: unknown): string {
  if (!Array.isArray(list)) return ""
  return list.map(String).join(typeof separator === "string" ? separator : ", ")
}

/** Whether two values are equal: `{{#if (eq status.code "paid")}}`. */
export const eq = (a: unknown, b: unknown): boolean => a === b

/**
 * Registers the document helpers (`euros`, `date`, `instant`, `plural`, `join`, `eq`) on a
 * Handlebars environment. Every helper returns plain text, which Handlebars escapes.
 */
export function registerDocumentHelpers(hbs: typeof Handlebars): void {
  const strip = <F extends (...args: Array<unknown>) => unknown>(f: F) =>
    (...args: Array<unknown>) => f(...(isOptions(args[args.length - 1]) ? args.slice(0, -1) : args))
  hbs.registerHelper("euros", strip((v) => euros(v)))
  hbs.registerHelper("date", strip((v, form) => date(v, form)))
  hbs.registerHelper("instant", strip((v) => instant(v)))
  hbs.registerHelper("plural", strip((n, one, many) => plural(n, one, many)))
  hbs.registerHelper("join", strip((list, sep) => join(list, sep)))
  hbs.registerHelper("eq", strip((a, b) => eq(a, b)))
}
