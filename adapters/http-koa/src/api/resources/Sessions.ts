import {
  ActivityCatalogue,
  ActivityId,
  ActivityNotFound,
  bookingDeadlineFor,
  cancellationDeadlineFor,
  Clock,
  emptyLedger,
  Instant,
  isInTime,
  LocalDate,
  ParisTime,
  placesLeft,
  SessionId,
  SessionLedgerRepository,
  SessionRepository,
  TownCalendarSource
} from "@spe/core"
import { Effect, Schema } from "effect"
import { refuse } from "../../PortalErrors.js"
import { InvalidParameter } from "../ApiProblems.js"
import { operation, periodParameters, periodQuery, queryValue, today } from "../ApiOperation.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"

/** The longest period of sessions asked at once, in days. */
export const sessionsMaxDays = 93

/** A session of an activity, with its free places and its deadlines. */
export const BookableSessionJson = Schema.Struct({
  id: SessionId,
  activityId: ActivityId,
  date: LocalDate.LocalDate,
  slot: Schema.optionalWith(Schema.String, { exact: true }).annotations({ description: "The slot's code (`matin`, `apres-midi`, `journee`) where the activity has several." }),
  startsAt: ParisTime.TimeOfDay,
  capacity: Schema.Int,
  placesLeft: Schema.Int.annotations({ description: "Places not taken now (0: a booking joins the waiting list)." }),
  bookingDeadline: Instant.Instant.annotations({ description: "Until when a booking is accepted." }),
  cancellationDeadline: Instant.Instant.annotations({ description: "Until when a cancellation is free of charge (later: billed unless justified)." }),
  bookingOpen: Schema.Boolean.annotations({
    description: "Whether the booking deadline is still ahead. The child's enrollment, eligibility, holiday booking windows and unpaid invoices are checked when booking, session by session."
  })
}).annotations({ identifier: "BookableSession" })

/** `GET /sessions`: an activity's sessions over a period, with places left and deadlines. */
export const sessionOperations = [
  operation({
    method: "get",
    path: "/sessions",
    operationId: "listSessions",
    tag: "Réservations",
    summary: "Les séances d'une activité",
    description: "Les séances d'une activité sur la période, par date : places restantes, date limite de réservation (« les réservations doivent être faites 48h avant ») et d'annulation gratuite.",
    access: "family",
    paginated: true,
    query: [
      { name: "activityId", description: "L'activité (`id` de GET /activities).", required: true, schema: { type: "string", maxLength: 64 }, example: "canteen" },
      ...periodQuery("des séances", sessionsMaxDays, "Aujourd'hui par défaut ; la période dure 31 jours par défaut."),
      ...pageQuery
    ],
    response: {
      status: 200,
      description: "Une page de séances, par date.",
      schema: pageOf(BookableSessionJson, "SessionPage"),
      example: {
        items: [{
          id: "canteen-2026-12-03",
          activityId: "canteen",
          date: "2026-12-03",
          startsAt: "11:45",
          capacity: 120,
          placesLeft: 37,
          bookingDeadline: "2026-12-01T10:45:00.000Z",
          cancellationDeadline: "2026-12-01T10:45:00.000Z",
          bookingOpen: true
        }]
      }
    },
    problems: [400, 403, 404],
    handle: async ({ ctx, kit }) => {
      const raw = queryValue(ctx, "activityId")
      if (raw === undefined || raw === "") return refuse(new InvalidParameter({ problems: [{ path: "activityId", message: "Indiquez l'activité (activityId), par exemple celle de la cantine." }] }))
      const activityId = Schema.decodeUnknownOption(ActivityId)(raw)
      if (activityId._tag === "None") return refuse(new ActivityNotFound({ activityId: raw.slice(0, 64) }))
      const start = await today(kit)
      const period = periodParameters(ctx, { from: start, to: LocalDate.addDays(start, 30) }, sessionsMaxDays)
      const sessions = await kit.run(
        Effect.gen(function* () {
          const activity = yield* (yield* ActivityCatalogue).byId(activityId.value)
          const calendar = yield* (yield* TownCalendarSource).get
          const now = yield* (yield* Clock).now
          const list = yield* (yield* SessionRepository).listByActivity(activity.id, period.from, period.to)
          const ledgers = yield* (yield* SessionLedgerRepository).between(period.from, period.to)
          const byId = new Map(ledgers.filter((l) => l.session.activityId === activity.id).map((l) => [l.session.id as string, l]))
          return list.map((session) => {
            const bookingDeadline = bookingDeadlineFor(session, activity, calendar)
            return {
              id: session.id,
              activityId: session.activityId,
              date: session.date,
              ...(session.slot === undefined ? {} : { slot: session.slot }),
              startsAt: session.startsAt,
              capacity: session.capacity,
              placesLeft: placesLeft(byId.get(session.id) ?? emptyLedger(session)),
              bookingDeadline,
              cancellationDeadline: cancellationDeadlineFor(session, activity, calendar),
              bookingOpen: isInTime(now, bookingDeadline)
            }
          })
        })
      )
      const page = paginate(ctx, sessions, (s) => s.id)
      return pageReply(page)
    }
  })
]
