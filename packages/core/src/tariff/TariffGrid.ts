import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { ActivityId, TariffGridId } from "../shared/Ids.js"
import { validate } from "../shared/Validation.js"
import { amountInCents, optional, required, schoolYearName, text, wholeNumber } from "../household/FrenchFields.js"

const price = (what: string) => required(amountInCents(what), `Indiquez ${what}.`)
const rate = (what: string, max: number) =>
  Schema.Number.annotations({ message: () => `${what} doit être un nombre de points de base (1 % = 100).` }).pipe(
    Schema.int({ message: () => `${what} doit être un nombre entier de points de base (1 % = 100).` }),
    Schema.between(0, max, { message: () => `${what} doit être compris entre 0 et ${max} points de base.` }),
    Schema.brand("BasisPoints")
  )

/** A QF band (tranche): from `fromQf` to `toQf` euros (both included; open-ended when `toQf` is absent). */
export const TariffBand = Schema.Struct({
  label: required(text("le nom de la tranche", 40), "Indiquez le nom de la tranche."),
  fromQf: required(wholeNumber("le QF de début de tranche", 0), "Indiquez le QF de début de la tranche."),
  toQf: optional(wholeNumber("le QF de fin de tranche", 0)),
  price: price("le prix de la tranche")
}).annotations({ identifier: "TariffBand" })
export type TariffBand = typeof TariffBand.Type

/** How the base price follows from the QF: bands, an effort rate clamped to a floor and a ceiling, or one flat price. */
export const TariffMode = Schema.Union(
  Schema.TaggedStruct("Bands", {
    bands: required(Schema.Array(TariffBand), "Indiquez les tranches de la grille.")
  }),
  Schema.TaggedStruct("EffortRate", {
    /** Basis points of the QF in euros: 60 = 0.6 %, so QF 500 € gives 3.00 €. */
    rate: required(rate("Le taux d'effort", 10_000), "Indiquez le taux d'effort."),
    floor: price("le prix plancher"),
    ceiling: price("le prix plafond")
  }),
  Schema.TaggedStruct("Flat", { price: price("le prix unique") })
).annotations({ identifier: "TariffMode" })
export type TariffMode = typeof TariffMode.Type

/** A surcharge by percentage or by a fixed amount added. */
export const Surcharge = Schema.Union(
  Schema.TaggedStruct("Percent", { rate: required(rate("La majoration", 100_000), "Indiquez le taux de majoration.") }),
  Schema.TaggedStruct("Amount", { amount: price("le montant de la majoration") })
).annotations({ identifier: "Surcharge" })
export type Surcharge = typeof Surcharge.Type

/** The price for a circumstance: a percentage more, a fixed amount more, or a fixed price (e.g. 10 €). */
export const CircumstancePrice = Schema.Union(
  Schema.TaggedStruct("Percent", { rate: required(rate("La majoration", 100_000), "Indiquez le taux de majoration.") }),
  Schema.TaggedStruct("Amount", { amount: price("le montant de la majoration") }),
  Schema.TaggedStruct("FixedPrice", { price: price("le prix fixe") })
).annotations({ identifier: "CircumstancePrice" })
export type CircumstancePrice = typeof CircumstancePrice.Type

/** Reductions for the second and for the third and further children of a household using the activity. */
export const SiblingReduction = Schema.Struct({
  second: required(rate("La réduction du 2e enfant", 10_000), "Indiquez la réduction du 2e enfant (0 si aucune)."),
  thirdAndMore: required(rate("La réduction à partir du 3e enfant", 10_000), "Indiquez la réduction à partir du 3e enfant.")
}).annotations({ identifier: "SiblingReduction" })
export type SiblingReduction = typeof SiblingReduction.Type

/**
 * The modifiers of a grid, each a town setting, absent when the town has none. A household with no
 * valid QF always pays the top price (highest band, or the effort-rate ceiling).
 */
export const TariffModifiers = Schema.Struct({
  nonResident: optional(Surcharge),
  siblings: optional(SiblingReduction),
  /** A child present without a reservation. */
  unreservedPresence: optional(CircumstancePrice),
  /** A reservation made after the deadline, where the town accepts it. */
  lateBooking: optional(CircumstancePrice)
}).annotations({ identifier: "TariffModifiers" })
export type TariffModifiers = typeof TariffModifiers.Type

/** Why a grid cannot be used, one French sentence per problem, with the field it concerns. */
export function tariffGridProblems(grid: {
  readonly mode: TariffMode
}): Array<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }> {
  const problems: Array<{ path: ReadonlyArray<PropertyKey>; message: string }> = []
  const mode = grid.mode
  switch (mode._tag) {
    case "Bands": {
      const bands = mode.bands
      if (bands.length === 0) problems.push({ path: ["mode", "bands"], message: "Une grille par tranches compte au moins une tranche." })
      bands.forEach((band, i) => {
        const at = ["mode", "bands", i]
        const expectedFrom = i === 0 ? 0 : (bands[i - 1]?.toQf ?? Number.NaN) + 1
        if (i === 0 && band.fromQf !== 0)
          problems.push({ path: [...at, "fromQf"], message: `La première tranche doit commencer au QF 0 (elle commence à ${band.fromQf}).` })
        else if (i > 0 && !Number.isNaN(expectedFrom) && band.fromQf !== expectedFrom)
          problems.push({
            path: [...at, "fromQf"],
            message: band.fromQf > expectedFrom
              ? `Trou entre les tranches : les QF de ${expectedFrom} à ${band.fromQf - 1} n'ont pas de tarif.`
              : `Les tranches se chevauchent : la tranche « ${band.label} » commence à ${band.fromQf}, la précédente finit à ${expectedFrom - 1}.`
          })
        if (band.toQf !== undefined && band.toQf < band.fromQf)
          problems.push({ path: [...at, "toQf"], message: `La tranche « ${band.label} » finit (${band.toQf}) avant de commencer (${band.fromQf}).` })
        const last = i === bands.length - 1
        if (last && band.toQf !== undefined)
          problems.push({ path: [...at, "toQf"], message: `La dernière tranche doit rester ouverte (sans QF de fin) : au-delà de ${band.toQf}, aucun tarif.` })
        if (!last && band.toQf === undefined)
          problems.push({ path: [...at, "toQf"], message: `Seule la dernière tranche peut rester ouverte ; indiquez le QF de fin de la tranche « ${band.label} ».` })
      })
      break
    }
    case "EffortRate":
      if (mode.floor > mode.ceiling)
        problems.push({
          path: ["mode", "ceiling"],
          message: `Le prix plafond (${Cents.formatEuros(mode.ceiling)}) ne peut être inférieur au prix plancher (${Cents.formatEuros(mode.floor)}).`
        })
      break
    case "Flat":
      break
  }
  return problems
}

/**
 * A tariff grid (grille tarifaire): the price of the activities it covers for a school year.
 * Always valid once built: bands contiguous from QF 0 without gaps or overlaps, the last one open,
 * prices never negative, floor ≤ ceiling. `costOfProduction` is the legal cap (Code de
 * l'éducation R.531-52): no price exceeds it.
 */
export class TariffGrid extends Schema.Class<TariffGrid>("TariffGrid")(
  Schema.Struct({
    id: TariffGridId,
    label: required(text("le nom de la grille", 120), "Indiquez le nom de la grille."),
    activityIds: required(
      Schema.NonEmptyArray(ActivityId).annotations({ message: () => ({ message: "Indiquez au moins une activité couverte par la grille.", override: true }) }),
      "Indiquez les activités couvertes par la grille."
    ),
    schoolYear: required(schoolYearName, "Indiquez l'année scolaire de la grille."),
    mode: required(TariffMode, "Indiquez le mode de calcul : tranches, taux d'effort ou prix unique."),
    costOfProduction: price("le coût de revient (plafond légal du prix)"),
    modifiers: Schema.optionalWith(TariffModifiers, { default: () => ({}) })
  }).pipe(Schema.filter((grid) => tariffGridProblems(grid)))
) {}

/** Checks a grid typed by an agent; refusals name each field in French. */
export const validateTariffGrid = validate(TariffGrid, "La grille tarifaire")

/** The top price of a grid, paid without a valid QF: the dearest band (the last if tied), the ceiling, or the flat price. */
export function topPriceOf(mode: TariffMode): Cents.Cents {
  switch (mode._tag) {
    case "Bands":
      return mode.bands.reduce((top, band) => Cents.max(top, band.price), Cents.zero)
    case "EffortRate":
      return mode.ceiling
    case "Flat":
      return mode.price
  }
}

/** The result of the "cantine à 1 €" check, with the reason in French. */
export interface CantineAUnEuroCheck {
  readonly eligible: boolean
  readonly reason: string
}

/**
 * Whether a canteen grid meets the State's "cantine à 1 €" conditions: a social grid with at least
 * 3 bands, one of them at €1 or less for families whose QF is at most 1000 (a band priced ≤ €1
 * ending at QF 1000 or below).
 */
export function checkCantineAUnEuro(grid: TariffGrid): CantineAUnEuroCheck {
  if (grid.mode._tag !== "Bands")
    return { eligible: false, reason: "La tarification « cantine à 1 € » est vérifiée sur une grille par tranches ; cette grille n'en a pas." }
  const bands = grid.mode.bands
  if (bands.length < 3)
    return { eligible: false, reason: `Il faut au moins 3 tranches ; cette grille en compte ${bands.length}.` }
  const oneEuro = bands.find((b) => b.price <= 100 && b.toQf !== undefined && b.toQf <= 1000)
  if (oneEuro === undefined)
    return { eligible: false, reason: "Aucune tranche à 1 € ou moins ne s'adresse aux familles dont le QF est au plus 1000." }
  return {
    eligible: true,
    reason: `${bands.length} tranches, dont « ${oneEuro.label} » à ${Cents.formatEuros(oneEuro.price)} pour les QF de ${oneEuro.fromQf} à ${oneEuro.toQf} : la grille remplit les conditions de la « cantine à 1 € ».`
  }
}
