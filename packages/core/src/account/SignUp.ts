import { Effect, Either, Option, Schema } from "effect"
import { openRequest, decideRequest } from "../request/RequestLifecycle.js"
import { RequestNotifications } from "../request/RequestNotifications.js"
import { AccountCreationPayload } from "../request/RequestPayload.js"
import { RequestRepository } from "../request/RequestRepository.js"
import type { Request } from "../request/Request.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AccountId, RequestId, type HouseholdId } from "../shared/Ids.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { Account, AccountEmail, AccountLogin, LoginTaken, normalizeEmail, normalizeLogin } from "./Account.js"
import { AccountRepository } from "./AccountRepository.js"
import { FamilyActor } from "./Actor.js"
import { Digest } from "./Digest.js"
import { matchLetterCode, normalizeLetterCode } from "./HouseholdLinkCode.js"
import { HouseholdLinkCodes } from "./HouseholdLinkCodes.js"
import { PasswordHasher } from "./PasswordHasher.js"
import { checkPasswordStrength, defaultPasswordRules, type PasswordRules } from "./PasswordRules.js"

/** The "Créer mon espace" form. */
export const SignUpForm = Schema.Struct({
  login: AccountLogin,
  email: AccountEmail,
  declaredName: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  phone: Schema.optional(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(30))),
  /** The household reference printed on the town's letter or an invoice. */
  householdReference: Schema.optional(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64))),
  /** The code printed on the town's letter; with the reference, links the account at once. */
  letterCode: Schema.optional(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64))),
  message: Schema.optional(Schema.String.pipe(Schema.maxLength(10_000)))
}).annotations({ identifier: "SignUpForm" })
export type SignUpForm = typeof SignUpForm.Type

/** What a person typed in the form, before validation. */
export interface SignUpInput {
  readonly login: string
  readonly password: string
  readonly email: string
  readonly declaredName: string
  readonly phone?: string
  readonly householdReference?: string
  readonly letterCode?: string
  readonly message?: string
}

/** The account created, its account-creation request, and the household when the letter code matched. */
export interface SignedUp {
  readonly account: Account
  readonly request: Request
  readonly linkedHouseholdId?: HouseholdId
}

/** The rule recorded as the author of an account-creation request accepted by a matching letter code. */
export const letterCodeRule = "Espace relié automatiquement : la référence du foyer et le code du courrier correspondent."

const validateForm = validate(SignUpForm, "Création de votre espace")

const blankToAbsent = (value: string | undefined): string | undefined =>
  value === undefined || value.trim().length === 0 ? undefined : value

/**
 * "Créer mon espace": creates a family account, not linked, and an account-creation request that
 * an agent accepts by choosing the household. When the household reference and the letter code
 * match (`matchLetterCode`), the account is linked at once and the request accepted by that rule;
 * when they are given and do not match, nothing is created (`LetterCodeMismatch`).
 */
export const signUp = (input: SignUpInput, rules: PasswordRules = defaultPasswordRules) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const requests = yield* RequestRepository
    const notifications = yield* RequestNotifications
    const hasher = yield* PasswordHasher
    const ids = yield* IdGenerator
    const now = yield* (yield* Clock).now
    const reference = blankToAbsent(input.householdReference)
    const code = blankToAbsent(input.letterCode)
    const phone = blankToAbsent(input.phone)
    const message = blankToAbsent(input.message)
    const form = yield* validateForm({
      login: normalizeLogin(input.login),
      email: normalizeEmail(input.email),
      declaredName: input.declaredName,
      ...(phone === undefined ? {} : { phone }),
      ...(reference === undefined ? {} : { householdReference: reference }),
      ...(code === undefined ? {} : { letterCode: code }),
      ...(message === undefined ? {} : { message })
    })
    if (form.letterCode !== undefined && form.householdReference === undefined) {
      return yield* Effect.fail(
        new InvalidInput({
          subject: "Création de votre espace",
          problems: [{ path: "householdReference", message: "Saisissez aussi la référence du foyer inscrite sur le courrier, à côté du code." }]
        })
      )
    }
    yield* checkPasswordStrength(input.password, form.login, rules)
    if (Option.isSome(yield* accounts.findByLogin(form.login))) return yield* Effect.fail(new LoginTaken({ login: form.login }))
    let householdId: HouseholdId | undefined
    if (form.letterCode !== undefined && form.householdReference !== undefined) {
      const letter = yield* (yield* HouseholdLinkCodes).findByReference(form.householdReference)
      const codeHash = yield* (yield* Digest).sha256Hex(normalizeLetterCode(form.letterCode))
      householdId = yield* matchLetterCode(Option.getOrUndefined(letter), form.householdReference, codeHash, now)
    }
    const account = new Account({
      id: AccountId.make(yield* ids.next("acc")),
      login: form.login,
      email: form.email,
      passwordHash: yield* hasher.hash(input.password),
      mustChangeCredentials: false,
      holder: householdId === undefined ? { _tag: "Family" } : { _tag: "Family", householdId },
      createdAt: now
    })
    const family = new FamilyActor({ accountId: account.id, ...(householdId === undefined ? {} : { householdId }) })
    const payload = new AccountCreationPayload({
      accountId: account.id,
      declaredName: form.declaredName,
      ...(form.householdReference === undefined ? {} : { householdReference: form.householdReference }),
      ...(form.phone === undefined ? {} : { phone: form.phone })
    })
    const opened = yield* openRequest(
      { id: RequestId.make(yield* ids.next("req")), family, payload, ...(form.message === undefined ? {} : { message: form.message }) },
      now
    )
    const accepted =
      householdId === undefined
        ? undefined
        : decideRequest(opened.request, { _tag: "AcceptByRule", rule: letterCodeRule, linkToHousehold: householdId }, now)
    if (accepted !== undefined && Either.isLeft(accepted)) return yield* Effect.dieMessage(accepted.left.message)
    const request = accepted === undefined ? opened.request : accepted.right.request
    yield* accounts.save(account)
    yield* requests.save(request)
    yield* notifications.publish([...opened.events, ...(accepted === undefined ? [] : accepted.right.events)])
    return { account, request, ...(householdId === undefined ? {} : { linkedHouseholdId: householdId }) } satisfies SignedUp
  })
