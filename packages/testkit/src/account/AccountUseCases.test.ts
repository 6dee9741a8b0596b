import { fc, test } from "@fast-check/vitest"
import {
  AccountEmail,
  AccountId,
  AccountRepository,
  authenticateApiKey,
  changeCredentials,
  createApiKey,
  createHouseholdAccount,
  HouseholdId,
  linkAccountToHousehold,
  linkedHouseholdOf,
  logIn,
  requestPasswordReset,
  resetPassword
} from "@spe/core"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { makePortalTestWorld } from "../request/PortalTestWorld.js"

const household = HouseholdId.make("hh-concerto")

const world = (start = "2026-06-15T06:30:00Z") => makePortalTestWorld({ start })

const createConcerto = createHouseholdAccount({ householdId: household, householdReference: "FAM-000042", email: AccountEmail.make("a.baud@arpege.fr") })

describe("Accounts created by the town", () => {
  it("get a readable identifier and a temporary password by mail, to replace at the first login", async () => {
    const w = world()
    const created = await w.run(createConcerto)
    expect(created.account.login).toMatch(/^fam000042\.[a-hjkmnp-z1-9]{4}$/)
    expect(created.account.mustChangeCredentials).toBe(true)
    expect(linkedHouseholdOf(created.account)).toBe("hh-concerto")
    expect(created.account.passwordHash).not.toContain(created.temporaryPassword)
    expect(w.mails.temporaryCredentials).toEqual([
      { accountId: created.account.id, email: "a.baud@arpege.fr", login: created.account.login, temporaryPassword: created.temporaryPassword }
    ])
    const first = await w.run(logIn({ identifier: created.account.login.toUpperCase(), password: created.temporaryPassword, address: "10.0.0.1" }))
    expect(first.mustChangeCredentials).toBe(true)

    const weak = await w.attempt(changeCredentials({ accountId: created.account.id, currentPassword: created.temporaryPassword, newLogin: "Anne.Concerto", newPassword: "anne.concerto-2026!" }))
    expect(weak._tag === "Left" && weak.left._tag).toBe("PasswordRefused")
    const same = await w.attempt(changeCredentials({ accountId: created.account.id, currentPassword: created.temporaryPassword, newLogin: "anne.concerto", newPassword: created.temporaryPassword }))
    expect(same._tag === "Left" && same.left._tag).toMatch(/PasswordNotChanged|PasswordRefused/)
    const changed = await w.run(changeCredentials({ accountId: created.account.id, currentPassword: created.temporaryPassword, newLogin: " Anne.Concerto ", newPassword: "Girafe-Prune-2026" }))
    expect(changed.login).toBe("anne.concerto")
    expect(changed.mustChangeCredentials).toBe(false)

    const old = await w.attempt(logIn({ identifier: created.account.login, password: created.temporaryPassword, address: "10.0.0.1" }))
    expect(old._tag === "Left" && old.left._tag).toBe("InvalidCredentials")
    const next = await w.run(logIn({ identifier: "anne.concerto", password: "Girafe-Prune-2026", address: "10.0.0.1" }))
    expect(next.mustChangeCredentials).toBe(false)
  })

  it("refuse an identifier another account uses", async () => {
    const w = world()
    const a = await w.run(createConcerto)
    const b = await w.run(createHouseholdAccount({ householdId: HouseholdId.make("hh-martin"), householdReference: "FAM-000043", email: AccountEmail.make("c.martin@exemple.fr") }))
    await w.run(changeCredentials({ accountId: a.account.id, currentPassword: a.temporaryPassword, newLogin: "famille", newPassword: "Girafe-Prune-2026" }))
    const taken = await w.attempt(changeCredentials({ accountId: b.account.id, currentPassword: b.temporaryPassword, newLogin: "FAMILLE", newPassword: "Tambour-Violet-77" }))
    expect(taken._tag === "Left" && taken.left.message).toBe("L'identifiant « famille » est déjà utilisé : choisissez-en un autre (par exemple en y ajoutant un chiffre).")
  })
})

describe("Logging in", () => {
  it("answers the same InvalidCredentials for an unknown identifier and a wrong password, and locks after 5 failures", async () => {
    const w = world()
    const created = await w.run(createConcerto)
    const unknown = await w.attempt(logIn({ identifier: "personne", password: "x", address: "10.0.0.1" }))
    const wrong = await w.attempt(logIn({ identifier: created.account.login, password: "x", address: "10.0.0.2" }))
    expect(unknown._tag === "Left" && wrong._tag === "Left" && unknown.left.message === wrong.left.message).toBe(true)
    expect(wrong._tag === "Left" && wrong.left.message).toBe(
      "Identifiant ou mot de passe incorrect. Vérifiez-les (les majuscules comptent dans le mot de passe), ou utilisez « J'ai oublié mon mot de passe »."
    )
    for (let i = 0; i < 4; i++) {
      w.clock.advanceMinutes(1)
      await w.attempt(logIn({ identifier: created.account.login, password: `faux-${i}`, address: "10.0.0.2" }))
    }
    const locked = await w.attempt(logIn({ identifier: created.account.login, password: created.temporaryPassword, address: "10.0.0.3" }))
    expect(locked._tag === "Left" && locked.left._tag).toBe("LoginThrottled")
    w.clock.advanceMinutes(15)
    const after = await w.run(logIn({ identifier: created.account.login, password: created.temporaryPassword, address: "10.0.0.3" }))
    expect(after.account.id).toBe(created.account.id)
  })
})

describe("Password reset", () => {
  it("answers the same whether the identifier or e-mail exists, and mails only existing accounts", async () => {
    const w = world()
    const created = await w.run(createConcerto)
    const none = await w.run(requestPasswordReset({ identifierOrEmail: "inconnu@exemple.fr" }))
    expect(w.mails.passwordResetLinks).toEqual([])
    const byEmail = await w.run(requestPasswordReset({ identifierOrEmail: "A.Baud@arpege.fr" }))
    const byLogin = await w.run(requestPasswordReset({ identifierOrEmail: created.account.login }))
    expect(none).toEqual(byEmail)
    expect(byLogin).toEqual(byEmail)
    expect(none.notice).toContain("Si un compte correspond")
    expect(w.mails.passwordResetLinks.map((m) => m.accountId)).toEqual([created.account.id, created.account.id])
    expect(w.mails.passwordResetLinks[0]?.token).toMatch(/^[0-9a-f]{64}$/)
  })

  test.prop([fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 180 })], { numRuns: 40 })(
    "reset token single use and 1-hour expiry",
    async (minutesBeforeUse, minutesBeforeSecondUse) => {
      const w = world()
      const created = await w.run(createConcerto)
      await w.run(requestPasswordReset({ identifierOrEmail: "a.baud@arpege.fr" }))
      const token = w.mails.passwordResetLinks[0]?.token ?? ""
      w.clock.advanceMinutes(minutesBeforeUse)
      const first = await w.attempt(resetPassword({ token, newPassword: "Girafe-Prune-2026" }))
      expect(first._tag === "Right").toBe(minutesBeforeUse < 60)
      if (first._tag === "Left") expect(first.left._tag === "PasswordResetLinkInvalid" && first.left.problem).toBe("expired")
      w.clock.advanceMinutes(minutesBeforeSecondUse)
      const second = await w.attempt(resetPassword({ token, newPassword: "Tambour-Violet-77" }))
      expect(second._tag).toBe("Left")
      if (second._tag === "Left" && second.left._tag === "PasswordResetLinkInvalid") {
        expect(second.left.problem).toBe(minutesBeforeUse < 60 ? "used" : "expired")
      }
      const login = await w.attempt(logIn({ identifier: created.account.login, password: "Girafe-Prune-2026", address: "10.0.0.1" }))
      expect(login._tag === "Right").toBe(minutesBeforeUse < 60)
    }
  )

  it("keeps the link usable when the new password is refused, and revokes older links after a reset", async () => {
    const w = world()
    await w.run(createConcerto)
    await w.run(requestPasswordReset({ identifierOrEmail: "a.baud@arpege.fr" }))
    await w.run(requestPasswordReset({ identifierOrEmail: "a.baud@arpege.fr" }))
    const [older, newer] = w.mails.passwordResetLinks
    const weak = await w.attempt(resetPassword({ token: newer?.token ?? "", newPassword: "soleil123456" }))
    expect(weak._tag === "Left" && weak.left._tag).toBe("PasswordRefused")
    await w.run(resetPassword({ token: newer?.token ?? "", newPassword: "Girafe-Prune-2026" }))
    const revoked = await w.attempt(resetPassword({ token: older?.token ?? "", newPassword: "Tambour-Violet-77" }))
    expect(revoked._tag === "Left" && revoked.left._tag === "PasswordResetLinkInvalid" && revoked.left.problem).toBe("used")
    const forged = await w.attempt(resetPassword({ token: "0".repeat(64), newPassword: "Tambour-Violet-77" }))
    expect(forged._tag === "Left" && forged.left._tag === "PasswordResetLinkInvalid" && forged.left.problem).toBe("unknown")
  })
})

describe("API keys after a change of password", () => {
  it("are revoked by changeCredentials and by resetPassword; another account's keep working", async () => {
    const w = world()
    const created = await w.run(createConcerto)
    const other = await w.run(
      createHouseholdAccount({ householdId: HouseholdId.make("hh-moreau"), householdReference: "FAM-000043", email: AccountEmail.make("moreau@exemple.fr") })
    )
    const anne = { _tag: "Family", accountId: created.account.id, householdId: household } as const
    const otherKey = await w.run(createApiKey({ _tag: "Family", accountId: other.account.id, householdId: HouseholdId.make("hh-moreau") }, { label: "Agenda" }))
    const reason = async (token: string) => {
      const result = await w.attempt(authenticateApiKey(token))
      return Either.isLeft(result) ? result.left.reason : "accepted"
    }
    const before = await w.run(createApiKey(anne, { label: "Agenda du téléphone" }))
    expect(await reason(before.token)).toBe("accepted")
    await w.run(changeCredentials({ accountId: created.account.id, currentPassword: created.temporaryPassword, newLogin: "anne.concerto", newPassword: "Girafe-Prune-2026" }))
    expect(await reason(before.token)).toBe("revoked")
    const afterChange = await w.run(createApiKey(anne, { label: "Tableur" }))
    expect(await reason(afterChange.token)).toBe("accepted")
    await w.run(requestPasswordReset({ identifierOrEmail: "a.baud@arpege.fr" }))
    await w.run(resetPassword({ token: w.mails.passwordResetLinks[0]?.token ?? "", newPassword: "Tambour-Violet-77" }))
    expect(await reason(afterChange.token)).toBe("revoked")
    expect(await reason(otherKey.token)).toBe("accepted")
  })
})

describe("Linking accounts", () => {
  it("links a family account once, refuses another household and agents' accounts", async () => {
    const w = world()
    const created = await w.run(createConcerto)
    const again = await w.run(linkAccountToHousehold({ accountId: created.account.id, householdId: household }))
    expect(linkedHouseholdOf(again)).toBe("hh-concerto")
    const elsewhere = await w.attempt(linkAccountToHousehold({ accountId: created.account.id, householdId: HouseholdId.make("hh-martin") }))
    expect(elsewhere._tag === "Left" && elsewhere.left._tag).toBe("AccountNotLinkable")
    const missing = await w.attempt(linkAccountToHousehold({ accountId: AccountId.make("acc-none"), householdId: household }))
    expect(missing._tag === "Left" && missing.left._tag).toBe("AccountNotFound")
    const stored = await w.run(Effect.flatMap(AccountRepository, (r) => r.get(created.account.id)))
    expect(stored).toEqual(again)
  })
})
