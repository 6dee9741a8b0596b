import { fc, test } from "@fast-check/vitest"
import {
  AcceptanceEffectRefused,
  acceptRequest,
  AccountRepository,
  answerRequestInformation,
  askForRequestInformation,
  cancelRequest,
  FamilyActor,
  HouseholdId,
  HouseholdLinkCode,
  linkAccountToHousehold,
  linkedHouseholdOf,
  postFamilyRequestMessage,
  refuseRequest,
  type RequestId,
  Sha256Hex,
  signUp,
  startRequestReview
} from "@spe/core"
import { Effect, Option } from "effect"
import { describe, expect, it } from "vitest"
import { makePortalTestWorld, type PortalTestWorld } from "../request/PortalTestWorld.js"
import { anAgent } from "./AccountFixtures.js"
import { sha256HexSync } from "./NodeDigest.js"

const concerto = HouseholdId.make("hh-concerto")
const letter = new HouseholdLinkCode({ householdId: concerto, reference: "FAM-000042", codeHash: Sha256Hex.make(sha256HexSync("k7pmx3rt")) })
const agent = anAgent("agent")

/** A world whose acceptance effects really link accounts, as the composition does. */
function linkingWorld(): PortalTestWorld {
  let world: PortalTestWorld | undefined
  world = makePortalTestWorld({
    letterCodes: [letter],
    acceptanceEffects: {
      handle: (call) =>
        call.payload._tag !== "AccountCreation" || world === undefined
          ? Effect.void
          : linkAccountToHousehold({ accountId: call.payload.accountId, householdId: call.accepted.householdId }).pipe(
              Effect.asVoid,
              Effect.mapError((e) => new AcceptanceEffectRefused({ requestId: call.accepted.requestId, reason: e.message })),
              Effect.provide(world.layer)
            )
    }
  })
  return world
}

const form = {
  login: "Nadia.Nouvelle",
  password: "Girafe-Prune-2026",
  email: "nadia@exemple.fr",
  declaredName: "Nadia Nouvelle"
}

const accountOf = (world: PortalTestWorld, login: string) => world.run(Effect.flatMap(AccountRepository, (r) => r.findByLogin(login)))

describe("Créer mon espace", () => {
  it("creates an unlinked account and an account-creation request for an agent", async () => {
    const w = linkingWorld()
    const signed = await w.run(signUp({ ...form, householdReference: "FAM-000042", message: "Maman de Léa, CE2." }))
    expect(signed.account.login).toBe("nadia.nouvelle")
    expect(linkedHouseholdOf(signed.account)).toBeUndefined()
    expect(signed.linkedHouseholdId).toBeUndefined()
    expect(signed.request.status).toBe("submitted")
    expect(signed.request.payload).toMatchObject({ _tag: "AccountCreation", accountId: signed.account.id, householdReference: "FAM-000042" })
    expect(w.events.published.map((e) => e._tag)).toEqual(["RequestStatusChanged"])
  })

  it("links at once when the household reference and the letter code match", async () => {
    const w = linkingWorld()
    const signed = await w.run(signUp({ ...form, householdReference: "fam-000042", letterCode: "K7PM-X3RT" }))
    expect(signed.linkedHouseholdId).toBe("hh-concerto")
    expect(linkedHouseholdOf(signed.account)).toBe("hh-concerto")
    expect(signed.request.status).toBe("accepted")
    expect(signed.request.history.at(-1)?.author._tag).toBe("Automatic")
    expect(w.events.published.map((e) => (e._tag === "RequestStatusChanged" ? e.to : e._tag))).toEqual(["submitted", "accepted"])
  })

  it("creates nothing when the code does not match, and explains", async () => {
    const w = linkingWorld()
    const refused = await w.attempt(signUp({ ...form, householdReference: "FAM-000042", letterCode: "AAAA-BBBB" }))
    expect(refused._tag === "Left" && refused.left.message).toBe(
      "La référence du foyer « FAM-000042 » et le code du courrier ne correspondent pas, ou ce code n'est plus valable. Vérifiez-les sur le courrier de la mairie, ou laissez ces deux champs vides : le Service à la Population reliera votre espace à votre foyer après vérification."
    )
    expect(Option.isNone(await accountOf(w, "nadia.nouvelle"))).toBe(true)
  })

  it("refuses a weak password, a taken identifier, a code without reference, an invalid e-mail", async () => {
    const w = linkingWorld()
    const weak = await w.attempt(signUp({ ...form, password: "nadia.nouvelle2026" }))
    expect(weak._tag === "Left" && weak.left._tag).toBe("PasswordRefused")
    await w.run(signUp(form))
    const taken = await w.attempt(signUp({ ...form, email: "autre@exemple.fr" }))
    expect(taken._tag === "Left" && taken.left._tag).toBe("LoginTaken")
    const codeOnly = await w.attempt(signUp({ ...form, login: "nadia2", letterCode: "k7pm-x3rt" }))
    expect(codeOnly._tag === "Left" && codeOnly.left.message).toContain("Saisissez aussi la référence du foyer")
    const email = await w.attempt(signUp({ ...form, login: "nadia3", email: "nadia-at-exemple" }))
    expect(email._tag === "Left" && email.left.message).toContain("L'adresse e-mail doit avoir la forme nom@exemple.fr.")
  })

  const codeChoices = fc.constantFrom("none", "referenceOnly", "right", "wrong", "unknownReference")
  const actions = fc.array(
    fc.record({
      kind: fc.constantFrom("startReview", "askInformation", "answer", "refuse", "cancel", "accept", "message"),
      household: fc.option(fc.constantFrom(concerto, HouseholdId.make("hh-martin")), { nil: undefined })
    }),
    { maxLength: 8 }
  )

  test.prop([codeChoices, actions], { numRuns: 40 })(
    "sign-up never links without acceptance or a matching code",
    async (codeChoice, steps) => {
      const w = linkingWorld()
      const code =
        codeChoice === "right"
          ? { householdReference: "FAM-000042", letterCode: "k7pm x3rt" }
          : codeChoice === "wrong"
            ? { householdReference: "FAM-000042", letterCode: "k7pm-x3ru" }
            : codeChoice === "unknownReference"
              ? { householdReference: "FAM-999999", letterCode: "k7pm-x3rt" }
              : codeChoice === "referenceOnly"
                ? { householdReference: "FAM-000042" }
                : {}
      const signed = await w.attempt(signUp({ ...form, ...code }))
      if (codeChoice === "wrong" || codeChoice === "unknownReference") {
        expect(signed._tag === "Left" && signed.left._tag).toBe("LetterCodeMismatch")
        expect(Option.isNone(await accountOf(w, "nadia.nouvelle"))).toBe(true)
        return
      }
      if (signed._tag === "Left") throw signed.left
      const accountId = signed.right.account.id
      const requestId: RequestId = signed.right.request.id
      let acceptedInto: HouseholdId | undefined
      for (const step of steps) {
        const account = Option.getOrThrow(await accountOf(w, "nadia.nouvelle"))
        const family = new FamilyActor({ accountId, ...(linkedHouseholdOf(account) === undefined ? {} : { householdId: linkedHouseholdOf(account) }) })
        switch (step.kind) {
          case "startReview":
            await w.attempt(startRequestReview(agent, { requestId }))
            break
          case "askInformation":
            await w.attempt(askForRequestInformation(agent, { requestId, message: "Quel est le nom de votre enfant ?" }))
            break
          case "answer":
            await w.attempt(answerRequestInformation(family, { requestId, message: "Léa, en CE2." }))
            break
          case "refuse":
            await w.attempt(refuseRequest(agent, { requestId, reason: "Aucun foyer à ce nom." }))
            break
          case "cancel":
            await w.attempt(cancelRequest(family, { requestId }))
            break
          case "message":
            await w.attempt(postFamilyRequestMessage(family, { requestId, text: "Où en est ma demande ?" }))
            break
          case "accept": {
            const accepted = await w.attempt(acceptRequest(agent, { requestId, ...(step.household === undefined ? {} : { linkToHousehold: step.household }) }))
            if (accepted._tag === "Right" && acceptedInto === undefined) acceptedInto = accepted.right.householdId
            break
          }
        }
      }
      const account = Option.getOrThrow(await accountOf(w, "nadia.nouvelle"))
      const expected = codeChoice === "right" ? concerto : acceptedInto
      expect(linkedHouseholdOf(account)).toBe(expected)
      if (expected === undefined) expect(w.effects.calls).toEqual([])
    }
  )
})
