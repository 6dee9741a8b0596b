import { Schema } from "effect"

/** An amount of money in euro cents (integer, may be negative for credits). */
export const Cents = Schema.Int.pipe(
  Schema.brand("Cents"),
  Schema.annotations({ identifier: "Cents", description: "Euro cents, integer" })
)
export type Cents = typeof Cents.Type

/** A non-negative amount in cents, as a price is. */
export const NonNegativeCents = Cents.pipe(
  Schema.filter((n) => n >= 0, { message: () => "Un montant ne peut pas être négatif." })
)

/** A percentage in basis points: 1 % = 100, +20 % = 2000, -10 % = -1000. */
export const BasisPoints = Schema.Int.pipe(Schema.brand("BasisPoints"), Schema.annotations({ identifier: "BasisPoints" }))
export type BasisPoints = typeof BasisPoints.Type

export const cents = (n: number): Cents => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of cents: ${n}`)
  return n as Cents
}
export const basisPoints = (n: number): BasisPoints => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of basis points: ${n}`)
  return n as BasisPoints
}

export const zero: Cents = 0 as Cents
export const add = (a: Cents, b: Cents): Cents => (a + b) as Cents
export const subtract = (a: Cents, b: Cents): Cents => (a - b) as Cents
export const negate = (a: Cents): Cents => (a === 0 ? 0 : -a) as Cents
export const times = (a: Cents, quantity: number): Cents => cents(a * quantity)
export const sum = (amounts: Iterable<Cents>): Cents => {
  let total = 0
  for (const a of amounts) total += a
  return total as Cents
}
export const min = (a: Cents, b: Cents): Cents => (a <= b ? a : b)
export const max = (a: Cents, b: Cents): Cents => (a >= b ? a : b)
export const clamp = (a: Cents, low: Cents, high: Cents): Cents => max(low, min(a, high))

/**
 * Rounds `numerator / denominator` to the nearest integer, halves away from zero.
 * The only rounding the core does on money.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const q = (2n * n + d) / (2n * d)
  return negative ? -q : q
}

/**
 * `amount × rate`, the rate in basis points, rounded once to the cent, halves away from zero.
 * The one rule for every percentage the core applies (surcharges, reductions, effort rates).
 *
 * @example
 * percentOf(cents(350), basisPoints(2000)) // 70: 20 % of €3.50
 * percentOf(cents(333), basisPoints(5000)) // 167: 50 % of €3.33 is 166.5, rounded up
 */
export function percentOf(amount: Cents, rate: BasisPoints): Cents {
  return cents(Number(roundHalfUp(BigInt(amount) * BigInt(rate), 10_000n)))
}

/** `amount` increased (or reduced, for a negative rate) by `rate`: `amount + percentOf(amount, rate)`. */
export const applyPercent = (amount: Cents, rate: BasisPoints): Cents => add(amount, percentOf(amount, rate))

/** French form of an amount, e.g. "1 234,50 €". */
export function formatEuros(amount: Cents): string {
  const sign = amount < 0 ? "-" : ""
  const abs = Math.abs(amount)
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f")
  return `${sign}${euros},${String(abs % 100).padStart(2, "0")} €`
}
