import "reflect-metadata"
import {
  Clock,
  DocumentNumbering,
  Household,
  HouseholdId,
  HouseholdRepository,
  IdGenerator,
  PasswordHasher,
  PaymentGateway,
  RequestAcceptanceEffects,
  SenderIdentity,
  Transactions
} from "@spe/core"
import { type Database, freshTestDatabase, migrate, type TestDatabase, testDatabaseKinds } from "@spe/persistence-mikro-orm"
import { townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { aHousehold, requestAcceptanceEffectsContract } from "@spe/testkit"
import { Effect, Either, Exit, Layer } from "effect"
import type { DependencyContainer } from "tsyringe"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createContainer, portsLayer, portsRuntime, shutdown, Tokens } from "./Container.js"
import type { MailSetup, PaymentSetup } from "./ports/MailAndPayment.js"
import { argon2PasswordHasher } from "./ports/Argon2PasswordHasher.js"
import { loadSettings, type Settings } from "./Settings.js"
import type { TownPackage } from "./Town.js"

/** Another town than the demo's (its rules, not its seed). */
export const testTown: TownPackage = {
  townSettings: {
    ...townSettings,
    townName: "Villetest",
    sender: SenderIdentity.make({
      townName: "Villetest",
      serviceName: "Service à la population",
      address: "1 place de la Mairie",
      phone: "01 02 03 04 05",
      email: "mairie@villetest.fr",
      portalUrl: "https://famille.villetest.fr"
    })
  }
}

const settings = (env: Record<string, string> = {}): Settings =>
  Either.getOrThrowWith(loadSettings({ env, cwd: process.cwd() }), (e) => new Error(e.message))

const cheapArgon2 = argon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 })

describe.each(testDatabaseKinds())("the container on %s", (kind) => {
  let test: TestDatabase
  let container: DependencyContainer
  beforeAll(async () => {
    test = await freshTestDatabase(kind)
    container = await createContainer(settings(), { database: test.target, town: testTown, passwordHasher: cheapArgon2 })
    await migrate(container.resolve<Database>(Tokens.Database))
  })
  afterAll(async () => {
    await shutdown(container)
    await test.dispose()
  })

  it("registers the singletons once", () => {
    expect(container.resolve<Settings>(Tokens.Settings).town.package).toBe("@spe/example-saint-pierre-les-elbeuf")
    expect(container.resolve<TownPackage>(Tokens.Town)).toBe(testTown)
    expect(container.resolve<MailSetup>(Tokens.Mail)).toBe(container.resolve<MailSetup>(Tokens.Mail))
    expect(container.resolve<MailSetup>(Tokens.Mail).devMailbox).toBeDefined()
    expect(container.resolve<PaymentSetup>(Tokens.Payment).sandbox).toBeDefined()
    expect(portsRuntime(container)).toBe(portsRuntime(container))
  })

  it("provides every port from one layer: repositories in a transaction, clock, ids, hasher, gateway", async () => {
    const household = aHousehold({ id: HouseholdId.make("hh-container"), reference: "FAM-900001" })
    const result = await portsRuntime(container).runPromise(
      Effect.gen(function* () {
        const transactions = yield* Transactions
        const households = yield* HouseholdRepository
        const numbers = yield* transactions.withTransaction(
          Effect.gen(function* () {
            yield* households.save(household)
            const numbering = yield* DocumentNumbering
            return [yield* numbering.next(townSettings.regie.id, 2026, "invoice"), yield* numbering.next(townSettings.regie.id, 2026, "invoice")]
          })
        )
        const saved = yield* households.get(household.id)
        const hasher = yield* PasswordHasher
        const hash = yield* hasher.hash("Girafe prune tambour 2026")
        return {
          numbers,
          saved,
          now: yield* (yield* Clock).now,
          id: yield* (yield* IdGenerator).next("fac"),
          verified: yield* hasher.verify("Girafe prune tambour 2026", hash),
          gateway: yield* PaymentGateway
        }
      })
    )
    expect(result.numbers).toEqual([1, 2])
    expect(result.saved).toBeInstanceOf(Household)
    expect(result.saved.reference).toBe("FAM-900001")
    expect(result.now).toMatch(/Z$/)
    expect(result.id).toMatch(/^fac-/)
    expect(result.verified).toBe(true)
    expect(typeof result.gateway.initiate).toBe("function")
  })

  requestAcceptanceEffectsContract(`the server's composition on ${kind}`, () =>
    Layer.effect(RequestAcceptanceEffects, RequestAcceptanceEffects).pipe(Layer.provide(portsLayer(container)))
  )

  it("rolls a failed transaction back", async () => {
    const household = aHousehold({ id: HouseholdId.make("hh-rolled-back"), reference: "FAM-900002" })
    const exit = await portsRuntime(container).runPromiseExit(
      Effect.flatMap(Transactions, (t) =>
        t.withTransaction(Effect.zipRight(Effect.flatMap(HouseholdRepository, (r) => r.save(household)), Effect.fail("annulé" as const)))
      )
    )
    expect(Exit.isFailure(exit)).toBe(true)
    const found = await portsRuntime(container).runPromise(Effect.either(Effect.flatMap(HouseholdRepository, (r) => r.get(household.id))))
    expect(Either.isLeft(found)).toBe(true)
  })
})

describe("the container's shutdown", () => {
  it("closes the database it opened", async () => {
    const container = await createContainer(settings(), { database: { kind: "embedded" }, town: testTown, passwordHasher: cheapArgon2 })
    const database = container.resolve<Database>(Tokens.Database)
    await shutdown(container)
    expect(await database.orm.isConnected()).toBe(false)
  })
})
