import { Effect, Either, Option, Schema } from "effect"
import { AccountEmail, normalizeEmail } from "../account/Account.js"
import type { AgentActor } from "../account/Actor.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { createHouseholdAccount } from "../account/CreateHouseholdAccount.js"
import { requirePermission } from "../account/Permission.js"
import { HouseholdRegistration } from "../household/Household.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import { registerHousehold } from "../household/HouseholdUseCases.js"
import { approveQuotient } from "../household/QuotientFamilial.js"
import { QuotientRepository } from "../household/QuotientRepository.js"
import { AgentQuotient, CafQuotient, recordCafQuotient, setQuotientByAgent } from "../household/QuotientUseCases.js"
import { Clock } from "../shared/Clock.js"
import type { HouseholdId } from "../shared/Ids.js"
import type * as LocalDate from "../shared/LocalDate.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { parseCsvDate } from "./Csv.js"
import { byLine, headerKey, type ImportColumn, type ImportRejection, readImportTable, type ImportRow, resolveColumns, yesNoCell } from "./ImportTable.js"

/** The household columns of the households' import file (the members' columns follow `householdMemberColumns`). */
export const householdImportColumns: ReadonlyArray<ImportColumn> = [
  { key: "reference", header: "Référence", aliases: ["Référence du dossier", "Référence du foyer", "Référence dossier"], required: true, description: "référence du dossier du foyer, unique dans la commune et dans le fichier : lettres, chiffres et tirets (par exemple FAM-000123)." },
  { key: "familyName", header: "Nom de famille", aliases: ["Famille", "Nom de la famille"], required: true, description: "nom de la famille." },
  { key: "addressLine1", header: "Adresse", aliases: ["Adresse ligne 1"], required: true, description: "numéro et rue." },
  { key: "addressLine2", header: "Complément d'adresse", aliases: ["Adresse ligne 2"], required: false, description: "complément d'adresse (bâtiment, lieu-dit)." },
  { key: "postalCode", header: "Code postal", aliases: ["CP"], required: true, description: "code postal, 5 chiffres." },
  { key: "city", header: "Commune", aliases: ["Ville"], required: true, description: "commune." },
  { key: "email", header: "E-mail", aliases: ["Email", "Courriel", "Adresse e-mail"], required: true, description: "adresse e-mail du foyer : le compte de la famille l'utilise, l'identifiant et le mot de passe provisoire y sont envoyés." },
  { key: "phone", header: "Téléphone", aliases: ["Téléphone du foyer"], required: false, description: "téléphone du foyer, 10 chiffres (ou +33 et 9 chiffres)." },
  { key: "resident", header: "Habite la commune", aliases: ["Résident"], required: true, description: "« oui » ou « non » (les non-résidents paient le tarif non-résident)." },
  { key: "payer", header: "Payeur", required: false, description: "numéro du responsable légal qui reçoit les factures (1 ou 2) ; vide quand le foyer n'a qu'un responsable." },
  { key: "qf", header: "QF", aliases: ["Quotient familial"], required: false, description: "quotient familial en euros, nombre entier ; vide si le foyer n'en a pas (tarif le plus haut)." },
  { key: "qfFrom", header: "QF valable du", aliases: ["QF début", "Début de validité du QF"], required: false, description: "premier jour de validité du QF (JJ/MM/AAAA), obligatoire avec un QF." },
  { key: "qfTo", header: "QF valable au", aliases: ["QF fin", "Fin de validité du QF"], required: false, description: "dernier jour de validité du QF (JJ/MM/AAAA), obligatoire avec un QF." },
  { key: "cafNumber", header: "N° allocataire CAF", aliases: ["Numéro allocataire CAF", "Allocataire CAF", "Numéro d'allocataire"], required: false, description: "numéro d'allocataire CAF quand le QF vient de la CAF ; vide quand la commune l'a calculé." }
]

type AdultField = "firstName" | "lastName" | "relationship" | "email" | "phone"
type ChildField = "firstName" | "lastName" | "birthDate" | "schoolLevel" | "school" | "aeeh" | "allergies" | "notes"

const adultFields: ReadonlyArray<{ readonly field: AdultField; readonly label: string; readonly aliases: ReadonlyArray<string>; readonly description: string }> = [
  { field: "firstName", label: "prénom", aliases: [], description: "prénom (obligatoire pour le responsable 1)." },
  { field: "lastName", label: "nom", aliases: [], description: "nom ; vide : le nom de famille." },
  { field: "relationship", label: "lien", aliases: ["lien avec les enfants"], description: "lien avec les enfants (Mère, Père, Tuteur…)." },
  { field: "email", label: "e-mail", aliases: ["email", "courriel"], description: "adresse e-mail personnelle." },
  { field: "phone", label: "téléphone", aliases: ["portable"], description: "téléphone personnel." }
]

const childFields: ReadonlyArray<{ readonly field: ChildField; readonly label: string; readonly aliases: ReadonlyArray<string>; readonly description: string }> = [
  { field: "firstName", label: "prénom", aliases: [], description: "prénom de l'enfant." },
  { field: "lastName", label: "nom", aliases: [], description: "nom de l'enfant ; vide : le nom de famille." },
  { field: "birthDate", label: "date de naissance", aliases: ["naissance", "né le"], description: "date de naissance, JJ/MM/AAAA." },
  { field: "schoolLevel", label: "niveau scolaire", aliases: ["niveau", "classe"], description: "PS, MS, GS, CP, CE1, CE2, CM1, CM2, 6e, 5e, 4e ou 3e." },
  { field: "school", label: "école", aliases: [], description: "école fréquentée." },
  { field: "aeeh", label: "AEEH", aliases: [], description: "« oui » quand la famille perçoit l'AEEH pour cet enfant (une demi-part de plus au QF)." },
  { field: "allergies", label: "allergies", aliases: [], description: "allergies à connaître." },
  { field: "notes", label: "remarques", aliases: [], description: "ce que les animateurs doivent savoir (santé, personnes autorisées à venir chercher l'enfant)." }
]

/** The members' columns, numbered: `Responsable 1 prénom` … `Responsable 2 téléphone`, `Enfant 1 prénom` … (as many children as needed). */
export const householdMemberColumns = {
  adults: adultFields.map(({ label, description }) => ({ header: `Responsable N ${label}`, description })),
  children: childFields.map(({ label, description }) => ({ header: `Enfant N ${label}`, description }))
} as const

/** The most legal guardians a row may name. */
export const maxImportedAdults = 2

const resolveHousehold = resolveColumns(householdImportColumns)
const adultFieldByKey = new Map(adultFields.flatMap((f) => [f.label, ...f.aliases].map((name) => [headerKey(name), f.field] as const)))
const childFieldByKey = new Map(childFields.flatMap((f) => [f.label, ...f.aliases].map((name) => [headerKey(name), f.field] as const)))

const resolveHeader = (key: string): string | undefined => {
  const member = /^(responsable|parent|enfant) (\d{1,2}) (.+)$/.exec(key)
  if (member === null) return resolveHousehold(key)
  const n = Number(member[2])
  if (member[1] === "enfant") {
    const field = childFieldByKey.get(member[3] ?? "")
    return field === undefined || n < 1 ? undefined : `child.${n}.${field}`
  }
  const field = adultFieldByKey.get(member[3] ?? "")
  return field === undefined || n < 1 || n > maxImportedAdults ? undefined : `adult.${n}.${field}`
}

const requiredColumns: ReadonlyArray<ImportColumn> = [
  ...householdImportColumns.filter((c) => c.required),
  { key: "adult.1.firstName", header: "Responsable 1 prénom", required: true, description: "prénom du premier responsable légal." }
]

/** The header row of a households' file, as documented (one guardian and one child shown). */
export const householdImportExample =
  "Référence;Nom de famille;Adresse;Code postal;Commune;E-mail;Habite la commune;Responsable 1 prénom;Responsable 1 nom;Enfant 1 prénom;Enfant 1 date de naissance"

/** A QF given with a household, as read from its row. */
export interface ImportedQuotient {
  readonly qf: number
  readonly validFrom: LocalDate.LocalDate
  readonly validTo: LocalDate.LocalDate
  readonly cafNumber?: string
}

/** A row of the households' file that passed every check: the registration and its QF. */
export interface ParsedHousehold {
  readonly line: number
  readonly registration: HouseholdRegistration
  readonly quotient?: ImportedQuotient
}

/** What reading the households' file gives, before looking at the town's households. */
export interface ParsedHouseholdFile {
  /** How many data rows the file has. */
  readonly rows: number
  readonly households: ReadonlyArray<ParsedHousehold>
  readonly rejected: ReadonlyArray<ImportRejection>
  readonly warnings: ReadonlyArray<string>
}

const adultLabel = new Map(adultFields.map((f) => [f.field as string, f.label]))
const childLabel = new Map(childFields.map((f) => [f.field as string, f.label]))

/** The column a problem of `validateHouseholdRegistration` is about, from its path. */
function columnOfPath(path: string, adultGroups: ReadonlyArray<number>, childGroups: ReadonlyArray<number>): string | undefined {
  const parts = path.split(".")
  const [head, index, field] = parts
  switch (head) {
    case "reference":
      return "Référence"
    case "familyName":
      return "Nom de famille"
    case "address":
      return index === "line2" ? "Complément d'adresse" : index === "postalCode" ? "Code postal" : index === "city" ? "Commune" : "Adresse"
    case "contact":
      return index === "phones" ? "Téléphone" : "E-mail"
    case "residency":
      return "Habite la commune"
    case "adults":
      if (index === undefined && adultGroups.length === 0) return "Responsable 1 prénom"
      if (index === undefined || field === undefined || field === "isPayer") return "Payeur"
      return `Responsable ${adultGroups[Number(index)] ?? Number(index) + 1} ${adultLabel.get(field) ?? field}`
    case "children":
      if (index === undefined || field === undefined) return undefined
      return `Enfant ${childGroups[Number(index)] ?? Number(index) + 1} ${childLabel.get(field) ?? field}`
    default:
      return undefined
  }
}

const problemsOf = (error: InvalidInput, column: (path: string) => string | undefined): ReadonlyArray<string> =>
  error.problems.map((p) => {
    const name = column(p.path)
    return name === undefined ? p.message : `${name} : ${p.message}`
  })

const groupNumbers = (row: ImportRow, kind: "adult" | "child", keys: ReadonlySet<string>): ReadonlyArray<number> => {
  const numbers = new Set<number>()
  for (const key of keys) {
    const match = new RegExp(`^${kind}\\.(\\d+)\\.`).exec(key)
    if (match !== null && row.anyFilled(`${kind}.${match[1]}.`)) numbers.add(Number(match[1]))
  }
  return [...numbers].sort((a, b) => a - b)
}

const quotientColumns: Readonly<Record<string, string>> = { qf: "QF", validFrom: "QF valable du", validTo: "QF valable au", cafNumber: "N° allocataire CAF" }

const filled = <K extends string>(key: K, value: string): { readonly [P in K]?: string } => (value === "" ? {} : ({ [key]: value } as { readonly [P in K]: string }))

function parseRow(row: ImportRow, keys: ReadonlySet<string>): Either.Either<ParsedHousehold, ReadonlyArray<string>> {
  const reasons: Array<string> = []
  const reported = new Set<string>()
  const text = (key: string) => row.cell(key)
  const familyName = text("familyName")
  const adultGroups = groupNumbers(row, "adult", keys)
  const childGroups = groupNumbers(row, "child", keys)
  const resident = yesNoCell(text("resident"))
  if (resident === "invalid") {
    reasons.push(`Habite la commune : écrivez « oui » ou « non » (et non « ${text("resident")} »).`)
    reported.add("residency")
  }
  const payerText = text("payer")
  const payerNumber = payerText === "" ? (adultGroups.length === 1 ? adultGroups[0] : undefined) : Number(payerText)
  if (payerText !== "" && (!Number.isInteger(payerNumber) || !adultGroups.includes(payerNumber ?? 0))) {
    reasons.push(`Payeur : écrivez le numéro du responsable légal qui reçoit les factures (${adultGroups.join(" ou ") || "1"}), et non « ${payerText} ».`)
    reported.add("adults")
  }
  const adults = adultGroups.map((n) => {
    const cell = (field: AdultField) => text(`adult.${n}.${field}`)
    return {
      ...filled("firstName", cell("firstName")),
      ...filled("lastName", cell("lastName") === "" ? familyName : cell("lastName")),
      ...filled("relationship", cell("relationship")),
      ...filled("email", cell("email")),
      ...filled("phone", cell("phone")),
      isPayer: n === payerNumber
    }
  })
  const children = childGroups.map((n, index) => {
    const cell = (field: ChildField) => text(`child.${n}.${field}`)
    let birthDate = ""
    if (cell("birthDate") !== "") {
      const parsed = parseCsvDate(cell("birthDate"))
      if (Either.isLeft(parsed)) {
        reasons.push(`Enfant ${n} date de naissance : ${parsed.left}`)
        reported.add(`children.${index}.birthDate`)
      } else birthDate = parsed.right
    }
    const aeeh = yesNoCell(cell("aeeh"))
    if (aeeh === "invalid") reasons.push(`Enfant ${n} AEEH : écrivez « oui » ou « non » (et non « ${cell("aeeh")} »).`)
    return {
      ...filled("firstName", cell("firstName")),
      ...filled("lastName", cell("lastName") === "" ? familyName : cell("lastName")),
      ...filled("birthDate", birthDate),
      ...filled("schoolLevel", cell("schoolLevel").toUpperCase().replace(/E$/, "e")),
      ...filled("school", cell("school")),
      ...(aeeh === true ? { aeeh: true } : {}),
      ...filled("allergies", cell("allergies")),
      ...filled("notes", cell("notes"))
    }
  })
  const input = {
    ...filled("reference", text("reference")),
    ...filled("familyName", familyName),
    address: { ...filled("line1", text("addressLine1")), ...filled("line2", text("addressLine2")), ...filled("postalCode", text("postalCode")), ...filled("city", text("city")) },
    contact: { ...filled("email", text("email")), phones: text("phone") === "" ? [] : [{ number: text("phone") }] },
    ...(resident === true ? { residency: "resident" } : resident === false ? { residency: "non-resident" } : {}),
    adults,
    children
  }
  const registration = validate(HouseholdRegistration, "Le foyer")(input)
  if (Either.isLeft(registration)) {
    const problems = registration.left.problems.filter((p) => !reported.has(p.path))
    reasons.push(...problemsOf(new InvalidInput({ subject: "Le foyer", problems }), (path) => columnOfPath(path, adultGroups, childGroups)))
  } else if (Either.isLeft(validate(AccountEmail, "E-mail")(normalizeEmail(registration.right.contact.email)))) {
    reasons.push("E-mail : l'adresse e-mail doit avoir la forme nom@exemple.fr.")
  }
  let quotient: ImportedQuotient | undefined
  if (["qf", "qfFrom", "qfTo", "cafNumber"].some((key) => text(key) !== "")) {
    const qfText = text("qf").replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "")
    const qf = /^\d+$/.test(qfText) ? Number(qfText) : undefined
    if (qfText !== "" && qf === undefined) {
      reasons.push(`QF : écrivez le quotient familial en euros, un nombre entier (et non « ${text("qf")} »).`)
      reported.add("qf")
    }
    const day = (key: string, path: string, column: string) => {
      if (text(key) === "") return undefined
      const parsed = parseCsvDate(text(key))
      if (Either.isLeft(parsed)) {
        reasons.push(`${column} : ${parsed.left}`)
        reported.add(path)
      }
      return Either.getOrUndefined(parsed)
    }
    const validFrom = day("qfFrom", "validFrom", "QF valable du")
    const validTo = day("qfTo", "validTo", "QF valable au")
    const cafNumber = text("cafNumber")
    const candidate = {
      householdId: "import",
      ...(qf === undefined ? {} : { qf }),
      ...(validFrom === undefined ? {} : { validFrom }),
      ...(validTo === undefined ? {} : { validTo })
    }
    const checked =
      cafNumber === ""
        ? Either.map(validate(AgentQuotient, "Le QF")({ ...candidate, agent: "import", reason: "import" }), (q): ImportedQuotient => ({ qf: q.qf, validFrom: q.validFrom, validTo: q.validTo }))
        : Either.map(validate(CafQuotient, "Le QF")({ ...candidate, cafNumber }), (q): ImportedQuotient => ({ qf: q.qf, validFrom: q.validFrom, validTo: q.validTo, cafNumber: q.cafNumber }))
    if (Either.isLeft(checked)) {
      const problems = checked.left.problems.filter((p) => !reported.has(p.path))
      reasons.push(...problemsOf(new InvalidInput({ subject: "Le QF", problems }), (path) => quotientColumns[path]))
    } else quotient = checked.right
  }
  if (reasons.length > 0 || Either.isLeft(registration)) return Either.left([...new Set(reasons)])
  return Either.right({ line: row.line, registration: registration.right, ...(quotient === undefined ? {} : { quotient }) })
}

/**
 * Reads a households' import file (CSV, one row per household, see `householdImportColumns` and
 * `householdMemberColumns`) and checks each row with the core's registration rules
 * (`HouseholdRegistration`, the QF schemas): every refused row with its line and each reason in
 * French, naming the column. A reference used twice in the file refuses its later rows. Pure: it
 * does not look at the town's households (`checkHouseholdImport` does).
 */
export function parseHouseholdImport(csvText: string): ParsedHouseholdFile {
  const table = readImportTable(csvText, { resolve: resolveHeader, required: requiredColumns, example: householdImportExample })
  const households: Array<ParsedHousehold> = []
  const rejected: Array<ImportRejection> = [...table.rejected]
  const firstLine = new Map<string, number>()
  for (const row of table.rows) {
    const parsed = parseRow(row, table.keys)
    const reference = row.cell("reference")
    const earlier = reference === "" ? undefined : firstLine.get(reference.toUpperCase())
    const reasons = [
      ...(Either.isLeft(parsed) ? parsed.left : []),
      ...(earlier === undefined ? [] : [`Référence : la référence ${reference} figure déjà ligne ${earlier} du fichier ; chaque foyer n'y figure qu'une fois.`])
    ]
    if (reference !== "" && earlier === undefined) firstLine.set(reference.toUpperCase(), row.line)
    if (reasons.length > 0) rejected.push({ line: row.line, reasons })
    else if (Either.isRight(parsed)) households.push(parsed.right)
  }
  return { rows: table.rows.length + table.rejected.filter((r) => r.line > 1).length, households, rejected: byLine(rejected), warnings: table.warnings }
}

/** A household the import will create (dry run) or created, as the report lists it. */
export interface HouseholdImportLine {
  readonly line: number
  readonly reference: string
  readonly familyName: string
  readonly adults: number
  readonly children: number
  readonly qf?: number
}

/** The dry run of a households' import: the rows read, those accepted, each refused row with its reasons, warnings. */
export interface HouseholdImportReport {
  readonly rows: number
  readonly accepted: ReadonlyArray<HouseholdImportLine>
  readonly rejected: ReadonlyArray<ImportRejection>
  readonly warnings: ReadonlyArray<string>
}

/** A household the import created, with its family account's identifier. */
export interface ImportedHousehold {
  readonly line: number
  readonly reference: string
  readonly householdId: HouseholdId
  readonly login: string
}

/** What an import did: the report, whether it was applied, what it created, and why it was not applied when refused. */
export interface HouseholdImportOutcome extends HouseholdImportReport {
  readonly applied: boolean
  readonly created: ReadonlyArray<ImportedHousehold>
  /** Why the apply step imported nothing (rows refused), in French. */
  readonly refusal?: string
}

const reportLine = (h: ParsedHousehold): HouseholdImportLine => ({
  line: h.line,
  reference: h.registration.reference,
  familyName: h.registration.familyName,
  adults: h.registration.adults.length,
  children: h.registration.children.length,
  ...(h.quotient === undefined ? {} : { qf: h.quotient.qf })
})

/** The file's households, and the rows refused: the file's own checks, then references already used by a household of the town. */
const checkFile = (csvText: string) =>
  Effect.gen(function* () {
    const parsed = parseHouseholdImport(csvText)
    const repository = yield* HouseholdRepository
    const households: Array<ParsedHousehold> = []
    const rejected: Array<ImportRejection> = [...parsed.rejected]
    for (const household of parsed.households) {
      const existing = yield* repository.findByReference(household.registration.reference)
      if (Option.isSome(existing))
        rejected.push({
          line: household.line,
          reasons: [`Référence : la référence ${household.registration.reference} est déjà celle d'un foyer de la commune (${existing.value.familyName}) ; ce foyer n'est pas importé une seconde fois.`]
        })
      else households.push(household)
    }
    return { parsed, households, rejected: byLine(rejected) }
  })

/** The dry run of a households' import: `parseHouseholdImport`, and the references already used in the town refused. Changes nothing. */
export const checkHouseholdImport = (csvText: string) =>
  Effect.map(
    checkFile(csvText),
    ({ parsed, households, rejected }): HouseholdImportReport => ({ rows: parsed.rows, accepted: households.map(reportLine), rejected, warnings: parsed.warnings })
  )

/** The apply step found refused rows: nothing was imported. */
export class HouseholdImportRefused extends Schema.TaggedError<HouseholdImportRefused>()("HouseholdImportRefused", {
  rows: Schema.Number,
  rejectedLines: Schema.Array(Schema.Number)
}) {
  override get message(): string {
    const count = this.rejectedLines.length
    return `${count} ligne${count > 1 ? "s" : ""} sur ${this.rows} ${count > 1 ? "sont refusées" : "est refusée"} (ligne${count > 1 ? "s" : ""} ${this.rejectedLines.join(", ")}) : aucun foyer n'a été importé. Corrigez le fichier et importez-le à nouveau.`
  }
}

/**
 * The apply step of a households' import, audited `households.import` (`households.write`): in one
 * transaction, checks the file again and, only when every row is accepted, creates each household
 * (`registerHousehold`), its QF validated in the agent's name (from the CAF with an allocataire
 * number, set by the agent otherwise) and its family account mailed its identifier and temporary
 * password (`createHouseholdAccount`), as a household created by the town. Any refused row (or any
 * failure) imports nothing.
 */
export const applyHouseholdImport = auditedAgentCommand({
  action: "households.import",
  permission: "households.write",
  target: (input: { readonly csv: string; readonly fileName?: string }) => ({ kind: "import", id: (input.fileName ?? "").trim().slice(0, 64).trim() || "foyers.csv" }),
  run: (agent, input: { readonly csv: string; readonly fileName?: string }) =>
    Effect.flatMap(Transactions, (transactions) =>
      transactions.withTransaction(
        Effect.gen(function* () {
          const { parsed, households, rejected } = yield* checkFile(input.csv)
          if (rejected.length > 0) return yield* new HouseholdImportRefused({ rows: parsed.rows, rejectedLines: rejected.map((r) => r.line) })
          const created: Array<ImportedHousehold> = []
          for (const entry of households) {
            const household = yield* registerHousehold(entry.registration)
            const quotient = entry.quotient
            if (quotient !== undefined) {
              const period = { householdId: household.id, qf: quotient.qf, validFrom: quotient.validFrom, validTo: quotient.validTo }
              if (quotient.cafNumber === undefined) {
                yield* setQuotientByAgent({ ...period, agent: agent.displayName, reason: "QF repris du fichier des foyers importé" })
              } else {
                const recorded = yield* recordCafQuotient({ ...period, cafNumber: quotient.cafNumber })
                yield* (yield* QuotientRepository).save(yield* approveQuotient(recorded, agent.displayName, yield* (yield* Clock).now))
              }
            }
            const email = yield* validate(AccountEmail, "L'adresse e-mail du foyer")(normalizeEmail(household.contact.email))
            const { account } = yield* createHouseholdAccount({ householdId: household.id, householdReference: household.reference, email })
            created.push({ line: entry.line, reference: household.reference, householdId: household.id, login: account.login })
          }
          return {
            result: { parsed, households, created },
            before: null,
            after: {
              file: input.fileName ?? null,
              rows: parsed.rows,
              households: created.map((c) => ({ line: c.line, reference: c.reference, householdId: c.householdId, login: c.login }))
            }
          }
        })
      )
    )
})

/**
 * Imports households from a CSV file. Dry run (`apply: false`, needs `households.write`): the report
 * of every row, nothing changed. Apply: `applyHouseholdImport`, all or nothing; when rows are
 * refused the outcome is the report with `applied: false` and the refusal (audited as refused).
 *
 * @example
 * const dryRun = yield* importHouseholds(agent, csv, { apply: false })
 * if (dryRun.rejected.length === 0) yield* importHouseholds(agent, csv, { apply: true, fileName: "foyers.csv" })
 */
export const importHouseholds = (agent: AgentActor, csvText: string, options: { readonly apply: boolean; readonly fileName?: string }) =>
  Effect.gen(function* () {
    if (!options.apply) {
      const allowed = requirePermission(agent, "households.write")
      if (Either.isLeft(allowed)) return yield* Effect.fail(allowed.left)
      const report = yield* checkHouseholdImport(csvText)
      return { ...report, applied: false, created: [] } satisfies HouseholdImportOutcome
    }
    const applied = yield* Effect.either(
      applyHouseholdImport(agent, { csv: csvText, ...(options.fileName === undefined ? {} : { fileName: options.fileName }) })
    )
    if (Either.isRight(applied)) {
      const { parsed, households, created } = applied.right
      return { rows: parsed.rows, accepted: households.map(reportLine), rejected: [], warnings: parsed.warnings, applied: true, created } satisfies HouseholdImportOutcome
    }
    if (applied.left._tag !== "HouseholdImportRefused") return yield* Effect.fail(applied.left)
    const report = yield* checkHouseholdImport(csvText)
    return { ...report, applied: false, created: [], refusal: applied.left.message } satisfies HouseholdImportOutcome
  }).pipe(Effect.map((outcome): HouseholdImportOutcome => outcome))
