import { Effect, Schema } from "effect"
import { AccountId, HouseholdId } from "../shared/Ids.js"
import { Account } from "./Account.js"
import { AccountRepository } from "./AccountRepository.js"

/** The account cannot be linked to this household: an agent's account, or linked to another one. */
export class AccountNotLinkable extends Schema.TaggedError<AccountNotLinkable>()("AccountNotLinkable", {
  accountId: AccountId,
  householdId: HouseholdId,
  reason: Schema.Literal("agentAccount", "linkedElsewhere")
}) {
  override get message(): string {
    return this.reason === "agentAccount"
      ? `Le compte ${this.accountId} est un compte d'agent : il ne peut pas être relié à un foyer.`
      : `Le compte ${this.accountId} est déjà relié à un autre foyer que ${this.householdId}. Vérifiez le foyer choisi ; pour changer de foyer, détachez d'abord le compte.`
  }
}

/**
 * Links a family account to a household (after an agent accepted the account-creation request).
 * Linking again to the same household changes nothing.
 */
export const linkAccountToHousehold = (input: { readonly accountId: AccountId; readonly householdId: HouseholdId }) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const account = yield* accounts.get(input.accountId)
    if (account.holder._tag === "Agent") {
      return yield* Effect.fail(new AccountNotLinkable({ ...input, reason: "agentAccount" }))
    }
    const current = account.holder.householdId
    if (current === input.householdId) return account
    if (current !== undefined) return yield* Effect.fail(new AccountNotLinkable({ ...input, reason: "linkedElsewhere" }))
    const linked = new Account({ ...account, holder: { _tag: "Family", householdId: input.householdId } })
    yield* accounts.save(linked)
    return linked
  })
