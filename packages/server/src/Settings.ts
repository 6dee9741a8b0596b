import { existsSync, readFileSync } from "node:fs"
import { dirname, isAbsolute, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { MailAddress } from "@spe/core"
import { SmtpAuth, SmtpSettings } from "@spe/mail"
import { HttpUrl, Numcli, parsePayfipSettings, type PayfipSettings, Saisie } from "@spe/payment"
import { Either, ParseResult, Schema } from "effect"

/** The repository's root folder (where `.data/` lives by default). */
export const repositoryRoot: string = fileURLToPath(new URL("../../../", import.meta.url))

/** The town package used when nothing else is set: the demo town. */
export const defaultTownPackage = "@spe/example-saint-pierre-les-elbeuf"

const text = (what: string) =>
  Schema.String.annotations({ message: () => `${what} doit être un texte.` }).pipe(
    Schema.compose(Schema.Trim),
    Schema.minLength(1, { message: () => `${what} ne peut pas être vide.` })
  )

const choice = <const L extends readonly [string, ...Array<string>]>(values: L) =>
  Schema.Literal(...values).annotations({
    message: () => ({ message: `Valeurs possibles : ${values.map((v) => `« ${v} »`).join(" ou ")}.`, override: true })
  })

const isUrlWith = (protocols: ReadonlyArray<string>) => (value: string): boolean =>
  URL.canParse(value) && protocols.includes(new URL(value).protocol)

/** A PostgreSQL connection URL, `postgres://user:password@host:5432/database`. */
export const PostgresUrl = Schema.String.annotations({ message: () => "L'adresse de la base doit être un texte." }).pipe(
  Schema.filter(isUrlWith(["postgres:", "postgresql:"]), {
    message: () => "L'adresse de la base s'écrit postgres://utilisateur:motdepasse@serveur:5432/base."
  })
)

/** An SMTP server URL, `smtp://user:password@host:587` (STARTTLS) or `smtps://…:465` (TLS). */
export const SmtpUrl = Schema.String.annotations({ message: () => "L'adresse du serveur SMTP doit être un texte." }).pipe(
  Schema.filter(isUrlWith(["smtp:", "smtps:"]), {
    message: () => "L'adresse du serveur SMTP s'écrit smtp://utilisateur:motdepasse@serveur:587 ou smtps://…:465."
  })
)

const Port = Schema.Number.annotations({ message: () => "Le port doit être un nombre entier entre 1 et 65535." }).pipe(
  Schema.filter((n) => Number.isInteger(n) && n >= 1 && n <= 65_535, {
    message: () => "Le port doit être un nombre entier entre 1 et 65535."
  })
)

const Seconds = Schema.Number.annotations({ message: () => "Le délai doit être un nombre entier de secondes." }).pipe(
  Schema.filter((n) => Number.isInteger(n) && n >= 1 && n <= 600, { message: () => "Le délai est un nombre entier de 1 à 600 secondes." })
)

const Url = HttpUrl.annotations({ message: () => "L'adresse doit être une URL complète en http:// ou https://." })

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

const section = <F extends Schema.Struct.Fields>(fields: F) => opt(Schema.Struct(fields))

/**
 * Everything an installation sets, as written in the JSON settings file (every entry optional):
 * the database, the web server, mail, online payment, documents and the town. Environment
 * variables set the same entries (see `settingVariables`) and win over the file.
 */
export const SettingsFile = Schema.Struct({
  database: section({
    url: opt(PostgresUrl),
    dataDir: opt(text("Le dossier des données"))
  }),
  http: section({
    host: opt(text("L'adresse d'écoute")),
    port: opt(Port),
    publicUrl: opt(Url),
    linkSecret: opt(
      Schema.String.pipe(Schema.minLength(32)).annotations({ message: () => "Le secret des liens signés compte au moins 32 caractères (tirez-le au hasard : openssl rand -hex 32)." })
    )
  }),
  mail: section({
    transport: opt(choice(["dev", "smtp"])),
    smtpUrl: opt(SmtpUrl),
    from: opt(MailAddress),
    fromName: opt(text("Le nom d'expéditeur")),
    timeoutSeconds: opt(Seconds)
  }),
  payment: section({
    gateway: opt(choice(["sandbox", "payfip"])),
    numcli: opt(Numcli.annotations({ message: () => "Le numéro de client PayFiP compte exactement 6 chiffres (par exemple 012345)." })),
    saisie: opt(Saisie),
    soapUrl: opt(Url),
    serviceUrl: opt(Url),
    notificationUrl: opt(Url),
    returnUrl: opt(Url)
  }),
  documents: section({
    chromiumPath: opt(text("Le chemin de Chromium"))
  }),
  town: section({
    package: opt(text("Le paquet de la commune")),
    clockStart: opt(
      Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/)).annotations({
        message: () => "L'heure de départ de l'horloge s'écrit en UTC, par exemple 2026-11-26T08:00:00Z."
      })
    )
  })
})

/** The settings file's content, decoded (every entry optional). */
export type SettingsFile = typeof SettingsFile.Type

type Section = keyof SettingsFile
type Entry = { readonly [S in Section]: `${S}.${Extract<keyof NonNullable<SettingsFile[S]>, string>}` }[Section]

/** Which environment variable sets which entry, and how its text is read. */
export const settingVariables: ReadonlyArray<{ readonly variable: string; readonly entry: Entry; readonly kind: "text" | "number" }> = [
  { variable: "DATABASE_URL", entry: "database.url", kind: "text" },
  { variable: "SPE_DATA_DIR", entry: "database.dataDir", kind: "text" },
  { variable: "SPE_HOST", entry: "http.host", kind: "text" },
  { variable: "SPE_PORT", entry: "http.port", kind: "number" },
  { variable: "SPE_PUBLIC_URL", entry: "http.publicUrl", kind: "text" },
  { variable: "SPE_LINK_SECRET", entry: "http.linkSecret", kind: "text" },
  { variable: "SPE_MAIL_TRANSPORT", entry: "mail.transport", kind: "text" },
  { variable: "SMTP_URL", entry: "mail.smtpUrl", kind: "text" },
  { variable: "SMTP_FROM", entry: "mail.from", kind: "text" },
  { variable: "SMTP_FROM_NAME", entry: "mail.fromName", kind: "text" },
  { variable: "SMTP_TIMEOUT_SECONDS", entry: "mail.timeoutSeconds", kind: "number" },
  { variable: "SPE_PAYMENT_GATEWAY", entry: "payment.gateway", kind: "text" },
  { variable: "PAYFIP_NUMCLI", entry: "payment.numcli", kind: "text" },
  { variable: "PAYFIP_SAISIE", entry: "payment.saisie", kind: "text" },
  { variable: "PAYFIP_SOAP_URL", entry: "payment.soapUrl", kind: "text" },
  { variable: "PAYFIP_SERVICE_URL", entry: "payment.serviceUrl", kind: "text" },
  { variable: "PAYFIP_NOTIFICATION_URL", entry: "payment.notificationUrl", kind: "text" },
  { variable: "PAYFIP_RETURN_URL", entry: "payment.returnUrl", kind: "text" },
  { variable: "SPE_CHROMIUM_PATH", entry: "documents.chromiumPath", kind: "text" },
  { variable: "SPE_TOWN", entry: "town.package", kind: "text" },
  { variable: "SPE_CLOCK_START", entry: "town.clockStart", kind: "text" }
]

/** The variable naming the settings file (the `--config` option wins over it). */
export const configVariable = "SPE_CONFIG"

/** Where the data lives, as `openDatabase` of @spe/persistence-mikro-orm takes it. */
export type DatabaseSettings =
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "embedded"; readonly dataDir: string }

/** The installation's settings, validated and completed with defaults. */
export interface Settings {
  readonly database: DatabaseSettings
  /** `linkSecret` signs the private links the portal hands out (calendar feeds, e-mail confirmation); absent: `spe serve` keeps one in the data folder. */
  readonly http: { readonly host: string; readonly port: number; readonly publicUrl: string; readonly linkSecret?: string }
  readonly mail: { readonly transport: "dev" } | { readonly transport: "smtp"; readonly smtp: SmtpSettings }
  readonly payment: { readonly gateway: "sandbox"; readonly pageUrl: string } | { readonly gateway: "payfip"; readonly payfip: PayfipSettings }
  readonly documents: { readonly chromiumPath: string }
  /**
   * `clockStart`: the instant the platform's clock shows at start, then running at real speed (demos
   * and browser tests replay the demo town at the day it was written for); the system clock otherwise.
   */
  readonly town: { readonly package: string; readonly clockStart?: string }
  /** The settings file read, if any. */
  readonly file?: string
}

/** One refused setting: which entry, where it came from, and what to write instead. */
export interface SettingProblem {
  readonly setting: string
  readonly source: string
  readonly message: string
}

/** The settings could not be used; each problem names the setting and where it was read. */
export class SettingsInvalid extends Schema.TaggedError<SettingsInvalid>()("SettingsInvalid", {
  problems: Schema.Array(Schema.Struct({ setting: Schema.String, source: Schema.String, message: Schema.String }))
}) {
  override get message(): string {
    const lines = this.problems.map((p) => `  - ${p.setting} (${p.source}) : ${p.message}`)
    return [`Réglages incorrects (${this.problems.length === 1 ? "1 problème" : `${this.problems.length} problèmes`}) :`, ...lines].join("\n")
  }
}

/** What `loadSettings` reads: the environment, the working folder and an optional `--config` path. */
export interface SettingsSources {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** The `--config` option, which wins over `SPE_CONFIG`. */
  readonly configPath?: string
  /** Where `.data/` goes by default (the repository's root). */
  readonly root?: string
}

const decodeFile = Schema.decodeUnknownEither(SettingsFile, { errors: "all", onExcessProperty: "error" })

const knownEntries = (path: ReadonlyArray<PropertyKey>): string => {
  const entries = settingVariables.map((v) => v.entry.split("."))
  const names = path.length === 0 ? entries.map((e) => e[0]) : entries.filter((e) => e[0] === String(path[0])).map((e) => e[1])
  return [...new Set(names)].join(", ")
}

function problemsOf(error: ParseResult.ParseError, sourceOf: (setting: string) => string): Array<SettingProblem> {
  return ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => {
    const setting = issue.path.map(String).join(".")
    const english = /^Expected |is missing|^Unexpected/.test(issue.message)
    const message =
      issue._tag === "Unexpected"
        ? `Réglage inconnu ; réglages possibles ici : ${knownEntries(issue.path.slice(0, -1))}.`
        : !english
          ? issue.message
          : issue.path.length === 0
            ? "Le fichier de réglages doit contenir un objet JSON { … }."
            : issue.path.length === 1
              ? "Cette rubrique doit être un objet JSON { … }."
              : "Valeur incorrecte."
    return { setting: setting === "" ? "réglages" : setting, source: sourceOf(setting), message }
  })
}

function readFile(path: string): Either.Either<unknown, SettingProblem> {
  const problem = (message: string) => ({ setting: "fichier de réglages", source: `fichier ${path}`, message })
  if (!existsSync(path)) return Either.left(problem("Ce fichier n'existe pas. Vérifiez le chemin donné par --config ou SPE_CONFIG."))
  let content: string
  try {
    content = readFileSync(path, "utf8")
  } catch (error) {
    return Either.left(problem(`Ce fichier ne peut pas être lu (${(error as NodeJS.ErrnoException).code ?? String(error)}).`))
  }
  try {
    return Either.right(JSON.parse(content) as unknown)
  } catch (error) {
    return Either.left(problem(`Ce fichier n'est pas du JSON valide : ${(error as Error).message}.`))
  }
}

function envInput(env: SettingsSources["env"]): { readonly input: Record<string, Record<string, unknown>>; readonly variables: Map<string, string> } {
  const input: Record<string, Record<string, unknown>> = {}
  const variables = new Map<string, string>()
  for (const { variable, entry, kind } of settingVariables) {
    const raw = env[variable]
    if (raw === undefined || raw.trim() === "") continue
    const [sectionName, key] = entry.split(".") as [string, string]
    const value = kind === "number" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw
    input[sectionName] = { ...input[sectionName], [key]: value }
    variables.set(entry, variable)
  }
  return { input, variables }
}

const variableOf = (entry: string): string | undefined => settingVariables.find((v) => v.entry === entry)?.variable

const whereToSet = (entry: string): string => {
  const variable = variableOf(entry)
  return variable === undefined ? `à indiquer dans le fichier (${entry})` : `à indiquer dans le fichier (${entry}) ou la variable ${variable}`
}

function smtpSettingsOf(url: string, mail: NonNullable<SettingsFile["mail"]>): SmtpSettings {
  const parsed = new URL(url)
  const secure = parsed.protocol === "smtps:"
  const user = decodeURIComponent(parsed.username)
  return SmtpSettings.make({
    host: parsed.hostname,
    port: parsed.port === "" ? (secure ? 465 : 587) : Number(parsed.port),
    secure,
    ...(user === "" ? {} : { auth: SmtpAuth.make({ user, pass: decodeURIComponent(parsed.password) }) }),
    from: mail.from ?? "",
    ...(mail.fromName === undefined ? {} : { fromName: mail.fromName }),
    timeoutSeconds: mail.timeoutSeconds ?? 30
  })
}

/**
 * Reads the settings: the JSON file named by `--config` or `SPE_CONFIG` (optional), then the
 * environment variables, which win. Every refused value is reported with its setting, its source
 * (the file or the variable) and a French message; with nothing set, the defaults run the demo:
 * embedded database in `.data/`, dev mailbox, sandbox payments.
 *
 * @example
 * const settings = loadSettings({ env: process.env, cwd: process.cwd() })
 * if (Either.isLeft(settings)) console.error(settings.left.message)
 */
export function loadSettings(sources: SettingsSources): Either.Either<Settings, SettingsInvalid> {
  const problems: Array<SettingProblem> = []
  const configPath = sources.configPath ?? (sources.env[configVariable]?.trim() || undefined)
  const file = configPath === undefined ? undefined : resolve(sources.cwd, configPath)
  let fromFile: SettingsFile = {}
  if (file !== undefined) {
    const content = readFile(file)
    if (Either.isLeft(content)) problems.push(content.left)
    else {
      const decoded = decodeFile(content.right)
      if (Either.isLeft(decoded)) problems.push(...problemsOf(decoded.left, () => `fichier ${file}`))
      else fromFile = decoded.right
    }
  }
  const env = envInput(sources.env)
  let fromEnv: SettingsFile = {}
  const decodedEnv = decodeFile(env.input)
  if (Either.isLeft(decodedEnv)) problems.push(...problemsOf(decodedEnv.left, (entry) => `variable ${env.variables.get(entry) ?? entry}`))
  else fromEnv = decodedEnv.right
  if (problems.length > 0) return Either.left(new SettingsInvalid({ problems }))

  const sourceOf = (entry: string): string => {
    const variable = env.variables.get(entry)
    if (variable !== undefined) return `variable ${variable}`
    return file === undefined ? "valeur par défaut" : `fichier ${file}`
  }
  const merged = {
    database: { ...fromFile.database, ...fromEnv.database },
    http: { ...fromFile.http, ...fromEnv.http },
    mail: { ...fromFile.mail, ...fromEnv.mail },
    payment: { ...fromFile.payment, ...fromEnv.payment },
    documents: { ...fromFile.documents, ...fromEnv.documents },
    town: { ...fromFile.town, ...fromEnv.town }
  }

  const dataDirBase = env.variables.has("database.dataDir") || file === undefined ? sources.cwd : dirname(file)
  const dataDir = merged.database.dataDir
  const database: DatabaseSettings =
    merged.database.url !== undefined
      ? { kind: "postgres", url: merged.database.url }
      : { kind: "embedded", dataDir: dataDir === undefined ? resolve(sources.root ?? repositoryRoot, ".data") : isAbsolute(dataDir) ? dataDir : resolve(dataDirBase, dataDir) }

  const port = merged.http.port ?? 3000
  const http = {
    host: merged.http.host ?? "127.0.0.1",
    port,
    publicUrl: (merged.http.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    ...(merged.http.linkSecret === undefined ? {} : { linkSecret: merged.http.linkSecret })
  }

  let mail: Settings["mail"] = { transport: "dev" }
  const transport = merged.mail.transport ?? (merged.mail.smtpUrl === undefined ? "dev" : "smtp")
  if (transport === "smtp") {
    if (merged.mail.smtpUrl === undefined)
      problems.push({ setting: "mail.smtpUrl", source: whereToSet("mail.smtpUrl"), message: "L'adresse du serveur SMTP est obligatoire quand les courriels partent par SMTP." })
    if (merged.mail.from === undefined)
      problems.push({ setting: "mail.from", source: whereToSet("mail.from"), message: "L'adresse d'expédition des courriels est obligatoire avec un serveur SMTP." })
    if (merged.mail.smtpUrl !== undefined && merged.mail.from !== undefined) {
      const hostname = new URL(merged.mail.smtpUrl).hostname
      if (hostname === "") problems.push({ setting: "mail.smtpUrl", source: sourceOf("mail.smtpUrl"), message: "L'adresse du serveur SMTP doit nommer un serveur." })
      else mail = { transport: "smtp", smtp: smtpSettingsOf(merged.mail.smtpUrl, merged.mail) }
    }
  }

  let payment: Settings["payment"] = { gateway: "sandbox", pageUrl: `${http.publicUrl}/paiement/bac-a-sable` }
  const gateway = merged.payment.gateway ?? (merged.payment.numcli === undefined ? "sandbox" : "payfip")
  if (gateway === "payfip") {
    if (merged.payment.numcli === undefined)
      problems.push({ setting: "payment.numcli", source: whereToSet("payment.numcli"), message: "Le numéro de client PayFiP est obligatoire pour les paiements PayFiP." })
    else {
      const { gateway: _gateway, ...fields } = merged.payment
      const parsed = parsePayfipSettings({
        saisie: "T",
        notificationUrl: `${http.publicUrl}/paiement/payfip/notification`,
        returnUrl: `${http.publicUrl}/paiement/payfip/retour`,
        ...fields
      })
      if (Either.isLeft(parsed))
        for (const p of parsed.left.problems) problems.push({ setting: `payment.${p.field}`, source: sourceOf(`payment.${p.field}`), message: p.message })
      else payment = { gateway: "payfip", payfip: parsed.right }
    }
  }
  if (problems.length > 0) return Either.left(new SettingsInvalid({ problems }))

  return Either.right({
    database,
    http,
    mail,
    payment,
    documents: { chromiumPath: merged.documents.chromiumPath ?? "/usr/bin/chromium" },
    town: { package: merged.town.package ?? defaultTownPackage, ...(merged.town.clockStart === undefined ? {} : { clockStart: merged.town.clockStart }) },
    ...(file === undefined ? {} : { file })
  })
}

/** The database in words, for the people running a command (the password hidden). */
export function describeDatabase(database: DatabaseSettings): string {
  if (database.kind === "embedded") return `base embarquée PGlite, données dans ${database.dataDir}`
  const url = new URL(database.url)
  if (url.password !== "") url.password = "***"
  return `PostgreSQL ${url.toString()}`
}
