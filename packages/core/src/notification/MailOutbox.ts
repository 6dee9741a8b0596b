import { Context, type Effect, Schema } from "effect"
import * as Instant from "../shared/Instant.js"
import { type MailKind, type MailStatus, type OutgoingMail, OutgoingMailId } from "./OutgoingMail.js"

/**
 * How long a claimed mail is held by the worker that claimed it. A worker that dies between
 * claiming and marking leaves its mails pending: they are due again once the claim ends.
 */
export const CLAIM_MINUTES = 10

/** The instant until which mails claimed at `now` are held. */
export const claimedUntil = (now: Instant.Instant): Instant.Instant => Instant.plusMinutes(now, CLAIM_MINUTES)

/** Which mails the dev viewer lists; every criterion is optional. */
export interface MailFilter {
  readonly status?: MailStatus
  readonly kind?: MailKind
  readonly to?: string
  /** At most this many mails, newest first. */
  readonly limit?: number
}

/** No mail with this id is in the outbox. */
export class OutgoingMailNotFound extends Schema.TaggedError<OutgoingMailNotFound>()("OutgoingMailNotFound", {
  mailId: OutgoingMailId
}) {
  override get message(): string {
    return `Le courriel ${this.mailId} n'est pas dans la file d'envoi.`
  }
}

/**
 * The transactional outbox of mails. The persistence adapter writes `enqueue` in the same
 * transaction as the change that caused the mail, so a mail exists if and only if its cause was
 * saved.
 *
 * - `enqueue` stores a pending mail; enqueuing an id already stored changes nothing.
 * - `claimDue(now, limit)` takes at most `limit` pending mails with `nextAttemptAt <= now`, the
 *   earliest due first, counts one more attempt on each, and holds them until `claimedUntil(now)`
 *   (their new `nextAttemptAt`): two workers never claim the same mail at once.
 * - `markSent(id, at)` makes the mail sent for good; marking a sent mail again changes nothing.
 * - `markFailed(id, error, nextAttemptAt)` records the error and makes the mail due again at
 *   `nextAttemptAt`, or failed for good when it is `null`; it changes nothing on a sent mail.
 * - `list(filter)` gives mails newest first (created at, then id), for the dev viewer.
 */
export class MailOutbox extends Context.Tag("@spe/core/MailOutbox")<
  MailOutbox,
  {
    readonly enqueue: (mail: OutgoingMail) => Effect.Effect<void>
    readonly claimDue: (now: Instant.Instant, limit: number) => Effect.Effect<ReadonlyArray<OutgoingMail>>
    readonly markSent: (id: OutgoingMailId, at: Instant.Instant) => Effect.Effect<void, OutgoingMailNotFound>
    readonly markFailed: (
      id: OutgoingMailId,
      error: string,
      nextAttemptAt: Instant.Instant | null
    ) => Effect.Effect<void, OutgoingMailNotFound>
    readonly list: (filter: MailFilter) => Effect.Effect<ReadonlyArray<OutgoingMail>>
  }
>() {}
