import { readFile, writeFile } from "node:fs/promises"
import { basename, resolve } from "node:path"
import {
  AccountId,
  AgentActor,
  Cents,
  decodeCsvBytes,
  exportDataset,
  exportFile,
  type HouseholdImportOutcome,
  type ImportRejection,
  importHouseholds,
  importTreasuryPayments,
  LocalDate,
  type TreasuryPaymentsOutcome
} from "@spe/core"
import { Exit } from "effect"
import type { DependencyContainer } from "tsyringe"
import { portsRuntime, Tokens } from "../Container.js"
import type { TownPackage } from "../Town.js"
import type { Command } from "./Arguments.js"
import { CommandFailed, failureOf } from "./Failure.js"
import type { Terminal } from "./Terminal.js"

/** The agent `spe` acts as in the journal: the command line, with the system user who typed it, with every permission. */
export function commandLineAgent(env: Readonly<Record<string, string | undefined>>): AgentActor {
  const user = (env["USER"] ?? env["USERNAME"] ?? "").trim().slice(0, 60)
  return new AgentActor({ accountId: AccountId.make("spe-cli"), displayName: user === "" ? "Ligne de commande spe" : `Ligne de commande spe (${user})`, role: "admin" })
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString("fr-FR")} ${n <= 1 ? one : many}`

/**
 * `spe export`: the core's `exportDataset` for the period, written as CSV or JSON to `--out` (then one
 * line says what was written) or to the standard output (the file only).
 */
export async function runExport(container: DependencyContainer, command: Extract<Command, { _tag: "export" }>, terminal: Terminal, cwd: string): Promise<void> {
  const exit = await portsRuntime(container).runPromiseExit(exportDataset(command.dataset, { from: LocalDate.unsafe(command.from), to: LocalDate.unsafe(command.to) }))
  if (Exit.isFailure(exit)) throw failureOf(exit, "L'export a échoué")
  const file = exportFile(exit.value, command.format)
  if (command.out === undefined) {
    terminal.write(file.text)
    return
  }
  const path = resolve(cwd, command.out)
  try {
    await writeFile(path, file.text, "utf8")
  } catch (error) {
    throw new CommandFailed(`Le fichier ${path} ne peut pas être écrit (${(error as NodeJS.ErrnoException).code ?? String(error)}) : vérifiez le dossier et ses droits.`)
  }
  terminal.out(`${exit.value.dataset.title} du ${command.from} au ${command.to} : ${plural(exit.value.rows.length, "ligne écrite", "lignes écrites")} dans ${path} (${command.format.toUpperCase()}).`)
}

function printRejected(terminal: Terminal, rejected: ReadonlyArray<ImportRejection>, warnings: ReadonlyArray<string>): void {
  for (const warning of warnings) terminal.out(`Attention : ${warning}`)
  if (rejected.length === 0) return
  terminal.out(`${plural(rejected.length, "ligne refusée", "lignes refusées")} :`)
  for (const r of rejected) for (const reason of r.reasons) terminal.out(`  ligne ${r.line} : ${reason}`)
}

function printHouseholds(terminal: Terminal, outcome: HouseholdImportOutcome, apply: boolean): void {
  terminal.out(`${plural(outcome.rows, "ligne lue", "lignes lues")}, ${plural(outcome.accepted.length, "foyer accepté", "foyers acceptés")}.`)
  for (const h of outcome.accepted) {
    const created = outcome.created.find((c) => c.line === h.line)
    terminal.out(
      `  ligne ${h.line} : ${h.reference} ${h.familyName} — ${plural(h.adults, "responsable", "responsables")}, ${plural(h.children, "enfant", "enfants")}${h.qf === undefined ? "" : `, QF ${h.qf}`}${created === undefined ? "" : `, identifiant ${created.login}`}`
    )
  }
  printRejected(terminal, outcome.rejected, outcome.warnings)
  if (outcome.applied) terminal.out(`Importé : ${plural(outcome.created.length, "foyer créé", "foyers créés")} ; chaque famille reçoit par e-mail son identifiant et un mot de passe provisoire.`)
  else if (outcome.refusal !== undefined) terminal.out(outcome.refusal)
  else if (outcome.rejected.length > 0) terminal.out("Vérification seule : rien n'est importé. Corrigez les lignes refusées : l'import ne se fait que si toutes les lignes sont acceptées.")
  else if (!apply) terminal.out("Vérification seule : rien n'est importé. Relancez avec --apply pour importer ces foyers.")
}

function printTreasury(terminal: Terminal, outcome: TreasuryPaymentsOutcome, apply: boolean): void {
  terminal.out(`${plural(outcome.rows, "ligne lue", "lignes lues")}, ${plural(outcome.accepted.length, "paiement nouveau", "paiements nouveaux")}, ${plural(outcome.alreadyRecorded.length, "déjà enregistré", "déjà enregistrés")}.`)
  for (const p of outcome.accepted)
    terminal.out(`  ligne ${p.line} : ${p.invoiceNumber} ${p.householdReference} ${p.familyName} — ${Cents.formatEuros(p.amount)} le ${p.paidOn} (restait ${Cents.formatEuros(p.remainingBefore)}), référence ${p.treasuryReference}`)
  for (const p of outcome.alreadyRecorded) terminal.out(`  ligne ${p.line} : ${p.treasuryReference} déjà enregistré (${p.invoiceNumber}, ${Cents.formatEuros(p.amount)}) : rien de nouveau`)
  printRejected(terminal, outcome.rejected, outcome.warnings)
  if (outcome.applied)
    terminal.out(
      outcome.recorded.length === 0
        ? "Rien de nouveau : tous les paiements du fichier étaient déjà enregistrés."
        : `Enregistré : ${plural(outcome.recorded.length, "paiement au Trésor public", "paiements au Trésor public")}.`
    )
  else if (outcome.refusal !== undefined) terminal.out(outcome.refusal)
  else if (outcome.rejected.length > 0) terminal.out("Vérification seule : rien n'est enregistré. Corrigez les lignes refusées : l'import ne se fait que si toutes les lignes sont acceptées.")
  else if (!apply) terminal.out("Vérification seule : rien n'est enregistré. Relancez avec --apply pour enregistrer ces paiements.")
}

/**
 * `spe import households|treasury-payments <fichier> [--apply]`: reads the file (UTF-8 or
 * Windows-1252), runs the core's import as the command line's agent (dry run, or apply: all or
 * nothing, audited), prints the report. Returns the exit code: 0 every row accepted, 1 rows refused
 * (nothing applied), 2 the file cannot be read.
 */
export async function runImport(
  container: DependencyContainer,
  command: Extract<Command, { _tag: "import" }>,
  terminal: Terminal,
  context: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> }
): Promise<number> {
  const path = resolve(context.cwd, command.file)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    terminal.err(code === "ENOENT" ? `Le fichier ${path} n'existe pas : vérifiez son chemin.` : `Le fichier ${path} ne peut pas être lu (${code ?? String(error)}).`)
    return 2
  }
  const text = decodeCsvBytes(bytes)
  const agent = commandLineAgent(context.env)
  const runtime = portsRuntime(container)
  const options = { apply: command.apply, fileName: basename(path) }
  terminal.out(`${command.kind === "households" ? "Import des foyers" : "Import des paiements reçus par le Trésor public"} : ${path}${command.apply ? "" : " (vérification seule)"}`)
  if (command.kind === "households") {
    const exit = await runtime.runPromiseExit(importHouseholds(agent, text, options))
    if (Exit.isFailure(exit)) throw failureOf(exit, "L'import des foyers a échoué")
    printHouseholds(terminal, exit.value, command.apply)
    return exit.value.rejected.length > 0 ? 1 : 0
  }
  const settings = container.resolve<TownPackage>(Tokens.Town).townSettings.payment
  const exit = await runtime.runPromiseExit(importTreasuryPayments(agent, text, { ...options, settings }))
  if (Exit.isFailure(exit)) throw failureOf(exit, "L'import des paiements a échoué")
  printTreasury(terminal, exit.value, command.apply)
  return exit.value.rejected.length > 0 ? 1 : 0
}
