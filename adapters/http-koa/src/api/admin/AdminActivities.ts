import {
  Activity,
  ActivityCatalogue,
  ActivityId,
  ActivityNotFound,
  AttendanceRecord,
  AttendanceRegister,
  AttendanceStatus,
  HouseholdId,
  LocalDate,
  MemberId,
  recordRollCall,
  Reservation,
  Session,
  SessionId,
  SessionLedgerRepository,
  SessionNotFound,
  SessionRepository
} from "@spe/core"
import { Effect, Either, Schema } from "effect"
import type { PortalContext } from "../../PortalContext.js"
import { refuse } from "../../PortalErrors.js"
import { json, periodParameters, periodQuery, queryValue, today } from "../ApiOperation.js"
import { InvalidParameter } from "../ApiProblems.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"
import { adminOperation } from "./AdminApi.js"

const tag = "Agents – Activités"

/** The longest period asked at once, in days. */
export const adminPeriodMaxDays = 93

const invalid = (path: string, message: string): never => refuse(new InvalidParameter({ problems: [{ path, message }] }))

const sessionIdParameter = (ctx: PortalContext): SessionId | undefined => {
  const raw = queryValue(ctx, "sessionId")
  if (raw === undefined) return undefined
  const id = Schema.decodeUnknownOption(SessionId)(raw)
  return id._tag === "Some" ? id.value : refuse(new SessionNotFound({ sessionId: SessionId.make(raw.replace(/\s+/g, "").slice(0, 64) || "?") }))
}

const exampleSession = { id: "canteen-2026-12-03", activityId: "canteen", date: "2026-12-03", startsAt: "11:45", capacity: 120 }

const exampleReservation = {
  id: "res-1",
  sessionId: "canteen-2026-12-03",
  childId: "m-3",
  householdId: "hh-1",
  requestedAt: "2026-11-20T08:00:00.000Z",
  bookedAt: "2026-11-20T08:00:00.000Z",
  via: "request"
}

const exampleRecord = { sessionId: "canteen-2026-11-26", childId: "m-3", householdId: "hh-1", status: "present", recordedAt: "2026-11-26T11:50:00.000Z", recordedBy: "Agent de cantine" }

/** The roll-call of a session, as a town software sends it: each child present or absent. */
export const RollCallJson = Schema.Struct({
  sessionId: SessionId,
  entries: Schema.Array(Schema.Struct({ childId: MemberId, householdId: HouseholdId, status: AttendanceStatus }))
}).annotations({ identifier: "RollCall" })

/** What a roll-call recorded. */
export const RollCallResultJson = Schema.Struct({
  records: Schema.Array(AttendanceRecord),
  present: Schema.Int,
  absent: Schema.Int,
  presentWithoutReservation: Schema.Int
}).annotations({ identifier: "RollCallResult" })

/** The agents' API on activities: the catalogue, sessions, reservations, attendance and roll-calls. */
export const adminActivityOperations = [
  adminOperation({
    method: "get",
    path: "/admin/activities",
    operationId: "adminListActivities",
    tag,
    summary: "Les activités",
    description: "Les prestations de la commune, par identifiant : créneaux, âges et niveaux admis, capacité, règles de réservation.",
    scope: "activities:read",
    audit: { action: "api.activities.read", targetKind: "activity" },
    paginated: true,
    query: pageQuery,
    response: { status: 200, description: "Une page d'activités.", schema: pageOf(Activity, "AdminActivityPage"), example: { items: [] } },
    problems: [400],
    handle: async ({ ctx, kit }) => pageReply(paginate(ctx, await kit.run(Effect.flatMap(ActivityCatalogue, (c) => c.list)), (a) => a.id))
  }),
  adminOperation({
    method: "get",
    path: "/admin/sessions",
    operationId: "adminListSessions",
    tag,
    summary: "Les séances d'une activité",
    description: `Les séances d'une activité sur une période (${adminPeriodMaxDays} jours au plus), par date.`,
    scope: "activities:read",
    audit: { action: "api.sessions.read", targetKind: "activity" },
    paginated: true,
    query: [
      { name: "activityId", description: "L'activité (`id` de GET /admin/activities).", required: true, schema: { type: "string", maxLength: 64 }, example: "restauration-scolaire" },
      ...periodQuery("des séances", adminPeriodMaxDays, "Aujourd'hui par défaut ; 31 jours par défaut."),
      ...pageQuery
    ],
    response: { status: 200, description: "Une page de séances.", schema: pageOf(Session, "AdminSessionPage"), example: { items: [exampleSession] } },
    problems: [400, 404],
    handle: async ({ ctx, kit }) => {
      const raw = queryValue(ctx, "activityId")
      if (raw === undefined || raw === "") return invalid("activityId", "Indiquez l'activité (activityId).")
      const activityId = Schema.decodeUnknownOption(ActivityId)(raw)
      if (activityId._tag === "None") return refuse(new ActivityNotFound({ activityId: raw.slice(0, 64) }))
      const start = await today(kit)
      const period = periodParameters(ctx, { from: start, to: LocalDate.addDays(start, 30) }, adminPeriodMaxDays)
      const sessions = await kit.run(
        Effect.gen(function* () {
          const activity = yield* (yield* ActivityCatalogue).byId(activityId.value)
          return yield* (yield* SessionRepository).listByActivity(activity.id, period.from, period.to)
        })
      )
      return pageReply(paginate(ctx, sessions, (s) => s.id))
    }
  }),
  adminOperation({
    method: "get",
    path: "/admin/reservations",
    operationId: "adminListReservations",
    tag,
    summary: "Les réservations",
    description: `Les réservations d'une séance (\`sessionId\`), ou d'un enfant (\`childId\`) sur une période (${adminPeriodMaxDays} jours au plus), annulées comprises (\`cancellation\`).`,
    scope: "reservations:read",
    audit: { action: "api.reservations.read", targetKind: "reservation" },
    paginated: true,
    query: [
      { name: "sessionId", description: "La séance. Ou bien `childId`.", required: false, schema: { type: "string", maxLength: 64 }, example: "canteen-2026-12-03" },
      { name: "childId", description: "L'enfant (`id` d'un enfant du foyer). Ou bien `sessionId`.", required: false, schema: { type: "string", maxLength: 64 } },
      ...periodQuery("des séances de l'enfant", adminPeriodMaxDays, "Aujourd'hui par défaut ; 31 jours par défaut."),
      ...pageQuery
    ],
    response: { status: 200, description: "Une page de réservations.", schema: pageOf(Reservation, "AdminReservationPage"), example: { items: [exampleReservation] } },
    problems: [400, 404],
    handle: async ({ ctx, kit }) => {
      const sessionId = sessionIdParameter(ctx)
      const childRaw = queryValue(ctx, "childId")
      if ((sessionId === undefined) === (childRaw === undefined)) return invalid("sessionId", "Indiquez soit la séance (sessionId), soit l'enfant (childId).")
      if (sessionId !== undefined) {
        const ledger = await kit.run(Effect.flatMap(SessionLedgerRepository, (ledgers) => ledgers.get(sessionId)))
        return pageReply(paginate(ctx, ledger.reservations, (r) => r.id))
      }
      const childId = Schema.decodeUnknownOption(MemberId)(childRaw)
      if (childId._tag === "None") return invalid("childId", "Cet identifiant d'enfant n'a pas la forme attendue.")
      const start = await today(kit)
      const period = periodParameters(ctx, { from: start, to: LocalDate.addDays(start, 30) }, adminPeriodMaxDays)
      const ledgers = await kit.run(Effect.flatMap(SessionLedgerRepository, (l) => l.forChild(childId.value, period.from, period.to)))
      const reservations = [...ledgers]
        .sort((a, b) => (a.session.date < b.session.date ? -1 : a.session.date > b.session.date ? 1 : 0))
        .flatMap((l) => l.reservations.filter((r) => r.childId === childId.value))
      return pageReply(paginate(ctx, reservations, (r) => r.id))
    }
  }),
  adminOperation({
    method: "get",
    path: "/admin/attendance",
    operationId: "adminListAttendance",
    tag,
    summary: "Les présences",
    description: "Le pointage d'une séance (`sessionId`) ou de toutes les séances d'un jour (`date`).",
    scope: "reservations:read",
    audit: { action: "api.attendance.read", targetKind: "session" },
    paginated: true,
    query: [
      { name: "sessionId", description: "La séance. Ou bien `date`.", required: false, schema: { type: "string", maxLength: 64 }, example: "canteen-2026-11-26" },
      { name: "date", description: "Le jour (AAAA-MM-JJ). Ou bien `sessionId`.", required: false, schema: { type: "string", format: "date" }, example: "2026-11-26" },
      ...pageQuery
    ],
    response: { status: 200, description: "Une page de présences pointées.", schema: pageOf(AttendanceRecord, "AdminAttendancePage"), example: { items: [exampleRecord] } },
    problems: [400, 404],
    handle: async ({ ctx, kit }) => {
      const sessionId = sessionIdParameter(ctx)
      const dateRaw = queryValue(ctx, "date")
      if ((sessionId === undefined) === (dateRaw === undefined)) return invalid("sessionId", "Indiquez soit la séance (sessionId), soit le jour (date).")
      const keyOf = (r: AttendanceRecord) => `${r.sessionId}/${r.childId}`
      if (sessionId !== undefined) {
        const records = await kit.run(
          Effect.gen(function* () {
            yield* (yield* SessionRepository).get(sessionId)
            return yield* (yield* AttendanceRegister).forSession(sessionId)
          })
        )
        return pageReply(paginate(ctx, records, keyOf))
      }
      const date = LocalDate.parse(dateRaw ?? "")
      if (Either.isLeft(date)) return invalid("date", "Une date s'écrit AAAA-MM-JJ, par exemple 2026-11-26.")
      const records = await kit.run(Effect.flatMap(AttendanceRegister, (register) => register.between(date.right, date.right)))
      return pageReply(paginate(ctx, records, keyOf))
    }
  }),
  adminOperation({
    method: "post",
    path: "/admin/attendance",
    operationId: "adminRecordRollCall",
    tag,
    summary: "Enregistrer un pointage",
    description: "Le pointage d'une séance du jour ou passée : chaque enfant présent ou absent (un enfant présent sans réservation est facturé selon le règlement). Les marques remplacent les précédentes des mêmes enfants ; l'action est inscrite au journal (`attendance.record`).",
    scope: "attendance:write",
    audit: { action: "api.attendance.record", targetKind: "session", bodyField: "sessionId" },
    body: {
      schema: RollCallJson,
      subject: "Pointage",
      description: "La séance et les marques.",
      example: { sessionId: "canteen-2026-11-26", entries: [{ childId: "m-3", householdId: "hh-1", status: "present" }] }
    },
    response: {
      status: 200,
      description: "Les présences enregistrées et les comptes.",
      schema: RollCallResultJson,
      example: { records: [exampleRecord], present: 1, absent: 0, presentWithoutReservation: 0 }
    },
    problems: [400, 404, 413, 415, 422],
    handle: async ({ kit, actor, body }) => json(await kit.run(recordRollCall(actor, { sessionId: body.sessionId, entries: body.entries })))
  })
]
