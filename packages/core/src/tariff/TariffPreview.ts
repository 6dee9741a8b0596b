import type * as Cents from "../shared/Cents.js"
import { type BillingCircumstance, priceSession, type PricingSituation, type QuotientUsed, quotientMissing } from "./Pricing.js"
import type { TariffGrid } from "./TariffGrid.js"
import type { Residency } from "../household/Household.js"

/** The QFs (euros) a grid's preview prices by default, from modest to comfortable incomes. */
export const tariffPreviewQfs: ReadonlyArray<number> = [300, 500, 700, 900, 1200, 2000]

/** A column of the preview: one situation of a child and a household. */
export interface TariffPreviewColumn {
  readonly key: string
  readonly label: string
  readonly residency: Residency
  readonly childRank: number
  readonly circumstance: BillingCircumstance
}

/** The situations the preview prices: a resident's first child booked in time, then one change at a time. */
export const tariffPreviewColumns: ReadonlyArray<TariffPreviewColumn> = [
  { key: "resident", label: "Habitant, 1er enfant", residency: "resident", childRank: 1, circumstance: "reserved" },
  { key: "non-resident", label: "Hors commune", residency: "non-resident", childRank: 1, circumstance: "reserved" },
  { key: "second-child", label: "2e enfant", residency: "resident", childRank: 2, circumstance: "reserved" },
  { key: "third-child", label: "3e enfant et suivants", residency: "resident", childRank: 3, circumstance: "reserved" },
  { key: "unreserved", label: "Présence sans réservation", residency: "resident", childRank: 1, circumstance: "unreserved-presence" },
  { key: "late", label: "Réservation hors délai", residency: "resident", childRank: 1, circumstance: "late-booking" }
]

/** One priced cell: the unit price and its one-sentence explanation. */
export interface TariffPreviewCell {
  readonly column: string
  readonly amount: Cents.Cents
  readonly summary: string
}

/** One row of the preview: a QF (or none) and its prices in each situation. */
export interface TariffPreviewRow {
  /** The QF in euros; absent for the row of a household without a valid QF. */
  readonly qf?: number
  readonly label: string
  readonly cells: ReadonlyArray<TariffPreviewCell>
}

/**
 * The prices a grid gives for sample QFs and for a household without a valid QF, in each
 * situation of `tariffPreviewColumns`: computed by `priceSession`, the very function invoices use,
 * with the QF as a simulation source.
 */
export function previewTariffGrid(grid: TariffGrid, qfs: ReadonlyArray<number> = tariffPreviewQfs): ReadonlyArray<TariffPreviewRow> {
  const row = (quotient: QuotientUsed, label: string, qf?: number): TariffPreviewRow => ({
    ...(qf === undefined ? {} : { qf }),
    label,
    cells: tariffPreviewColumns.map((column) => {
      const situation: PricingSituation = { quotient, residency: column.residency, childRank: column.childRank, circumstance: column.circumstance }
      const price = priceSession(grid, situation)
      return { column: column.key, amount: price.amount, summary: price.explanation.summary }
    })
  })
  return [
    ...qfs.map((qf) => row({ _tag: "QuotientKnown", qf, source: "simulation" }, `QF ${qf} €`, qf)),
    row(quotientMissing, "Sans QF valide")
  ]
}
