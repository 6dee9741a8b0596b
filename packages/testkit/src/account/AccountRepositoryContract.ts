import { Account, AccountEmail, AccountId, AccountLogin, AccountRepository, HouseholdId, Instant } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { aFamilyAccount, anAgentAccount } from "./AccountFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<AccountRepository>> | Layer.Layer<AccountRepository>

/**
 * The behaviour every `AccountRepository` adapter must have: accounts kept unchanged, replaced by
 * id, found by login and e-mail ignoring case, listed by household, logins unique, the last login
 * recorded alone.
 * `makeLayer` gives an empty store each time.
 */
export function accountRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, AccountRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  const family = aFamilyAccount()
  const agent = anAgentAccount("billing")

  describe(`AccountRepository contract: ${name}`, () => {
    it("gives back a saved account unchanged, and AccountNotFound for an unknown id", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* AccountRepository
        yield* repo.save(family)
        yield* repo.save(agent)
        return { family: yield* repo.get(family.id), agent: yield* repo.get(agent.id), missing: yield* Effect.flip(repo.get(AccountId.make("acc-none"))) }
      }))
      expect(result.family).toEqual(family)
      expect(result.agent).toEqual(agent)
      expect(result.missing._tag).toBe("AccountNotFound")
      expect(result.missing.accountId).toBe("acc-none")
    })

    it("records the last login alone, keeping the rest of the account; an unknown id changes nothing", async () => {
      const at = Instant.unsafe("2026-11-26T08:15:00.000Z")
      const result = await run(Effect.gen(function* () {
        const repo = yield* AccountRepository
        yield* repo.save(family)
        yield* repo.recordLogin(family.id, at)
        yield* repo.recordLogin(AccountId.make("acc-none"), at)
        return { found: yield* repo.get(family.id), missing: yield* Effect.either(repo.get(AccountId.make("acc-none"))) }
      }))
      expect(result.found).toEqual(new Account({ ...family, lastLoginAt: at }))
      expect(result.missing._tag).toBe("Left")
    })

    it("replaces an account saved again with the same id, also under a new login", async () => {
      const renamed = aFamilyAccount({ login: AccountLogin.make("anne.concerto"), mustChangeCredentials: false })
      const result = await run(Effect.gen(function* () {
        const repo = yield* AccountRepository
        yield* repo.save(family)
        yield* repo.save(renamed)
        return { found: yield* repo.get(family.id), old: yield* repo.findByLogin("maman.concerto"), now: yield* repo.findByLogin("anne.concerto") }
      }))
      expect(result.found).toEqual(renamed)
      expect(Option.isNone(result.old)).toBe(true)
      expect(Option.getOrUndefined(result.now)).toEqual(renamed)
    })

    it("finds by login and by e-mail ignoring case and spaces around", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* AccountRepository
        yield* repo.save(family)
        yield* repo.save(agent)
        return {
          byLogin: yield* repo.findByLogin("  Maman.CONCERTO "),
          unknown: yield* repo.findByLogin("papa.concerto"),
          byEmail: yield* repo.findByEmail("A.Baud@Arpege.fr"),
          noEmail: yield* repo.findByEmail("personne@exemple.fr")
        }
      }))
      expect(Option.getOrUndefined(result.byLogin)).toEqual(family)
      expect(Option.isNone(result.unknown)).toBe(true)
      expect(result.byEmail).toEqual([family])
      expect(result.noEmail).toEqual([])
    })

    it("lists every account sharing an e-mail address and the accounts linked to a household", async () => {
      const second = aFamilyAccount({ id: AccountId.make("acc-papa"), login: AccountLogin.make("papa.concerto") })
      const other = aFamilyAccount({
        id: AccountId.make("acc-martin"),
        login: AccountLogin.make("chloe.martin"),
        email: AccountEmail.make("chloe.martin@exemple.fr"),
        holder: { _tag: "Family", householdId: HouseholdId.make("hh-martin") }
      })
      const unlinked = aFamilyAccount({ id: AccountId.make("acc-new"), login: AccountLogin.make("nouveau"), holder: { _tag: "Family" } })
      const result = await run(Effect.gen(function* () {
        const repo = yield* AccountRepository
        for (const a of [family, second, other, unlinked, agent]) yield* repo.save(a)
        return {
          sharedEmail: yield* repo.findByEmail("a.baud@arpege.fr"),
          concerto: yield* repo.listByHousehold(HouseholdId.make("hh-concerto")),
          martin: yield* repo.listByHousehold(HouseholdId.make("hh-martin")),
          nobody: yield* repo.listByHousehold(HouseholdId.make("hh-none"))
        }
      }))
      expect(result.sharedEmail.map((a) => a.id).sort()).toEqual(["acc-concerto", "acc-new", "acc-papa"])
      expect(result.concerto.map((a) => a.id).sort()).toEqual(["acc-concerto", "acc-papa"])
      expect(result.martin.map((a) => a.id)).toEqual(["acc-martin"])
      expect(result.nobody).toEqual([])
    })

    it("refuses a second account with the same login (LoginTaken) and keeps the first", async () => {
      const impostor = aFamilyAccount({ id: AccountId.make("acc-other"), email: AccountEmail.make("autre@exemple.fr") })
      const result = await run(Effect.gen(function* () {
        const repo = yield* AccountRepository
        yield* repo.save(family)
        const refused = yield* Effect.flip(repo.save(impostor))
        return { refused, kept: yield* repo.findByLogin(family.login), other: yield* Effect.either(repo.get(impostor.id)) }
      }))
      expect(result.refused._tag).toBe("LoginTaken")
      expect(result.refused.message).toContain("maman.concerto")
      expect(Option.getOrUndefined(result.kept)).toEqual(family)
      expect(result.other._tag).toBe("Left")
    })
  })
}
