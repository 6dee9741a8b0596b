import { Cents, type ParisTime } from "@spe/core"
import type { FieldProblem, FormFields, PortalContext } from "../PortalContext.js"

/** The first value of a query parameter, cut to `max` characters ("" when absent). */
export const queryValue = (ctx: PortalContext, name: string, max = 100): string => {
  const value = ctx.query[name]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === "string" ? text.slice(0, max) : ""
}

/** The fields of a form read as typed, by name (each one once, at most `maxLength` characters). */
export function readFields(form: FormFields, names: ReadonlyArray<string>, maxLength = 200): Record<string, string> {
  const values: Record<string, string> = {}
  for (const name of names) values[name] = form.text(name, { maxLength })
  return values
}

/** A whole number as typed: the number when it reads as one, the text otherwise (the core's schema names the refusal), nothing when blank. */
export function numberField(text: string | undefined): number | string | undefined {
  const trimmed = (text ?? "").trim()
  if (trimmed === "") return undefined
  const normalized = trimmed.replace(",", ".")
  return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : trimmed
}

/** Blank text as absent, anything else trimmed. */
export const textField = (text: string | undefined): string | undefined => {
  const trimmed = (text ?? "").trim()
  return trimmed === "" ? undefined : trimmed
}

/**
 * An amount typed in euros ("3", "3,50", "3.5", "1 234,50 €") as integer cents; a problem naming
 * the field when it is not an amount, nothing when blank.
 */
export function eurosField(field: string, text: string | undefined, what: string): { readonly cents?: number; readonly problem?: FieldProblem } {
  const trimmed = (text ?? "").replace(/\s|€/g, "").replace(",", ".")
  if (trimmed === "") return {}
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(trimmed)
  if (match === null) return { problem: { path: field, message: `${what} s'écrit en euros, par exemple 3,50 (deux décimales au plus).` } }
  return { cents: Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) }
}

/** A percentage typed ("20", "0,6", "12.5 %") as basis points (1 % = 100); a problem naming the field otherwise, nothing when blank. */
export function percentField(field: string, text: string | undefined, what: string): { readonly basisPoints?: number; readonly problem?: FieldProblem } {
  const trimmed = (text ?? "").replace(/\s|%/g, "").replace(",", ".")
  if (trimmed === "") return {}
  const match = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(trimmed)
  if (match === null) return { problem: { path: field, message: `${what} s'écrit en pourcentage, par exemple 20 ou 0,6 (deux décimales au plus).` } }
  return { basisPoints: Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) }
}

/** Cents written back as the agent types euros ("3,50"). */
export const eurosText = (cents: number | undefined): string => (cents === undefined ? "" : (cents / 100).toFixed(2).replace(".", ","))

/** Basis points written back as a percentage ("0,6", "20"). */
export const percentText = (basisPoints: number | undefined): string =>
  basisPoints === undefined ? "" : String(basisPoints / 100).replace(".", ",")

/** Cents in French with the euro sign. */
export const eurosLabel = (cents: number): string => Cents.formatEuros(Cents.cents(cents))

/** A time of day as shown (`08:30`). */
export const timeText = (time: ParisTime.TimeOfDay | undefined): string => time ?? ""

/** The options of a `<select>`, the current value selected. */
export const optionsOf = (choices: ReadonlyArray<readonly [value: string, label: string]>, current: string) =>
  choices.map(([value, label]) => ({ value, label, selected: value === current }))
