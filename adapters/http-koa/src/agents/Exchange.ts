import type Router from "@koa/router"
import {
  type AgentActor,
  Clock,
  decodeCsvBytes,
  exportDataset,
  exportDatasetInfo,
  type ExportDatasetKind,
  exportDatasetKinds,
  exportFile,
  type ExportFileFormat,
  FileStore,
  householdImportColumns,
  householdMemberColumns,
  type HouseholdImportOutcome,
  type ImportRejection,
  importHouseholds,
  importTreasuryPayments,
  Instant,
  LocalDate,
  StoredFileKey,
  treasuryPaymentColumns,
  type TreasuryPaymentsOutcome
} from "@spe/core"
import { Effect, Either, Schema } from "effect"
import { checkForm, type FieldProblem, formOf, type PortalContext, type PortalState, uploadedFile } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentPaths } from "../PortalPaths.js"
import { signLink, verifyLink } from "../SignedLinks.js"
import { agentCan, requireAgent, requireAgentPermission } from "./AgentContext.js"
import { parseDay, queryText } from "./BillingViews.js"
import { todayInParis } from "./HouseholdViews.js"

/** The addresses of the exports' download and of the imports' two steps. */
export const agentExchangePaths = {
  exportFile: "/agents/exports/fichier",
  householdsCheck: "/agents/imports/foyers",
  householdsApply: "/agents/imports/foyers/application",
  treasuryCheck: "/agents/imports/paiements-tresor",
  treasuryApply: "/agents/imports/paiements-tresor/application"
} as const

/** The file an agent uploaded cannot be used for the apply step any more (too old, another agent's, forged, gone). */
export class ImportUploadExpired extends Schema.TaggedError<ImportUploadExpired>()("ImportUploadExpired", {}) {
  override get message(): string {
    return "Ce fichier vérifié n'est plus disponible (la vérification date de plus de 30 minutes, ou elle a été faite par un autre agent) : rien n'a été importé. Déposez le fichier à nouveau pour le vérifier."
  }
}

const exportsTitle = "Exports de données"
const importsTitle = "Imports de fichiers"

/** How long a checked file waits for "Appliquer", in minutes. */
const uploadMinutes = 30

const datasetSlug: { readonly [K in ExportDatasetKind]: string } = {
  invoices: "factures",
  payments: "paiements",
  unpaid: "impayes",
  attendance: "presences",
  households: "foyers"
}

const datasetOfSlug = (slug: string): ExportDatasetKind | undefined => exportDatasetKinds.find((kind) => datasetSlug[kind] === slug)

interface ExportValues {
  readonly jeu: string
  readonly du: string
  readonly au: string
  readonly format: string
}

const formatChoices = (selected: string) => [
  { value: "csv", label: "CSV (tableur : séparateur point-virgule, UTF-8)", checked: selected !== "json" },
  { value: "json", label: "JSON (logiciels : montants en centimes, dates ISO)", checked: selected === "json" }
]

function exportsModel(agent: AgentActor, values: ExportValues) {
  const allowed = exportDatasetKinds.filter((kind) => agentCan(agent, exportDatasetInfo(kind).permission))
  return {
    title: exportsTitle,
    values,
    datasets: allowed.map((kind) => ({ value: datasetSlug[kind], label: exportDatasetInfo(kind).title, selected: values.jeu === datasetSlug[kind] })),
    formats: formatChoices(values.format),
    documentation: allowed.map((kind) => {
      const info = exportDatasetInfo(kind)
      return { id: `jeu-${datasetSlug[kind]}`, title: info.title, period: info.period, order: info.order, columns: info.columns.map((c) => ({ header: c.header, description: c.description })) }
    }),
    canImport: agentCan(agent, "households.write") || agentCan(agent, "payments.record"),
    action: agentExchangePaths.exportFile
  }
}

const allowedToExport = (agent: AgentActor): boolean => agentCan(agent, "billing.read") || agentCan(agent, "households.read")

const exportValuesOf = (ctx: PortalContext, today: LocalDate.LocalDate): ExportValues => ({
  jeu: queryText(ctx, "jeu", 20).trim(),
  du: queryText(ctx, "du", 20).trim() || LocalDate.firstOfMonth(today),
  au: queryText(ctx, "au", 20).trim() || today,
  format: queryText(ctx, "format", 10).trim() || "csv"
})

type ImportKind = "households" | "treasury"

const purposeOf = (kind: ImportKind): string => (kind === "households" ? "import-foyers" : "import-tresor")

const fieldOf = (kind: ImportKind): string => (kind === "households" ? "fichier-foyers" : "fichier-tresor")

function importsModel(agent: AgentActor) {
  return {
    title: importsTitle,
    households: agentCan(agent, "households.write")
      ? {
          action: agentExchangePaths.householdsCheck,
          columns: householdImportColumns.map((c) => ({ header: c.header, required: c.required, description: c.description })),
          adultColumns: householdMemberColumns.adults,
          childColumns: householdMemberColumns.children
        }
      : undefined,
    treasury: agentCan(agent, "payments.record")
      ? { action: agentExchangePaths.treasuryCheck, columns: treasuryPaymentColumns.map((c) => ({ header: c.header, required: c.required, description: c.description })) }
      : undefined,
    values: {}
  }
}

const rejectedView = (rejected: ReadonlyArray<ImportRejection>) => rejected.map((r) => ({ line: r.line, reasons: r.reasons }))

const plural = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`

function householdsReport(outcome: HouseholdImportOutcome, fileName: string, token: string | undefined) {
  const applied = outcome.applied
  return {
    kind: "households",
    title: applied ? "Foyers importés" : `Vérification du fichier de foyers ${fileName}`,
    fileName,
    applied,
    summary: applied
      ? `${plural(outcome.created.length, "foyer importé", "foyers importés")} depuis ${fileName} : chaque famille reçoit par e-mail son identifiant et un mot de passe provisoire.`
      : `${plural(outcome.rows, "ligne lue", "lignes lues")} : ${plural(outcome.accepted.length, "foyer accepté", "foyers acceptés")}, ${plural(outcome.rejected.length, "ligne refusée", "lignes refusées")}.`,
    refusal: outcome.refusal,
    rejected: rejectedView(outcome.rejected),
    warnings: outcome.warnings,
    households: outcome.accepted.map((h) => ({
      line: h.line,
      reference: h.reference,
      familyName: h.familyName,
      members: `${plural(h.adults, "responsable", "responsables")}, ${plural(h.children, "enfant", "enfants")}`,
      qf: h.qf,
      login: outcome.created.find((c) => c.line === h.line)?.login
    })),
    token,
    applyAction: agentExchangePaths.householdsApply,
    applyLabel: `Appliquer : importer ${plural(outcome.accepted.length, "foyer", "foyers")}`,
    nothingRejected: !applied && outcome.rejected.length === 0
  }
}

function treasuryReport(outcome: TreasuryPaymentsOutcome, fileName: string, token: string | undefined) {
  const applied = outcome.applied
  return {
    kind: "treasury",
    title: applied ? "Paiements du Trésor public enregistrés" : `Vérification des paiements du Trésor public ${fileName}`,
    fileName,
    applied,
    summary: applied
      ? outcome.recorded.length === 0
        ? `Rien de nouveau : les ${plural(outcome.alreadyRecorded.length, "paiement", "paiements")} de ${fileName} étaient déjà enregistrés.`
        : `${plural(outcome.recorded.length, "paiement enregistré", "paiements enregistrés")} depuis ${fileName}${outcome.alreadyRecorded.length === 0 ? "" : ` ; ${plural(outcome.alreadyRecorded.length, "était déjà enregistré", "étaient déjà enregistrés")}`}.`
      : `${plural(outcome.rows, "ligne lue", "lignes lues")} : ${plural(outcome.accepted.length, "paiement nouveau", "paiements nouveaux")}, ${plural(outcome.alreadyRecorded.length, "déjà enregistré", "déjà enregistrés")}, ${plural(outcome.rejected.length, "ligne refusée", "lignes refusées")}.`,
    refusal: outcome.refusal,
    rejected: rejectedView(outcome.rejected),
    warnings: outcome.warnings,
    payments: outcome.accepted.map((p) => ({
      line: p.line,
      paidOn: p.paidOn,
      invoiceNumber: p.invoiceNumber,
      household: `${p.familyName} (${p.householdReference})`,
      payer: p.payer,
      amount: p.amount,
      remainingBefore: p.remainingBefore,
      treasuryReference: p.treasuryReference
    })),
    alreadyRecorded: outcome.alreadyRecorded.map((p) => ({ line: p.line, invoiceNumber: p.invoiceNumber, amount: p.amount, treasuryReference: p.treasuryReference })),
    token,
    applyAction: agentExchangePaths.treasuryApply,
    applyLabel: `Appliquer : enregistrer ${plural(outcome.accepted.length, "paiement", "paiements")}`,
    nothingRejected: !applied && outcome.rejected.length === 0 && outcome.accepted.length > 0
  }
}

const nowMillis = (kit: PortalKit) => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), Instant.toEpochMillis))

/**
 * The back office's exchanges with the town's other software (menu "Échanges"). Exports
 * (`GET /agents/exports`, `billing.read` or `households.read` per dataset): a dataset, a period and
 * a format, then `GET /agents/exports/fichier?jeu&du&au&format` downloads the core's `exportDataset`
 * as CSV or JSON. Imports (`GET /agents/imports`): a households' file (`households.write`) or the
 * Treasury's payments (`payments.record`) is uploaded (`POST /agents/imports/foyers`,
 * `…/paiements-tresor`, multipart) and checked (the core's dry run: each refused row with its line
 * and reasons); a file with no refused row is kept in the `FileStore` for 30 minutes under a key
 * signed for the agent, and "Appliquer" (`POST …/application`) runs the core's audited, all or
 * nothing apply step on it.
 */
export function agentExchangeRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.exports, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    if (!allowedToExport(agent)) requireAgentPermission(ctx, "households.read")
    const today = await todayInParis(kit)
    kit.render(ctx, "agents-exports", exportsModel(agent, exportValuesOf(ctx, today)))
  })

  router.get(agentExchangePaths.exportFile, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    if (!allowedToExport(agent)) requireAgentPermission(ctx, "households.read")
    const today = await todayInParis(kit)
    const values = exportValuesOf(ctx, today)
    const kind = datasetOfSlug(values.jeu)
    const from = parseDay(values.du)
    const to = parseDay(values.au)
    const problems: Array<FieldProblem | undefined> = [
      kind === undefined ? { path: "jeu", message: "Choisissez les données à exporter dans la liste." } : undefined,
      from === undefined ? { path: "du", message: "Écrivez une date, par exemple 01/10/2026." } : undefined,
      to === undefined ? { path: "au", message: "Écrivez une date, par exemple 31/10/2026." } : undefined,
      from !== undefined && to !== undefined && to < from ? { path: "au", message: "La fin de la période doit être le jour du début ou après." } : undefined,
      values.format !== "csv" && values.format !== "json" ? { path: "format", message: "Choisissez le format CSV ou JSON." } : undefined
    ]
    ctx.state.formView = { page: "agents-exports", title: exportsTitle, model: exportsModel(agent, values) }
    checkForm(exportsTitle, problems)
    if (kind === undefined || from === undefined || to === undefined) return
    requireAgentPermission(ctx, exportDatasetInfo(kind).permission)
    const file = exportFile(await kit.run(exportDataset(kind, { from, to })), values.format as ExportFileFormat)
    ctx.status = 200
    ctx.type = file.mediaType
    ctx.set("Content-Disposition", `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`)
    ctx.body = file.text
  })

  router.get(agentPaths.imports, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    if (!agentCan(agent, "payments.record")) requireAgentPermission(ctx, "households.write")
    kit.render(ctx, "agents-imports", importsModel(agent))
  })

  const check = (kind: ImportKind) => async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, kind === "households" ? "households.write" : "payments.record")
    const field = fieldOf(kind)
    const file = uploadedFile(ctx, field)
    ctx.state.formView = { page: "agents-imports", title: importsTitle, model: importsModel(agent) }
    checkForm(importsTitle, [
      file === undefined || file.bytes.byteLength === 0 ? { path: field, message: "Choisissez le fichier CSV à vérifier (séparateur point-virgule)." } : undefined
    ])
    if (file === undefined) return
    const text = decodeCsvBytes(file.bytes)
    const fileName = file.fileName.slice(0, 120)
    const signed = async () => {
      const key = await kit.run(Effect.flatMap(FileStore, (store) => store.put(file.bytes, { name: fileName, mediaType: "text/csv" })))
      return signLink(kit.settings.linkSecret, purposeOf(kind), { key, account: agent.accountId, name: fileName, expires: (await nowMillis(kit)) + uploadMinutes * 60_000 })
    }
    ctx.state.formView = undefined
    if (kind === "households") {
      const outcome = await kit.run(importHouseholds(agent, text, { apply: false }))
      const token = outcome.rejected.length === 0 && outcome.accepted.length > 0 ? await signed() : undefined
      kit.render(ctx, "agents-import-report", householdsReport(outcome, fileName, token))
    } else {
      const outcome = await kit.run(importTreasuryPayments(agent, text, { apply: false, settings: kit.settings.payment }))
      const token = outcome.rejected.length === 0 && outcome.accepted.length > 0 ? await signed() : undefined
      kit.render(ctx, "agents-import-report", treasuryReport(outcome, fileName, token))
    }
  }

  const apply = (kind: ImportKind) => async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, kind === "households" ? "households.write" : "payments.record")
    const data = verifyLink(kit.settings.linkSecret, purposeOf(kind), formOf(ctx).text("jeton", { maxLength: 2000 }))
    const key = typeof data?.["key"] === "string" ? Either.getOrUndefined(Schema.decodeUnknownEither(StoredFileKey)(data["key"])) : undefined
    const fileName = typeof data?.["name"] === "string" ? data["name"] : "import.csv"
    if (data === undefined || key === undefined || data["account"] !== agent.accountId || typeof data["expires"] !== "number" || data["expires"] < (await nowMillis(kit)))
      return refuse(new ImportUploadExpired())
    const bytes = await kit.attempt(Effect.flatMap(FileStore, (store) => store.get(key)))
    if (Either.isLeft(bytes)) return refuse(new ImportUploadExpired())
    const text = decodeCsvBytes(bytes.right)
    const removeFile = () => kit.run(Effect.flatMap(FileStore, (store) => store.delete(key)))
    if (kind === "households") {
      const outcome = await kit.run(importHouseholds(agent, text, { apply: true, fileName }))
      await removeFile()
      kit.render(ctx, "agents-import-report", householdsReport(outcome, fileName, undefined), outcome.applied ? 200 : 400)
    } else {
      const outcome = await kit.run(importTreasuryPayments(agent, text, { apply: true, fileName, settings: kit.settings.payment }))
      await removeFile()
      kit.render(ctx, "agents-import-report", treasuryReport(outcome, fileName, undefined), outcome.applied ? 200 : 400)
    }
  }

  router.post(agentExchangePaths.householdsCheck, check("households"))
  router.post(agentExchangePaths.treasuryCheck, check("treasury"))
  router.post(agentExchangePaths.householdsApply, apply("households"))
  router.post(agentExchangePaths.treasuryApply, apply("treasury"))
}
