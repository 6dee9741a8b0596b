import { Either, Schema } from "effect"
import * as Instant from "../shared/Instant.js"
import { HouseholdId } from "../shared/Ids.js"
import { Sha256Hex } from "./Digest.js"

/**
 * The code printed on the town's letter to a household, with which a family links the account it
 * created to its household without waiting for an agent. Only the SHA-256 of the code is kept.
 */
export class HouseholdLinkCode extends Schema.Class<HouseholdLinkCode>("HouseholdLinkCode")({
  householdId: HouseholdId,
  /** The household's reference as printed on the letter. */
  reference: Schema.NonEmptyTrimmedString,
  /** SHA-256 of the code after `normalizeLetterCode`. */
  codeHash: Sha256Hex,
  expiresAt: Schema.optional(Instant.Instant)
}) {}

/** A household reference as typed, compared without spaces and in upper case. */
export const normalizeHouseholdReference = (input: string): string => input.replace(/\s+/g, "").toUpperCase()

/** A letter code as typed, without spaces or dashes, in lower case: what is hashed. */
export const normalizeLetterCode = (input: string): string => input.replace(/[\s-]+/g, "").toLowerCase()

/** The household reference and letter code given at sign-up do not match a valid letter. */
export class LetterCodeMismatch extends Schema.TaggedError<LetterCodeMismatch>()("LetterCodeMismatch", {
  reference: Schema.String
}) {
  override get message(): string {
    return `La référence du foyer « ${this.reference} » et le code du courrier ne correspondent pas, ou ce code n'est plus valable. Vérifiez-les sur le courrier de la mairie, ou laissez ces deux champs vides : le Service à la Population reliera votre espace à votre foyer après vérification.`
  }
}

/**
 * Whether a letter code matches: the letter found by reference exists, its code hash equals the
 * hash of the code given (after `normalizeLetterCode`), and it has not expired. The only way an
 * account is linked to a household without an agent's acceptance.
 */
export function matchLetterCode(
  letter: HouseholdLinkCode | undefined,
  givenReference: string,
  givenCodeHash: string,
  now: Instant.Instant
): Either.Either<HouseholdId, LetterCodeMismatch> {
  const mismatch = Either.left(new LetterCodeMismatch({ reference: givenReference }))
  if (letter === undefined) return mismatch
  if (normalizeHouseholdReference(letter.reference) !== normalizeHouseholdReference(givenReference)) return mismatch
  if (!sameText(letter.codeHash, givenCodeHash)) return mismatch
  if (letter.expiresAt !== undefined && !Instant.isBefore(now, letter.expiresAt)) return mismatch
  return Either.right(letter.householdId)
}

const sameText = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  return difference === 0
}
