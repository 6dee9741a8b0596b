import { Effect, Option, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import type { AccountId } from "../shared/Ids.js"
import { validate } from "../shared/Validation.js"
import { Account, AccountLogin, LoginTaken, normalizeLogin } from "./Account.js"
import { AccountRepository } from "./AccountRepository.js"
import { revokeAllApiKeysOf } from "./ApiKeyUseCases.js"
import { InvalidCredentials } from "./LogIn.js"
import { PasswordHasher } from "./PasswordHasher.js"
import { checkPasswordStrength, defaultPasswordRules, type PasswordRules } from "./PasswordRules.js"

/** A person choosing their identifier and password (required at the first login). */
export interface ChangeCredentialsInput {
  readonly accountId: AccountId
  readonly currentPassword: string
  readonly newLogin: string
  readonly newPassword: string
}

/** The new password is the current one. */
export class PasswordNotChanged extends Schema.TaggedError<PasswordNotChanged>()("PasswordNotChanged", {}) {
  override get message(): string {
    return "Le nouveau mot de passe doit être différent de l'actuel (en particulier du mot de passe temporaire reçu par mail) : choisissez-en un autre."
  }
}

const validateLogin = validate(AccountLogin, "Identifiant")

/**
 * Sets the identifier and password a person chose, after checking the current password, the
 * identifier's shape and that no other account uses it, and the password rules (against the new
 * identifier). Clears `mustChangeCredentials` and revokes the account's API keys.
 */
export const changeCredentials = (input: ChangeCredentialsInput, rules: PasswordRules = defaultPasswordRules) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const hasher = yield* PasswordHasher
    const now = yield* (yield* Clock).now
    const account = yield* accounts.get(input.accountId)
    if (!(yield* hasher.verify(input.currentPassword, account.passwordHash))) {
      return yield* Effect.fail(new InvalidCredentials())
    }
    const login = yield* validateLogin(normalizeLogin(input.newLogin))
    if (login !== account.login) {
      const holder = yield* accounts.findByLogin(login)
      if (Option.isSome(holder) && holder.value.id !== account.id) return yield* Effect.fail(new LoginTaken({ login }))
    }
    yield* checkPasswordStrength(input.newPassword, login, rules)
    if (yield* hasher.verify(input.newPassword, account.passwordHash)) return yield* Effect.fail(new PasswordNotChanged())
    const updated = new Account({
      ...account,
      login,
      passwordHash: yield* hasher.hash(input.newPassword),
      mustChangeCredentials: false,
      credentialsChangedAt: now
    })
    yield* accounts.save(updated)
    yield* revokeAllApiKeysOf(account.id)
    return updated
  })
