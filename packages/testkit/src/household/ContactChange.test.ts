import {
  AccountRepository,
  changeContactDetails,
  confirmEmailChange,
  HouseholdId,
  HouseholdRepository,
  Instant,
  RequestRepository
} from "@spe/core"
import { Effect, Layer, ManagedRuntime } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { aFamily, aFamilyAccount } from "../account/AccountFixtures.js"
import { makePortalTestWorld } from "../request/PortalTestWorld.js"
import { aHousehold } from "./HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "./InMemoryHouseholdRepository.js"

const householdId = HouseholdId.make("hh-concerto")
const family = aFamily()
const runtimes: Array<{ dispose: () => Promise<void> }> = []

const world = () => {
  const w = makePortalTestWorld({ start: "2026-11-26T08:00:00Z" })
  const runtime = ManagedRuntime.make(Layer.merge(w.layer, inMemoryHouseholdRepository([aHousehold({ id: householdId })])))
  runtimes.push(runtime)
  const run = <A, E, R extends Layer.Layer.Success<typeof w.layer> | HouseholdRepository>(effect: Effect.Effect<A, E, R>) => runtime.runPromise(effect)
  const attempt = <A, E, R extends Layer.Layer.Success<typeof w.layer> | HouseholdRepository>(effect: Effect.Effect<A, E, R>) => runtime.runPromise(Effect.either(effect))
  return { w, run, attempt }
}

afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.dispose()
})

const current = {
  address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
  contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] }
}
const link = (data: { householdId: string; email: string; expiresAt: string }) => `https://espace.mairie.fr/confirmer/${data.householdId}/${data.email}/${data.expiresAt}`

describe("changing a household's contact details", () => {
  it("applies new phones at once, sends a new address as a request and a new e-mail only as a confirmation link", async () => {
    const { w, run } = world()
    const outcome = await run(
      changeContactDetails(
        family,
        {
          address: { line1: "8 rue des Tilleuls", postalCode: "76410", city: "Cléon" },
          contact: { email: "anne.concerto@exemple.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }, { label: "Travail", number: "02 35 00 11 22" }] }
        },
        { confirmationLink: link }
      )
    )
    expect(outcome.phonesChanged).toBe(true)
    expect(outcome.addressChanged).toBe(false)
    expect(outcome.addressRequest?.payload).toMatchObject({ _tag: "ContactChange", address: { line1: "8 rue des Tilleuls", postalCode: "76410", city: "Cléon" } })
    expect(outcome.addressRequest?.status).toBe("submitted")
    expect(outcome.confirmationSentTo).toBe("anne.concerto@exemple.fr")
    expect(outcome.confirmationExpiresAt).toBe("2026-11-28T08:00:00.000Z")
    const household = await run(Effect.flatMap(HouseholdRepository, (h) => h.get(householdId)))
    expect(household.contact.phones.map((p) => p.number)).toEqual(["06 12 34 56 78", "02 35 00 11 22"])
    expect(household.contact.email).toBe("a.baud@arpege.fr")
    expect(household.address.line1).toBe("1 Chemin de la Côte")
    expect(w.mails.emailConfirmationLinks).toEqual([
      {
        accountId: "acc-concerto",
        email: "anne.concerto@exemple.fr",
        expiresAt: "2026-11-28T08:00:00.000Z",
        link: "https://espace.mairie.fr/confirmer/hh-concerto/anne.concerto@exemple.fr/2026-11-28T08:00:00.000Z"
      }
    ])
  })

  it("changes nothing and sends nothing when the values are the current ones; applies the address when the town does not review it", async () => {
    const { w, run } = world()
    const same = await run(changeContactDetails(family, { ...current, contact: { ...current.contact, email: " A.Baud@arpege.fr " } }, { confirmationLink: link }))
    expect(same).toEqual({ phonesChanged: false, addressChanged: false })
    expect(w.mails.emailConfirmationLinks).toEqual([])
    expect(await run(Effect.flatMap(RequestRepository, (r) => r.listByHousehold(householdId)))).toEqual([])
    const moved = await run(
      changeContactDetails(family, { ...current, address: { line1: "8 rue des Tilleuls", postalCode: "76410", city: "Cléon" } }, { confirmationLink: link, addressReviewed: false })
    )
    expect(moved).toEqual({ phonesChanged: false, addressChanged: true })
    expect((await run(Effect.flatMap(HouseholdRepository, (h) => h.get(householdId)))).address.city).toBe("Cléon")
  })

  it("refuses what is badly typed, naming each field, and changes nothing", async () => {
    const { w, attempt } = world()
    const refused = await attempt(
      changeContactDetails(
        family,
        { address: { line1: "", postalCode: "7632", city: "Cléon" }, contact: { email: "anne@", phones: [{ label: "Travail", number: "12" }] } },
        { confirmationLink: link }
      )
    )
    if (refused._tag !== "Left" || refused.left._tag !== "InvalidInput") throw new Error("expected InvalidInput")
    expect(refused.left.problems.map((p) => p.path).sort()).toEqual(["address.line1", "address.postalCode", "contact.email", "contact.phones.0.number"])
    expect(w.mails.emailConfirmationLinks).toEqual([])
  })

  it("confirms a new e-mail before the link expires, on the household and the account; refuses it after", async () => {
    const { w, run, attempt } = world()
    await run(Effect.flatMap(AccountRepository, (a) => a.save(aFamilyAccount())))
    const expiresAt = Instant.unsafe("2026-11-28T08:00:00Z")
    const household = await run(confirmEmailChange(family, { email: "anne.concerto@exemple.fr", expiresAt }))
    expect(household.contact.email).toBe("anne.concerto@exemple.fr")
    expect(household.contact.phones).toEqual(current.contact.phones)
    const account = await run(Effect.flatMap(AccountRepository, (a) => a.get(family.accountId)))
    expect(account.email).toBe("anne.concerto@exemple.fr")
    w.clock.advanceMinutes(49 * 60)
    const late = await attempt(confirmEmailChange(family, { email: "autre@exemple.fr", expiresAt }))
    expect(late._tag === "Left" && late.left._tag).toBe("EmailConfirmationExpired")
    expect(late._tag === "Left" && late.left.message).toContain("Ce lien de confirmation a expiré le samedi 28 novembre 2026 à 09:00")
    expect((await run(Effect.flatMap(HouseholdRepository, (h) => h.get(householdId)))).contact.email).toBe("anne.concerto@exemple.fr")
  })
})
