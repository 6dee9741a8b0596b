import { Effect, Option } from "effect"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { TariffGridId } from "../shared/Ids.js"
import { TariffCatalogue } from "./TariffCatalogue.js"
import { TariffGrid, validateTariffGrid } from "./TariffGrid.js"

/** A grid as an agent typed it: a new one (no `gridId`) or the edit of an existing one. */
export interface TariffGridInput {
  readonly gridId?: TariffGridId
  /** The grid's fields (an encoded `TariffGrid` without its id), checked by `validateTariffGrid`. */
  readonly grid: unknown
}

const field = (grid: unknown, name: string): unknown => (typeof grid === "object" && grid !== null ? (grid as Record<string, unknown>)[name] : undefined)

const slug = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

/** The id a new grid would take: `grille-<first activity>-<first year>` (`grille-restauration-scolaire-2026`). */
export function newTariffGridId(grid: unknown): TariffGridId {
  const activities = field(grid, "activityIds")
  const first = Array.isArray(activities) && typeof activities[0] === "string" ? slug(activities[0]).slice(0, 44) : ""
  const year = field(grid, "schoolYear")
  const start = typeof year === "string" && /^\d{4}/.test(year) ? year.slice(0, 4) : ""
  return TariffGridId.make(["grille", first, start].filter((part) => part !== "").join("-"))
}

const targetOf = (input: TariffGridInput) => ({ kind: "tariff-grid", id: input.gridId ?? newTariffGridId(input.grid) })

/**
 * An agent saves a tariff grid (`activities.manage`, audited `tariffs.save` with the grid before
 * and after): checked by `validateTariffGrid` (bands contiguous from QF 0, floor ≤ ceiling, the
 * cost of production as cap…), refused when another grid prices one of its activities for the
 * same school year (`TariffGridOverlap`). An edit keeps the grid's id (an unknown one:
 * `TariffGridNotFound`); a new grid takes `newTariffGridId`, or a fresh id when that one is taken.
 */
export const saveTariffGrid = auditedAgentCommand({
  action: "tariffs.save",
  permission: "activities.manage",
  target: targetOf,
  run: (_agent, input: TariffGridInput) =>
    Effect.gen(function* () {
      const catalogue = yield* TariffCatalogue
      const before = input.gridId === undefined ? Option.none<TariffGrid>() : Option.some(yield* catalogue.get(input.gridId))
      let id = input.gridId ?? newTariffGridId(input.grid)
      if (input.gridId === undefined && Option.isSome(yield* Effect.option(catalogue.get(id)))) id = TariffGridId.make(yield* (yield* IdGenerator).next("grille"))
      const typed = typeof input.grid === "object" && input.grid !== null ? input.grid : {}
      const grid = yield* validateTariffGrid({ ...typed, id })
      yield* catalogue.save(grid)
      return {
        result: grid,
        before: Option.match(before, { onNone: () => null, onSome: (g) => toAuditJson(TariffGrid, g) }),
        after: toAuditJson(TariffGrid, grid)
      }
    })
})
