import type { MikroORM } from "@mikro-orm/postgresql"
import { Enrollment, EnrollmentNotFound, EnrollmentRepository, type EnrollmentId, type HouseholdId, type MemberId } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(Enrollment)
const decode = Schema.decodeUnknownSync(Enrollment)

const UPSERT = `
  insert into enrollment (id, child_id, household_id, school_year, enrollment_family, status, requested_at, data)
  values (?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (id) do update
  set child_id = excluded.child_id, household_id = excluded.household_id, school_year = excluded.school_year,
      enrollment_family = excluded.enrollment_family, status = excluded.status, requested_at = excluded.requested_at, data = excluded.data`

const OLDEST_FIRST = `order by requested_at, id collate "C"`

/** `EnrollmentRepository` on PostgreSQL: one row per enrollment, the enrollment as JSON, indexed for each query. */
export function mikroEnrollmentRepository(orm: MikroORM): Layer.Layer<EnrollmentRepository> {
  const select = (where: string, params: ReadonlyArray<string>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from enrollment where ${where} ${OLDEST_FIRST}`, [...params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  return Layer.succeed(EnrollmentRepository, {
    save: (enrollment) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            UPSERT,
            [
              enrollment.id,
              enrollment.childId,
              enrollment.householdId,
              enrollment.schoolYear,
              enrollment.enrollmentFamily,
              enrollment.status._tag,
              enrollment.requestedAt,
              JSON.stringify(encode(enrollment))
            ],
            "run"
          )
        )
      ),
    get: (id: EnrollmentId) =>
      Effect.flatMap(select("id = ?", [id]), ([found]) =>
        found === undefined ? Effect.fail(new EnrollmentNotFound({ enrollmentId: id })) : Effect.succeed(found)
      ),
    forChild: (childId: MemberId) => select("child_id = ?", [childId]),
    forHousehold: (householdId: HouseholdId) => select("household_id = ?", [householdId]),
    findAccepted: (childId, schoolYear, enrollmentFamily) =>
      Effect.map(
        select("child_id = ? and school_year = ? and enrollment_family = ? and status = 'Accepted'", [childId, schoolYear, enrollmentFamily]),
        (found) => Option.fromNullable(found[0])
      ),
    pending: select("status = 'Requested'", [])
  })
}
