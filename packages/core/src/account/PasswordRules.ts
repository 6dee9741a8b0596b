import { Either, Schema } from "effect"
import { commonPasswords } from "./CommonPasswords.js"

/**
 * What a chosen password must be, each field a town setting. Either a password of `minLength`
 * characters mixing at least `minCharacterKinds` kinds (lower case, upper case, digits, signs), or
 * a passphrase of `passphraseMinWords` words of `passphraseMinWordLetters` letters or more and
 * `passphraseMinLength` characters in all. Never containing the identifier, never a common one.
 */
export class PasswordRules extends Schema.Class<PasswordRules>("PasswordRules")({
  minLength: Schema.Int.pipe(Schema.positive()),
  minCharacterKinds: Schema.Int.pipe(Schema.between(1, 4)),
  passphraseMinWords: Schema.Int.pipe(Schema.positive()),
  passphraseMinWordLetters: Schema.Int.pipe(Schema.positive()),
  passphraseMinLength: Schema.Int.pipe(Schema.positive())
}) {}

/** The defaults: 12 characters of 3 kinds, or a passphrase of 4 words of 3 letters, 20 characters. */
export const defaultPasswordRules = new PasswordRules({
  minLength: 12,
  minCharacterKinds: 3,
  passphraseMinWords: 4,
  passphraseMinWordLetters: 3,
  passphraseMinLength: 20
})

/** Why a password was refused. */
export const PasswordWeakness = Schema.Literal("tooWeak", "containsIdentifier", "common").annotations({
  identifier: "PasswordWeakness"
})
export type PasswordWeakness = typeof PasswordWeakness.Type

/** A chosen password breaks a password rule; the message says which and what to choose instead. */
export class PasswordRefused extends Schema.TaggedError<PasswordRefused>()("PasswordRefused", {
  weakness: PasswordWeakness,
  rules: PasswordRules
}) {
  override get message(): string {
    const r = this.rules
    switch (this.weakness) {
      case "containsIdentifier":
        return "Ce mot de passe contient votre identifiant : choisissez un mot de passe qui ne le reprend pas, même en partie."
      case "common":
        return "Ce mot de passe fait partie des plus répandus, ceux que l'on essaie en premier pour entrer dans un compte : choisissez-en un autre, par exemple une phrase de passe de quelques mots."
      case "tooWeak":
        return `Ce mot de passe est trop faible : choisissez au moins ${r.minLength} caractères mêlant au moins ${r.minCharacterKinds} types (minuscules, majuscules, chiffres, signes), ou une phrase de passe d'au moins ${r.passphraseMinWords} mots de ${r.passphraseMinWordLetters} lettres ou plus et ${r.passphraseMinLength} caractères au total (par exemple « girafe prune tambour escalier »).`
    }
  }
}

const characters = (text: string): ReadonlyArray<string> => Array.from(text)

const kindsOfCharacters = (password: string): number => {
  const kinds = new Set<string>()
  for (const c of characters(password)) {
    if (/\p{Ll}/u.test(c)) kinds.add("lower")
    else if (/\p{Lu}/u.test(c)) kinds.add("upper")
    else if (/\p{Nd}/u.test(c)) kinds.add("digit")
    else kinds.add("sign")
  }
  return kinds.size
}

const isPassphrase = (password: string, rules: PasswordRules): boolean => {
  if (characters(password).length < rules.passphraseMinLength) return false
  const words = password.split(/[^\p{L}]+/u).filter((w) => characters(w).length >= rules.passphraseMinWordLetters)
  return words.length >= rules.passphraseMinWords
}

const identifierParts = (identifier: string): ReadonlyArray<string> => {
  const whole = identifier.trim().toLowerCase()
  const local = whole.split("@")[0] ?? ""
  return [whole, local].filter((part) => characters(part).length >= 3)
}

const isCommon = (password: string): boolean => {
  const lower = password.trim().toLowerCase()
  const stripped = lower.replace(/[\d\s\p{P}\p{S}]+$/u, "")
  return commonPasswords.has(lower) || (stripped.length > 0 && commonPasswords.has(stripped))
}

/**
 * Checks a password a person chose against the rules: not containing the identifier (or the part
 * of an e-mail identifier before `@`), not a common password, long and varied enough or a
 * passphrase. Case is ignored when comparing with the identifier and the common list.
 *
 * @example
 * checkPasswordStrength("Girafe-Prune-2026", "famille.martin") // Right
 * checkPasswordStrength("soleil123456", "famille.martin")      // Left(PasswordRefused "common")
 */
export function checkPasswordStrength(
  password: string,
  identifier: string,
  rules: PasswordRules = defaultPasswordRules
): Either.Either<void, PasswordRefused> {
  const refuse = (weakness: PasswordWeakness) => Either.left(new PasswordRefused({ weakness, rules }))
  const lower = password.toLowerCase()
  if (identifierParts(identifier).some((part) => lower.includes(part))) return refuse("containsIdentifier")
  if (isCommon(password)) return refuse("common")
  const longAndVaried =
    characters(password).length >= rules.minLength && kindsOfCharacters(password) >= rules.minCharacterKinds
  if (!longAndVaried && !isPassphrase(password, rules)) return refuse("tooWeak")
  return Either.void
}
