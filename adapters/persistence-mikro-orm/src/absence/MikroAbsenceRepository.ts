import type { MikroORM } from "@mikro-orm/postgresql"
import { Absence, AbsenceNotFound, AbsenceRepository, type AbsenceId, type HouseholdId, type LocalDate, type MemberId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(Absence)
const decode = Schema.decodeUnknownSync(Absence)

const UPSERT = `
  insert into absence (id, child_id, household_id, start_date, end_date, data)
  values (?, ?, ?, ?, ?, ?)
  on conflict (id) do update
  set child_id = excluded.child_id, household_id = excluded.household_id, start_date = excluded.start_date,
      end_date = excluded.end_date, data = excluded.data`

const overlapping = (column: "child_id" | "household_id") => `
  select data from absence
  where ${column} = ? and start_date <= ? and end_date >= ?
  order by start_date, id collate "C"`

const FOR_CHILD = overlapping("child_id")
const FOR_HOUSEHOLD = overlapping("household_id")

/** `AbsenceRepository` on PostgreSQL: one row per absence, the absence as JSON, its period as `date` columns. */
export function mikroAbsenceRepository(orm: MikroORM): Layer.Layer<AbsenceRepository> {
  const select = (sql: string, params: ReadonlyArray<string>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(sql, [...params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  return Layer.succeed(AbsenceRepository, {
    save: (absence) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            UPSERT,
            [absence.id, absence.childId, absence.householdId, absence.start, absence.end, JSON.stringify(encode(absence))],
            "run"
          )
        )
      ),
    get: (id: AbsenceId) =>
      Effect.flatMap(select("select data from absence where id = ?", [id]), ([found]) =>
        found === undefined ? Effect.fail(new AbsenceNotFound({ absenceId: id })) : Effect.succeed(found)
      ),
    forChild: (childId: MemberId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) => select(FOR_CHILD, [childId, end, start]),
    forHousehold: (householdId: HouseholdId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
      select(FOR_HOUSEHOLD, [householdId, end, start])
  })
}
