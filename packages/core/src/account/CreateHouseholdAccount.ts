import { Effect, Option } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AccountId, type HouseholdId } from "../shared/Ids.js"
import { Account, AccountLogin, type AccountEmail } from "./Account.js"
import { AccountNotifications } from "./AccountNotifications.js"
import { AccountRepository } from "./AccountRepository.js"
import { PasswordHasher } from "./PasswordHasher.js"
import { SecretGenerator } from "./SecretGenerator.js"
import { generatedLoginSuffixBytes, loginFromReference, temporaryPasswordBytes, temporaryPasswordFrom } from "./Secrets.js"

/** A household the town created, to give a portal account. */
export interface CreateHouseholdAccountInput {
  readonly householdId: HouseholdId
  /** The household's reference, from which the readable identifier is made. */
  readonly householdReference: string
  readonly email: AccountEmail
}

/** The account created and the temporary password sent (also printable on a letter). */
export interface HouseholdAccountCreated {
  readonly account: Account
  readonly temporaryPassword: string
}

const maxLoginDraws = 8

/**
 * Creates the account of a household the town created: a readable identifier made from the
 * household's reference, a random temporary password (both from `SecretGenerator`), the
 * `mustChangeCredentials` flag set, and the mail with both through `AccountNotifications`.
 */
export const createHouseholdAccount = (input: CreateHouseholdAccountInput) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const secrets = yield* SecretGenerator
    const hasher = yield* PasswordHasher
    const ids = yield* IdGenerator
    const clock = yield* Clock
    const notifications = yield* AccountNotifications
    let login: AccountLogin | undefined
    for (let draw = 0; draw < maxLoginDraws && login === undefined; draw++) {
      const candidate = AccountLogin.make(
        loginFromReference(input.householdReference, yield* secrets.randomBytes(generatedLoginSuffixBytes))
      )
      if (Option.isNone(yield* accounts.findByLogin(candidate))) login = candidate
    }
    if (login === undefined) {
      return yield* Effect.dieMessage(`No free identifier found for household ${input.householdId} after ${maxLoginDraws} draws`)
    }
    const temporaryPassword = temporaryPasswordFrom(yield* secrets.randomBytes(temporaryPasswordBytes))
    const account = new Account({
      id: AccountId.make(yield* ids.next("acc")),
      login,
      email: input.email,
      passwordHash: yield* hasher.hash(temporaryPassword),
      mustChangeCredentials: true,
      holder: { _tag: "Family", householdId: input.householdId },
      createdAt: yield* clock.now
    })
    yield* accounts.save(account)
    yield* notifications.sendTemporaryCredentials({
      accountId: account.id,
      email: input.email,
      login: account.login,
      temporaryPassword
    })
    return { account, temporaryPassword } satisfies HouseholdAccountCreated
  })
