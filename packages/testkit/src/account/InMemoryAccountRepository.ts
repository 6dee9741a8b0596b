import { Account, AccountNotFound, AccountRepository, LoginTaken, linkedHouseholdOf, normalizeEmail, normalizeLogin } from "@spe/core"
import { Effect, Layer, Option } from "effect"

/** Accounts kept in a map; each call gives a fresh store, shared by every use of the layer. */
export function inMemoryAccountRepository(initial: ReadonlyArray<Account> = []): Layer.Layer<AccountRepository> {
  const accounts = new Map(initial.map((a) => [a.id, a]))
  return Layer.succeed(AccountRepository, {
    get: (id) =>
      Effect.suspend(() => {
        const found = accounts.get(id)
        return found === undefined ? Effect.fail(new AccountNotFound({ accountId: id })) : Effect.succeed(found)
      }),
    findByLogin: (login) =>
      Effect.sync(() => Option.fromNullable([...accounts.values()].find((a) => a.login === normalizeLogin(login)))),
    findByEmail: (email) =>
      Effect.sync(() => [...accounts.values()].filter((a) => a.email !== undefined && a.email === normalizeEmail(email))),
    listByHousehold: (householdId) => Effect.sync(() => [...accounts.values()].filter((a) => linkedHouseholdOf(a) === householdId)),
    save: (account) =>
      Effect.suspend(() => {
        const clash = [...accounts.values()].find((a) => a.login === account.login && a.id !== account.id)
        if (clash !== undefined) return Effect.fail(new LoginTaken({ login: account.login }))
        accounts.set(account.id, account)
        return Effect.void
      }),
    recordLogin: (id, at) =>
      Effect.sync(() => {
        const found = accounts.get(id)
        if (found !== undefined) accounts.set(id, new Account({ ...found, lastLoginAt: at }))
      })
  })
}
