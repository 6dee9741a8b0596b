import { AccountEmail, AccountId, AccountNotifications, Instant } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<AccountNotifications>> | Layer.Layer<AccountNotifications>

/** The behaviour every `AccountNotifications` adapter must have: every mail accepted without failure. */
export function accountNotificationsContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, AccountNotifications>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`AccountNotifications contract: ${name}`, () => {
    it("accepts a temporary-credentials mail, a password-reset mail and an e-mail confirmation mail", async () => {
      const outcome = await run(Effect.gen(function* () {
        const notifications = yield* AccountNotifications
        const email = AccountEmail.make("a.baud@arpege.fr")
        yield* notifications.sendTemporaryCredentials({ accountId: AccountId.make("acc-1"), email, login: "fam0042.k7pm", temporaryPassword: "k7pm-x3rt-9qaz-h2wd" })
        yield* notifications.sendPasswordResetLink({ accountId: AccountId.make("acc-1"), email, token: "ab".repeat(32), expiresAt: Instant.unsafe("2026-03-27T18:00:00Z") })
        yield* notifications.sendEmailConfirmationLink({
          accountId: AccountId.make("acc-1"),
          email: AccountEmail.make("anne.concerto@exemple.fr"),
          link: "https://espace.mairie.fr/mon-espace/coordonnees/confirmation/abc.def",
          expiresAt: Instant.unsafe("2026-03-29T08:00:00Z")
        })
        return "sent"
      }))
      expect(outcome).toBe("sent")
    })
  })
}
