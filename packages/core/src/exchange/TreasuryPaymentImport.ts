import { Effect, Either, Option, Schema } from "effect"
import type { AgentActor } from "../account/Actor.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { requirePermission } from "../account/Permission.js"
import { householdLabels, labelOf } from "../billing/HouseholdLabels.js"
import type { Invoice } from "../billing/Invoice.js"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import type { HouseholdAccount } from "../payment/HouseholdAccount.js"
import { loadHouseholdAccount } from "../payment/HouseholdAccountQuery.js"
import { PaymentRepository } from "../payment/PaymentRepository.js"
import { PaymentSettings } from "../payment/PaymentSettings.js"
import { recordPayment } from "../payment/RecordPayment.js"
import * as Cents from "../shared/Cents.js"
import { Clock } from "../shared/Clock.js"
import type { HouseholdId, InvoiceId, PaymentId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { csvDate, parseCsvAmount, parseCsvDate } from "./Csv.js"
import { byLine, type ImportColumn, type ImportRejection, readImportTable, resolveColumns } from "./ImportTable.js"

/** The columns of the Treasury's payments file. */
export const treasuryPaymentColumns: ReadonlyArray<ImportColumn> = [
  { key: "paidOn", header: "Date du paiement", aliases: ["Date", "Date de paiement", "Date d'encaissement", "Date de l'encaissement"], required: true, description: "jour où le Trésor public a encaissé le paiement, JJ/MM/AAAA (aujourd'hui au plus tard)." },
  { key: "invoice", header: "Facture", aliases: ["Numéro de facture", "N° de facture", "Référence de la facture", "Référence facture"], required: true, description: "numéro de la facture payée, tel qu'il figure sur la facture et le titre (F-2026-000123 ; tirets et espaces facultatifs)." },
  { key: "amount", header: "Montant", aliases: ["Montant payé", "Montant encaissé"], required: true, description: "montant payé en euros, par exemple 12,50 ; au plus ce qui reste à payer sur la facture." },
  { key: "payer", header: "Payeur", aliases: ["Débiteur", "Nom du débiteur", "Redevable"], required: false, description: "nom du payeur, tel que le Trésor public l'indique (repris dans le compte rendu, non vérifié)." },
  { key: "treasuryReference", header: "Référence Trésor", aliases: ["Référence du Trésor", "Référence Trésor public", "Référence de l'encaissement", "N° d'encaissement", "Numéro d'encaissement"], required: true, description: "référence unique de l'encaissement chez le Trésor public : un même paiement n'est enregistré qu'une fois, quel que soit le nombre d'imports." }
]

/** The header row of a Treasury payments' file, as documented. */
export const treasuryPaymentExample = "Date du paiement;Facture;Montant;Payeur;Référence Trésor"

/** A row of the Treasury's file that reads well (its invoice not yet looked up). */
export interface ParsedTreasuryPayment {
  readonly line: number
  readonly paidOn: LocalDate.LocalDate
  readonly invoiceNumber: string
  readonly amount: Cents.Cents
  readonly payer?: string
  readonly treasuryReference: string
}

/** What reading the Treasury's file gives, before looking at the invoices. */
export interface ParsedTreasuryFile {
  readonly rows: number
  readonly payments: ReadonlyArray<ParsedTreasuryPayment>
  readonly rejected: ReadonlyArray<ImportRejection>
  readonly warnings: ReadonlyArray<string>
}

/** An invoice number as compared: upper case, letters and digits only (`f 2026-000123` → `F2026000123`). */
export const invoiceNumberKey = (number: string): string => number.toUpperCase().replace(/[^A-Z0-9]/g, "")

/**
 * Reads the Treasury's payments file (CSV, one row per payment, see `treasuryPaymentColumns`): each
 * row's date, invoice number, amount (more than zero) and Treasury reference, a refused row with its
 * line and reasons in French. A Treasury reference used twice in the file refuses its later rows.
 * Pure: the invoices are looked up by `checkTreasuryPayments`.
 */
export function parseTreasuryPayments(csvText: string): ParsedTreasuryFile {
  const table = readImportTable(csvText, {
    resolve: resolveColumns(treasuryPaymentColumns),
    required: treasuryPaymentColumns.filter((c) => c.required),
    example: treasuryPaymentExample
  })
  const payments: Array<ParsedTreasuryPayment> = []
  const rejected: Array<ImportRejection> = [...table.rejected]
  const firstLine = new Map<string, number>()
  for (const row of table.rows) {
    const reasons: Array<string> = []
    const date = row.cell("paidOn") === "" ? Either.left("indiquez le jour du paiement, JJ/MM/AAAA.") : parseCsvDate(row.cell("paidOn"))
    if (Either.isLeft(date)) reasons.push(`Date du paiement : ${date.left}`)
    const invoiceNumber = row.cell("invoice")
    if (invoiceNumberKey(invoiceNumber) === "") reasons.push("Facture : indiquez le numéro de la facture payée.")
    const amount = row.cell("amount") === "" ? Either.left("indiquez le montant payé, par exemple 12,50.") : parseCsvAmount(row.cell("amount"))
    if (Either.isLeft(amount)) reasons.push(`Montant : ${amount.left}`)
    else if (amount.right <= 0) reasons.push("Montant : le montant d'un paiement doit être supérieur à zéro.")
    const reference = row.cell("treasuryReference")
    const earlier = reference === "" ? undefined : firstLine.get(reference)
    if (reference === "") reasons.push("Référence Trésor : indiquez la référence de l'encaissement donnée par le Trésor public.")
    else if (reference.length > 60) reasons.push("Référence Trésor : 60 caractères au plus.")
    else if (earlier !== undefined) reasons.push(`Référence Trésor : la référence ${reference} figure déjà ligne ${earlier} du fichier ; un encaissement n'y figure qu'une fois.`)
    else firstLine.set(reference, row.line)
    if (reasons.length > 0 || Either.isLeft(date) || Either.isLeft(amount)) {
      rejected.push({ line: row.line, reasons })
      continue
    }
    payments.push({
      line: row.line,
      paidOn: date.right,
      invoiceNumber,
      amount: amount.right,
      ...(row.cell("payer") === "" ? {} : { payer: row.cell("payer") }),
      treasuryReference: reference
    })
  }
  return { rows: table.rows.length + table.rejected.filter((r) => r.line > 1).length, payments, rejected: byLine(rejected), warnings: table.warnings }
}

/** A payment the import will record (dry run) or recorded: the row, its invoice and household, what remained before it. */
export interface TreasuryPaymentLine extends ParsedTreasuryPayment {
  readonly invoiceId: InvoiceId
  readonly householdId: HouseholdId
  readonly householdReference: string
  readonly familyName: string
  /** What remained to pay on the invoice before this row (earlier rows of the file deducted). */
  readonly remainingBefore: Cents.Cents
}

/** A row whose Treasury reference is already recorded (a file imported again): nothing new is recorded for it. */
export interface TreasuryPaymentAlreadyRecorded {
  readonly line: number
  readonly treasuryReference: string
  readonly invoiceNumber: string
  readonly amount: Cents.Cents
  readonly paymentId: PaymentId
}

/** The dry run of a Treasury payments' import. */
export interface TreasuryPaymentsReport {
  readonly rows: number
  readonly accepted: ReadonlyArray<TreasuryPaymentLine>
  readonly alreadyRecorded: ReadonlyArray<TreasuryPaymentAlreadyRecorded>
  readonly rejected: ReadonlyArray<ImportRejection>
  readonly warnings: ReadonlyArray<string>
}

/** What an import of the Treasury's payments did. */
export interface TreasuryPaymentsOutcome extends TreasuryPaymentsReport {
  readonly applied: boolean
  /** The payments recorded by this import. */
  readonly recorded: ReadonlyArray<{ readonly line: number; readonly treasuryReference: string; readonly invoiceNumber: string; readonly paymentId: PaymentId }>
  /** Why the apply step recorded nothing (rows refused), in French. */
  readonly refusal?: string
}

/** The idempotency key of a payment made at the Treasury: its Treasury reference. */
export const treasuryPaymentKey = (treasuryReference: string): string => `treasury:${treasuryReference.trim()}`

const findInvoice = (number: string) =>
  Effect.gen(function* () {
    const key = invoiceNumberKey(number)
    const candidates = yield* (yield* InvoiceRepository).search({ number: key.slice(-6) })
    return candidates.find((i) => invoiceNumberKey(i.number) === key)
  })

/**
 * The dry run of a Treasury payments' import: `parseTreasuryPayments`, then each row matched to its
 * invoice by number; refused when no invoice has that number, when the day is after today, when the
 * amount is more than what remains to pay (earlier rows of the file for the same invoice deducted),
 * or when the Treasury reference was used for another payment. A row whose Treasury reference is
 * already recorded for the same household and amount is listed as already recorded. Changes nothing.
 */
export const checkTreasuryPayments = (csvText: string) =>
  Effect.gen(function* () {
    const parsed = parseTreasuryPayments(csvText)
    const today = ParisTime.dateAt(yield* (yield* Clock).now)
    const payments = yield* PaymentRepository
    const rejected: Array<ImportRejection> = [...parsed.rejected]
    const found: Array<{ readonly row: ParsedTreasuryPayment; readonly invoice: Invoice }> = []
    const alreadyRecorded: Array<TreasuryPaymentAlreadyRecorded> = []
    for (const row of parsed.payments) {
      const reasons: Array<string> = []
      if (LocalDate.isAfter(row.paidOn, today)) reasons.push(`Date du paiement : le ${csvDate(row.paidOn)} est après aujourd'hui (${csvDate(today)}).`)
      const invoice = yield* findInvoice(row.invoiceNumber)
      if (invoice === undefined) reasons.push(`Facture : aucune facture ne porte le numéro ${row.invoiceNumber}. Vérifiez le numéro sur le titre ou la facture.`)
      const existing = yield* payments.byIdempotencyKey(treasuryPaymentKey(row.treasuryReference))
      if (invoice !== undefined && Option.isSome(existing)) {
        if (existing.value.householdId === invoice.householdId && existing.value.amount === row.amount) {
          alreadyRecorded.push({ line: row.line, treasuryReference: row.treasuryReference, invoiceNumber: invoice.number, amount: row.amount, paymentId: existing.value.id })
          continue
        }
        reasons.push(`Référence Trésor : la référence ${row.treasuryReference} a déjà servi pour un autre paiement (${Cents.formatEuros(existing.value.amount)}, ${existing.value.id}) ; vérifiez-la.`)
      }
      if (reasons.length > 0 || invoice === undefined) rejected.push({ line: row.line, reasons })
      else found.push({ row, invoice })
    }
    const accounts = new Map<HouseholdId, HouseholdAccount>()
    for (const { invoice } of found) if (!accounts.has(invoice.householdId)) accounts.set(invoice.householdId, yield* loadHouseholdAccount(invoice.householdId))
    const labels = yield* householdLabels(found.map((f) => f.invoice.householdId))
    const taken = new Map<InvoiceId, Cents.Cents>()
    const accepted: Array<TreasuryPaymentLine> = []
    for (const { row, invoice } of found) {
      const situation = accounts.get(invoice.householdId)?.invoices.find((s) => s.invoice.id === invoice.id)
      const remaining = Cents.max(Cents.zero, Cents.subtract(situation?.remaining ?? Cents.zero, taken.get(invoice.id) ?? Cents.zero))
      if (row.amount > remaining) {
        rejected.push({
          line: row.line,
          reasons: [
            remaining === 0
              ? `Montant : la facture ${invoice.number} n'a plus rien à payer (payée, annulée par avoir, ou réglée par une ligne précédente du fichier) ; ce paiement de ${Cents.formatEuros(row.amount)} n'est pas enregistré.`
              : `Montant : ${Cents.formatEuros(row.amount)} dépasse ce qui reste à payer sur la facture ${invoice.number} (${Cents.formatEuros(remaining)}) ; vérifiez le montant avec le Trésor public.`
          ]
        })
        continue
      }
      taken.set(invoice.id, Cents.add(taken.get(invoice.id) ?? Cents.zero, row.amount))
      const label = labelOf(labels, invoice.householdId)
      accepted.push({
        ...row,
        invoiceNumber: invoice.number,
        invoiceId: invoice.id,
        householdId: invoice.householdId,
        householdReference: label.reference,
        familyName: label.familyName,
        remainingBefore: remaining
      })
    }
    return {
      rows: parsed.rows,
      accepted: accepted.sort((a, b) => a.line - b.line),
      alreadyRecorded,
      rejected: byLine(rejected),
      warnings: parsed.warnings
    } satisfies TreasuryPaymentsReport
  })

/** The apply step found refused rows: no payment was recorded. */
export class TreasuryPaymentsRefused extends Schema.TaggedError<TreasuryPaymentsRefused>()("TreasuryPaymentsRefused", {
  rows: Schema.Number,
  rejectedLines: Schema.Array(Schema.Number)
}) {
  override get message(): string {
    const count = this.rejectedLines.length
    return `${count} ligne${count > 1 ? "s" : ""} sur ${this.rows} ${count > 1 ? "sont refusées" : "est refusée"} (ligne${count > 1 ? "s" : ""} ${this.rejectedLines.join(", ")}) : aucun paiement n'a été enregistré. Corrigez le fichier et importez-le à nouveau.`
  }
}

/** What the apply step of a Treasury payments' import needs: the file, its name, the town's payment settings. */
export interface TreasuryPaymentsInput {
  readonly csv: string
  readonly fileName?: string
  readonly settings: PaymentSettings
}

/**
 * The apply step of a Treasury payments' import, audited `payments.importTreasury`
 * (`payments.record`): in one transaction, checks the file again and, only when no row is refused,
 * records each new payment through `recordPayment` (method `treasury`, received at noon, Paris
 * time, on the Treasury's day, settling the invoice it names; the Treasury reference is its
 * idempotency key). Rows already recorded are left as they are: importing the same file again
 * records nothing new.
 */
export const applyTreasuryPayments = auditedAgentCommand({
  action: "payments.importTreasury",
  permission: "payments.record",
  target: (input: TreasuryPaymentsInput) => ({ kind: "import", id: (input.fileName ?? "").trim().slice(0, 64).trim() || "paiements-tresor.csv" }),
  run: (agent, input: TreasuryPaymentsInput) =>
    Effect.flatMap(Transactions, (transactions) =>
      transactions.withTransaction(
        Effect.gen(function* () {
          const report = yield* checkTreasuryPayments(input.csv)
          if (report.rejected.length > 0) return yield* new TreasuryPaymentsRefused({ rows: report.rows, rejectedLines: report.rejected.map((r) => r.line) })
          const settings = PaymentSettings.make({
            ...input.settings,
            acceptedMethods: input.settings.acceptedMethods.includes("treasury") ? input.settings.acceptedMethods : [...input.settings.acceptedMethods, "treasury"]
          })
          const recorded: Array<{ line: number; treasuryReference: string; invoiceNumber: string; paymentId: PaymentId }> = []
          for (const row of report.accepted) {
            const payment = yield* recordPayment(
              {
                householdId: row.householdId,
                amount: row.amount,
                method: "treasury",
                reference: row.treasuryReference,
                receivedAt: ParisTime.toInstant(row.paidOn, ParisTime.timeOfDay("12:00")),
                invoiceIds: [row.invoiceId],
                recordedBy: agent.accountId
              },
              settings
            )
            recorded.push({ line: row.line, treasuryReference: row.treasuryReference, invoiceNumber: row.invoiceNumber, paymentId: payment.payment.id })
          }
          return {
            result: { report, recorded },
            before: null,
            after: {
              file: input.fileName ?? null,
              rows: report.rows,
              recorded: recorded.map((r) => ({ line: r.line, treasuryReference: r.treasuryReference, invoice: r.invoiceNumber, paymentId: r.paymentId })),
              alreadyRecorded: report.alreadyRecorded.map((r) => r.treasuryReference)
            }
          }
        })
      )
    )
})

/**
 * Imports the payments the public Treasury received (for invoices sent to it as titres de
 * recettes). Dry run (`apply: false`, needs `payments.record`): the report, nothing changed.
 * Apply: `applyTreasuryPayments`, all or nothing; when rows are refused the outcome is the report
 * with `applied: false` and the refusal (audited as refused).
 */
export const importTreasuryPayments = (
  agent: AgentActor,
  csvText: string,
  options: { readonly apply: boolean; readonly fileName?: string; readonly settings: PaymentSettings }
) =>
  Effect.gen(function* () {
    if (!options.apply) {
      const allowed = requirePermission(agent, "payments.record")
      if (Either.isLeft(allowed)) return yield* Effect.fail(allowed.left)
      const report = yield* checkTreasuryPayments(csvText)
      return { ...report, applied: false, recorded: [] } satisfies TreasuryPaymentsOutcome
    }
    const applied = yield* Effect.either(
      applyTreasuryPayments(agent, { csv: csvText, settings: options.settings, ...(options.fileName === undefined ? {} : { fileName: options.fileName }) })
    )
    if (Either.isRight(applied)) return { ...applied.right.report, applied: true, recorded: applied.right.recorded } satisfies TreasuryPaymentsOutcome
    if (applied.left._tag !== "TreasuryPaymentsRefused") return yield* Effect.fail(applied.left)
    const report = yield* checkTreasuryPayments(csvText)
    return { ...report, applied: false, recorded: [], refusal: applied.left.message } satisfies TreasuryPaymentsOutcome
  }).pipe(Effect.map((outcome): TreasuryPaymentsOutcome => outcome))
