import type { AbsenceJustificationRules, BillingSettings, PartTable, RegieId, SenderIdentity } from "@spe/core"
import type { PortalSettings } from "@spe/http-koa"
import type { Effect } from "effect"

/** What the portal shows of the town (its welcome text and help block); required by `spe serve` only. */
export type TownPortalSettings = Partial<Pick<PortalSettings, "welcomeTitle" | "welcomeText" | "helpBlock" | "guideUrl" | "passwordRules">>

/** What the server reads from a town package: its settings and, for a demo town, its seed. */
export interface TownPackage {
  readonly townSettings: TownPortalSettings & {
    readonly townName: string
    readonly regie: { readonly id: RegieId; readonly name: string }
    readonly billing: BillingSettings
    readonly sender: SenderIdentity
    /** The QF part table (the CAF's when absent). */
    readonly partTable?: PartTable
    /** When a medical certificate justifies an absence (72 hours, no carence day, when absent). */
    readonly absences?: AbsenceJustificationRules
  }
  /** The demo data, written through the core's use cases; does nothing when the town is already there. */
  readonly seedDemoTown?: Effect.Effect<unknown, unknown, never>
  /** The seed's summary in French: what the town holds, the demo logins. */
  readonly formatDemoTownSummary?: (summary: never) => string
}

/** The town package cannot be used; the message says why. */
export class TownUnavailable extends Error {
  override readonly name = "TownUnavailable"
}

/**
 * Imports the town package named by the settings (`town.package`) and checks that it exports
 * `townSettings` with a régie and billing settings.
 */
export async function loadTown(packageName: string): Promise<TownPackage> {
  let module: Record<string, unknown>
  try {
    module = (await import(packageName)) as Record<string, unknown>
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes(packageName))
      throw new TownUnavailable(`Le paquet de la commune « ${packageName} » est introuvable (réglage town.package ou variable SPE_TOWN).`)
    throw error
  }
  const settings = module["townSettings"] as Partial<TownPackage["townSettings"]> | undefined
  if (settings === undefined || typeof settings !== "object" || settings.regie?.id === undefined || settings.billing === undefined)
    throw new TownUnavailable(`Le paquet de la commune « ${packageName} » n'exporte pas townSettings (régie, facturation, expéditeur des courriels).`)
  return module as unknown as TownPackage
}
