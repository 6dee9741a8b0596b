import { WebSession, WebSessionStore } from "@spe/core"
import { Effect, Layer, Option } from "effect"

/** Portal sessions kept in a map by id hash; each call gives a fresh store, shared by every use of the layer. */
export function inMemoryWebSessionStore(): Layer.Layer<WebSessionStore> {
  const sessions = new Map<string, WebSession>()
  return Layer.succeed(WebSessionStore, {
    create: (session) => Effect.sync(() => void sessions.set(session.idHash, session)),
    get: (idHash) => Effect.sync(() => Option.fromNullable(sessions.get(idHash))),
    touch: (idHash, lastSeenAt, expiresAt) =>
      Effect.sync(() => {
        const session = sessions.get(idHash)
        if (session !== undefined) sessions.set(idHash, new WebSession({ ...session, lastSeenAt, expiresAt }))
      }),
    delete: (idHash) => Effect.sync(() => void sessions.delete(idHash)),
    deleteAllForAccount: (accountId) =>
      Effect.sync(() => {
        let count = 0
        for (const [idHash, session] of sessions) {
          if (session.accountId === accountId) {
            sessions.delete(idHash)
            count += 1
          }
        }
        return count
      }),
    deleteExpired: (now) =>
      Effect.sync(() => {
        let count = 0
        for (const [idHash, session] of sessions) {
          if (session.expiresAt <= now) {
            sessions.delete(idHash)
            count += 1
          }
        }
        return count
      })
  })
}
