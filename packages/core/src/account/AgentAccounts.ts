import { Effect, Option } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AccountId } from "../shared/Ids.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { Account, AccountEmail, AccountLogin, LoginTaken, normalizeEmail, normalizeLogin } from "./Account.js"
import { AccountNotifications } from "./AccountNotifications.js"
import { AccountRepository } from "./AccountRepository.js"
import { auditedAgentCommand } from "./AgentCommand.js"
import { toAuditJson, type JsonValue } from "./AuditRecord.js"
import type { AgentRole } from "./Permission.js"
import { PasswordHasher } from "./PasswordHasher.js"
import { SecretGenerator } from "./SecretGenerator.js"
import { temporaryPasswordBytes, temporaryPasswordFrom } from "./Secrets.js"

/** What an administrator gives to create an agent's account. */
export interface CreateAgentAccountInput {
  readonly login: string
  readonly displayName: string
  readonly email: string
  readonly role: AgentRole
}

const validateLogin = validate(AccountLogin, "Identifiant de l'agent")
const validateEmail = validate(AccountEmail, "Adresse e-mail de l'agent")

/** Agents' view of an account in the journal: never the password hash. */
export const accountAuditView = (account: Account) => {
  const { passwordHash: _hidden, ...visible } = toAuditJson(Account, account) as { readonly [key: string]: unknown }
  void _hidden
  return visible as { readonly [key: string]: JsonValue }
}

/**
 * An administrator creates an agent's account with a role: a temporary password is mailed, to
 * replace at the first login (`accounts.manage`, audited).
 */
export const createAgentAccount = auditedAgentCommand({
  action: "accounts.createAgent",
  permission: "accounts.manage",
  target: (input: CreateAgentAccountInput) => ({ kind: "account", id: normalizeLogin(input.login) }),
  run: (_admin, input: CreateAgentAccountInput) =>
    Effect.gen(function* () {
      const accounts = yield* AccountRepository
      const login = yield* validateLogin(normalizeLogin(input.login))
      const email = yield* validateEmail(normalizeEmail(input.email))
      if (Option.isSome(yield* accounts.findByLogin(login))) return yield* Effect.fail(new LoginTaken({ login }))
      const temporaryPassword = temporaryPasswordFrom(yield* (yield* SecretGenerator).randomBytes(temporaryPasswordBytes))
      const displayName = input.displayName.trim().length > 0 ? input.displayName.trim() : login
      const account = new Account({
        id: AccountId.make(yield* (yield* IdGenerator).next("acc")),
        login,
        email,
        passwordHash: yield* (yield* PasswordHasher).hash(temporaryPassword),
        mustChangeCredentials: true,
        holder: { _tag: "Agent", displayName, role: input.role },
        createdAt: yield* (yield* Clock).now
      })
      yield* accounts.save(account)
      yield* (yield* AccountNotifications).sendTemporaryCredentials({ accountId: account.id, email, login, temporaryPassword })
      return { result: account, before: null, after: accountAuditView(account) }
    })
})

/** An administrator changes an agent's role (`accounts.manage`, audited). */
export const changeAgentRole = auditedAgentCommand({
  action: "accounts.changeRole",
  permission: "accounts.manage",
  target: (input: { readonly accountId: AccountId; readonly role: AgentRole }) => ({ kind: "account", id: input.accountId }),
  run: (_admin, input: { readonly accountId: AccountId; readonly role: AgentRole }) =>
    Effect.gen(function* () {
      const accounts = yield* AccountRepository
      const before = yield* accounts.get(input.accountId)
      if (before.holder._tag !== "Agent") {
        return yield* Effect.fail(
          new InvalidInput({ subject: "Rôle de l'agent", problems: [{ path: "accountId", message: "Ce compte est celui d'une famille : il n'a pas de rôle d'agent." }] })
        )
      }
      const after = new Account({ ...before, holder: { ...before.holder, role: input.role } })
      yield* accounts.save(after)
      return { result: after, before: accountAuditView(before), after: accountAuditView(after) }
    })
})

/** An administrator disables an account (a departed agent, a duplicate family account); audited. */
export const disableAccount = auditedAgentCommand({
  action: "accounts.disable",
  permission: "accounts.manage",
  target: (input: { readonly accountId: AccountId }) => ({ kind: "account", id: input.accountId }),
  run: (_admin, input: { readonly accountId: AccountId }) =>
    Effect.gen(function* () {
      const accounts = yield* AccountRepository
      const before = yield* accounts.get(input.accountId)
      const after = before.disabledAt === undefined ? new Account({ ...before, disabledAt: yield* (yield* Clock).now }) : before
      yield* accounts.save(after)
      return { result: after, before: accountAuditView(before), after: accountAuditView(after) }
    })
})

/** An administrator unlocks an account disabled by `disableAccount`: it can log in again; audited. */
export const enableAccount = auditedAgentCommand({
  action: "accounts.enable",
  permission: "accounts.manage",
  target: (input: { readonly accountId: AccountId }) => ({ kind: "account", id: input.accountId }),
  run: (_admin, input: { readonly accountId: AccountId }) =>
    Effect.gen(function* () {
      const accounts = yield* AccountRepository
      const before = yield* accounts.get(input.accountId)
      const { disabledAt: _disabledAt, ...rest } = before
      void _disabledAt
      const after = before.disabledAt === undefined ? before : new Account(rest)
      yield* accounts.save(after)
      return { result: after, before: accountAuditView(before), after: accountAuditView(after) }
    })
})
