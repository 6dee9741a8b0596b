import { Context, type Effect, type Option } from "effect"
import type { AccountId, HouseholdId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import type { Account, AccountNotFound, LoginTaken } from "./Account.js"

/** Where accounts are kept. Logins are unique (compared after `normalizeLogin`). */
export class AccountRepository extends Context.Tag("@spe/core/AccountRepository")<
  AccountRepository,
  {
    readonly get: (id: AccountId) => Effect.Effect<Account, AccountNotFound>
    readonly findByLogin: (login: string) => Effect.Effect<Option.Option<Account>>
    /** Every account whose e-mail is this address (compared lower-cased). */
    readonly findByEmail: (email: string) => Effect.Effect<ReadonlyArray<Account>>
    /** Family accounts linked to a household. */
    readonly listByHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<Account>>
    /** Inserts or replaces by id; fails when another account has the same login. */
    readonly save: (account: Account) => Effect.Effect<void, LoginTaken>
    /**
     * Sets when the account last logged in, and nothing else (a change of password saved at the
     * same moment is kept); an unknown id changes nothing.
     */
    readonly recordLogin: (id: AccountId, at: Instant) => Effect.Effect<void>
  }
>() {}
