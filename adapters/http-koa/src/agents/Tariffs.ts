import {
  type Activity,
  ActivityCatalogue,
  checkCantineAUnEuro,
  Clock,
  formatRate,
  LocalDate,
  ParisTime,
  previewTariffGrid,
  saveTariffGrid,
  TariffCatalogue,
  type TariffGrid,
  TariffGridId,
  TariffGridNotFound,
  tariffPreviewColumns,
  validateTariffGrid
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FieldProblem, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentActivityPaths, agentPaths, agentTariffPath } from "../PortalPaths.js"
import { requireAgentPermission } from "./AgentContext.js"
import { eurosField, eurosLabel, eurosText, numberField, optionsOf, percentField, percentText, queryValue, readFields, textField } from "./ActivityFormFields.js"

const listTitle = "Grilles tarifaires"
const newTitle = "Nouvelle grille tarifaire"

/** The most QF bands a grid's form offers. */
const bandRows = 10

const notices: Readonly<Record<string, string>> = {
  "grille-enregistree": "La grille est enregistrée. Les prochaines factures et la simulation des tarifs des familles l'appliquent."
}

const bandField = (row: number, part: "Nom" | "De" | "A" | "Prix") => `tranche${row}${part}`
const activityField = (id: string) => `activite-${id}`

const modeChoices = [
  ["Bands", "Tranches de quotient familial"],
  ["EffortRate", "Taux d'effort (QF × taux, entre un prix plancher et un prix plafond)"],
  ["Flat", "Prix unique"]
] as const

const surchargeChoices = [
  ["", "Aucune"],
  ["Percent", "Pourcentage en plus"],
  ["Amount", "Montant en plus (euros)"]
] as const

const circumstanceChoices = [
  ["", "Aucune"],
  ["Percent", "Pourcentage en plus"],
  ["Amount", "Montant en plus (euros)"],
  ["FixedPrice", "Prix fixe (euros)"]
] as const

const scalarFields = [
  "nom",
  "annee",
  "mode",
  "tauxEffort",
  "prixPlancher",
  "prixPlafond",
  "prixUnique",
  "coutRevient",
  "horsCommuneType",
  "horsCommuneValeur",
  "fratrie2",
  "fratrie3",
  "sansReservationType",
  "sansReservationValeur",
  "horsDelaiType",
  "horsDelaiValeur"
] as const

const bandFieldNames = Array.from({ length: bandRows }, (_, i) => (["Nom", "De", "A", "Prix"] as const).map((part) => bandField(i + 1, part))).flat()

const fieldNames = (activities: ReadonlyArray<Activity>) => [...scalarFields, ...bandFieldNames, ...activities.map((a) => activityField(a.id))]

const todayOf = (kit: PortalKit) => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))

const yearAfter = (year: string, n: number) => `${Number(year.slice(0, 4)) + n}-${Number(year.slice(0, 4)) + n + 1}`

const listActivities = (kit: PortalKit) => kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))

const modeSummary = (grid: TariffGrid): string => {
  const mode = grid.mode
  switch (mode._tag) {
    case "Bands":
      return `${mode.bands.length} tranche(s) de QF, de ${eurosLabel(mode.bands[0]?.price ?? 0)} à ${eurosLabel(mode.bands.at(-1)?.price ?? 0)}`
    case "EffortRate":
      return `taux d'effort ${formatRate(mode.rate)}, entre ${eurosLabel(mode.floor)} et ${eurosLabel(mode.ceiling)}`
    case "Flat":
      return `prix unique de ${eurosLabel(mode.price)}`
  }
}

/** The form's values of a saved grid. */
function gridValues(grid: TariffGrid): Record<string, string> {
  const values: Record<string, string> = { nom: grid.label, annee: grid.schoolYear, mode: grid.mode._tag, coutRevient: eurosText(grid.costOfProduction) }
  for (const id of grid.activityIds) values[activityField(id)] = "oui"
  const mode = grid.mode
  if (mode._tag === "Bands") {
    mode.bands.forEach((band, i) => {
      values[bandField(i + 1, "Nom")] = band.label
      values[bandField(i + 1, "De")] = String(band.fromQf)
      values[bandField(i + 1, "A")] = band.toQf === undefined ? "" : String(band.toQf)
      values[bandField(i + 1, "Prix")] = eurosText(band.price)
    })
  } else if (mode._tag === "EffortRate") {
    values["tauxEffort"] = percentText(mode.rate)
    values["prixPlancher"] = eurosText(mode.floor)
    values["prixPlafond"] = eurosText(mode.ceiling)
  } else values["prixUnique"] = eurosText(mode.price)
  const { nonResident, siblings, unreservedPresence, lateBooking } = grid.modifiers
  if (nonResident !== undefined) {
    values["horsCommuneType"] = nonResident._tag
    values["horsCommuneValeur"] = nonResident._tag === "Percent" ? percentText(nonResident.rate) : eurosText(nonResident.amount)
  }
  if (siblings !== undefined) {
    values["fratrie2"] = percentText(siblings.second)
    values["fratrie3"] = percentText(siblings.thirdAndMore)
  }
  const circumstance = (prefix: string, setting: typeof unreservedPresence) => {
    if (setting === undefined) return
    values[`${prefix}Type`] = setting._tag
    values[`${prefix}Valeur`] = setting._tag === "Percent" ? percentText(setting.rate) : setting._tag === "Amount" ? eurosText(setting.amount) : eurosText(setting.price)
  }
  circumstance("sansReservation", unreservedPresence)
  circumstance("horsDelai", lateBooking)
  return values
}

const present = (entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined))

/** The grid the core checks from the form's values, the form rows of its bands, and the problems of format. */
function gridOf(values: Readonly<Record<string, string>>, activities: ReadonlyArray<Activity>) {
  const problems: Array<FieldProblem> = []
  const euros = (field: string, what: string) => {
    const read = eurosField(field, values[field], what)
    if (read.problem !== undefined) problems.push(read.problem)
    return read.cents
  }
  const percent = (field: string, what: string) => {
    const read = percentField(field, values[field], what)
    if (read.problem !== undefined) problems.push(read.problem)
    return read.basisPoints
  }
  const rows: Array<number> = []
  const mode = values["mode"] ?? ""
  let modeInput: Record<string, unknown> | undefined
  if (mode === "Bands") {
    const bands: Array<Record<string, unknown>> = []
    for (let row = 1; row <= bandRows; row++) {
      const parts = (["Nom", "De", "A", "Prix"] as const).map((part) => values[bandField(row, part)] ?? "")
      if (parts.every((p) => p.trim() === "")) continue
      rows.push(row)
      bands.push(present({ label: textField(parts[0]), fromQf: numberField(parts[1]), toQf: numberField(parts[2]), price: euros(bandField(row, "Prix"), "Le prix de la tranche") }))
    }
    modeInput = { _tag: "Bands", bands }
  } else if (mode === "EffortRate") {
    modeInput = present({ _tag: "EffortRate", rate: percent("tauxEffort", "Le taux d'effort"), floor: euros("prixPlancher", "Le prix plancher"), ceiling: euros("prixPlafond", "Le prix plafond") })
  } else if (mode === "Flat") {
    modeInput = present({ _tag: "Flat", price: euros("prixUnique", "Le prix unique") })
  }
  const surcharge = (prefix: string, what: string) => {
    const kind = values[`${prefix}Type`] ?? ""
    if (kind === "") return undefined
    if (kind === "Percent") return present({ _tag: "Percent", rate: percent(`${prefix}Valeur`, what) })
    if (kind === "Amount") return present({ _tag: "Amount", amount: euros(`${prefix}Valeur`, what) })
    if (kind === "FixedPrice") return present({ _tag: "FixedPrice", price: euros(`${prefix}Valeur`, what) })
    return { _tag: kind }
  }
  const second = percent("fratrie2", "La réduction du 2e enfant")
  const third = percent("fratrie3", "La réduction à partir du 3e enfant")
  const grid = present({
    label: textField(values["nom"]),
    schoolYear: textField(values["annee"]),
    activityIds: activities.filter((a) => values[activityField(a.id)] === "oui").map((a) => a.id),
    mode: modeInput,
    costOfProduction: euros("coutRevient", "Le coût de revient"),
    modifiers: present({
      nonResident: surcharge("horsCommune", "La majoration hors commune"),
      siblings: second === undefined && third === undefined ? undefined : present({ second: second ?? 0, thirdAndMore: third ?? second ?? 0 }),
      unreservedPresence: surcharge("sansReservation", "La majoration sans réservation"),
      lateBooking: surcharge("horsDelai", "La majoration hors délai")
    })
  })
  return { grid, rows, problems }
}

/** Which form field each path of the core's refusals concerns. */
function gridFieldOfPath(rows: ReadonlyArray<number>): Record<string, string> {
  const fields: Record<string, string> = {
    label: "nom",
    schoolYear: "annee",
    activityIds: "activites",
    mode: "mode",
    "mode._tag": "mode",
    "mode.bands": rows[0] === undefined ? bandField(1, "Nom") : bandField(rows[0], "Nom"),
    "mode.rate": "tauxEffort",
    "mode.floor": "prixPlancher",
    "mode.ceiling": "prixPlafond",
    "mode.price": "prixUnique",
    costOfProduction: "coutRevient",
    "modifiers.nonResident": "horsCommuneType",
    "modifiers.nonResident.rate": "horsCommuneValeur",
    "modifiers.nonResident.amount": "horsCommuneValeur",
    "modifiers.siblings.second": "fratrie2",
    "modifiers.siblings.thirdAndMore": "fratrie3",
    "modifiers.unreservedPresence": "sansReservationType",
    "modifiers.lateBooking": "horsDelaiType"
  }
  for (const part of ["rate", "amount", "price"]) {
    fields[`modifiers.unreservedPresence.${part}`] = "sansReservationValeur"
    fields[`modifiers.lateBooking.${part}`] = "horsDelaiValeur"
  }
  rows.forEach((row, i) => {
    fields[`mode.bands.${i}`] = bandField(row, "Nom")
    fields[`mode.bands.${i}.label`] = bandField(row, "Nom")
    fields[`mode.bands.${i}.fromQf`] = bandField(row, "De")
    fields[`mode.bands.${i}.toQf`] = bandField(row, "A")
    fields[`mode.bands.${i}.price`] = bandField(row, "Prix")
  })
  return fields
}

/** The preview's rows as plain values, and the "cantine à 1 €" check for a canteen grid. */
function previewModel(grid: TariffGrid, activities: ReadonlyArray<Activity>) {
  const canteen = activities.some((a) => a.kind === "canteen" && grid.activityIds.includes(a.id))
  return {
    columns: tariffPreviewColumns.map((c) => ({ key: c.key, label: c.label })),
    rows: previewTariffGrid(grid).map((row) => ({
      label: row.label,
      cells: row.cells.map((cell, i) => ({ amount: cell.amount, summary: cell.summary, label: tariffPreviewColumns[i]?.label ?? "" }))
    })),
    cantine: canteen ? checkCantineAUnEuro(grid) : undefined
  }
}

interface TariffPageInput {
  readonly values: Readonly<Record<string, string>>
  readonly activities: ReadonlyArray<Activity>
  readonly grid?: TariffGrid
  readonly preview?: ReturnType<typeof previewModel>
}

function tariffPage(input: TariffPageInput) {
  const { values, activities, grid } = input
  const filled = Array.from({ length: bandRows }, (_, i) => i + 1).filter((row) =>
    (["Nom", "De", "A", "Prix"] as const).some((part) => (values[bandField(row, part)] ?? "").trim() !== "")
  )
  const shown = Math.min(bandRows, Math.max(4, (filled.at(-1) ?? 0) + 2))
  return {
    title: grid === undefined ? newTitle : `Grille tarifaire – ${grid.label}`,
    heading: grid === undefined ? newTitle : grid.label,
    isNew: grid === undefined,
    action: grid === undefined ? agentActivityPaths.newTariff : agentTariffPath(grid.id),
    previewHref: agentActivityPaths.tariffPreview,
    listHref: agentPaths.tariffs,
    values,
    modeOptions: optionsOf(modeChoices, values["mode"] ?? "Bands"),
    nonResidentOptions: optionsOf(surchargeChoices, values["horsCommuneType"] ?? ""),
    unreservedOptions: optionsOf(circumstanceChoices, values["sansReservationType"] ?? ""),
    lateOptions: optionsOf(circumstanceChoices, values["horsDelaiType"] ?? ""),
    activities: activities.map((a) => ({ field: activityField(a.id), label: a.name, checked: values[activityField(a.id)] === "oui" })),
    bands: Array.from({ length: shown }, (_, i) => ({
      row: i + 1,
      nameField: bandField(i + 1, "Nom"),
      fromField: bandField(i + 1, "De"),
      toField: bandField(i + 1, "A"),
      priceField: bandField(i + 1, "Prix")
    })),
    preview: input.preview
  }
}

const blankValues = (today: LocalDate.LocalDate): Record<string, string> => ({
  annee: yearAfter(LocalDate.schoolYear(today), 0),
  mode: "Bands",
  [bandField(1, "Nom")]: "T1",
  [bandField(1, "De")]: "0"
})

const gridIdOf = (ctx: PortalContext): TariffGridId => {
  const raw = ctx.params["gridId"] ?? ""
  return Option.getOrElse(Schema.decodeUnknownOption(TariffGridId)(raw), () => refuse(new TariffGridNotFound({ gridId: "inconnue" })))
}

/** Values of the form read from the query (the live preview's request). */
const queryValues = (ctx: PortalContext, names: ReadonlyArray<string>): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, queryValue(ctx, name, 200)]))

/**
 * Checks the values with the core (`validateTariffGrid`): refusals are shown next to their fields;
 * otherwise the grid and its preview (`previewTariffGrid`, priced by `priceSession`).
 */
async function checkedGrid(kit: PortalKit, ctx: PortalContext, page: ReturnType<typeof tariffPage> & { readonly livePreview?: boolean }, values: Readonly<Record<string, string>>, activities: ReadonlyArray<Activity>, id: TariffGridId) {
  const { grid, rows, problems } = gridOf(values, activities)
  ctx.state.formView = { page: "agents-tariff", title: page.title, model: page, fieldOfPath: gridFieldOfPath(rows), fieldOfTag: { TariffGridOverlap: "activites" } }
  checkForm(page.title, problems)
  return { grid, rows, checked: await kit.run(Effect.suspend(() => validateTariffGrid({ ...grid, id }))) }
}

/**
 * The agents' tariff grids (`activities.manage`): `GET /agents/tarifs` (the grids of a school
 * year, by activity), `GET|POST /agents/tarifs/nouvelle` and `GET|POST /agents/tarifs/:gridId`
 * (bands by QF, effort rate with floor and ceiling, or flat price; modifiers; cost of production;
 * checked by `validateTariffGrid`; "Prévisualiser" shows the prices of sample QFs computed by
 * `priceSession`; "Enregistrer" is the audited `saveTariffGrid`), and `GET /agents/tarifs/apercu`
 * (the same preview from the query, which `tarifs.js` fetches as the agent types).
 */
export function agentTariffRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.tariffs, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const today = await todayOf(kit)
    const current = LocalDate.schoolYear(today)
    const years = [yearAfter(current, -1), current, yearAfter(current, 1)]
    const asked = queryValue(ctx, "annee", 20)
    const year = years.includes(asked) ? asked : current
    const activities = await listActivities(kit)
    const activityId = queryValue(ctx, "activite", 64)
    const grids = (await kit.run(Effect.flatMap(TariffCatalogue, (catalogue) => catalogue.listForSchoolYear(year)))).filter(
      (grid) => activityId === "" || grid.activityIds.some((id) => id === activityId)
    )
    const nameOf = new Map(activities.map((a) => [a.id as string, a.name]))
    kit.render(ctx, "agents-tariffs", {
      title: listTitle,
      newHref: agentActivityPaths.newTariff,
      activitiesHref: agentPaths.activities,
      year,
      yearOptions: optionsOf(years.map((y) => [y, y] as const), year),
      activityOptions: optionsOf([["", "Toutes les activités"], ...activities.map((a) => [a.id, a.name] as const)], activityId),
      grids: grids.map((grid) => ({
        label: grid.label,
        href: agentTariffPath(grid.id),
        activities: grid.activityIds.map((id) => nameOf.get(id) ?? id).join(", "),
        mode: modeSummary(grid),
        costOfProduction: grid.costOfProduction
      }))
    })
  })

  router.get(agentActivityPaths.newTariff, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const activities = await listActivities(kit)
    kit.render(ctx, "agents-tariff", tariffPage({ values: blankValues(await todayOf(kit)), activities }))
  })

  router.get(agentActivityPaths.tariffPreview, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const activities = await listActivities(kit)
    const values = queryValues(ctx, fieldNames(activities))
    const page = tariffPage({ values, activities })
    const { checked } = await checkedGrid(kit, ctx, { ...page, title: "Aperçu des tarifs", livePreview: true }, values, activities, TariffGridId.make("apercu"))
    kit.render(ctx, "agents-tariff", { ...page, title: "Aperçu des tarifs", livePreview: true, preview: previewModel(checked, activities) })
  })

  router.post(agentActivityPaths.newTariff, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const activities = await listActivities(kit)
    const form = formOf(ctx)
    const values = readFields(form, fieldNames(activities), 200)
    const page = tariffPage({ values, activities })
    const { grid, checked } = await checkedGrid(kit, ctx, page, values, activities, TariffGridId.make("nouvelle-grille"))
    if (form.text("action", { maxLength: 20 }) === "apercu") return kit.render(ctx, "agents-tariff", { ...page, preview: previewModel(checked, activities) })
    const saved = await kit.run(saveTariffGrid(agent, { grid }))
    seeOther(ctx, `${agentTariffPath(saved.id)}?message=grille-enregistree`)
  })

  router.get(agentActivityPaths.tariff, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const grid = await kit.run(Effect.flatMap(TariffCatalogue, (catalogue) => catalogue.get(gridIdOf(ctx))))
    const activities = await listActivities(kit)
    const notice = notices[queryValue(ctx, "message")]
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "agents-tariff", tariffPage({ values: gridValues(grid), activities, grid, preview: previewModel(grid, activities) }))
  })

  router.post(agentActivityPaths.tariff, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const before = await kit.run(Effect.flatMap(TariffCatalogue, (catalogue) => catalogue.get(gridIdOf(ctx))))
    const activities = await listActivities(kit)
    const form = formOf(ctx)
    const values = readFields(form, fieldNames(activities), 200)
    const page = tariffPage({ values, activities, grid: before })
    const { grid, checked } = await checkedGrid(kit, ctx, page, values, activities, before.id)
    if (form.text("action", { maxLength: 20 }) === "apercu") return kit.render(ctx, "agents-tariff", { ...page, preview: previewModel(checked, activities) })
    await kit.run(saveTariffGrid(agent, { gridId: before.id, grid }))
    seeOther(ctx, `${agentTariffPath(before.id)}?message=grille-enregistree`)
  })
}
