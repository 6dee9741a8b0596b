import type { SenderIdentity } from "@spe/core"
import type { PortalSettings } from "@spe/http-koa"
import type { Effect } from "effect"

/** What the portal shows of the town (its welcome text and help block); required by `spe serve` only. */
export type TownPortalSettings = Partial<Pick<PortalSettings, "welcomeTitle" | "welcomeText" | "helpBlock" | "guideUrl" | "passwordRules">>

/** The town's rules every part of the platform applies (the portal's settings of the same names). */
export type TownRules = Pick<PortalSettings, "townName" | "townIdentity" | "regie" | "billing" | "payment" | "absences" | "partTable" | "documents">

/** What the server reads from a town package: its settings and, for a demo town, its seed. */
export interface TownPackage {
  readonly townSettings: TownPortalSettings &
    TownRules & {
      readonly sender: SenderIdentity
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
 * `townSettings` with its rules (régie, billing, payment, absences, QF parts, documents).
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
  const required = ["townName", "townIdentity", "regie", "billing", "payment", "absences", "partTable", "documents", "sender"] as const
  const missing = settings === undefined || typeof settings !== "object" ? [...required] : required.filter((key) => settings[key] === undefined)
  if (missing.length > 0)
    throw new TownUnavailable(`Le paquet de la commune « ${packageName} » n'exporte pas townSettings complet : il manque ${missing.join(", ")}.`)
  return module as unknown as TownPackage
}
