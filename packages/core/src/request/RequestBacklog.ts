import { Effect } from "effect"
import type * as Instant from "../shared/Instant.js"
import * as ParisTime from "../shared/ParisTime.js"
import { requestAgeInDays } from "./RequestInbox.js"
import { RequestRepository } from "./RequestRepository.js"
import { type RequestStatus, requestStatusLabel } from "./RequestStatus.js"

/** The statuses in which a request waits for the town or the family, in the order of the lifecycle. */
export const waitingRequestStatuses: ReadonlyArray<RequestStatus> = ["submitted", "inReview", "informationRequested"]

/** How many requests wait in one status, and since when the oldest waits. */
export interface RequestBacklogLine {
  readonly status: RequestStatus
  readonly label: string
  readonly count: number
  /** When the oldest one was submitted. */
  readonly oldestSubmittedAt?: Instant.Instant
  /** Its age in days (Paris), 0 when submitted today. */
  readonly oldestAgeDays?: number
}

/** The requests waiting, per status, with the oldest of each (the agents' dashboards). */
export interface RequestBacklog {
  readonly lines: ReadonlyArray<RequestBacklogLine>
  readonly total: number
}

/**
 * The requests not yet decided on `now`: how many are submitted, in review, waiting for the
 * family's information, and how old the oldest of each status is.
 */
export const loadRequestBacklog = (now: Instant.Instant) =>
  Effect.gen(function* () {
    const requests = yield* RequestRepository
    const today = ParisTime.dateAt(now)
    const lines: Array<RequestBacklogLine> = []
    for (const status of waitingRequestStatuses) {
      const page = yield* requests.inbox({ statuses: [status] }, { offset: 0, limit: 1 })
      const oldest = page.items[0]
      lines.push({
        status,
        label: requestStatusLabel[status],
        count: page.total,
        ...(oldest === undefined
          ? {}
          : { oldestSubmittedAt: oldest.submittedAt, oldestAgeDays: requestAgeInDays(oldest, today) })
      })
    }
    return { lines, total: lines.reduce((n, l) => n + l.count, 0) } satisfies RequestBacklog
  })
