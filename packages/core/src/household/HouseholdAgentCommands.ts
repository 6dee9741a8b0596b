import { Effect, Schema } from "effect"
import { Account, AccountEmail, AccountNotFound, normalizeEmail } from "../account/Account.js"
import { AccountNotifications } from "../account/AccountNotifications.js"
import { AccountRepository } from "../account/AccountRepository.js"
import { accountAuditView } from "../account/AgentAccounts.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { type JsonValue, toAuditJson } from "../account/AuditRecord.js"
import { createHouseholdAccount } from "../account/CreateHouseholdAccount.js"
import { PasswordHasher } from "../account/PasswordHasher.js"
import { SecretGenerator } from "../account/SecretGenerator.js"
import { temporaryPasswordBytes, temporaryPasswordFrom } from "../account/Secrets.js"
import { WebSessionStore } from "../account/WebSession.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AccountId, type HouseholdId, MemberId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { Adult, AdultDetails, Child, ChildDetails, Household, HouseholdDetails } from "./Household.js"
import { HouseholdRepository } from "./HouseholdRepository.js"
import { registerHousehold } from "./HouseholdUseCases.js"

/** No member of the household has this identifier. */
export class HouseholdMemberNotFound extends Schema.TaggedError<HouseholdMemberNotFound>()("HouseholdMemberNotFound", {
  householdId: Schema.String,
  memberId: Schema.String
}) {
  override get message(): string {
    return `Le foyer ne compte aucun membre portant l'identifiant ${this.memberId}. Revenez à la fiche du foyer et choisissez le membre dans la liste.`
  }
}

/** The temporary credentials cannot be sent again: the family already chose its own, or the account is locked. */
export class ActivationRefused extends Schema.TaggedError<ActivationRefused>()("ActivationRefused", {
  accountId: Schema.String,
  reason: Schema.Literal("activated", "locked"),
  since: Schema.optional(Instant)
}) {
  override get message(): string {
    if (this.reason === "locked")
      return "Ce compte est verrouillé : déverrouillez-le d'abord, puis renvoyez les identifiants de connexion."
    const when = this.since === undefined ? "" : ` (le ${ParisTime.formatFr(this.since)})`
    return `La famille a déjà choisi son identifiant et son mot de passe${when} : un nouvel envoi les remplacerait. Si elle les a oubliés, elle utilise « J'ai oublié mon mot de passe » sur la page d'accueil du portail.`
  }
}

/** What creating a household gives: the household and the family account mailed its temporary credentials. */
export interface HouseholdCreated {
  readonly household: Household
  readonly account: Account
}

const householdJson = (household: Household) => toAuditJson(Household, household)

const jsonObject = (value: JsonValue): { readonly [key: string]: JsonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { readonly [key: string]: JsonValue }) : {}

const referenceOf = (input: unknown): string => {
  const reference = typeof input === "object" && input !== null ? (input as { readonly reference?: unknown }).reference : undefined
  return typeof reference === "string" && reference.trim().length > 0 ? reference.trim().slice(0, 64) : "nouveau-foyer"
}

const sameEmail = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && normalizeEmail(a) === normalizeEmail(b)

const validateAccountEmail = (email: string) => validate(AccountEmail, "L'adresse e-mail du foyer")(normalizeEmail(email))

/**
 * An agent creates a household (`registerHousehold`: every field validated, the reference unique)
 * and its family account (`createHouseholdAccount`: an identifier and a temporary password mailed
 * to the household's e-mail address), in one transaction; audited `households.create`.
 */
export const createHousehold = auditedAgentCommand({
  action: "households.create",
  permission: "households.write",
  target: (input: unknown) => ({ kind: "household", id: referenceOf(input) }),
  run: (_agent, input: unknown) =>
    Effect.flatMap(Transactions, (transactions) =>
      transactions.withTransaction(
        Effect.gen(function* () {
          const household = yield* registerHousehold(input)
          const email = yield* validateAccountEmail(household.contact.email)
          const { account } = yield* createHouseholdAccount({ householdId: household.id, householdReference: household.reference, email })
          return {
            result: { household, account } satisfies HouseholdCreated,
            before: null,
            after: { household: householdJson(household), account: accountAuditView(account) }
          }
        })
      )
    )
})

/**
 * An agent changes a household's name, address, contact details and residency (validated; the
 * members untouched). A new e-mail address also becomes the e-mail of the family accounts that
 * used the old one, so the town's mails follow. Audited `households.update`.
 */
export const updateHousehold = auditedAgentCommand({
  action: "households.update",
  permission: "households.write",
  target: (input: { readonly householdId: HouseholdId }) => ({ kind: "household", id: input.householdId }),
  run: (_agent, input: { readonly householdId: HouseholdId; readonly details: unknown }) =>
    Effect.gen(function* () {
      const households = yield* HouseholdRepository
      const before = yield* households.get(input.householdId)
      const details = yield* validate(HouseholdDetails, "Le foyer")(input.details)
      const after = Household.make({ ...before, ...details })
      yield* households.save(after)
      const movedAccounts: Array<AccountId> = []
      if (!sameEmail(before.contact.email, after.contact.email)) {
        const email = yield* validateAccountEmail(after.contact.email)
        const accounts = yield* AccountRepository
        for (const account of yield* accounts.listByHousehold(after.id)) {
          if (account.email !== undefined && !sameEmail(account.email, before.contact.email)) continue
          yield* accounts.save(new Account({ ...account, email }))
          movedAccounts.push(account.id)
        }
      }
      return {
        result: after,
        before: householdJson(before),
        after: movedAccounts.length === 0 ? householdJson(after) : { ...jsonObject(householdJson(after)), accountsEmailChanged: movedAccounts }
      }
    })
})

/** Whether a member is an adult (legal guardian) or a child. */
export type MemberKind = "adult" | "child"

const adultRefusalSubject = "Le responsable légal"
const childRefusalSubject = "L'enfant"

const withPayer = (adults: ReadonlyArray<Adult>, payerId: MemberId): ReadonlyArray<Adult> =>
  adults.map((a) => (a.isPayer === (a.id === payerId) ? a : Adult.make({ ...a, isPayer: a.id === payerId })))

/** What adding a member gives: the household as saved and the new member's identifier. */
export interface MemberAdded {
  readonly household: Household
  readonly memberId: MemberId
}

/**
 * An agent adds a member to a household: an adult (legal guardian; when marked as the payer, the
 * other adults stop being it) or a child, validated field by field. Audited `households.addMember`.
 */
export const addHouseholdMember = auditedAgentCommand({
  action: "households.addMember",
  permission: "households.write",
  target: (input: { readonly householdId: HouseholdId }) => ({ kind: "household", id: input.householdId }),
  run: (_agent, input: { readonly householdId: HouseholdId; readonly kind: MemberKind; readonly details: unknown }) =>
    Effect.gen(function* () {
      const households = yield* HouseholdRepository
      const before = yield* households.get(input.householdId)
      const memberId = MemberId.make(yield* (yield* IdGenerator).next("mbr"))
      let after: Household
      if (input.kind === "adult") {
        const details = yield* validate(AdultDetails, adultRefusalSubject)(input.details)
        const adults = [...before.adults, Adult.make({ ...details, id: memberId })]
        after = Household.make({ ...before, adults: details.isPayer ? withPayer(adults, memberId) : adults })
      } else {
        const details = yield* validate(ChildDetails, childRefusalSubject)(input.details)
        after = Household.make({ ...before, children: [...before.children, Child.make({ ...details, id: memberId })] })
      }
      yield* households.save(after)
      return { result: { household: after, memberId } satisfies MemberAdded, before: householdJson(before), after: householdJson(after) }
    })
})

/**
 * An agent corrects a member of a household (adult or child, as it is). Making an adult the payer
 * makes the others stop being it; the payer cannot simply stop being it (another adult must be
 * made the payer instead). Audited `households.updateMember`.
 */
export const updateHouseholdMember = auditedAgentCommand({
  action: "households.updateMember",
  permission: "households.write",
  target: (input: { readonly householdId: HouseholdId }) => ({ kind: "household", id: input.householdId }),
  run: (_agent, input: { readonly householdId: HouseholdId; readonly memberId: MemberId; readonly details: unknown }) =>
    Effect.gen(function* () {
      const households = yield* HouseholdRepository
      const before = yield* households.get(input.householdId)
      const adult = before.adults.find((a) => a.id === input.memberId)
      const child = before.child(input.memberId)
      let after: Household
      if (adult !== undefined) {
        const details = yield* validate(AdultDetails, adultRefusalSubject)(input.details)
        if (adult.isPayer && !details.isPayer) {
          return yield* Effect.fail(
            new InvalidInput({
              subject: adultRefusalSubject,
              problems: [
                {
                  path: "isPayer",
                  message:
                    "Ce responsable reçoit les factures du foyer : pour changer de payeur, ouvrez la fiche de l'autre responsable et indiquez que c'est lui qui paie."
                }
              ]
            })
          )
        }
        const adults = before.adults.map((a) => (a.id === adult.id ? Adult.make({ ...details, id: adult.id }) : a))
        after = Household.make({ ...before, adults: details.isPayer ? withPayer(adults, adult.id) : adults })
      } else if (child !== undefined) {
        const details = yield* validate(ChildDetails, childRefusalSubject)(input.details)
        after = Household.make({ ...before, children: before.children.map((c) => (c.id === child.id ? Child.make({ ...details, id: child.id }) : c)) })
      } else {
        return yield* Effect.fail(new HouseholdMemberNotFound({ householdId: input.householdId, memberId: input.memberId }))
      }
      yield* households.save(after)
      return { result: after, before: householdJson(before), after: householdJson(after) }
    })
})

/** What sending the connection details again did. */
export interface ActivationSent {
  readonly account: Account
  /** True when the household had no account and one was created. */
  readonly created: boolean
}

/**
 * An agent sends a household its connection details again, to the household's e-mail address as it
 * is now (the account's e-mail follows it): a new temporary password (the previous one stops
 * working, the account's sessions end) with the identifier, to replace at the first login. A
 * household without an account gets one (`createHouseholdAccount`). Refused once the family chose
 * its own credentials, or while the account is locked. Audited `accounts.resendActivation`.
 */
export const resendHouseholdActivation = auditedAgentCommand({
  action: "accounts.resendActivation",
  permission: "households.write",
  target: (input: { readonly householdId: HouseholdId }) => ({ kind: "household", id: input.householdId }),
  run: (_agent, input: { readonly householdId: HouseholdId; readonly accountId?: AccountId }) =>
    Effect.gen(function* () {
      const household = yield* (yield* HouseholdRepository).get(input.householdId)
      const email = yield* validateAccountEmail(household.contact.email)
      const accounts = yield* AccountRepository
      const linked = yield* accounts.listByHousehold(household.id)
      if (input.accountId === undefined && linked.length === 0) {
        const { account } = yield* createHouseholdAccount({ householdId: household.id, householdReference: household.reference, email })
        const sent: ActivationSent = { account, created: true }
        return { result: sent, before: null, after: accountAuditView(account) }
      }
      const wanted = input.accountId
      const before = wanted === undefined ? linked.find((a) => a.mustChangeCredentials) ?? linked[0] : linked.find((a) => a.id === wanted)
      if (before === undefined) return yield* Effect.fail(new AccountNotFound({ accountId: wanted ?? AccountId.make("aucun") }))
      if (before.disabledAt !== undefined) return yield* Effect.fail(new ActivationRefused({ accountId: before.id, reason: "locked" }))
      if (!before.mustChangeCredentials) {
        return yield* Effect.fail(
          new ActivationRefused({ accountId: before.id, reason: "activated", ...(before.credentialsChangedAt === undefined ? {} : { since: before.credentialsChangedAt }) })
        )
      }
      const temporaryPassword = temporaryPasswordFrom(yield* (yield* SecretGenerator).randomBytes(temporaryPasswordBytes))
      const after = new Account({ ...before, email, passwordHash: yield* (yield* PasswordHasher).hash(temporaryPassword), mustChangeCredentials: true })
      yield* accounts.save(after)
      yield* (yield* WebSessionStore).deleteAllForAccount(after.id)
      yield* (yield* AccountNotifications).sendTemporaryCredentials({ accountId: after.id, email, login: after.login, temporaryPassword })
      const sent: ActivationSent = { account: after, created: false }
      return { result: sent, before: accountAuditView(before), after: accountAuditView(after) }
    })
})
