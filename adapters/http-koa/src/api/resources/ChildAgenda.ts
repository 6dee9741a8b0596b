import { AgendaEntry, agendaOfChild, LocalDate } from "@spe/core"
import { Schema } from "effect"
import { operation, periodParameters, periodQuery, today } from "../ApiOperation.js"
import { callerHousehold, childOf } from "../ApiHousehold.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"

/** The longest agenda asked at once, in days. */
export const agendaMaxDays = 366

/** One day of a child's agenda, and what it shows first. */
export const AgendaEntryJson = Schema.Struct({
  ...AgendaEntry.fields,
  status: Schema.Literal("booked", "waitlisted", "offered", "cancelled", "absent", "attended", "not-booked").annotations({
    description: "What the agenda shows first: the agent's record, then a reported absence, then the booking."
  })
}).annotations({ identifier: "AgendaEntryDetail" })

/** `GET /children/{childId}/agenda`: a child's sessions (booked, waitlisted, cancelled, absent, attended). */
export const childAgendaOperations = [
  operation({
    method: "get",
    path: "/children/{childId}/agenda",
    operationId: "getChildAgenda",
    tag: "Réservations",
    summary: "L'agenda d'un enfant",
    description: "Les séances de l'enfant sur la période, par date : réservées, en liste d'attente (avec la position), proposées, annulées (à temps ou hors délai), absences signalées et présences pointées. Un enfant d'un autre foyer est introuvable (404).",
    access: "family",
    paginated: true,
    pathParameters: { childId: "L'identifiant de l'enfant (`children[].id` de GET /household)." },
    query: [...periodQuery("de l'agenda", agendaMaxDays, "Aujourd'hui par défaut ; la période dure 31 jours par défaut."), ...pageQuery],
    response: {
      status: 200,
      description: "Une page de l'agenda, par date.",
      schema: pageOf(AgendaEntryJson, "AgendaPage"),
      example: {
        items: [{
          date: "2026-12-02",
          sessionId: "wednesday-journee-2026-12-02",
          activityId: "wednesday",
          slot: "journee",
          startsAt: "08:30",
          childId: "m-3",
          householdId: "hh-1",
          booking: { _tag: "Booked", reservationId: "res-1", via: "request" },
          status: "booked"
        }]
      }
    },
    problems: [400, 403, 404],
    handle: async ({ ctx, kit, caller, params }) => {
      const child = childOf(await callerHousehold(kit, caller), params["childId"] ?? "")
      const start = await today(kit)
      const period = periodParameters(ctx, { from: start, to: LocalDate.addDays(start, 30) }, agendaMaxDays)
      const entries = await kit.run(agendaOfChild(child.id, period.from, period.to))
      const page = paginate(ctx, entries, (e) => e.sessionId)
      return pageReply(page, (e) => ({ ...e, status: e.status }))
    }
  })
]
