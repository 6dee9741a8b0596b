import { migrate, type Database } from "@spe/persistence-mikro-orm"
import { Exit } from "effect"
import type { DependencyContainer } from "tsyringe"
import { portsRuntime, Tokens } from "../Container.js"
import { describeDatabase, type Settings } from "../Settings.js"
import type { TownPackage } from "../Town.js"
import { CommandFailed, failureOf } from "./Failure.js"
import type { Terminal } from "./Terminal.js"

/**
 * `spe seed`: applies the migrations not yet applied, then runs the town's demo seed once (the
 * seed does nothing when the town is already there) and prints its summary.
 */
export async function runSeed(container: DependencyContainer, terminal: Terminal): Promise<void> {
  const settings = container.resolve<Settings>(Tokens.Settings)
  const town = container.resolve<TownPackage>(Tokens.Town)
  terminal.out(`Base : ${describeDatabase(settings.database)}`)
  const applied = await migrate(container.resolve<Database>(Tokens.Database))
  terminal.out(applied.length === 0 ? "Base à jour : aucune migration à appliquer." : `${applied.length} migration(s) appliquée(s) : ${applied.join(", ")}.`)
  if (town.seedDemoTown === undefined) throw new CommandFailed(`La commune ${town.townSettings.townName} n'a pas de données de démonstration (seedDemoTown).`)
  terminal.progress(`Chargement de la commune de démonstration ${town.townSettings.townName}…`)
  const exit = await portsRuntime(container).runPromiseExit(town.seedDemoTown)
  terminal.endProgress()
  if (Exit.isFailure(exit)) throw failureOf(exit, "Le chargement de la démonstration a échoué")
  const summary = town.formatDemoTownSummary === undefined ? JSON.stringify(exit.value, null, 2) : town.formatDemoTownSummary(exit.value as never)
  for (const line of summary.split("\n")) terminal.out(line)
}
