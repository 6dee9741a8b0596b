import { describeQuotientSource, LocalDate, quotientForPricing, QuotientRecord, quotientHistory, QuotientUsed } from "@spe/core"
import { Option, Schema } from "effect"
import { json, operation, today } from "../ApiOperation.js"

const QuotientRecordJson = QuotientRecord.annotations({ identifier: "QuotientRecord" })

/** The household's quotient familial today, what prices use, and its history. */
export const QuotientJson = Schema.Struct({
  on: LocalDate.LocalDate,
  current: Schema.optionalWith(QuotientRecordJson, { exact: true }).annotations({ description: "The validated QF covering today; absent when there is none (the highest tariff applies)." }),
  currentSource: Schema.optionalWith(Schema.String, { exact: true }).annotations({ description: "Where the current QF comes from, in French." }),
  pricing: QuotientUsed,
  history: Schema.Array(QuotientRecordJson).annotations({ description: "Every QF recorded, validated, pending or rejected, oldest first." })
}).annotations({ identifier: "HouseholdQuotient" })

/** `GET /quotient`: "Mes QF/Revenus". */
export const quotientOperations = [
  operation({
    method: "get",
    path: "/quotient",
    operationId: "getQuotient",
    tag: "Foyer",
    summary: "Mes QF/Revenus",
    description: "Le quotient familial du foyer aujourd'hui (celui que les prix utilisent, et d'où il vient) et son historique. Sans quotient valide, le tarif le plus élevé s'applique.",
    access: "family",
    response: {
      status: 200,
      description: "Le quotient familial du foyer.",
      schema: QuotientJson,
      example: {
        on: "2026-11-26",
        current: {
          id: "qf-1",
          householdId: "hh-1",
          qf: 780,
          source: { _tag: "CafNumber", cafNumber: "1234567" },
          validFrom: "2026-01-01",
          validTo: "2026-12-31",
          review: { _tag: "Validated", at: "2026-01-09T08:15:00.000Z", by: "acc-agent" },
          submittedAt: "2026-01-08T09:00:00.000Z"
        },
        currentSource: "transmis par la CAF (allocataire n° 1234567)",
        pricing: { _tag: "QuotientKnown", qf: 780, source: "caf", recordId: "qf-1" },
        history: []
      }
    },
    problems: [403],
    handle: async ({ kit, caller }) => {
      const on = await today(kit)
      const history = await kit.run(quotientHistory(caller.householdId))
      const pricing = quotientForPricing(history, on)
      const current = pricing._tag === "QuotientKnown" ? Option.fromNullable(history.find((r) => r.id === pricing.recordId)) : Option.none()
      return json({
        on,
        ...(Option.isSome(current) ? { current: current.value, currentSource: describeQuotientSource(current.value.source) } : {}),
        pricing,
        history
      })
    }
  })
]
