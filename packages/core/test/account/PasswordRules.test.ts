import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { commonPasswords } from "../../src/account/CommonPasswords.js"
import { checkPasswordStrength, defaultPasswordRules, PasswordRules, type PasswordWeakness } from "../../src/account/PasswordRules.js"

const weaknessOf = (password: string, identifier = "famille.martin"): PasswordWeakness | "ok" => {
  const checked = checkPasswordStrength(password, identifier)
  return Either.isLeft(checked) ? checked.left.weakness : "ok"
}

const identifiers = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._@-"), minLength: 2, maxLength: 30 })
  )
  .map(([first, rest]) => first + rest)

describe("Password rules", () => {
  it("accepts long varied passwords and passphrases", () => {
    expect(weaknessOf("Girafe-Prune-2026")).toBe("ok")
    expect(weaknessOf("k7pm-x3rt-9qaz-h2wd")).toBe("ok")
    expect(weaknessOf("girafe prune tambour escalier")).toBe("ok")
    expect(weaknessOf("chat chien loup ours")).toBe("ok")
    expect(weaknessOf("le chat de marie dort bien")).toBe("ok")
  })

  it("refuses short or plain passwords, with the rule in French", () => {
    expect(weaknessOf("Tr0p-court")).toBe("tooWeak")
    expect(weaknessOf("abcdefghijklmnop")).toBe("tooWeak")
    expect(weaknessOf("chat chien loup")).toBe("tooWeak")
    expect(weaknessOf("le chat de la mere dort")).toBe("tooWeak")
    const refused = checkPasswordStrength("Tr0p-court", "famille.martin")
    expect(Either.isLeft(refused) && refused.left.message).toBe(
      "Ce mot de passe est trop faible : choisissez au moins 12 caractères mêlant au moins 3 types (minuscules, majuscules, chiffres, signes), ou une phrase de passe d'au moins 4 mots de 3 lettres ou plus et 20 caractères au total (par exemple « girafe prune tambour escalier »)."
    )
  })

  it("refuses common passwords, also with digits and signs added at the end", () => {
    expect(commonPasswords.size).toBeGreaterThanOrEqual(200)
    expect(weaknessOf("motdepasse")).toBe("common")
    expect(weaknessOf("soleil123456")).toBe("common")
    expect(weaknessOf("Azertyuiop2024!")).toBe("common")
    expect(weaknessOf("MotDePasse-1234")).toBe("common")
    const refused = checkPasswordStrength("azertyuiop", "famille.martin")
    expect(Either.isLeft(refused) && refused.left.message).toContain("fait partie des plus répandus")
  })

  it("refuses a password containing the identifier or the part of an e-mail before @", () => {
    expect(weaknessOf("Famille.Martin-2026!", "famille.martin")).toBe("containsIdentifier")
    expect(weaknessOf("Chloe.Martin tambour 77", "chloe.martin@exemple.fr")).toBe("containsIdentifier")
    expect(weaknessOf("Girafe-Prune-2026", "chloe.martin@exemple.fr")).toBe("ok")
  })

  it("follows the town's settings", () => {
    const lenient = new PasswordRules({ ...defaultPasswordRules, minLength: 8, minCharacterKinds: 2 })
    expect(Either.isRight(checkPasswordStrength("tambour7x", "famille.martin", lenient))).toBe(true)
    expect(Either.isLeft(checkPasswordStrength("tambour7x", "famille.martin"))).toBe(true)
  })

  test.prop([identifiers, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.boolean()])(
    "a password equal to the identifier or containing it is always refused",
    (identifier, before, after, upper) => {
      const password = before + (upper ? identifier.toUpperCase() : identifier) + after
      const checked = checkPasswordStrength(password, identifier)
      expect(Either.isLeft(checked) && checked.left.weakness).toBe("containsIdentifier")
      expect(Either.isLeft(checkPasswordStrength(identifier, identifier))).toBe(true)
    }
  )
})
