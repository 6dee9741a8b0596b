import { AbsenceReceipt, AbsenceReport, type AbsenceReceipt as Receipt, reportAbsence } from "@spe/core"
import { Schema } from "effect"
import { json, operation } from "../ApiOperation.js"
import { callerHousehold, childOf } from "../ApiHousehold.js"

/** A reported absence, its justification (with the rule in French) and each reservation it marks. */
export const AbsenceReceiptJson = Schema.Struct({
  ...AbsenceReceipt.fields,
  justification: AbsenceReceipt.fields.justification.annotations({ identifier: "AbsenceDecision", description: "Whether the absence is justified, on which basis, and until when a certificate is accepted." }),
  explanation: Schema.String.annotations({ description: "Whether the absence is billed, and why, in French." })
}).annotations({ identifier: "AbsenceReceiptDetail" })

/** "Signaler une absence": a child of the household, a period, a reason. */
export const AbsenceBody = Schema.Struct({
  childId: Schema.propertySignature(AbsenceReport.fields.childId).annotations({ missingMessage: () => "Indiquez l'enfant (childId)." }),
  start: Schema.propertySignature(AbsenceReport.fields.start).annotations({ missingMessage: () => "Indiquez le premier jour d'absence (start)." }),
  end: Schema.propertySignature(AbsenceReport.fields.end).annotations({ missingMessage: () => "Indiquez le dernier jour d'absence (end)." }),
  reason: Schema.propertySignature(
    AbsenceReport.fields.reason.annotations({ message: () => ({ message: "Le motif est illness (maladie), family (raison familiale) ou other (autre).", override: true }) })
  ).annotations({ missingMessage: () => "Indiquez le motif : illness (maladie), family (raison familiale) ou other (autre)." }),
  comment: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(1000, { message: () => "Le commentaire compte 1 000 caractères au plus." })), { exact: true })
}).annotations({ identifier: "AbsenceReportBody" })

const receiptJson = (receipt: Receipt) => ({ ...receipt, explanation: receipt.justification.explanationFr })

/** `POST /absences`: report a child's absence. */
export const absenceOperations = [
  operation({
    method: "post",
    path: "/absences",
    operationId: "reportAbsence",
    tag: "Réservations",
    summary: "Signaler une absence",
    description:
      "Signale l'absence d'un enfant du foyer sur une période (jours inclus) avec un motif. Ses places sur les séances pas encore commencées sont annulées (gratuitement avant le délai d'annulation, hors délai ensuite) et chaque réservation de la période porte la marque que la facturation lit. Une absence pour maladie est justifiée par un certificat médical transmis dans le délai, depuis le portail. 409 si une absence est déjà signalée sur ces jours.",
    access: "family",
    body: {
      schema: AbsenceBody,
      subject: "L'absence",
      description: "L'enfant, le premier et le dernier jour, le motif (`illness`, `family`, `other`), un commentaire facultatif.",
      example: { childId: "m-3", start: "2026-12-03", end: "2026-12-04", reason: "illness", comment: "Varicelle" }
    },
    response: {
      status: 201,
      description: "L'absence enregistrée et ses effets.",
      schema: AbsenceReceiptJson,
      example: {
        absence: { id: "abs-3", childId: "m-3", householdId: "hh-1", start: "2026-12-03", end: "2026-12-04", reason: "illness", comment: "Varicelle", reportedAt: "2026-11-26T08:00:00.000Z" },
        justification: { justified: false, basis: "no-certificate", certificateDeadline: "2026-12-06T23:00:00.000Z" },
        sessions: [],
        explanation: "Absence pour maladie sans certificat médical : …"
      }
    },
    problems: [400, 403, 404, 409, 413, 415, 422],
    handle: async ({ kit, caller, body }) => {
      const household = await callerHousehold(kit, caller)
      const child = childOf(household, body.childId)
      const report = AbsenceReport.make({
        childId: child.id,
        householdId: household.id,
        start: body.start,
        end: body.end,
        reason: body.reason,
        ...(body.comment === undefined || body.comment.trim() === "" ? {} : { comment: body.comment.trim() })
      })
      return json(receiptJson(await kit.run(reportAbsence(report, kit.settings.absences))), { status: 201 })
    }
  })
]
