import { Context, type Effect, Schema } from "effect"
import type { ActivityId, TariffGridId } from "../shared/Ids.js"
import type { TariffGrid } from "./TariffGrid.js"

/**
 * The town's tariff grids, by activity and school year. Any adapter must pass
 * `tariffCatalogueContract` of @spe/testkit.
 */
export class TariffCatalogue extends Context.Tag("@spe/core/TariffCatalogue")<
  TariffCatalogue,
  {
    readonly get: (id: TariffGridId) => Effect.Effect<TariffGrid, TariffGridNotFound>
    /** The grid that prices an activity in a school year (`"2025-2026"`). */
    readonly gridFor: (activityId: ActivityId, schoolYear: string) => Effect.Effect<TariffGrid, NoTariffGridForActivity>
    /**
     * Inserts or replaces the grid with this id. Refused when another grid already prices one of
     * its activities for the same school year: an activity has one grid per year.
     */
    readonly save: (grid: TariffGrid) => Effect.Effect<void, TariffGridOverlap>
    /** The grids of a school year, ordered by label then id. */
    readonly listForSchoolYear: (schoolYear: string) => Effect.Effect<ReadonlyArray<TariffGrid>>
  }
>() {}

/** No grid has this identifier. */
export class TariffGridNotFound extends Schema.TaggedError<TariffGridNotFound>()("TariffGridNotFound", {
  gridId: Schema.String
}) {
  override get message(): string {
    return `Aucune grille tarifaire ne porte l'identifiant ${this.gridId}. Rechargez la liste des grilles.`
  }
}

/** No grid prices this activity for this school year: the town has not published its tariff yet. */
export class NoTariffGridForActivity extends Schema.TaggedError<NoTariffGridForActivity>()("NoTariffGridForActivity", {
  activityId: Schema.String,
  schoolYear: Schema.String
}) {
  override get message(): string {
    return `Le tarif de l'activité ${this.activityId} pour l'année scolaire ${this.schoolYear} n'est pas encore publié. Contactez le Service à la Population pour le connaître.`
  }
}

/** Another grid already prices an activity of this grid for the same school year. */
export class TariffGridOverlap extends Schema.TaggedError<TariffGridOverlap>()("TariffGridOverlap", {
  gridId: Schema.String,
  otherGridId: Schema.String,
  activityId: Schema.String,
  schoolYear: Schema.String
}) {
  override get message(): string {
    return `La grille ${this.otherGridId} fixe déjà le tarif de l'activité ${this.activityId} pour ${this.schoolYear} : retirez l'activité de l'une des deux grilles avant d'enregistrer la grille ${this.gridId}.`
  }
}
