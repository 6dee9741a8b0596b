import { ActivityId, AttendanceRecord, AttendanceRegister, HouseholdId, Instant, LocalDate, MemberId, SessionId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<AttendanceRegister>> | Layer.Layer<AttendanceRegister>

const d = LocalDate.unsafe
const record = (activity: string, date: string, child: string, status: "present" | "absent", household = "martin", recordedAt = `${date}T16:00:00Z`) =>
  new AttendanceRecord({
    sessionId: SessionId.make(`${activity}:${date}`),
    activityId: ActivityId.make(activity),
    date: d(date),
    childId: MemberId.make(child),
    householdId: HouseholdId.make(household),
    status,
    recordedAt: Instant.unsafe(recordedAt),
    recordedBy: "agent-1"
  })

/**
 * The behaviour every `AttendanceRegister` adapter must have, starting empty: records read back
 * equal; recording a session and child again replaces the record (the last is the truth of the
 * day); records by session, child, household and date range (both ends included), by date.
 */
export function attendanceRegisterContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, AttendanceRegister>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const seed = Effect.gen(function* () {
    const register = yield* AttendanceRegister
    yield* register.record([
      record("cantine", "2026-03-10", "lucie", "present"),
      record("cantine", "2026-03-09", "lucie", "absent"),
      record("cantine", "2026-03-09", "tom", "present"),
      record("cantine", "2026-03-09", "ines", "present", "durand"),
      record("soir", "2026-03-12", "tom", "present")
    ])
    return register
  })

  describe(`AttendanceRegister contract: ${name}`, () => {
    it("gives back the records of a session, equal to what was recorded", async () => {
      const found = await run(Effect.flatMap(seed, (r) => r.forSession(SessionId.make("cantine:2026-03-09"))))
      expect(found).toEqual([record("cantine", "2026-03-09", "ines", "present", "durand"), record("cantine", "2026-03-09", "lucie", "absent"), record("cantine", "2026-03-09", "tom", "present")])
    })

    it("replaces a child's record for a session when recorded again", async () => {
      const found = await run(Effect.gen(function* () {
        const register = yield* seed
        yield* register.record([record("cantine", "2026-03-09", "lucie", "present", "martin", "2026-03-09T18:00:00Z")])
        return yield* register.forChild(MemberId.make("lucie"), d("2026-03-09"), d("2026-03-09"))
      }))
      expect(found).toEqual([record("cantine", "2026-03-09", "lucie", "present", "martin", "2026-03-09T18:00:00Z")])
    })

    it("selects by child, household and date range, by date", async () => {
      const found = await run(Effect.gen(function* () {
        const register = yield* seed
        const keys = (list: ReadonlyArray<AttendanceRecord>) => list.map((r) => `${r.date} ${r.sessionId} ${r.childId}`)
        return {
          tom: keys(yield* register.forChild(MemberId.make("tom"), d("2026-03-01"), d("2026-03-31"))),
          martin: keys(yield* register.forHousehold(HouseholdId.make("martin"), d("2026-03-10"), d("2026-03-12"))),
          between: keys(yield* register.between(d("2026-03-09"), d("2026-03-10"))),
          empty: keys(yield* register.between(d("2026-04-01"), d("2026-04-30")))
        }
      }))
      expect(found).toEqual({
        tom: ["2026-03-09 cantine:2026-03-09 tom", "2026-03-12 soir:2026-03-12 tom"],
        martin: ["2026-03-10 cantine:2026-03-10 lucie", "2026-03-12 soir:2026-03-12 tom"],
        between: [
          "2026-03-09 cantine:2026-03-09 ines",
          "2026-03-09 cantine:2026-03-09 lucie",
          "2026-03-09 cantine:2026-03-09 tom",
          "2026-03-10 cantine:2026-03-10 lucie"
        ],
        empty: []
      })
    })
  })
}
