import { migrate, type Database } from "@spe/persistence-mikro-orm"
import { Either, Exit } from "effect"
import type { DependencyContainer } from "tsyringe"
import { createContainer, portsRuntime, shutdown, Tokens } from "../Container.js"
import { describeDatabase, loadSettings, type Settings } from "../Settings.js"
import type { TownPackage } from "../Town.js"
import type { Command } from "./Arguments.js"
import { billMonth, householdNames, printBillingResult } from "./Bill.js"
import { runExport, runImport } from "./Exchange.js"
import { CommandFailed, describeFailure, failureOf } from "./Failure.js"
import type { CliContext } from "./Main.js"
import { runSeed } from "./Seed.js"
import { runServe } from "./Serve.js"
import type { Terminal } from "./Terminal.js"

/** Resolves on the first SIGINT or SIGTERM. */
const untilStopped = (): Promise<void> =>
  new Promise((resolve) => {
    process.once("SIGINT", () => resolve())
    process.once("SIGTERM", () => resolve())
  })

/** Runs a command once the container is built, then closes it whatever happens. */
async function withContainer<A>(settings: Settings, body: (container: DependencyContainer) => Promise<A>): Promise<A> {
  const container = await createContainer(settings)
  try {
    return await body(container)
  } finally {
    await shutdown(container)
  }
}

async function pendingMigrations(database: Database): Promise<number> {
  return (await database.orm.getMigrator().getPendingMigrations()).length
}

async function runMigrate(settings: Settings, terminal: Terminal): Promise<void> {
  await withContainer(settings, async (container) => {
    terminal.out(`Base : ${describeDatabase(settings.database)}`)
    const applied = await migrate(container.resolve<Database>(Tokens.Database))
    if (applied.length === 0) terminal.out("Base à jour : aucune migration à appliquer.")
    else {
      terminal.out(`${applied.length === 1 ? "Migration appliquée" : `${applied.length} migrations appliquées`} :`)
      for (const name of applied) terminal.out(`  ${name}`)
    }
  })
}

async function runBill(settings: Settings, command: Extract<Command, { _tag: "bill" }>, terminal: Terminal): Promise<void> {
  await withContainer(settings, async (container) => {
    const database = container.resolve<Database>(Tokens.Database)
    if ((await pendingMigrations(database)) > 0) throw new CommandFailed("La base n'est pas à jour : lancez d'abord spe migrate (ou spe seed).")
    const town = container.resolve<TownPackage>(Tokens.Town)
    terminal.out(`Base : ${describeDatabase(settings.database)}`)
    terminal.out(
      `Facturation ${command.month}, ${town.townSettings.regie.name} (${town.townSettings.townName}) — ${command.issue ? "émission" : "aperçu : rien n'est émis, ajoutez --issue pour émettre"}`
    )
    const started = Date.now()
    let read = 0
    let issued = 0
    const runtime = portsRuntime(container)
    const exit = await runtime.runPromiseExit(
      billMonth(command.month, { issue: command.issue, regieId: town.townSettings.regie.id, settings: town.townSettings.billing }, {
        onHouseholdRead: (n) => {
          read = n
          terminal.progress(`Lecture des réservations et présences : foyer ${n.toLocaleString("fr-FR")}`)
        },
        onInvoiceIssued: (n) => {
          issued = n
          terminal.progress(`Émission : facture ${n.toLocaleString("fr-FR")} sur ${read.toLocaleString("fr-FR")} foyers au plus`)
        }
      })
    )
    terminal.endProgress()
    if (Exit.isFailure(exit)) throw failureOf(exit, "La facturation a échoué")
    const names = await runtime.runPromise(householdNames(exit.value))
    printBillingResult(terminal, command.month, exit.value, names)
    const seconds = ((Date.now() - started) / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })
    terminal.out(`Terminé en ${seconds} s : ${read.toLocaleString("fr-FR")} foyers lus, ${issued.toLocaleString("fr-FR")} factures émises.`)
  })
}

/** Runs a command that needs the database migrated: refuses before the migrations, as `spe bill` does. */
async function withMigratedDatabase<A>(settings: Settings, body: (container: DependencyContainer) => Promise<A>): Promise<A> {
  return withContainer(settings, async (container) => {
    if ((await pendingMigrations(container.resolve<Database>(Tokens.Database))) > 0)
      throw new CommandFailed("La base n'est pas à jour : lancez d'abord spe migrate (ou spe seed).")
    return body(container)
  })
}

/**
 * Runs a parsed command (not `help`): reads the settings, builds the container, runs, closes.
 * Returns the exit code: 2 for refused settings (and an import's unreadable file), 1 for a failed
 * command (and an import with refused rows), 0 when done.
 */
export async function runCommand(command: Exclude<Command, { _tag: "help" }>, context: CliContext): Promise<number> {
  const { terminal } = context
  const settings = loadSettings({ env: context.env, cwd: context.cwd, ...(command.configPath === undefined ? {} : { configPath: command.configPath }) })
  if (Either.isLeft(settings)) {
    terminal.err(settings.left.message)
    return 2
  }
  try {
    switch (command._tag) {
      case "migrate":
        await runMigrate(settings.right, terminal)
        break
      case "seed":
        await withContainer(settings.right, (container) => runSeed(container, terminal))
        break
      case "bill":
        await runBill(settings.right, command, terminal)
        break
      case "export":
        await withMigratedDatabase(settings.right, (container) => runExport(container, command, terminal, context.cwd))
        break
      case "import":
        return await withMigratedDatabase(settings.right, (container) => runImport(container, command, terminal, context))
      case "serve": {
        const container = await createContainer(settings.right)
        const serving = await runServe(container, terminal).catch(async (error: unknown) => {
          await shutdown(container)
          throw error
        })
        await untilStopped()
        terminal.out("Arrêt du portail…")
        await serving.stop()
        break
      }
    }
    return 0
  } catch (error) {
    terminal.endProgress()
    terminal.err(describeFailure(error))
    return 1
  }
}
