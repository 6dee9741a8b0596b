/**
 * The summer-camp opening minute, through the core's use cases on the real database: 5,000 families
 * each book one child on a holiday week (10 weeks of 30 places, booked by whole weeks), 200 requests
 * at a time, as the booking window opens. Prints the requests and session decisions per second,
 * the latency of a request, overbooked places and lost requests (both must be 0), and pgbench's TPS
 * on the same server with as many clients. `npm run bench:rush`; `DATABASE_URL` names the database.
 */
import "reflect-metadata"
import {
  Activity,
  ActivityCatalogue,
  ActivityId,
  BookingPolicy,
  BookingWindow,
  bookSessions,
  BookSessionsCommand,
  ChildForBooking,
  Clock,
  Deadline,
  Eligibility,
  Enrollment,
  EnrollmentId,
  EnrollmentRepository,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  ParisTime,
  Session,
  SessionId,
  SessionLedgerRepository,
  SessionRepository,
  TariffGridId,
  TownCalendar,
  TownCalendarSource,
  WindowPhase
} from "@spe/core"
import { type Database, migrate } from "@spe/persistence-mikro-orm"
import { createContainer, loadSettings, portsRuntime, shutdown, Tokens } from "@spe/server"
import { Effect, Either } from "effect"
import { benchDatabase, benchDatabaseLabel, benchTown, fr, pool, quantile, runPgbench } from "./BenchSupport.js"

const FAMILIES = 5_000
const WEEKS = 10
const PLACES = 30
const CONCURRENCY = 200
const PGBENCH_SECONDS = 20

const opensAt = Instant.unsafe("2026-05-04T06:00:00Z")
const rushNow = Instant.unsafe("2026-05-04T06:00:30Z")
const firstMonday = LocalDate.unsafe("2026-06-22")

const camp = new Activity({
  id: ActivityId.make("banc-alsh-ete"),
  kind: "holiday",
  name: "Accueil de loisirs d'été (banc d'essai)",
  enrollmentFamily: "extrascolaire",
  eligibility: new Eligibility({ minAge: 3, maxAge: 14 }),
  capacity: PLACES,
  ageGroups: [],
  slots: [],
  tariffGridId: TariffGridId.make("banc-grille-alsh"),
  bookingPolicy: new BookingPolicy({
    bookingDeadline: new Deadline({ daysBefore: 3, counting: "working", at: ParisTime.timeOfDay("12:00") }),
    cancellationDeadline: new Deadline({ daysBefore: 3, counting: "working", at: ParisTime.timeOfDay("12:00") }),
    windows: [
      new BookingWindow({
        label: "Été 2026",
        periodStart: firstMonday,
        periodEnd: LocalDate.addDays(firstMonday, WEEKS * 7 - 1),
        phases: [new WindowPhase({ opensAt, audience: "everyone" })],
        closesAt: Instant.unsafe("2026-06-26T16:00:00Z")
      })
    ],
    wholeWeekOnly: true,
    waitlist: { _tag: "BookAtOnce" }
  })
})

const weeks: ReadonlyArray<ReadonlyArray<Session>> = Array.from({ length: WEEKS }, (_, w) =>
  Array.from({ length: 5 }, (_, d) => {
    const date = LocalDate.addDays(firstMonday, w * 7 + d)
    return new Session({ id: SessionId.make(`banc-alsh:${date}`), activityId: camp.id, date, startsAt: ParisTime.timeOfDay("08:30"), capacity: PLACES })
  })
)

const calendar = new TownCalendar({ zone: "B", alsaceMoselle: false, schoolWeekdays: [1, 2, 4, 5], knownSchoolYears: [], schoolHolidays: [], closures: [] })

const children = Array.from({ length: FAMILIES }, (_, n) => {
  const name = `banc-enfant-${String(n).padStart(5, "0")}`
  return new ChildForBooking({
    childId: MemberId.make(name),
    householdId: HouseholdId.make(`banc-foyer-${String(n).padStart(5, "0")}`),
    birthDate: LocalDate.unsafe(`201${5 + (n % 5)}-0${1 + (n % 9)}-1${n % 10}`),
    resident: true
  })
})
const schoolYear = LocalDate.schoolYear(firstMonday)

async function main(): Promise<void> {
  const settings = Either.getOrThrowWith(loadSettings({ env: process.env, cwd: process.cwd() }), (e) => new Error(e.message))
  const database = benchDatabase(settings)
  console.log(`Base : ${benchDatabaseLabel(database)}`)
  console.log(`Ruée : ${fr(FAMILIES)} familles, ${WEEKS} semaines de ${PLACES} places (${WEEKS * 5} séances, réservation à la semaine), ${CONCURRENCY} demandes à la fois`)
  const container = await createContainer(settings, { database, town: benchTown })
  let pgbenchUrl: string | undefined
  try {
    await migrate(container.resolve<Database>(Tokens.Database))
    const runtime = portsRuntime(container)

    const setupStart = performance.now()
    await runtime.runPromise(
      Effect.gen(function* () {
        const sessions = yield* SessionRepository
        if ((yield* sessions.listByActivity(camp.id, firstMonday, LocalDate.addDays(firstMonday, WEEKS * 7))).length > 0)
          return yield* Effect.dieMessage("La base contient déjà les données du banc d'essai : donnez une base vide (DATABASE_URL).")
        yield* (yield* TownCalendarSource).save(calendar)
        yield* (yield* ActivityCatalogue).save(camp)
        yield* sessions.saveMany(weeks.flat())
        const enrollments = yield* EnrollmentRepository
        yield* Effect.forEach(
          children,
          (child) =>
            enrollments.save(
              new Enrollment({
                id: EnrollmentId.make(`banc-enr-${child.childId}`),
                childId: child.childId,
                householdId: child.householdId,
                schoolYear,
                enrollmentFamily: camp.enrollmentFamily,
                requestedAt: Instant.unsafe("2026-03-01T08:00:00Z"),
                status: { _tag: "Accepted", decidedAt: Instant.unsafe("2026-03-15T08:00:00Z") }
              })
            ),
          { concurrency: 16, discard: true }
        )
      })
    )
    console.log(`Préparation (activité, ${WEEKS * 5} séances, ${fr(FAMILIES)} inscriptions) : ${fr((performance.now() - setupStart) / 1000, 1)} s`)

    const latencies: Array<number> = []
    const answers = { booked: 0, waitlisted: 0, refused: 0 }
    const expected = new Map<string, { booked: number; waitlisted: number }>()
    const refusals = new Map<string, number>()
    let failed = 0
    let firstFailure: string | undefined
    const fixedClock = { now: Effect.succeed(rushNow) }
    const start = performance.now()
    await pool(children, CONCURRENCY, async (child, index) => {
      const week = weeks[index % WEEKS] ?? []
      const command = new BookSessionsCommand({ child, sessionIds: week.map((s) => s.id) })
      const began = performance.now()
      try {
        const outcome = await runtime.runPromise(Effect.provideService(bookSessions(command), Clock, fixedClock))
        latencies.push(performance.now() - began)
        for (const o of outcome.outcomes) {
          const tally = expected.get(o.sessionId) ?? { booked: 0, waitlisted: 0 }
          if (o.result._tag === "Booked") {
            answers.booked++
            tally.booked++
          } else if (o.result._tag === "Waitlisted") {
            answers.waitlisted++
            tally.waitlisted++
          } else {
            answers.refused++
            refusals.set(o.result.refusal._tag, (refusals.get(o.result.refusal._tag) ?? 0) + 1)
          }
          expected.set(o.sessionId, tally)
        }
      } catch (error) {
        failed++
        firstFailure ??= error instanceof Error ? error.message : String(error)
      }
    })
    const seconds = (performance.now() - start) / 1000

    const check = await runtime.runPromise(
      Effect.gen(function* () {
        const ledgers = yield* SessionLedgerRepository
        let overbooked = 0
        let mismatched = 0
        for (const session of weeks.flat()) {
          const ledger = yield* ledgers.get(session.id)
          const active = ledger.reservations.filter((r) => r.cancellation === undefined).length
          overbooked += Math.max(0, active - session.capacity)
          const want = expected.get(session.id) ?? { booked: 0, waitlisted: 0 }
          mismatched += Math.abs(active - want.booked) + Math.abs(ledger.waitlist.length - want.waitlisted)
        }
        return { overbooked, mismatched }
      })
    )

    latencies.sort((a, b) => a - b)
    const decisions = answers.booked + answers.waitlisted + answers.refused
    const requestsPerSecond = (FAMILIES - failed) / seconds
    const decisionsPerSecond = decisions / seconds
    console.log(`Demandes traitées : ${fr(FAMILIES - failed)} sur ${fr(FAMILIES)} en ${fr(seconds, 1)} s`)
    console.log(`  ${fr(requestsPerSecond, 1)} demandes (familles) par seconde, ${fr(decisionsPerSecond, 1)} séances décidées par seconde (une transaction chacune)`)
    console.log(`  latence d'une demande : p50 ${fr(quantile(latencies, 0.5))} ms, p95 ${fr(quantile(latencies, 0.95))} ms, p99 ${fr(quantile(latencies, 0.99))} ms, max ${fr(latencies.at(-1) ?? 0)} ms`)
    console.log(`  séances réservées : ${fr(answers.booked)}, en liste d'attente : ${fr(answers.waitlisted)}, refusées : ${fr(answers.refused)}${refusals.size > 0 ? ` (${[...refusals].map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`)
    console.log(`Places surréservées : ${check.overbooked} (doit être 0)`)
    console.log(`Demandes perdues : ${failed + check.mismatched} (doit être 0 ; ${failed} en échec, ${check.mismatched} écarts entre les réponses et la base)`)
    if (firstFailure !== undefined) console.log(`  premier échec : ${firstFailure}`)
    if (database.kind === "postgres") pgbenchUrl = database.url

    await shutdown(container)
    if (pgbenchUrl === undefined) {
      console.log("pgbench : non mesuré, la base est embarquée (PGlite) ; lancez avec DATABASE_URL=postgres://… pour la comparaison.")
      return
    }
    const bench = await runPgbench(pgbenchUrl, CONCURRENCY, PGBENCH_SECONDS)
    if (!bench.ran) {
      console.log(`pgbench : non mesuré (${bench.note})`)
      return
    }
    console.log(`pgbench (transaction d'écriture par défaut, -c ${bench.clients} -j 2 -T ${PGBENCH_SECONDS}, base de travail) : ${fr(bench.tps, 1)} TPS${bench.note === undefined ? "" : ` — ${bench.note}`}`)
    const ratio = decisionsPerSecond / bench.tps
    console.log(`Rapport séances décidées/s ÷ TPS pgbench : ${fr(ratio * 100, 1)} % ; demandes/s ÷ TPS pgbench : ${fr((requestsPerSecond / bench.tps) * 100, 1)} %`)
    const p99 = quantile(latencies, 0.99)
    console.log(`Objectif (≥ 40 % du TPS de pgbench, p99 ≤ 300 ms) : ${ratio >= 0.4 && p99 <= 300 ? "atteint" : "non atteint"}`)
  } finally {
    if (pgbenchUrl === undefined) await shutdown(container).catch(() => {})
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
)
