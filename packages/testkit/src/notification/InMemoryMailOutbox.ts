import { claimedUntil, Instant, MailOutbox, OutgoingMail, type OutgoingMailId, OutgoingMailNotFound } from "@spe/core"
import { Effect, Layer } from "effect"

/** A mail outbox in a map; the same layer value shares its mails between workers, as a table would. */
export function inMemoryMailOutbox(initial: ReadonlyArray<OutgoingMail> = []): Layer.Layer<MailOutbox> {
  const byId = new Map<OutgoingMailId, OutgoingMail>(initial.map((m) => [m.id, m]))
  const update = (id: OutgoingMailId, change: (mail: OutgoingMail) => OutgoingMail) =>
    Effect.suspend(() => {
      const mail = byId.get(id)
      if (mail === undefined) return Effect.fail(new OutgoingMailNotFound({ mailId: id }))
      byId.set(id, change(mail))
      return Effect.void
    })
  return Layer.succeed(MailOutbox, {
    enqueue: (mail) =>
      Effect.sync(() => {
        if (!byId.has(mail.id)) byId.set(mail.id, mail)
      }),
    claimDue: (now, limit) =>
      Effect.sync(() => {
        const due = [...byId.values()]
          .filter((m) => m.status === "pending" && m.nextAttemptAt <= now)
          .sort((a, b) => Instant.compare(a.nextAttemptAt, b.nextAttemptAt) || Instant.compare(a.createdAt, b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .slice(0, Math.max(0, limit))
        return due.map((m) => {
          const claimed = new OutgoingMail({ ...m, attempts: m.attempts + 1, nextAttemptAt: claimedUntil(now) })
          byId.set(m.id, claimed)
          return claimed
        })
      }),
    markSent: (id, at) => update(id, (m) => (m.status === "sent" ? m : new OutgoingMail({ ...m, status: "sent", sentAt: at }))),
    markFailed: (id, error, nextAttemptAt) =>
      update(id, (m) =>
        m.status === "sent"
          ? m
          : nextAttemptAt === null
            ? new OutgoingMail({ ...m, status: "failed", lastError: error })
            : new OutgoingMail({ ...m, status: "pending", lastError: error, nextAttemptAt })
      ),
    list: (filter) =>
      Effect.sync(() =>
        [...byId.values()]
          .filter((m) => (filter.status === undefined || m.status === filter.status) && (filter.kind === undefined || m.kind === filter.kind) && (filter.to === undefined || m.to === filter.to))
          .sort((a, b) => Instant.compare(b.createdAt, a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
          .slice(0, filter.limit ?? Number.POSITIVE_INFINITY)
      )
  })
}
