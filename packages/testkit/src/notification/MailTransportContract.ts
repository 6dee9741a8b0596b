import { MailTransport } from "@spe/core"
import { Effect, Either, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aMail } from "./MailFixtures.js"

/** A mail as the other end received it. */
export interface DeliveredMail {
  readonly messageId: string
  readonly to: string
  readonly subject: string
}

/** A transport under test and a view of what its other end received. */
export interface MailTransportHarness {
  readonly layer: Layer.Layer<MailTransport>
  readonly delivered: () => Promise<ReadonlyArray<DeliveredMail>>
  /** Makes the other end refuse what comes next. */
  readonly refuse: (reason: string) => void
  readonly dispose: () => Promise<void>
}

/**
 * The behaviour every `MailTransport` adapter must have: a mail arrives with its recipient, its
 * subject and the Message-ID assigned at enqueue; a mail sent again arrives again with the SAME
 * Message-ID (so mail clients fold the copy after a crash); a refusal is `MailTransportFailed`
 * naming the mail, and nothing arrives (checked where the other end can refuse: `canRefuse`).
 */
export function mailTransportContract(
  name: string,
  makeHarness: () => Promise<MailTransportHarness>,
  options: { readonly canRefuse: boolean } = { canRefuse: true }
): void {
  const withHarness = async <A>(use: (harness: MailTransportHarness) => Promise<A>): Promise<A> => {
    const harness = await makeHarness()
    try {
      return await use(harness)
    } finally {
      await harness.dispose()
    }
  }
  const send = (harness: MailTransportHarness, mail: ReturnType<typeof aMail>) =>
    Effect.runPromise(Effect.either(Effect.scoped(Effect.provide(Effect.flatMap(MailTransport, (t) => t.send(mail)), harness.layer))))

  describe(`MailTransport contract: ${name}`, () => {
    it("delivers a mail with its recipient, subject and Message-ID", async () => {
      const mail = aMail({ id: "mail-contract-1", to: "famille.durand@example.fr", subject: "Votre facture d'octobre" })
      const delivered = await withHarness(async (harness) => {
        expect(Either.isRight(await send(harness, mail))).toBe(true)
        return harness.delivered()
      })
      expect(delivered).toEqual([{ messageId: mail.messageId, to: "famille.durand@example.fr", subject: "Votre facture d'octobre" }])
    })

    it("delivers a mail sent again with the same Message-ID", async () => {
      const mail = aMail({ id: "mail-contract-2" })
      const delivered = await withHarness(async (harness) => {
        await send(harness, mail)
        await send(harness, mail)
        return harness.delivered()
      })
      expect(delivered.length).toBeGreaterThanOrEqual(1)
      expect(new Set(delivered.map((d) => d.messageId))).toEqual(new Set([mail.messageId]))
    })

    if (!options.canRefuse) return
    it("fails with MailTransportFailed naming the mail when the other end refuses, and delivers nothing", async () => {
      const mail = aMail({ id: "mail-contract-3" })
      const { result, delivered } = await withHarness(async (harness) => {
        harness.refuse("boîte inconnue")
        return { result: await send(harness, mail), delivered: await harness.delivered() }
      })
      expect(Either.isLeft(result) && result.left._tag).toBe("MailTransportFailed")
      expect(Either.isLeft(result) && result.left.mailId).toBe("mail-contract-3")
      expect(delivered).toEqual([])
    })
  })
}
