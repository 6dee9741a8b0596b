/**
 * A city's month billed: 20,000 children in 10,000 households, October 2026 with 18 school days,
 * canteen and evening care every day, morning care for four children in five, attendance recorded
 * for every session (about a million billable events). The fixture is bulk-loaded with COPY in the
 * adapters' row format; the month is then billed (issued) with the core's `runBilling` through the
 * server's ports. Prints events per second, total seconds, peak memory, and the time to COPY the
 * same number of rows into a scratch table (the floor). `npm run bench:billing`; `DATABASE_URL`
 * names the database (empty), the embedded PGlite otherwise.
 */
import "reflect-metadata"
import { pipeline } from "node:stream/promises"
import { Readable } from "node:stream"
import {
  Activity,
  ActivityCatalogue,
  ActivityId,
  Adult,
  AttendanceRecord,
  BookingPolicy,
  Child,
  Deadline,
  Eligibility,
  foldForSearch,
  Household,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  ParisTime,
  QuotientRecord,
  QuotientRecordId,
  Reservation,
  ReservationId,
  Session,
  SessionId,
  SessionRepository,
  TariffCatalogue,
  TariffGridId,
  TownCalendar,
  TownCalendarSource,
  validateTariffGrid
} from "@spe/core"
import { type Database, migrate } from "@spe/persistence-mikro-orm"
import { billMonth, createContainer, loadSettings, portsRuntime, shutdown, Tokens } from "@spe/server"
import { Effect, Either, Schema } from "effect"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { benchDatabase, benchDatabaseLabel, benchTown, fr } from "./BenchSupport.js"

const HOUSEHOLDS = 10_000
const CHILDREN_PER_HOUSEHOLD = 2
const MONTH = "2026-10"
const schoolYear = "2026-2027"
const bookedAt = Instant.unsafe("2026-09-20T08:00:00Z")
const recordedAt = Instant.unsafe("2026-11-02T08:00:00Z")

const deadline = new Deadline({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("11:45") })
const activity = (id: string, kind: "canteen" | "morning" | "evening", name: string, startsAt: string) => ({
  activity: new Activity({
    id: ActivityId.make(id),
    kind,
    name,
    enrollmentFamily: kind === "canteen" ? "restauration" : "periscolaire",
    eligibility: new Eligibility({}),
    capacity: 30_000,
    ageGroups: [],
    slots: [],
    tariffGridId: TariffGridId.make(`grille-${id}`),
    bookingPolicy: new BookingPolicy({ bookingDeadline: deadline, cancellationDeadline: deadline, windows: [], wholeWeekOnly: false, waitlist: { _tag: "BookAtOnce" } })
  }),
  startsAt
})
const activities = [
  activity("ville-cantine", "canteen", "Restauration scolaire", "11:45"),
  activity("ville-soir", "evening", "Accueil du soir", "16:30"),
  activity("ville-matin", "morning", "Accueil du matin", "07:30")
]

const grid = (activityId: string, base: number) =>
  Either.getOrThrowWith(
    validateTariffGrid({
      id: `grille-${activityId}`,
      label: `Grille ${activityId} ${schoolYear}`,
      activityIds: [activityId],
      schoolYear,
      mode: {
        _tag: "Bands",
        bands: [
          { label: "T1", fromQf: 0, toQf: 600, price: base },
          { label: "T2", fromQf: 601, toQf: 1000, price: base + 80 },
          { label: "T3", fromQf: 1001, price: base + 160 }
        ]
      },
      costOfProduction: base + 500,
      modifiers: { nonResident: { _tag: "Percent", rate: 2000 }, siblings: { second: 500, thirdAndMore: 1000 }, unreservedPresence: { _tag: "FixedPrice", price: base + 300 } }
    }),
    (refused) => new Error(refused.message)
  )

const schoolDays = LocalDate.range(LocalDate.unsafe(`${MONTH}-01`), LocalDate.lastOfMonth(LocalDate.unsafe(`${MONTH}-01`))).filter((d) =>
  [1, 2, 4, 5].includes(LocalDate.isoWeekday(d))
)
const sessions = activities.flatMap(({ activity: a, startsAt }) =>
  schoolDays.map((date) => new Session({ id: SessionId.make(`${a.id}:${date}`), activityId: a.id, date, startsAt: ParisTime.timeOfDay(startsAt), capacity: a.capacity }))
)

const encodeHousehold = Schema.encodeSync(Household)
const encodeQuotient = Schema.encodeSync(QuotientRecord)
const encodeReservation = Schema.encodeSync(Reservation)
const encodeAttendance = Schema.encodeSync(AttendanceRecord)

const pad = (n: number, width = 5) => String(n).padStart(width, "0")
const csv = (value: string | number | boolean): string => {
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
const line = (values: ReadonlyArray<string | number | boolean>): string => `${values.map(csv).join(",")}\n`

function householdOf(n: number): Household {
  const id = HouseholdId.make(`ville-foyer-${pad(n)}`)
  return Household.make({
    id,
    reference: `VIL-${pad(n, 6)}`,
    familyName: `Famille${pad(n)}`,
    address: { line1: `${1 + (n % 200)} rue des Écoles`, postalCode: "76320", city: "Villebanc" },
    contact: { email: `foyer${pad(n)}@exemple.fr`, phones: [] },
    residency: n % 10 === 0 ? "non-resident" : "resident",
    adults: [Adult.make({ id: MemberId.make(`${id}-a1`), firstName: "Camille", lastName: `Famille${pad(n)}`, isPayer: true })],
    children: Array.from({ length: CHILDREN_PER_HOUSEHOLD }, (_, c) =>
      Child.make({
        id: MemberId.make(`${id}-c${c + 1}`),
        firstName: ["Léa", "Hugo", "Zoé", "Noé"][(n + c) % 4] ?? "Léa",
        lastName: `Famille${pad(n)}`,
        birthDate: LocalDate.unsafe(`201${6 + c}-0${1 + (n % 9)}-1${n % 10}`),
        schoolLevel: c === 0 ? "CE2" : "CP",
        aeeh: false
      })
    )
  })
}

/** Runs `work` on one raw connection of the ORM's pool (the embedded database serves one connection only). */
async function withRawClient<A>(db: Database, work: (client: pg.Client) => Promise<A>): Promise<A> {
  const knex = db.orm.em.getConnection().getKnex()
  const client = (await knex.client.acquireConnection()) as pg.Client
  try {
    return await work(client)
  } finally {
    await knex.client.releaseConnection(client)
  }
}

/** Streams rows into a table with COPY … FROM STDIN (CSV); returns how many rows went in. */
async function copyRows(client: pg.Client, table: string, columns: ReadonlyArray<string>, rows: Iterable<string>): Promise<number> {
  let count = 0
  const counted = function* () {
    for (const row of rows) {
      count++
      yield row
    }
  }
  await pipeline(Readable.from(counted(), { objectMode: false }), client.query(copyFrom(`copy ${table} (${columns.join(", ")}) from stdin with (format csv)`)))
  return count
}

function* householdRows(): Generator<string> {
  for (let n = 0; n < HOUSEHOLDS; n++) {
    const h = householdOf(n)
    const search = foldForSearch([h.reference, h.familyName, h.contact.email, ...h.adults.flatMap((a) => [a.firstName, a.lastName, a.email ?? ""]), ...h.children.flatMap((c) => [c.firstName, c.lastName])].join(" "))
    yield line([h.id, h.reference, search, JSON.stringify(encodeHousehold(h))])
  }
}

function* quotientRows(): Generator<string> {
  for (let n = 0; n < HOUSEHOLDS; n++) {
    const record = QuotientRecord.make({
      id: QuotientRecordId.make(`ville-qf-${pad(n)}`),
      householdId: HouseholdId.make(`ville-foyer-${pad(n)}`),
      qf: 300 + ((n * 37) % 1400),
      source: { _tag: "CafNumber", cafNumber: String(1_000_000 + n) },
      validFrom: LocalDate.unsafe("2026-01-01"),
      validTo: LocalDate.unsafe("2026-12-31"),
      review: { _tag: "Validated", at: Instant.unsafe("2026-01-10T09:00:00Z"), by: "agent.banc" },
      submittedAt: Instant.unsafe("2026-01-08T09:00:00Z")
    })
    yield line([record.id, record.householdId, record.submittedAt, JSON.stringify(encodeQuotient(record))])
  }
}

/** Whether child `c` of household `n` uses an activity (canteen and evening: all; morning: four in five). */
const uses = (activityIndex: number, n: number, c: number): boolean => activityIndex < 2 || (n * 2 + c) % 5 !== 0

function* bookings(): Generator<{ readonly session: Session; readonly n: number; readonly c: number; readonly ordinal: number }> {
  for (const session of sessions) {
    const activityIndex = activities.findIndex((a) => a.activity.id === session.activityId)
    let ordinal = 0
    for (let n = 0; n < HOUSEHOLDS; n++)
      for (let c = 0; c < CHILDREN_PER_HOUSEHOLD; c++) if (uses(activityIndex, n, c)) yield { session, n, c, ordinal: ordinal++ }
  }
}

function* reservationRows(): Generator<string> {
  for (const { session, n, c, ordinal } of bookings()) {
    const householdId = HouseholdId.make(`ville-foyer-${pad(n)}`)
    const reservation = Reservation.make({
      id: ReservationId.make(`r-${session.id}-${n}-${c}`),
      sessionId: session.id,
      childId: MemberId.make(`${householdId}-c${c + 1}`),
      householdId,
      requestedAt: bookedAt,
      bookedAt,
      via: "request"
    })
    yield line([reservation.id, session.id, session.date, reservation.childId, householdId, ordinal, true, JSON.stringify(encodeReservation(reservation))])
  }
}

function* attendanceRows(): Generator<string> {
  for (const { session, n, c } of bookings()) {
    const householdId = HouseholdId.make(`ville-foyer-${pad(n)}`)
    const record = AttendanceRecord.make({
      sessionId: session.id,
      activityId: session.activityId,
      date: session.date,
      childId: MemberId.make(`${householdId}-c${c + 1}`),
      householdId,
      status: (n + c + LocalDate.dayOfMonth(session.date)) % 20 === 0 ? "absent" : "present",
      recordedAt,
      recordedBy: "équipe d'animation"
    })
    yield line([record.sessionId, record.childId, householdId, record.date, JSON.stringify(encodeAttendance(record))])
  }
}

async function main(): Promise<void> {
  const settings = Either.getOrThrowWith(loadSettings({ env: process.env, cwd: process.cwd() }), (e) => new Error(e.message))
  const database = benchDatabase(settings)
  console.log(`Base : ${benchDatabaseLabel(database)}`)
  const container = await createContainer(settings, { database, town: benchTown })
  try {
    const db = container.resolve<Database>(Tokens.Database)
    await migrate(db)
    const runtime = portsRuntime(container)
    let events = 0
    const existing = await withRawClient(db, (client) => client.query<{ n: string }>("select count(*) as n from household"))
    if (Number(existing.rows[0]?.n ?? 0) > 0) throw new Error("La base contient déjà des foyers : donnez une base vide (DATABASE_URL).")
    const loadStart = performance.now()
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* TownCalendarSource).save(new TownCalendar({ zone: "B", alsaceMoselle: false, schoolWeekdays: [1, 2, 4, 5], knownSchoolYears: [], schoolHolidays: [], closures: [] }))
        for (const { activity: a } of activities) yield* (yield* ActivityCatalogue).save(a)
        for (const [i, { activity: a }] of activities.entries()) yield* (yield* TariffCatalogue).save(grid(a.id, [250, 150, 120][i] ?? 200))
        yield* (yield* SessionRepository).saveMany(sessions)
      })
    )
    await withRawClient(db, async (client) => {
      const households = await copyRows(client, "household", ["id", "reference", "search_text", "data"], householdRows())
      await copyRows(client, "quotient_record", ["id", "household_id", "submitted_at", "data"], quotientRows())
      const reservations = await copyRows(client, "reservation", ["id", "session_id", "session_date", "child_id", "household_id", "ordinal", "active", "data"], reservationRows())
      const attendance = await copyRows(client, "attendance_record", ["session_id", "child_id", "household_id", "date", "data"], attendanceRows())
      await client.query("analyze")
      events = reservations
      console.log(
        `Ville : ${fr(households)} foyers, ${fr(households * CHILDREN_PER_HOUSEHOLD)} enfants, ${schoolDays.length} jours d'école en ${MONTH}, ${sessions.length} séances ; ${fr(reservations)} réservations et ${fr(attendance)} pointages chargés par COPY en ${fr((performance.now() - loadStart) / 1000, 1)} s`
      )
    })

    let peakRss = process.memoryUsage().rss
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 100)
    const started = performance.now()
    const { billed, invoices, lines } = await runtime.runPromise(
      Effect.map(billMonth(MONTH, { issue: true, regieId: benchTown.townSettings.regie.id, settings: benchTown.townSettings.billing }), (result) => ({
        billed: result.plan.outcomes.length,
        invoices: result.issued.invoices.length,
        lines: result.issued.invoices.reduce((n, i) => n + i.lines.length, 0)
      }))
    )
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024)
    console.log(`Facturation de ${MONTH} (émission) : ${fr(billed)} événements facturables, ${fr(invoices)} factures, ${fr(lines)} lignes`)
    console.log(`  ${fr(seconds, 1)} s au total, ${fr(billed / seconds)} événements par seconde, mémoire de pointe ${fr(peakRss / 1024 / 1024)} Mio`)

    await withRawClient(db, async (floor) => {
      await floor.query("create temporary table copy_floor (id text, session_id text, session_date date, child_id text, household_id text, ordinal integer, active boolean, data jsonb)")
      const chunks: Array<string> = []
      let chunk: Array<string> = []
      for (const row of reservationRows()) {
        chunk.push(row)
        if (chunk.length === 2_000) {
          chunks.push(chunk.join(""))
          chunk = []
        }
      }
      chunks.push(chunk.join(""))
      const copyStart = performance.now()
      await copyRows(floor, "copy_floor", ["id", "session_id", "session_date", "child_id", "household_id", "ordinal", "active", "data"], chunks)
      const copySeconds = (performance.now() - copyStart) / 1000
      const copied = Number((await floor.query<{ n: string }>("select count(*) as n from copy_floor")).rows[0]?.n ?? 0)
      await floor.query("drop table copy_floor")
      console.log(`Plancher : COPY de ${fr(copied)} lignes (les mêmes réservations, au format CSV préparé avant la mesure) dans une table de travail en ${fr(copySeconds, 1)} s`)
      console.log(`Rapport facturation ÷ plancher : ${fr(seconds / copySeconds, 1)} fois le temps du COPY`)
    })
    console.log(`Objectif (≤ 60 s pour la ville sur cette machine à 2 cœurs) : ${seconds <= 60 ? "atteint" : "non atteint"} ; ${fr(events)} réservations dans la base`)
  } finally {
    await shutdown(container)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
)
