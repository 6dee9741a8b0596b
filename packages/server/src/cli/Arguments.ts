import { parseArgs } from "node:util"
import { Data, Either } from "effect"

/** A command of `spe`, with its options. */
export type Command =
  | { readonly _tag: "help"; readonly configPath?: string }
  | { readonly _tag: "migrate"; readonly configPath?: string }
  | { readonly _tag: "seed"; readonly configPath?: string }
  | { readonly _tag: "serve"; readonly configPath?: string }
  | { readonly _tag: "bill"; readonly configPath?: string; readonly month: string; readonly issue: boolean }
  | {
      readonly _tag: "export"
      readonly configPath?: string
      readonly dataset: ExportDatasetName
      readonly from: string
      readonly to: string
      readonly format: "csv" | "json"
      readonly out?: string
    }
  | { readonly _tag: "import"; readonly configPath?: string; readonly kind: ImportKindName; readonly file: string; readonly apply: boolean }

/** The datasets `spe export` writes (the core's `ExportDatasetKind`). */
export type ExportDatasetName = "invoices" | "payments" | "unpaid" | "attendance" | "households"

/** What `spe import` reads. */
export type ImportKindName = "households" | "treasury-payments"

const exportDatasets: Readonly<Record<string, ExportDatasetName>> = {
  invoices: "invoices",
  factures: "invoices",
  payments: "payments",
  paiements: "payments",
  unpaid: "unpaid",
  impayes: "unpaid",
  attendance: "attendance",
  presences: "attendance",
  households: "households",
  foyers: "households"
}

const importKinds: Readonly<Record<string, ImportKindName>> = {
  households: "households",
  foyers: "households",
  "treasury-payments": "treasury-payments",
  "paiements-tresor": "treasury-payments"
}

/** The command line cannot be understood; the message says what to type instead. */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const commands = ["help", "migrate", "seed", "serve", "bill", "export", "import"] as const

const optionsOf = {
  help: {},
  migrate: {},
  seed: {},
  serve: {},
  bill: { month: { type: "string" }, issue: { type: "boolean" } },
  export: { from: { type: "string" }, to: { type: "string" }, format: { type: "string" }, out: { type: "string" } },
  import: { apply: { type: "boolean" } }
} as const

const optionsWithValue: ReadonlyArray<string> = ["--config", "--month", "--from", "--to", "--format", "--out"]

const isDay = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === text
}

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
 * Reads `spe`'s arguments with node:util `parseArgs`: a command (`migrate`, `seed`, `serve`, `bill`,
 * `export`, `import`, `help`), its arguments and options, and `--config <fichier>` anywhere. No
 * command, `-h` or `--help` ask for the help.
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
  const positionals = parsed.positionals.filter((p, i) => p !== name || i !== parsed.positionals.indexOf(name))
  const expected = command === "export" ? 1 : command === "import" ? 2 : 0
  if (positionals.length > expected) return Either.left(new UsageError({ message: `Argument inattendu : ${positionals[expected]} (voir spe help).` }))
  const values = parsed.values as {
    readonly config?: string
    readonly help?: boolean
    readonly month?: string
    readonly issue?: boolean
    readonly from?: string
    readonly to?: string
    readonly format?: string
    readonly out?: string
    readonly apply?: boolean
  }
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
    case "export": {
      const datasetName = positionals[0]
      const usage = "spe export <invoices|payments|unpaid|attendance|households> --from AAAA-MM-JJ --to AAAA-MM-JJ [--format csv|json] [--out fichier]"
      if (datasetName === undefined) return Either.left(new UsageError({ message: `Indiquez les données à exporter : ${usage}.` }))
      const dataset = exportDatasets[datasetName]
      if (dataset === undefined)
        return Either.left(new UsageError({ message: `Données inconnues : « ${datasetName} ». Exports : invoices, payments, unpaid, attendance, households (voir spe help).` }))
      if (values.from === undefined || values.to === undefined)
        return Either.left(new UsageError({ message: `Indiquez la période : ${usage}.` }))
      for (const [option, value] of [["--from", values.from], ["--to", values.to]] as const)
        if (!isDay(value)) return Either.left(new UsageError({ message: `La date ${option} « ${value} » doit s'écrire AAAA-MM-JJ, par exemple 2026-10-01.` }))
      if (values.to < values.from) return Either.left(new UsageError({ message: `La période se termine (--to ${values.to}) avant de commencer (--from ${values.from}).` }))
      const format = values.format ?? "csv"
      if (format !== "csv" && format !== "json") return Either.left(new UsageError({ message: `Le format « ${format} » n'existe pas : --format csv ou --format json.` }))
      return Either.right({ _tag: "export", ...config, dataset, from: values.from, to: values.to, format, ...(values.out === undefined ? {} : { out: values.out }) })
    }
    case "import": {
      const [kindName, file] = positionals
      const usage = "spe import <households|treasury-payments> <fichier.csv> [--apply]"
      if (kindName === undefined) return Either.left(new UsageError({ message: `Indiquez ce qu'il faut importer : ${usage}.` }))
      const kind = importKinds[kindName]
      if (kind === undefined) return Either.left(new UsageError({ message: `Import inconnu : « ${kindName} ». Imports : households, treasury-payments (voir spe help).` }))
      if (file === undefined) return Either.left(new UsageError({ message: `Indiquez le fichier CSV à importer : ${usage}.` }))
      return Either.right({ _tag: "import", ...config, kind, file, apply: values.apply === true })
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
  export <données> --from AAAA-MM-JJ --to AAAA-MM-JJ [--format csv|json] [--out fichier]
                               exporte une période : invoices (factures et avoirs), payments (paiements),
                               unpaid (impayés pour le Trésor public), attendance (présences par mois, CAF),
                               households (foyers) ; CSV « ; » UTF-8 ou JSON, sur la sortie standard par défaut
  import households <fichier.csv> [--apply]
                               vérifie un fichier de foyers (membres, QF) ligne par ligne ; --apply les importe,
                               tous ou aucun (code 1 et rien d'importé si une ligne est refusée)
  import treasury-payments <fichier.csv> [--apply]
                               vérifie les paiements reçus par le Trésor public (rapprochés des factures par
                               numéro) ; --apply les enregistre, tous ou aucun ; un paiement déjà importé n'est
                               pas enregistré deux fois
  help                         affiche cette aide

Options :
  --config <fichier>           fichier de réglages JSON (sinon la variable SPE_CONFIG)

Sans réglage, la base embarquée garde ses données dans .data/ à la racine du dépôt ;
DATABASE_URL=postgres://… choisit un serveur PostgreSQL. Voir docs/operations.md pour tous les réglages.
`
