import { Effect, Schema } from "effect"
import { Account, AccountEmail, AccountNotLinked } from "../account/Account.js"
import { AccountNotifications } from "../account/AccountNotifications.js"
import { AccountRepository } from "../account/AccountRepository.js"
import type { FamilyActor } from "../account/Actor.js"
import type { Request } from "../request/Request.js"
import { ContactChangeAddress, ContactChangePayload } from "../request/RequestPayload.js"
import { RequestRepository } from "../request/RequestRepository.js"
import { isClosedRequestStatus } from "../request/RequestStatus.js"
import { submitRequest } from "../request/RequestUseCases.js"
import { Clock } from "../shared/Clock.js"
import type { HouseholdId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import * as ParisTime from "../shared/ParisTime.js"
import { validate } from "../shared/Validation.js"
import { EmailAddress, type PhoneNumber, type PostalAddress, validateContactChange } from "./Household.js"
import { HouseholdRepository } from "./HouseholdRepository.js"
import { changeHouseholdContact } from "./HouseholdUseCases.js"

/** How long the confirmation link of a new e-mail address works. */
export const emailConfirmationHours = 48

/** What the confirmation link of a new e-mail address carries. */
export interface EmailConfirmationLinkData {
  readonly householdId: HouseholdId
  readonly email: string
  readonly expiresAt: Instant.Instant
}

/** How a family's change of contact details is handled. */
export interface ContactChangeOptions {
  /** The whole confirmation link of a new e-mail address (the portal signs its data). */
  readonly confirmationLink: (data: EmailConfirmationLinkData) => string
  /**
   * Whether a new postal address goes to the Service à la Population as a request (it decides
   * residency, hence tariffs) instead of applying at once. True unless the town says otherwise.
   */
  readonly addressReviewed?: boolean
}

/** What a change of contact details did. */
export interface ContactChangeOutcome {
  /** The phone numbers were replaced. */
  readonly phonesChanged: boolean
  /** The address applied at once (when the town does not review it). */
  readonly addressChanged: boolean
  /** The request a new address became, when the town reviews addresses. */
  readonly addressRequest?: Request
  /** The new e-mail address a confirmation link was sent to. */
  readonly confirmationSentTo?: string
  readonly confirmationExpiresAt?: Instant.Instant
}

/** The confirmation link of a new e-mail address was followed too late. */
export class EmailConfirmationExpired extends Schema.TaggedError<EmailConfirmationExpired>()("EmailConfirmationExpired", {
  email: Schema.String,
  expiredAt: Schema.String
}) {
  override get message(): string {
    return `Ce lien de confirmation a expiré le ${ParisTime.formatFr(Instant.unsafe(this.expiredAt))} (il était valable ${emailConfirmationHours} heures) : l'adresse ${this.email} n'a pas été enregistrée. Saisissez-la à nouveau dans « Coordonnées » : un nouveau lien vous sera envoyé.`
  }
}

const sameText = (a: string | undefined, b: string | undefined): boolean => (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase()

const sameAddress = (a: PostalAddress, b: PostalAddress): boolean =>
  sameText(a.line1, b.line1) && sameText(a.line2, b.line2) && sameText(a.postalCode, b.postalCode) && sameText(a.city, b.city)

const samePhones = (a: ReadonlyArray<PhoneNumber>, b: ReadonlyArray<PhoneNumber>): boolean =>
  a.length === b.length && a.every((phone, i) => sameText(phone.number, b[i]?.number) && (phone.label ?? "") === (b[i]?.label ?? ""))

const householdOf = (family: FamilyActor) =>
  family.householdId === undefined ? Effect.fail(new AccountNotLinked({ accountId: family.accountId })) : Effect.succeed(family.householdId)

/** The household's open request for a new address, if any (the family follows it instead of asking again). */
export const pendingAddressRequest = (householdId: HouseholdId) =>
  Effect.gen(function* () {
    const requests = yield* (yield* RequestRepository).listByHousehold(householdId, { kinds: ["ContactChange"] })
    return requests.find((r) => r.payload._tag === "ContactChange" && r.payload.address !== undefined && !isClosedRequestStatus(r.status))
  })

/**
 * "Coordonnées": a family changes its contact details. Everything typed is validated first
 * (`validateContactChange`, the messages naming each field). Phone numbers apply at once; a new
 * postal address becomes a change-of-contact request the Service à la Population reviews (unless
 * `addressReviewed` is false); a new e-mail address is only mailed a confirmation link, valid
 * {@link emailConfirmationHours} hours, and applies when it is followed (`confirmEmailChange`).
 */
export const changeContactDetails = (family: FamilyActor, input: unknown, options: ContactChangeOptions) =>
  Effect.gen(function* () {
    const householdId = yield* householdOf(family)
    const change = yield* validateContactChange(input)
    const household = yield* (yield* HouseholdRepository).get(householdId)
    const phones = change.contact?.phones ?? household.contact.phones
    const phonesChanged = !samePhones(phones, household.contact.phones)
    const newAddress = change.address !== undefined && !sameAddress(change.address, household.address) ? change.address : undefined
    const reviewed = options.addressReviewed ?? true
    const applyAddressNow = newAddress !== undefined && !reviewed
    if (phonesChanged || applyAddressNow) {
      yield* changeHouseholdContact(householdId, {
        ...(applyAddressNow ? { address: newAddress } : {}),
        contact: { email: household.contact.email, phones }
      })
    }
    let addressRequest: Request | undefined
    if (newAddress !== undefined && reviewed) {
      addressRequest = yield* submitRequest(family, {
        payload: ContactChangePayload.make({
          address: ContactChangeAddress.make({
            line1: newAddress.line1,
            ...(newAddress.line2 === undefined ? {} : { line2: newAddress.line2 }),
            postalCode: newAddress.postalCode,
            city: newAddress.city
          })
        })
      })
    }
    const email = change.contact?.email
    const confirmation = email !== undefined && !sameText(email, household.contact.email) ? yield* sendEmailConfirmation(family, householdId, email, options) : undefined
    return {
      phonesChanged,
      addressChanged: applyAddressNow,
      ...(addressRequest === undefined ? {} : { addressRequest }),
      ...(confirmation === undefined ? {} : { confirmationSentTo: confirmation.email, confirmationExpiresAt: confirmation.expiresAt })
    } satisfies ContactChangeOutcome
  })

const sendEmailConfirmation = (family: FamilyActor, householdId: HouseholdId, email: string, options: ContactChangeOptions) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const expiresAt = Instant.plusHours(now, emailConfirmationHours)
    const link = options.confirmationLink({ householdId, email, expiresAt })
    yield* (yield* AccountNotifications).sendEmailConfirmationLink({ accountId: family.accountId, email: AccountEmail.make(email), link, expiresAt })
    return { email, expiresAt }
  })

/**
 * The family followed the confirmation link of a new e-mail address (its data checked by the
 * portal): before it expires, the address becomes the household's contact e-mail and the
 * account's; after, `EmailConfirmationExpired`.
 */
export const confirmEmailChange = (family: FamilyActor, link: { readonly email: string; readonly expiresAt: Instant.Instant }) =>
  Effect.gen(function* () {
    const householdId = yield* householdOf(family)
    const now = yield* (yield* Clock).now
    if (Instant.isAfter(now, link.expiresAt)) return yield* Effect.fail(new EmailConfirmationExpired({ email: link.email, expiredAt: link.expiresAt }))
    const email = yield* validate(EmailAddress, "La nouvelle adresse e-mail")(link.email)
    const household = yield* (yield* HouseholdRepository).get(householdId)
    const updated = yield* changeHouseholdContact(householdId, { contact: { email, phones: household.contact.phones } })
    const accounts = yield* AccountRepository
    const account = yield* accounts.get(family.accountId)
    yield* accounts.save(new Account({ ...account, email: AccountEmail.make(email) })).pipe(Effect.orDie)
    return updated
  })
