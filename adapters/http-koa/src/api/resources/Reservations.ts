import {
  BookSessionsCommand,
  bookSessions,
  type BatchOutcome,
  type CancellationBatchOutcome,
  CancelReservationsCommand,
  cancelReservations,
  LocalDate,
  MemberId,
  ReservationId
} from "@spe/core"
import { Schema } from "effect"
import { json, operation } from "../ApiOperation.js"
import { callerHousehold, childForBooking, childOf } from "../ApiHousehold.js"

/** Why the core refused one session: its refusal's tag and its French message (which rule, until when, what to do). */
export const SessionRefusalJson = Schema.Struct({
  code: Schema.String.annotations({ description: "The refusal's tag: `BookingDeadlinePassed`, `ChildNotEnrolled`, `WholeWeekRequired`, `HouseholdBlockedForUnpaidInvoices`, `NothingToCancel`…" }),
  message: Schema.String.annotations({ description: "The refusal in French: which rule refused, and what to do instead." })
}).annotations({ identifier: "SessionRefusal" })

/** What became of one session of a booking. */
export const BookingOutcomeJson = Schema.Struct({
  sessionId: BookSessionsCommand.fields.sessionIds.value,
  date: Schema.optionalWith(LocalDate.LocalDate, { exact: true }).annotations({ description: "Absent when the session does not exist." }),
  result: Schema.Literal("booked", "waitlisted", "refused"),
  reservationId: Schema.optionalWith(ReservationId, { exact: true }),
  position: Schema.optionalWith(Schema.Int, { exact: true }).annotations({ description: "The position on the waiting list." }),
  refusal: Schema.optionalWith(SessionRefusalJson, { exact: true })
}).annotations({ identifier: "BookingOutcome" })

/** The answer to a booking: every session asked, once, in the order asked. */
export const BookingBatchJson = Schema.Struct({
  childId: MemberId,
  outcomes: Schema.Array(BookingOutcomeJson),
  summary: Schema.Array(Schema.String).annotations({ description: "One French sentence per session (« jeudi 3 décembre 2026 : réservé. »)." })
}).annotations({ identifier: "BookingBatch" })

/** What became of one session of a cancellation. */
export const CancellationOutcomeJson = Schema.Struct({
  sessionId: BookSessionsCommand.fields.sessionIds.value,
  date: Schema.optionalWith(LocalDate.LocalDate, { exact: true }),
  result: Schema.Literal("cancelled", "left-waitlist", "refused"),
  reservationId: Schema.optionalWith(ReservationId, { exact: true }),
  late: Schema.optionalWith(Schema.Boolean, { exact: true }).annotations({ description: "Cancelled after the cancellation deadline: billed unless an absence is justified." }),
  refusal: Schema.optionalWith(SessionRefusalJson, { exact: true })
}).annotations({ identifier: "CancellationOutcome" })

/** The answer to a cancellation: every session asked, once, in the order asked. */
export const CancellationBatchJson = Schema.Struct({
  childId: MemberId,
  outcomes: Schema.Array(CancellationOutcomeJson)
}).annotations({ identifier: "CancellationBatch" })

/** One child and the sessions to book or cancel. */
export const SessionsOfChildBody = Schema.Struct({
  childId: Schema.propertySignature(CancelReservationsCommand.fields.childId).annotations({ missingMessage: () => "Indiquez l'enfant (childId)." }),
  sessionIds: Schema.propertySignature(
    BookSessionsCommand.fields.sessionIds.pipe(
      Schema.minItems(1, { message: () => "Indiquez au moins une séance." }),
      Schema.maxItems(400, { message: () => "Indiquez 400 séances au plus par requête." })
    )
  ).annotations({ missingMessage: () => "Indiquez les séances (sessionIds)." })
}).annotations({ identifier: "SessionsOfChild" })

const refusalOf = (refusal: { readonly _tag: string; readonly message: string }) => ({ code: refusal._tag, message: refusal.message })

const bookingJson = (batch: BatchOutcome) => ({
  childId: batch.childId,
  outcomes: batch.outcomes.map((o) => ({
    sessionId: o.sessionId,
    ...(o.date === undefined ? {} : { date: o.date }),
    ...(o.result._tag === "Booked"
      ? { result: "booked", reservationId: o.result.reservationId }
      : o.result._tag === "Waitlisted"
        ? { result: "waitlisted", reservationId: o.result.reservationId, position: o.result.position }
        : { result: "refused", refusal: refusalOf(o.result.refusal) })
  })),
  summary: batch.summaryFr
})

const cancellationJson = (batch: CancellationBatchOutcome) => ({
  childId: batch.childId,
  outcomes: batch.outcomes.map((o) => ({
    sessionId: o.sessionId,
    ...(o.date === undefined ? {} : { date: o.date }),
    ...(o.result._tag === "Cancelled"
      ? { result: "cancelled", reservationId: o.result.reservationId, late: o.result.late }
      : o.result._tag === "LeftWaitlist"
        ? { result: "left-waitlist", reservationId: o.result.reservationId }
        : { result: "refused", refusal: refusalOf(o.result.refusal) })
  }))
})

/** Booking and cancelling sessions for a child of the household ("Gérer mes réservations"). */
export const reservationOperations = [
  operation({
    method: "post",
    path: "/reservations",
    operationId: "bookSessions",
    tag: "Réservations",
    summary: "Réserver des séances",
    description:
      "Réserve des séances pour un enfant du foyer. Chaque séance reçoit sa propre réponse, dans l'ordre demandé : réservée, en liste d'attente (avec la position) ou refusée avec la règle qui refuse (délai de 48 h passé, inscription manquante, semaine complète exigée, impayés…). La réponse est 200 même quand des séances sont refusées. Un enfant d'un autre foyer est introuvable (404).",
    access: "family",
    body: {
      schema: SessionsOfChildBody,
      subject: "La réservation",
      description: "L'enfant et les séances (`id` de GET /sessions), 400 au plus.",
      example: { childId: "m-3", sessionIds: ["canteen-2026-12-03", "canteen-2026-12-04"] }
    },
    response: {
      status: 200,
      description: "Le résultat de chaque séance.",
      schema: BookingBatchJson,
      example: {
        childId: "m-3",
        outcomes: [
          { sessionId: "canteen-2026-12-03", date: "2026-12-03", result: "booked", reservationId: "res-41" },
          { sessionId: "canteen-2026-11-27", date: "2026-11-27", result: "refused", refusal: { code: "BookingDeadlinePassed", message: "La réservation du vendredi 27 novembre 2026 était possible jusqu'au …" } }
        ],
        summary: ["jeudi 3 décembre 2026 : réservé.", "vendredi 27 novembre 2026 : refusé. La réservation du vendredi 27 novembre 2026 était possible jusqu'au …"]
      }
    },
    problems: [400, 403, 404, 413, 415, 422],
    handle: async ({ kit, caller, body }) => {
      const household = await callerHousehold(kit, caller)
      const child = childOf(household, body.childId)
      const batch = await kit.run(bookSessions(BookSessionsCommand.make({ child: childForBooking(household, child), sessionIds: body.sessionIds })))
      return json(bookingJson(batch))
    }
  }),
  operation({
    method: "post",
    path: "/reservations/cancellations",
    operationId: "cancelReservations",
    tag: "Réservations",
    summary: "Annuler des réservations",
    description:
      "Annule les places d'un enfant du foyer (réservations ou listes d'attente). Chaque séance reçoit sa propre réponse : annulée (gratuitement jusqu'au délai d'annulation, « hors délai » ensuite : facturée sauf absence justifiée), retirée de la liste d'attente, ou refusée avec la raison. La place libérée va à la liste d'attente.",
    access: "family",
    body: {
      schema: SessionsOfChildBody,
      subject: "L'annulation",
      description: "L'enfant et les séances à annuler, 400 au plus.",
      example: { childId: "m-3", sessionIds: ["canteen-2026-12-03"] }
    },
    response: {
      status: 200,
      description: "Le résultat de chaque séance.",
      schema: CancellationBatchJson,
      example: { childId: "m-3", outcomes: [{ sessionId: "canteen-2026-12-03", date: "2026-12-03", result: "cancelled", reservationId: "res-41", late: false }] }
    },
    problems: [400, 403, 404, 413, 415, 422],
    handle: async ({ kit, caller, body }) => {
      const household = await callerHousehold(kit, caller)
      const child = childOf(household, body.childId)
      const batch = await kit.run(cancelReservations(CancelReservationsCommand.make({ childId: child.id, householdId: household.id, sessionIds: body.sessionIds })))
      return json(cancellationJson(batch))
    }
  })
]
