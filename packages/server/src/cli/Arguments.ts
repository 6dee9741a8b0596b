import { parseArgs } from "node:util"
import { Data, Either } from "effect"

/** A command of `spe`, with its options. */
export type Command =
  | { readonly _tag: "help"; readonly configPath?: string }
  | { readonly _tag: "migrate"; readonly configPath?: string }
  | { readonly _tag: "seed"; readonly configPath?: string }
  | { readonly _tag: "serve"; readonly configPath?: string }
  | { readonly _tag: "bill"; readonly configPath?: string; readonly month: string; readonly issue: boolean }

/** The command line cannot be understood; the message says what to type instead. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const commands = ["help", "migrate", "seed", "serve", "bill"] as const

const optionsOf = {
  help: {},
  migrate: {},
  seed: {},
  serve: {},
  bill: { month: { type: "string" }, issue: { type: "boolean" } }
} as const

const optionsWithValue: ReadonlyArray<string> = ["--config", "--month"]

const describeError = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const unknownOption = /Unknown option '([^']+)'/.exec(message)
  if (unknownOption !== null) return `Option inconnue : ${unknownOption[1]}.`
  const missingValue = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message)
  if (missingValue !== null) return `L'option ${missingValue[1]} attend une valeur.`
  const unexpected = /Unexpected argument '([^']+)'/.exec(message)
  if (unexpected !== null) return `Argument inattendu : ${unexpected[1]}.`
  const noValue = /Option '([^']+)' does not take an argument/.exec(message)
  if (noValue !== null) return `L'option ${(noValue[1] ?? "").split(" ")[0]} ne prend pas de valeur.`
  return "Ligne de commande incorrecte."
}

/**
 * Reads `spe`'s arguments with node:util `parseArgs`: a command (`migrate`, `seed`, `bill`, `help`),
 * its options, and `--config <fichier>` anywhere. No command, `-h` or `--help` ask for the help.
 */
export function parseCommand(argv: ReadonlyArray<string>): Either.Either<Command, UsageError> {
  const name = argv.find((a, i) => !a.startsWith("-") && !optionsWithValue.includes(argv[i - 1] ?? ""))
  if (name === undefined) return Either.right({ _tag: "help" })
  if (!(commands as ReadonlyArray<string>).includes(name))
    return Either.left(new UsageError({ message: `Commande inconnue : « ${name} ». Commandes : ${commands.join(", ")} (voir spe help).` }))
  const command = name as (typeof commands)[number]
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { config: { type: "string" }, help: { type: "boolean", short: "h" }, ...optionsOf[command] }
    })
  } catch (error) {
    return Either.left(new UsageError({ message: `${describeError(error)} (voir spe help).` }))
  }
  const positionals = parsed.positionals.filter((p) => p !== name)
  if (positionals.length > 0) return Either.left(new UsageError({ message: `Argument inattendu : ${positionals[0]} (voir spe help).` }))
  const values = parsed.values as { readonly config?: string; readonly help?: boolean; readonly month?: string; readonly issue?: boolean }
  const config = values.config === undefined ? {} : { configPath: values.config }
  if (values.help === true || command === "help") return Either.right({ _tag: "help", ...config })
  switch (command) {
    case "migrate":
    case "seed":
    case "serve":
      return Either.right({ _tag: command, ...config })
    case "bill": {
      if (values.month === undefined)
        return Either.left(new UsageError({ message: "Indiquez le mois à facturer : spe bill --month AAAA-MM (par exemple --month 2026-10)." }))
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
        return Either.left(new UsageError({ message: `Le mois « ${values.month} » doit s'écrire AAAA-MM, par exemple 2026-10.` }))
      return Either.right({ _tag: "bill", ...config, month: values.month, issue: values.issue === true })
    }
  }
}

/** What `spe help` prints. */
export const helpText = `spe — Services à la population enfance

Utilisation : spe <commande> [options]

Commandes :
  migrate                      applique les migrations de la base de données non encore appliquées
  seed                         prépare la base (migrations) et y charge la commune et ses familles de démonstration, une seule fois
  serve                        prépare la base, y charge la commune de démonstration si besoin, et sert le portail des familles
  bill --month AAAA-MM         aperçu de la facturation du mois : totaux par activité, lignes par foyer
  bill --month AAAA-MM --issue émet les factures et avoirs du mois (une nouvelle exécution n'émet que ce qui a changé)
  help                         affiche cette aide

Options :
  --config <fichier>           fichier de réglages JSON (sinon la variable SPE_CONFIG)

Sans réglage, la base embarquée garde ses données dans .data/ à la racine du dépôt ;
DATABASE_URL=postgres://… choisit un serveur PostgreSQL. Voir docs/operations.md pour tous les réglages.
`
