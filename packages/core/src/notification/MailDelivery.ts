import { Effect, Either } from "effect"
import { IdGenerator } from "../shared/IdGenerator.js"
import type { Instant } from "../shared/Instant.js"
import type { InvalidInput } from "../shared/Validation.js"
import { MailOutbox } from "./MailOutbox.js"
import { MailTransport } from "./MailTransport.js"
import { type MailDraft, newOutgoingMail, type OutgoingMail, OutgoingMailId } from "./OutgoingMail.js"
import { defaultRetryPolicy, nextAttemptAfterFailure, type RetryPolicy } from "./RetryPolicy.js"

/**
 * Puts a mail in the outbox, with a fresh id and its Message-ID on `domain`. Run it inside the
 * transaction of the change that causes the mail: the mail leaves if and only if the change is saved.
 *
 * @example
 * enqueueMail({ to: "famille@exemple.fr", kind: "invoice-issued", content: invoiceIssuedMail(town, invoice) }, "mairie.fr", now)
 */
export const enqueueMail = (draft: MailDraft, domain: string, now: Instant) =>
  Effect.gen(function* () {
    const id = OutgoingMailId.make(yield* (yield* IdGenerator).next("mail"))
    const mail = yield* Either.match(newOutgoingMail({ id, domain, draft, now }), {
      onLeft: (error): Effect.Effect<OutgoingMail, InvalidInput> => Effect.fail(error),
      onRight: (ok) => Effect.succeed(ok)
    })
    yield* (yield* MailOutbox).enqueue(mail)
    return mail
  })

/** What one run of the worker did: mails sent, mails to be tried again (and when), mails given up. */
export interface DeliveryReport {
  readonly sent: ReadonlyArray<OutgoingMail["id"]>
  readonly retrying: ReadonlyArray<{ readonly id: OutgoingMail["id"]; readonly at: Instant; readonly error: string }>
  readonly failed: ReadonlyArray<{ readonly id: OutgoingMail["id"]; readonly error: string }>
}

/**
 * The outbox worker's step: claims at most `limit` mails due at `now`, sends each through the
 * transport, marks it sent, or failed with its next attempt after `policy`'s backoff (failed for
 * good after the last attempt). One mail's failure does not stop the others. A crash between a
 * send and its mark leaves the mail claimed: it is sent again once the claim ends, with the same
 * Message-ID (at least once, never lost).
 */
export const deliverDueMails = (now: Instant, limit: number, policy: RetryPolicy = defaultRetryPolicy) =>
  Effect.gen(function* () {
    const outbox = yield* MailOutbox
    const transport = yield* MailTransport
    const sent: Array<OutgoingMail["id"]> = []
    const retrying: Array<DeliveryReport["retrying"][number]> = []
    const failed: Array<DeliveryReport["failed"][number]> = []
    for (const mail of yield* outbox.claimDue(now, limit)) {
      const outcome = yield* Effect.either(
        transport.send(mail).pipe(Effect.catchAllDefect((defect) => Effect.fail(describeDefect(defect))))
      )
      if (Either.isRight(outcome)) {
        yield* Effect.ignore(outbox.markSent(mail.id, now))
        sent.push(mail.id)
        continue
      }
      const error = typeof outcome.left === "string" ? outcome.left : outcome.left.reason
      const at = nextAttemptAfterFailure(policy, mail.attempts, now)
      yield* Effect.ignore(outbox.markFailed(mail.id, error, at))
      if (at === null) failed.push({ id: mail.id, error })
      else retrying.push({ id: mail.id, at, error })
    }
    const report: DeliveryReport = { sent, retrying, failed }
    return report
  })

function describeDefect(defect: unknown): string {
  return defect instanceof Error ? defect.message : String(defect)
}
