import {
  type Activity,
  ActivityCatalogue,
  Clock,
  HypotheticalSituation,
  InvalidInput,
  LocalDate,
  ParisTime,
  parseEurosText,
  type SimulationResult,
  simulateTariffForHousehold,
  simulateTariffForSituation,
  TariffCatalogue,
  UsagePattern,
  validate
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either } from "effect"
import { checkForm, type FieldProblem, formOf, type PortalContext, type PortalState, requireHousehold } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"

const title = "Simulation des tarifs"

const emptyValues = {
  situation: "",
  qf: "",
  revenu: "",
  prestations: "",
  parents: "",
  enfants: "",
  enfantsAeeh: "",
  residence: "",
  activite: "",
  joursParSemaine: "",
  enfantsConcernes: "1"
}

type SimulationValues = typeof emptyValues

const fieldOfPath: Readonly<Record<string, string>> = {
  income: "situation",
  "income.qf": "qf",
  "income.annualIncome": "revenu",
  "income.monthlyBenefits": "prestations",
  adults: "parents",
  children: "enfants",
  disabledChildren: "enfantsAeeh",
  residency: "residence",
  uses: "activite",
  "uses.0.activityId": "activite",
  "uses.0.daysPerWeek": "joursParSemaine",
  "uses.0.children": "enfantsConcernes",
  weeks: "joursParSemaine"
}

/** What the bookable activities are called, by id, in the catalogue's order. */
const activitiesWithGrid = (schoolYear: string) =>
  Effect.gen(function* () {
    const activities = yield* (yield* ActivityCatalogue).list
    const grids = yield* (yield* TariffCatalogue).listForSchoolYear(schoolYear)
    const priced = new Set(grids.flatMap((g) => g.activityIds as ReadonlyArray<string>))
    return activities.filter((a) => priced.has(a.id))
  })

const todayInParis = Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt)

const ordinal = (rank: number): string => (rank === 1 ? "1er enfant" : `${rank}e enfant`)

/** A simulation as the template reads it: plain values, amounts in cents. */
function simulationModel(result: SimulationResult, activities: ReadonlyArray<Activity>) {
  const nameOf = new Map(activities.map((a) => [a.id as string, a.name]))
  return {
    quotientLine: result.lines[0] ?? "",
    schoolYear: result.schoolYear,
    nonResident: result.residency === "non-resident",
    monthlyTotal: result.monthlyTotal,
    totalLine: result.lines.at(-1) ?? "",
    activities: result.activities.map((activity) => ({
      name: nameOf.get(activity.activityId) ?? activity.gridLabel,
      gridLabel: activity.gridLabel,
      daysPerWeek: activity.daysPerWeek,
      weeks: activity.weeks,
      monthly: activity.monthly,
      children: activity.children.map((child) => ({
        label: child.childLabel,
        rank: ordinal(child.rank),
        showRank: activity.children.length > 1 && child.childLabel !== ordinal(child.rank),
        unitPrice: child.unitPrice,
        sessions: child.sessions,
        monthly: child.monthly,
        summary: child.explanation.summary,
        lines: [...child.explanation.lines],
        line: child.line
      }))
    }))
  }
}

/** The household's own prices: every priced activity, every child, one session each. */
async function ownSituation(kit: PortalKit, ctx: PortalContext) {
  const householdId = requireHousehold(ctx)
  const on = await kit.run(todayInParis)
  const activities = await kit.run(activitiesWithGrid(LocalDate.schoolYear(on)))
  if (activities.length === 0) return { on, activities, own: undefined }
  const result = await kit.run(simulateTariffForHousehold(householdId, on, { uses: activities.map((a) => ({ activityId: a.id, daysPerWeek: 1 })), weeks: 1 }))
  return { on, activities, own: simulationModel(result, activities) }
}

const pageModel = (
  kit: PortalKit,
  page: { readonly on: LocalDate.LocalDate; readonly activities: ReadonlyArray<Activity>; readonly own: ReturnType<typeof simulationModel> | undefined },
  values: SimulationValues,
  other?: ReturnType<typeof simulationModel>
) => ({
  title,
  today: page.on,
  own: page.own,
  other,
  values,
  townName: kit.settings.townName,
  incomeChoices: [
    { value: "qf", label: "Je connais mon quotient familial (attestation de la CAF)" },
    { value: "revenus", label: "Je le calcule à partir de mes revenus (avis d'imposition)" },
    { value: "aucun", label: "Je ne le connais pas : le tarif le plus élevé s'applique" }
  ].map((c) => ({ ...c, checked: values.situation === c.value })),
  parentChoices: [
    { value: "1", label: "1 parent" },
    { value: "2", label: "2 parents" }
  ].map((c) => ({ ...c, checked: values.parents === c.value })),
  residenceChoices: [
    { value: "resident", label: `J'habite ${kit.settings.townName}` },
    { value: "non-resident", label: "J'habite une autre commune" }
  ].map((c) => ({ ...c, checked: values.residence === c.value })),
  activityChoices: page.activities.map((a) => ({ value: a.id, label: a.name, selected: values.activite === a.id }))
})

/** A whole number as typed, or the text itself (the core names the field in its refusal), or nothing when blank. */
const numberOrText = (text: string): number | string | undefined => {
  const trimmed = text.trim()
  if (trimmed === "") return undefined
  return /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : trimmed
}

const defined = <A extends Record<string, unknown>>(record: A): Partial<A> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<A>

/** The hypothetical situation and usage typed in the form, as the core's input. */
function situationInput(values: SimulationValues): { readonly situation: unknown; readonly usage: unknown; readonly problems: ReadonlyArray<FieldProblem> } {
  const problems: Array<FieldProblem> = []
  const euros = (field: "revenu" | "prestations", label: string) => {
    const text = values[field].trim()
    if (text === "") return undefined
    const amount = parseEurosText(text)
    if (amount === undefined) problems.push({ path: field, message: `${label} s'écrit en euros, en chiffres, par exemple 32 000 ou 32 000,50.` })
    return amount
  }
  const qf = numberOrText(values.qf)
  if (values.situation === "qf" && typeof qf === "string") problems.push({ path: "qf", message: "Le quotient familial s'écrit en euros, en chiffres, par exemple 650." })
  const income =
    values.situation === "qf"
      ? defined({ _tag: "KnownQuotient", qf })
      : values.situation === "revenus"
        ? defined({
            _tag: "FromIncome",
            annualIncome: euros("revenu", "Le revenu fiscal de référence"),
            monthlyBenefits: values.prestations.trim() === "" ? 0 : euros("prestations", "Le montant des prestations familiales")
          })
        : values.situation === "aucun"
          ? { _tag: "NoQuotient" }
          : undefined
  const situation = defined({
    income,
    adults: numberOrText(values.parents),
    children: numberOrText(values.enfants),
    disabledChildren: numberOrText(values.enfantsAeeh),
    residency: values.residence === "" ? undefined : values.residence
  })
  const usage = {
    uses: [defined({ activityId: values.activite === "" ? undefined : values.activite, daysPerWeek: numberOrText(values.joursParSemaine), children: numberOrText(values.enfantsConcernes) })]
  }
  return { situation, usage, problems }
}

/**
 * "Simulation des tarifs": what each activity costs the family per session, for each child, with
 * the explanation of each price (QF and its source, band or effort rate, floor and ceiling,
 * non-resident surcharge, sibling rank), from the household's own situation; and "une autre
 * situation": a QF or an income, the household's composition, residency, an activity and how
 * often, priced the same way with a monthly estimate. Nothing is recorded.
 */
export function tariffSimulationRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.tariffSimulation, async (ctx: PortalContext) => {
    const page = await ownSituation(kit, ctx)
    kit.render(ctx, "tariff-simulation", pageModel(kit, page, emptyValues))
  })

  router.post(portalPaths.tariffSimulation, async (ctx: PortalContext) => {
    const page = await ownSituation(kit, ctx)
    const form = formOf(ctx)
    const values: SimulationValues = {
      situation: form.text("situation", { maxLength: 20, label: "Vos revenus" }),
      qf: form.text("qf", { maxLength: 20, label: "Quotient familial" }),
      revenu: form.text("revenu", { maxLength: 30, label: "Revenu fiscal de référence" }),
      prestations: form.text("prestations", { maxLength: 30, label: "Prestations familiales" }),
      parents: form.text("parents", { maxLength: 5, label: "Parents" }),
      enfants: form.text("enfants", { maxLength: 5, label: "Nombre d'enfants" }),
      enfantsAeeh: form.text("enfantsAeeh", { maxLength: 5, label: "Enfants bénéficiaires de l'AEEH" }),
      residence: form.text("residence", { maxLength: 20, label: "Domicile" }),
      activite: form.text("activite", { maxLength: 64, label: "Activité" }),
      joursParSemaine: form.text("joursParSemaine", { maxLength: 5, label: "Jours par semaine" }),
      enfantsConcernes: form.text("enfantsConcernes", { maxLength: 5, label: "Enfants inscrits à l'activité" })
    }
    ctx.state.formView = { page: "tariff-simulation", title, model: pageModel(kit, page, values), fieldOfPath, fieldOfTag: { NoTariffGridForActivity: "activite" } }
    const input = situationInput(values)
    checkForm("Votre situation", input.problems)
    const problemsOf = <A>(checked: Either.Either<A, InvalidInput>) => (Either.isLeft(checked) ? checked.left.problems : [])
    const problems = [
      ...problemsOf(validate(HypotheticalSituation, "Votre situation")(input.situation)),
      ...problemsOf(validate(UsagePattern, "La simulation des tarifs")(input.usage))
    ]
    if (problems.length > 0) refuse(new InvalidInput({ subject: "Votre situation", problems }))
    const result = await kit.run(simulateTariffForSituation(input.situation, page.on, input.usage, kit.settings.partTable))
    kit.render(ctx, "tariff-simulation", pageModel(kit, page, values, simulationModel(result, page.activities)))
  })
}
