import * as LocalDate from "../shared/LocalDate.js"
import type { Closure } from "./TownCalendar.js"

/** Consecutive closure days with the same reason and the same activity kinds, as one period. */
export interface ClosurePeriod {
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
  readonly reason: string
  /** Kinds closed; empty: every service. */
  readonly activityKinds: ReadonlyArray<string>
  readonly dates: ReadonlyArray<LocalDate.LocalDate>
}

const kindsKey = (closure: Closure): string => [...(closure.activityKinds ?? [])].sort().join(",")

/**
 * A town's closures grouped into periods, in date order: closures on consecutive days with the
 * same reason and the same kinds form one period (`Pont de l'Ascension`, `Fermeture de fin
 * d'année` from 28 to 31 December).
 */
export function closurePeriods(closures: ReadonlyArray<Closure>): ReadonlyArray<ClosurePeriod> {
  const sorted = [...closures].sort((a, b) => LocalDate.compare(a.date, b.date) || kindsKey(a).localeCompare(kindsKey(b)))
  const periods: Array<{ from: LocalDate.LocalDate; to: LocalDate.LocalDate; reason: string; activityKinds: ReadonlyArray<string>; dates: Array<LocalDate.LocalDate>; key: string }> = []
  for (const closure of sorted) {
    const key = kindsKey(closure)
    const open = periods.find((p) => p.reason === closure.reason && p.key === key && LocalDate.daysBetween(p.to, closure.date) === 1)
    if (open !== undefined) {
      open.to = closure.date
      open.dates.push(closure.date)
    } else {
      periods.push({ from: closure.date, to: closure.date, reason: closure.reason, activityKinds: [...(closure.activityKinds ?? [])], dates: [closure.date], key })
    }
  }
  return periods
    .sort((a, b) => LocalDate.compare(a.from, b.from))
    .map(({ from, to, reason, activityKinds, dates }) => ({ from, to, reason, activityKinds, dates }))
}

/** Whether two closures close some service in common (a closure without kinds closes every service). */
export function closuresOverlap(a: Closure, b: Closure): boolean {
  if (a.date !== b.date) return false
  const ka = a.activityKinds ?? []
  const kb = b.activityKinds ?? []
  return ka.length === 0 || kb.length === 0 || ka.some((k) => kb.includes(k))
}
