import {
  ActivityId,
  Cents,
  HypotheticalSituation,
  PriceExplanation,
  QuotientUsed,
  Residency,
  simulateTariffForHousehold,
  simulateTariffForSituation,
  TariffGridId,
  UsagePattern
} from "@spe/core"
import { Schema } from "effect"
import { json, operation, today, underBodyPath } from "../ApiOperation.js"

/** One child's price for an activity, explained, and its monthly estimate. */
export const SimulatedChildJson = Schema.Struct({
  childLabel: Schema.String.annotations({ description: "The child's first name, or « 1er enfant », « 2e enfant » for another situation." }),
  rank: Schema.Int.annotations({ description: "Rank among the children using the activity (1: the eldest), for sibling reductions." }),
  unitPrice: Cents.Cents,
  sessions: Schema.Int,
  monthly: Cents.Cents,
  line: Schema.String,
  explanation: PriceExplanation
}).annotations({ identifier: "SimulatedChild" })

/** One activity of a simulation. */
export const SimulatedActivityJson = Schema.Struct({
  activityId: ActivityId,
  gridId: TariffGridId,
  gridLabel: Schema.String,
  daysPerWeek: Schema.Int,
  weeks: Schema.Int,
  children: Schema.Array(SimulatedChildJson),
  monthly: Cents.Cents
}).annotations({ identifier: "SimulatedActivity" })

/** What the family would pay: unit prices explained line by line, and a monthly estimate. */
export const SimulationJson = Schema.Struct({
  schoolYear: Schema.String,
  quotient: QuotientUsed,
  residency: Residency,
  activities: Schema.Array(SimulatedActivityJson),
  monthlyTotal: Cents.Cents,
  lines: Schema.Array(Schema.String).annotations({ description: "The whole computation in French, line by line." })
}).annotations({ identifier: "TariffSimulation" })

/** A simulation: of the household's own situation (no `situation`), or of another one. */
export const SimulationBody = Schema.Struct({
  situation: Schema.optionalWith(HypotheticalSituation, { exact: true }).annotations({
    description: "Another situation (« une autre situation »): income (in cents) or QF, parents, children, residency. Absent: the household's own QF, residency and children."
  }),
  usage: Schema.propertySignature(UsagePattern).annotations({ missingMessage: () => "Indiquez les activités à simuler (usage)." })
}).annotations({ identifier: "TariffSimulationRequest" })

/** `POST /tariff-simulations`: "Simulation des tarifs". */
export const tariffSimulationOperations = [
  operation({
    method: "post",
    path: "/tariff-simulations",
    operationId: "simulateTariffs",
    tag: "Foyer",
    summary: "Simulation des tarifs",
    description:
      "Le tarif des activités selon la situation familiale, calculé comme les factures : pour chaque activité et chaque enfant, le prix d'une séance et son explication (QF retenu et sa source, tranche ou taux d'effort, plancher et plafond, majoration non-résident, rang dans la fratrie), puis une estimation pour un mois. Sans `situation`, la situation du foyer (son QF aujourd'hui, sa résidence, ses enfants) ; avec, une autre situation. Rien n'est enregistré.",
    access: "family",
    body: {
      schema: SimulationBody,
      subject: "La simulation des tarifs",
      description: "Les activités et leur usage (jours par semaine, enfants concernés), et éventuellement une autre situation.",
      example: {
        situation: { income: { _tag: "KnownQuotient", qf: 650 }, adults: 2, children: 2, residency: "resident" },
        usage: { uses: [{ activityId: "canteen", daysPerWeek: 4, children: 2 }], weeks: 4 }
      }
    },
    response: {
      status: 200,
      description: "Les prix et l'estimation mensuelle, expliqués.",
      schema: SimulationJson,
      example: {
        schoolYear: "2026-2027",
        quotient: { _tag: "QuotientKnown", qf: 650, source: "simulation" },
        residency: "resident",
        activities: [],
        monthlyTotal: 0,
        lines: ["Quotient familial indiqué : 650 €.", "Estimation pour un mois de 4 semaines : 0,00 €"]
      }
    },
    problems: [400, 403, 413, 415, 422],
    handle: async ({ kit, caller, body }) => {
      const on = await today(kit)
      const result = body.situation === undefined
        ? await kit.run(underBodyPath("usage", simulateTariffForHousehold(caller.householdId, on, body.usage)))
        : await kit.run(simulateTariffForSituation(body.situation, on, body.usage, kit.settings.partTable))
      return json(result)
    }
  })
]
