import { Either, Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { AccountId, HouseholdId } from "../shared/Ids.js"
import { AgentActor, FamilyActor } from "./Actor.js"
import { AgentRole } from "./Permission.js"

/**
 * The identifier a person types to log in: 3 to 64 characters, lower-case letters, digits and
 * `. _ - @` (an e-mail address fits). Normalize what people type with `normalizeLogin` first.
 */
export const AccountLogin = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9][a-z0-9._@-]{2,63}$/, {
    message: () =>
      "L'identifiant doit compter de 3 à 64 caractères : lettres sans accent, chiffres, et les signes . _ - @ (il commence par une lettre ou un chiffre)."
  }),
  Schema.brand("AccountLogin"),
  Schema.annotations({ identifier: "AccountLogin" })
)
export type AccountLogin = typeof AccountLogin.Type

/** What people type as an identifier, trimmed and lower-cased (logins are case-insensitive). */
export const normalizeLogin = (input: string): string => input.normalize("NFC").trim().toLowerCase()

/** An e-mail address, where the account's mail goes. */
export const AccountEmail = Schema.String.pipe(
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
    message: () => "L'adresse e-mail doit avoir la forme nom@exemple.fr."
  }),
  Schema.maxLength(254),
  Schema.brand("AccountEmail"),
  Schema.annotations({ identifier: "AccountEmail" })
)
export type AccountEmail = typeof AccountEmail.Type

/** An e-mail address as typed, trimmed and lower-cased. */
export const normalizeEmail = (input: string): string => input.trim().toLowerCase()

/** Whose account it is: a family's (linked to a household once accepted) or a town agent's. */
export const AccountHolder = Schema.Union(
  Schema.TaggedStruct("Family", { householdId: Schema.optional(HouseholdId) }),
  Schema.TaggedStruct("Agent", { displayName: Schema.NonEmptyTrimmedString, role: AgentRole })
).annotations({ identifier: "AccountHolder" })
export type AccountHolder = typeof AccountHolder.Type

/** A login to the portal or the back office. The password is kept only as the hasher's hash. */
export class Account extends Schema.Class<Account>("Account")({
  id: AccountId,
  login: AccountLogin,
  email: Schema.optional(AccountEmail),
  passwordHash: Schema.NonEmptyString,
  /** Set on accounts created by the town: the first login must choose an identifier and a password. */
  mustChangeCredentials: Schema.Boolean,
  holder: AccountHolder,
  createdAt: Instant,
  credentialsChangedAt: Schema.optional(Instant),
  disabledAt: Schema.optional(Instant),
  /** When the account last logged in (absent before its first login, or before it was recorded). */
  lastLoginAt: Schema.optional(Instant)
}) {}

/** The household an account is linked to, if any (agents' accounts never are). */
export const linkedHouseholdOf = (account: Account): HouseholdId | undefined =>
  account.holder._tag === "Family" ? account.holder.householdId : undefined

/** The actor an account is once logged in: a family or an agent. */
export function actorOf(account: Account): FamilyActor | AgentActor {
  const holder = account.holder
  if (holder._tag === "Agent") {
    return new AgentActor({ accountId: account.id, displayName: holder.displayName, role: holder.role })
  }
  return new FamilyActor({
    accountId: account.id,
    ...(holder.householdId === undefined ? {} : { householdId: holder.householdId })
  })
}

/** No account has this id. */
export class AccountNotFound extends Schema.TaggedError<AccountNotFound>()("AccountNotFound", {
  accountId: AccountId
}) {
  override get message(): string {
    return `Aucun compte ne porte le numéro ${this.accountId}. Vérifiez le lien suivi, ou contactez le Service à la Population.`
  }
}

/** Another account already uses this identifier. */
export class LoginTaken extends Schema.TaggedError<LoginTaken>()("LoginTaken", {
  login: Schema.String
}) {
  override get message(): string {
    return `L'identifiant « ${this.login} » est déjà utilisé : choisissez-en un autre (par exemple en y ajoutant un chiffre).`
  }
}

/** The account was disabled by the town. */
export class AccountDisabled extends Schema.TaggedError<AccountDisabled>()("AccountDisabled", {
  accountId: AccountId,
  since: Instant
}) {
  override get message(): string {
    return "Ce compte a été désactivé par la mairie. Contactez le Service à la Population pour le réactiver."
  }
}

/** The account must first choose its own identifier and password (first login with a temporary password). */
export class CredentialsChangeRequired extends Schema.TaggedError<CredentialsChangeRequired>()(
  "CredentialsChangeRequired",
  { accountId: AccountId }
) {
  override get message(): string {
    return "Avant de continuer, choisissez votre propre identifiant et votre nouveau mot de passe : l'identifiant et le mot de passe reçus par mail ne servent qu'à la première connexion."
  }
}

/** A family account not yet linked to a household tried something that needs one. */
export class AccountNotLinked extends Schema.TaggedError<AccountNotLinked>()("AccountNotLinked", {
  accountId: AccountId
}) {
  override get message(): string {
    return "Votre espace n'est pas encore relié à un foyer : le Service à la Population doit d'abord accepter votre demande de création d'espace (ou saisissez la référence du foyer et le code reçus par courrier)."
  }
}

/**
 * Succeeds when the account has chosen its own identifier and password; the portal calls it before
 * any other page or use case of a logged-in account.
 */
export const requireChosenCredentials = (account: Account): Either.Either<Account, CredentialsChangeRequired> =>
  account.mustChangeCredentials ? Either.left(new CredentialsChangeRequired({ accountId: account.id })) : Either.right(account)
