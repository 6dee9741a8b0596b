import { Option, Schema } from "effect"
import { Residency } from "../household/Household.js"
import { applicableQuotient, QuotientAmount, type QuotientRecord, quotientSourceKind } from "../household/QuotientFamilial.js"
import * as Cents from "../shared/Cents.js"
import { QuotientRecordId, TariffGridId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { CircumstancePrice, TariffBand, TariffGrid, TariffMode } from "./TariffGrid.js"

/**
 * Why a session is billed: booked in time, attended without a reservation, or booked after the
 * deadline where the town accepts it.
 */
export const BillingCircumstance = Schema.Literal("reserved", "unreserved-presence", "late-booking").annotations({
  identifier: "BillingCircumstance"
})
export type BillingCircumstance = typeof BillingCircumstance.Type

/** Where the QF used for a price comes from. */
export const PricedQuotientSource = Schema.Literal("declared", "caf", "agent", "simulation")
export type PricedQuotientSource = typeof PricedQuotientSource.Type

/** The QF a price is computed with, or the fact that the household has no valid QF. */
export const QuotientUsed = Schema.Union(
  Schema.TaggedStruct("QuotientKnown", {
    qf: QuotientAmount,
    source: PricedQuotientSource,
    recordId: Schema.optionalWith(QuotientRecordId, { exact: true })
  }),
  Schema.TaggedStruct("QuotientMissing", {})
).annotations({ identifier: "QuotientUsed" })
export type QuotientUsed = typeof QuotientUsed.Type

/** A household without a valid QF. */
export const quotientMissing: QuotientUsed = { _tag: "QuotientMissing" }

/** The QF to price with on a date, from a household's records: the applicable one, or missing. */
export function quotientForPricing(records: ReadonlyArray<QuotientRecord>, on: LocalDate): QuotientUsed {
  return Option.match(applicableQuotient(records, on), {
    onNone: () => quotientMissing,
    onSome: (r): QuotientUsed => ({ _tag: "QuotientKnown", qf: r.qf, source: quotientSourceKind(r.source), recordId: r.id })
  })
}

/** What pricing needs to know about the child, the household and the session. */
export const PricingSituation = Schema.Struct({
  quotient: QuotientUsed,
  residency: Residency,
  /** Rank of the child among the household's children using the activity (1 = the eldest). */
  childRank: Schema.Int.pipe(Schema.positive()),
  circumstance: BillingCircumstance
}).annotations({ identifier: "PricingSituation" })
export type PricingSituation = typeof PricingSituation.Type

/** How the base price was found. */
export const PriceBase = Schema.Union(
  Schema.TaggedStruct("BandPrice", {
    bandLabel: Schema.String,
    fromQf: Schema.Int,
    toQf: Schema.optionalWith(Schema.Int, { exact: true }),
    amount: Cents.Cents,
    becauseQuotientMissing: Schema.Boolean,
    line: Schema.String
  }),
  Schema.TaggedStruct("EffortRatePrice", {
    rate: Cents.BasisPoints,
    /** The raw `QF × rate`, before the floor and the ceiling; absent without a QF. */
    computed: Schema.optionalWith(Cents.Cents, { exact: true }),
    clamped: Schema.Literal("none", "floor", "ceiling"),
    floor: Cents.Cents,
    ceiling: Cents.Cents,
    amount: Cents.Cents,
    becauseQuotientMissing: Schema.Boolean,
    line: Schema.String
  }),
  Schema.TaggedStruct("FlatPrice", { amount: Cents.Cents, line: Schema.String })
).annotations({ identifier: "PriceBase" })
export type PriceBase = typeof PriceBase.Type

/** A modifier applied to the running price: what it is, how much it changed the price (signed), and the price after. */
export class PriceModifierApplied extends Schema.Class<PriceModifierApplied>("PriceModifierApplied")({
  kind: Schema.Literal("non-resident", "sibling", "unreserved-presence", "late-booking"),
  label: Schema.String,
  change: Cents.Cents,
  priceAfter: Cents.Cents,
  line: Schema.String
}) {}

/** The legal cap: the cost of production, and whether it lowered the price. */
export class PriceCap extends Schema.Class<PriceCap>("PriceCap")({
  costOfProduction: Cents.Cents,
  applied: Schema.Boolean,
  change: Cents.Cents
}) {}

/**
 * Everything that made a price, as plain data a template prints: the QF used and its source, the
 * base price, each modifier in order, the cap, the amount, the same in French `lines`, and a
 * one-sentence `summary`.
 */
export class PriceExplanation extends Schema.Class<PriceExplanation>("PriceExplanation")({
  gridId: TariffGridId,
  gridLabel: Schema.String,
  situation: PricingSituation,
  quotientLine: Schema.String,
  base: PriceBase,
  modifiers: Schema.Array(PriceModifierApplied),
  cap: PriceCap,
  amount: Cents.NonNegativeCents,
  lines: Schema.Array(Schema.String),
  summary: Schema.String
}) {}

/** A unit price and why. */
export interface SessionPrice {
  readonly amount: Cents.Cents
  readonly explanation: PriceExplanation
}

/**
 * The unit price of one session for one child: THE pricing function, used by invoices and by the
 * simulation alike. Steps, in this order:
 * 1. base: the QF's band, or `QF × rate` clamped to the floor and the ceiling, or the flat
 *    price; without a valid QF, the top price (dearest band, ceiling);
 * 2. non-resident surcharge (percentage or amount), for a non-resident household;
 * 3. sibling reduction, by the child's rank (2nd, 3rd and further);
 * 4. circumstance: unreserved presence or late booking (percentage, amount, or fixed price);
 * 5. the cap: never more than the cost of production.
 * Every percentage is applied to the running price with `Cents.percentOf` (rounded once, half up).
 *
 * @example
 * priceSession(grid, { quotient: { _tag: "QuotientKnown", qf: 500, source: "caf" }, residency: "resident", childRank: 1, circumstance: "reserved" })
 * // { amount: 300, explanation: { summary: "3,00 € : taux d'effort 0,6 % × QF 500 €.", … } }
 */
export function priceSession(grid: TariffGrid, situation: PricingSituation): SessionPrice {
  const base = basePrice(grid.mode, situation.quotient)
  const modifiers: Array<PriceModifierApplied> = []
  let running = base.amount
  const apply = (kind: PriceModifierApplied["kind"], label: string, next: Cents.Cents) => {
    const change = Cents.subtract(next, running)
    running = next
    modifiers.push(PriceModifierApplied.make({ kind, label, change, priceAfter: next, line: `${label} : ${signedEuros(change)}` }))
  }

  const nonResident = grid.modifiers.nonResident
  if (situation.residency === "non-resident" && nonResident !== undefined) {
    if (nonResident._tag === "Percent")
      apply("non-resident", `Majoration non-résident (+${formatRate(nonResident.rate)})`, Cents.applyPercent(running, nonResident.rate))
    else apply("non-resident", `Majoration non-résident (+${Cents.formatEuros(nonResident.amount)})`, Cents.add(running, nonResident.amount))
  }

  const siblings = grid.modifiers.siblings
  if (siblings !== undefined && situation.childRank >= 2) {
    const rate = situation.childRank === 2 ? siblings.second : siblings.thirdAndMore
    if (rate > 0)
      apply(
        "sibling",
        `Réduction fratrie, ${situation.childRank}e enfant (-${formatRate(rate)})`,
        Cents.subtract(running, Cents.percentOf(running, rate))
      )
  }

  if (situation.circumstance !== "reserved") {
    const setting = situation.circumstance === "late-booking" ? grid.modifiers.lateBooking : grid.modifiers.unreservedPresence
    const what = situation.circumstance === "late-booking" ? "Réservation hors délai" : "Présence sans réservation"
    if (setting !== undefined) apply(situation.circumstance, `${what} (${describeCircumstancePrice(setting)})`, circumstancePrice(setting, running))
  }

  const capped = Cents.min(running, grid.costOfProduction)
  const cap = PriceCap.make({ costOfProduction: grid.costOfProduction, applied: capped < running, change: Cents.subtract(capped, running) })
  const amount = Cents.max(capped, Cents.zero)

  const quotientLine = describeQuotientUsed(grid.mode, situation.quotient)
  const capLine = cap.applied
    ? [`Plafonné au coût de revient de ${Cents.formatEuros(grid.costOfProduction)} (article R.531-52 du Code de l'éducation) : ${signedEuros(cap.change)}`]
    : []
  const lines = [quotientLine, base.line, ...modifiers.map((m) => m.line), ...capLine, `Prix unitaire : ${Cents.formatEuros(amount)}`]
  const summary =
    `${Cents.formatEuros(amount)} : ${shortBase(base, situation.quotient)}` +
    modifiers.map((m) => `, ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)} ${signedEuros(m.change)}`).join("") +
    (cap.applied ? `, plafonné au coût de revient (${Cents.formatEuros(grid.costOfProduction)})` : "") +
    "."

  return {
    amount,
    explanation: PriceExplanation.make({
      gridId: grid.id,
      gridLabel: grid.label,
      situation,
      quotientLine,
      base,
      modifiers,
      cap,
      amount,
      lines,
      summary
    })
  }
}

function basePrice(mode: TariffMode, quotient: QuotientUsed): PriceBase {
  const missing = quotient._tag === "QuotientMissing"
  switch (mode._tag) {
    case "Bands": {
      const band = missing ? dearestBand(mode.bands) : bandOf(mode.bands, quotient.qf)
      const line = missing
        ? `Tarif le plus élevé, tranche « ${band.label} » (${describeRange(band)}) : ${Cents.formatEuros(band.price)}`
        : `Tranche « ${band.label} » (${describeRange(band)}) : ${Cents.formatEuros(band.price)}`
      return {
        _tag: "BandPrice",
        bandLabel: band.label,
        fromQf: band.fromQf,
        ...(band.toQf === undefined ? {} : { toQf: band.toQf }),
        amount: band.price,
        becauseQuotientMissing: missing,
        line
      }
    }
    case "EffortRate": {
      const bounds = { rate: mode.rate, floor: mode.floor, ceiling: mode.ceiling }
      if (missing)
        return {
          _tag: "EffortRatePrice",
          ...bounds,
          clamped: "ceiling",
          amount: mode.ceiling,
          becauseQuotientMissing: true,
          line: `Tarif le plus élevé, prix plafond du taux d'effort : ${Cents.formatEuros(mode.ceiling)}`
        }
      const computed = Cents.percentOf(Cents.cents(quotient.qf * 100), mode.rate)
      const amount = Cents.clamp(computed, mode.floor, mode.ceiling)
      const clamped = computed < mode.floor ? "floor" : computed > mode.ceiling ? "ceiling" : "none"
      const product = `Taux d'effort ${formatRate(mode.rate)} × QF ${quotient.qf} € = ${Cents.formatEuros(computed)}`
      const line =
        clamped === "floor"
          ? `${product}, porté au prix plancher : ${Cents.formatEuros(amount)}`
          : clamped === "ceiling"
            ? `${product}, ramené au prix plafond : ${Cents.formatEuros(amount)}`
            : product
      return { _tag: "EffortRatePrice", ...bounds, computed, clamped, amount, becauseQuotientMissing: false, line }
    }
    case "Flat":
      return { _tag: "FlatPrice", amount: mode.price, line: `Tarif unique : ${Cents.formatEuros(mode.price)}` }
  }
}

/** The band a QF falls in (the last band whose start is at or below the QF; grids are contiguous from 0). */
function bandOf(bands: ReadonlyArray<TariffBand>, qf: number): TariffBand {
  let found = bands[0]
  for (const band of bands) if (band.fromQf <= qf) found = band
  if (found === undefined) throw new Error("A band grid has at least one band")
  return found
}

function dearestBand(bands: ReadonlyArray<TariffBand>): TariffBand {
  let found = bands[0]
  for (const band of bands) if (found === undefined || band.price >= found.price) found = band
  if (found === undefined) throw new Error("A band grid has at least one band")
  return found
}

function circumstancePrice(setting: CircumstancePrice, running: Cents.Cents): Cents.Cents {
  switch (setting._tag) {
    case "Percent":
      return Cents.applyPercent(running, setting.rate)
    case "Amount":
      return Cents.add(running, setting.amount)
    case "FixedPrice":
      return setting.price
  }
}

function describeCircumstancePrice(setting: CircumstancePrice): string {
  switch (setting._tag) {
    case "Percent":
      return `+${formatRate(setting.rate)}`
    case "Amount":
      return `+${Cents.formatEuros(setting.amount)}`
    case "FixedPrice":
      return `prix fixe de ${Cents.formatEuros(setting.price)}`
  }
}

const sourceWords: Record<PricedQuotientSource, string> = {
  declared: "déclaré par la famille avec justificatif, validé",
  caf: "transmis par la CAF, validé",
  agent: "fixé par le Service à la Population",
  simulation: "indiqué pour la simulation"
}

function describeQuotientUsed(mode: TariffMode, quotient: QuotientUsed): string {
  if (mode._tag === "Flat") return "Le quotient familial n'entre pas dans le calcul de ce tarif unique."
  if (quotient._tag === "QuotientMissing")
    return "Aucun quotient familial valide à cette date : le tarif le plus élevé s'applique. Transmettez votre avis d'imposition ou votre attestation CAF pour obtenir le tarif de votre quotient familial."
  return `Quotient familial retenu : ${quotient.qf} € (${sourceWords[quotient.source]})`
}

function shortBase(base: PriceBase, quotient: QuotientUsed): string {
  if (base._tag === "FlatPrice") return "tarif unique"
  if (quotient._tag === "QuotientMissing") return "tarif le plus élevé, faute de quotient familial valide"
  if (base._tag === "BandPrice") return `tranche « ${base.bandLabel} » pour un QF de ${quotient.qf} €`
  const clamp = base.clamped === "floor" ? " (prix plancher)" : base.clamped === "ceiling" ? " (prix plafond)" : ""
  return `taux d'effort ${formatRate(base.rate)} × QF ${quotient.qf} €${clamp}`
}

function describeRange(band: TariffBand): string {
  return band.toQf === undefined ? `QF à partir de ${band.fromQf} €` : `QF de ${band.fromQf} à ${band.toQf} €`
}

/** A rate in basis points in French: 60 → "0,6 %", 2000 → "20 %". */
export function formatRate(rate: Cents.BasisPoints): string {
  const sign = rate < 0 ? "-" : ""
  const abs = Math.abs(rate)
  const decimals = String(abs % 100).padStart(2, "0").replace(/0+$/, "")
  return `${sign}${Math.floor(abs / 100)}${decimals === "" ? "" : `,${decimals}`} %`
}

const signedEuros = (amount: Cents.Cents): string => (amount > 0 ? `+${Cents.formatEuros(amount)}` : Cents.formatEuros(amount))
