import {
  Account,
  AccountId,
  AccountRepository,
  addHouseholdMember,
  AuditLog,
  createHousehold,
  disableAccount,
  enableAccount,
  HouseholdId,
  HouseholdRepository,
  logIn,
  MemberId,
  QuotientRecordId,
  quotientOnDate,
  recordCafQuotient,
  recordHouseholdCafQuotient,
  resendHouseholdActivation,
  reviewHouseholdQuotient,
  setHouseholdQuotient,
  startWebSession,
  updateHousehold,
  updateHouseholdMember,
  LocalDate,
  WebSessionStore
} from "@spe/core"
import { Effect, Either, Layer, ManagedRuntime, Option } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryWebSessionStore } from "../account/InMemoryWebSessionStore.js"
import { makePortalTestWorld } from "../request/PortalTestWorld.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { aHousehold } from "./HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "./InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "./InMemoryQuotientRepository.js"

const agent = anAgent("agent", "Claire DUBOIS")
const reader = anAgent("reader", "Lise LECTURE")
const admin = anAgent("admin", "Sophie ADMIN")
const concerto = HouseholdId.make("hh-1")

const world = () => {
  const portal = makePortalTestWorld({ start: "2026-11-26T08:00:00Z" })
  const layer = Layer.mergeAll(portal.layer, inMemoryHouseholdRepository([aHousehold()]), inMemoryQuotientRepository(), inMemoryWebSessionStore(), inMemoryTransactions())
  const runtime = ManagedRuntime.make(layer)
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => runtime.runPromise(effect)
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  const household = (id: HouseholdId = concerto) => run(Effect.flatMap(HouseholdRepository, (households) => households.get(id)))
  return { ...portal, run, attempt, audit, household }
}

const registration = {
  reference: "FAM-000777",
  familyName: "MÉNARD",
  address: { line1: "12 rue Gambetta", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
  contact: { email: "Ines.Menard@Exemple.fr", phones: [{ label: "Portable", number: "06 39 98 12 34" }] },
  residency: "resident",
  adults: [{ firstName: "Inès", lastName: "MÉNARD", relationship: "Mère", isPayer: true }],
  children: [{ firstName: "Noé", lastName: "MÉNARD", birthDate: "2018-03-04", school: "École élémentaire", schoolLevel: "CE1", allergies: "Gluten" }]
}

describe("households created and edited by agents", () => {
  it("creates the household and its account in one audited command; the family is mailed its identifier and temporary password", async () => {
    const w = world()
    const created = await w.run(createHousehold(agent, registration))
    expect(created.household.reference).toBe("FAM-000777")
    expect(created.household.children[0]?.allergies).toBe("Gluten")
    expect(created.account.holder).toEqual({ _tag: "Family", householdId: created.household.id })
    expect(created.account.mustChangeCredentials).toBe(true)
    const [mail] = w.mails.temporaryCredentials
    expect(mail).toMatchObject({ email: "ines.menard@exemple.fr", login: created.account.login })
    const login = await w.run(logIn({ identifier: created.account.login, password: mail?.temporaryPassword ?? "", address: "10.0.0.1" }))
    expect(login.mustChangeCredentials).toBe(true)
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "households.create", outcome: "done", actorName: "Claire DUBOIS", target: { kind: "household", id: "FAM-000777" }, before: null })
    expect(record?.after).toMatchObject({ household: { id: created.household.id, familyName: "MÉNARD" }, account: { login: created.account.login } })
    expect(JSON.stringify(record?.after)).not.toContain("passwordHash")
  })

  it("refuses an invalid or duplicate household, and a reader, recording why and saving nothing", async () => {
    const w = world()
    const invalid = await w.attempt(createHousehold(agent, { ...registration, children: [{ firstName: "Noé" }] }))
    const problems = Either.isLeft(invalid) && invalid.left._tag === "InvalidInput" ? invalid.left.problems : []
    expect(problems).toContainEqual({ path: "children.0.birthDate", message: "Indiquez la date de naissance de l'enfant." })
    const noAdult = await w.attempt(createHousehold(agent, { ...registration, adults: [] }))
    expect(Either.isLeft(noAdult) && noAdult.left._tag === "InvalidInput" && noAdult.left.problems).toEqual([{ path: "adults", message: "Un foyer compte au moins un responsable légal." }])
    const taken = await w.attempt(createHousehold(agent, { ...registration, reference: "FAM-000001" }))
    expect(Either.isLeft(taken) && taken.left._tag).toBe("HouseholdReferenceTaken")
    const denied = await w.attempt(createHousehold(reader, registration))
    expect(Either.isLeft(denied) && denied.left._tag).toBe("PermissionDenied")
    expect(w.mails.temporaryCredentials).toEqual([])
    expect(Option.isNone(await w.run(Effect.flatMap(HouseholdRepository, (h) => h.findByReference("FAM-000777"))))).toBe(true)
    expect((await w.audit()).map((r) => [r.action, r.outcome, r.target.id])).toEqual([
      ["households.create", "denied", "FAM-000777"],
      ["households.create", "refused", "FAM-000001"],
      ["households.create", "refused", "FAM-000777"],
      ["households.create", "refused", "FAM-000777"]
    ])
  })

  it("changes address, contact and residency; a new e-mail becomes the account's", async () => {
    const w = world()
    const account = (await w.run(resendHouseholdActivation(agent, { householdId: concerto }))).account
    expect(account.email).toBe("a.baud@arpege.fr")
    const before = await w.household()
    const details = {
      familyName: "CONCERTO",
      address: { line1: "3 rue de la Mairie", postalCode: "76500", city: "ELBEUF" },
      contact: { email: "anne.concerto@exemple.fr", phones: [{ number: "02 32 96 95 70" }] },
      residency: "non-resident"
    }
    const after = await w.run(updateHousehold(agent, { householdId: concerto, details }))
    expect(after).toMatchObject({ address: details.address, contact: details.contact, residency: "non-resident" })
    expect(after.children).toEqual(before.children)
    expect((await w.run(Effect.flatMap(AccountRepository, (a) => a.get(account.id)))).email).toBe("anne.concerto@exemple.fr")
    const refused = await w.attempt(updateHousehold(agent, { householdId: concerto, details: { ...details, address: { ...details.address, postalCode: "765" } } }))
    expect(Either.isLeft(refused) && refused.left.message).toContain("Le code postal compte 5 chiffres")
    const [refusedRecord, done] = await w.audit()
    expect(refusedRecord).toMatchObject({ action: "households.update", outcome: "refused" })
    expect(done).toMatchObject({ action: "households.update", outcome: "done", target: { kind: "household", id: "hh-1" } })
    expect(done?.before).toMatchObject({ residency: "resident", address: { city: "Saint-Pierre-lès-Elbeuf" } })
    expect(done?.after).toMatchObject({ residency: "non-resident", address: { city: "ELBEUF" }, accountsEmailChanged: [account.id] })
  })

  it("adds and edits members; making an adult the payer moves the invoices to them, the payer cannot just stop being it", async () => {
    const w = world()
    const added = await w.run(
      addHouseholdMember(agent, { householdId: concerto, kind: "child", details: { firstName: "Zoé", lastName: "Concerto", birthDate: "2024-01-15", notes: "Récupérée par sa grand-mère le jeudi" } })
    )
    expect((await w.household()).child(added.memberId)).toMatchObject({ firstName: "Zoé", aeeh: false, notes: "Récupérée par sa grand-mère le jeudi" })
    const tutor = await w.run(addHouseholdMember(agent, { householdId: concerto, kind: "adult", details: { firstName: "Marie", lastName: "Durand", relationship: "Tutrice", isPayer: true } }))
    expect((await w.household()).adults.map((a) => [a.firstName, a.isPayer])).toEqual([["Anne", false], ["Paul", false], ["Marie", true]])
    const stop = await w.attempt(updateHouseholdMember(agent, { householdId: concerto, memberId: tutor.memberId, details: { firstName: "Marie", lastName: "Durand", isPayer: false } }))
    expect(Either.isLeft(stop) && stop.left._tag === "InvalidInput" && stop.left.problems[0]?.path).toBe("isPayer")
    await w.run(updateHouseholdMember(agent, { householdId: concerto, memberId: MemberId.make("hh-1-a1"), details: { firstName: "Anne", lastName: "Concerto", email: "anne@exemple.fr", isPayer: true } }))
    expect((await w.household()).adults.map((a) => [a.firstName, a.isPayer, a.email])).toEqual([["Anne", true, "anne@exemple.fr"], ["Paul", false, undefined], ["Marie", false, undefined]])
    const child = await w.attempt(updateHouseholdMember(agent, { householdId: concerto, memberId: MemberId.make("hh-1-c1"), details: { firstName: "Léa", lastName: "Concerto", birthDate: "2017-05-12", schoolLevel: "CM3" } }))
    expect(Either.isLeft(child) && child.left.message).toContain("Le niveau scolaire doit être l'un de")
    const unknown = await w.attempt(updateHouseholdMember(agent, { householdId: concerto, memberId: MemberId.make("mbr-none"), details: {} }))
    expect(Either.isLeft(unknown) && unknown.left._tag).toBe("HouseholdMemberNotFound")
    const denied = await w.attempt(addHouseholdMember(reader, { householdId: concerto, kind: "child", details: {} }))
    expect(Either.isLeft(denied) && denied.left._tag).toBe("PermissionDenied")
    expect((await w.audit()).map((r) => [r.action, r.outcome])).toEqual([
      ["households.addMember", "denied"],
      ["households.updateMember", "refused"],
      ["households.updateMember", "refused"],
      ["households.updateMember", "done"],
      ["households.updateMember", "refused"],
      ["households.addMember", "done"],
      ["households.addMember", "done"]
    ])
  })
})

describe("a household's account, by agents", () => {
  it("sends new temporary credentials to the household's current e-mail until the family chose its own; the old password stops working", async () => {
    const w = world()
    const first = await w.run(resendHouseholdActivation(agent, { householdId: concerto }))
    expect(first.created).toBe(true)
    const started = await w.run(startWebSession({ accountId: first.account.id, mustChangeCredentials: true }))
    const again = await w.run(resendHouseholdActivation(agent, { householdId: concerto, accountId: first.account.id }))
    expect(again.created).toBe(false)
    expect(w.mails.temporaryCredentials.map((m) => m.login)).toEqual([first.account.login, first.account.login])
    const [oldMail, newMail] = w.mails.temporaryCredentials
    expect(newMail?.temporaryPassword).not.toBe(oldMail?.temporaryPassword)
    const old = await w.attempt(logIn({ identifier: first.account.login, password: oldMail?.temporaryPassword ?? "", address: "10.0.0.2" }))
    expect(Either.isLeft(old) && old.left._tag).toBe("InvalidCredentials")
    expect(Option.isNone(await w.run(Effect.flatMap(WebSessionStore, (s) => s.get(started.session.idHash))))).toBe(true)
    await w.run(
      Effect.flatMap(AccountRepository, (accounts) =>
        Effect.flatMap(accounts.get(first.account.id), (account) => accounts.save(new Account({ ...account, mustChangeCredentials: false, credentialsChangedAt: w.clock.now() })))
      )
    )
    const refused = await w.attempt(resendHouseholdActivation(agent, { householdId: concerto, accountId: first.account.id }))
    expect(Either.isLeft(refused) && refused.left.message).toContain("La famille a déjà choisi son identifiant et son mot de passe")
    const foreign = await w.attempt(resendHouseholdActivation(agent, { householdId: concerto, accountId: AccountId.make("acc-other") }))
    expect(Either.isLeft(foreign) && foreign.left._tag).toBe("AccountNotFound")
    const audit = await w.audit()
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([
      ["accounts.resendActivation", "refused"],
      ["accounts.resendActivation", "refused"],
      ["accounts.resendActivation", "done"],
      ["accounts.resendActivation", "done"]
    ])
    expect(audit[2]?.before).toMatchObject({ mustChangeCredentials: true })
    expect(JSON.stringify(audit)).not.toContain("passwordHash")
  })

  it("is locked and unlocked by an administrator: a locked account cannot log in, nor get its credentials again", async () => {
    const w = world()
    const { account } = await w.run(resendHouseholdActivation(agent, { householdId: concerto }))
    const password = w.mails.temporaryCredentials[0]?.temporaryPassword ?? ""
    const denied = await w.attempt(disableAccount(agent, { accountId: account.id }))
    expect(Either.isLeft(denied) && denied.left._tag).toBe("PermissionDenied")
    await w.run(disableAccount(admin, { accountId: account.id }))
    const locked = await w.attempt(logIn({ identifier: account.login, password, address: "10.0.0.3" }))
    expect(Either.isLeft(locked) && locked.left.message).toBe("Ce compte a été désactivé par la mairie. Contactez le Service à la Population pour le réactiver.")
    const resend = await w.attempt(resendHouseholdActivation(agent, { householdId: concerto, accountId: account.id }))
    expect(Either.isLeft(resend) && resend.left.message).toContain("Ce compte est verrouillé")
    const unlocked = await w.run(enableAccount(admin, { accountId: account.id }))
    expect(unlocked.disabledAt).toBeUndefined()
    expect((await w.run(logIn({ identifier: account.login, password, address: "10.0.0.3" }))).account.id).toBe(account.id)
    const [enable] = await w.audit()
    expect(enable).toMatchObject({ action: "accounts.enable", outcome: "done", target: { kind: "account", id: account.id } })
    expect(enable?.before).toHaveProperty("disabledAt")
    expect(enable?.after).not.toHaveProperty("disabledAt")
  })
})

describe("quotients familiaux by agents", () => {
  const period = { validFrom: "2027-01-01", validTo: "2027-12-31" }

  it("validates or rejects a pending QF of the household, in the agent's name", async () => {
    const w = world()
    const pending = await w.run(recordCafQuotient({ householdId: concerto, cafNumber: "1234567", qf: 795, ...period }))
    const noReason = await w.attempt(reviewHouseholdQuotient(agent, { householdId: concerto, recordId: pending.id, decision: "reject" }))
    expect(Either.isLeft(noReason) && noReason.left.message).toContain("Indiquez le motif du refus : la famille le verra.")
    const other = await w.attempt(reviewHouseholdQuotient(agent, { householdId: HouseholdId.make("hh-2"), recordId: pending.id, decision: "validate" }))
    expect(Either.isLeft(other) && other.left._tag).toBe("QuotientRecordNotFound")
    const validated = await w.run(reviewHouseholdQuotient(agent, { householdId: concerto, recordId: pending.id, decision: "validate" }))
    expect(validated.review).toMatchObject({ _tag: "Validated", by: "Claire DUBOIS" })
    const twice = await w.attempt(reviewHouseholdQuotient(agent, { householdId: concerto, recordId: pending.id, decision: "reject", reason: "Erreur" }))
    expect(Either.isLeft(twice) && twice.left._tag).toBe("QuotientAlreadyReviewed")
    const [, done] = await w.audit()
    expect(done).toMatchObject({ action: "quotients.review", outcome: "done", target: { kind: "household", id: "hh-1" } })
    expect(done?.before).toMatchObject({ review: { _tag: "Pending" } })
    expect(done?.after).toMatchObject({ qf: 795, review: { _tag: "Validated", by: "Claire DUBOIS" } })
    const missing = await w.attempt(reviewHouseholdQuotient(agent, { householdId: concerto, recordId: QuotientRecordId.make("qf-none"), decision: "validate" }))
    expect(Either.isLeft(missing) && missing.left._tag).toBe("QuotientRecordNotFound")
  })

  it("records a CAF QF or sets one, validated at once: it is the QF that applies", async () => {
    const w = world()
    const caf = await w.run(recordHouseholdCafQuotient(agent, { householdId: concerto, cafNumber: "1234567", qf: 812, ...period }))
    expect(caf.review).toMatchObject({ _tag: "Validated", by: "Claire DUBOIS" })
    expect(Option.getOrThrow(await w.run(quotientOnDate(concerto, LocalDate.unsafe("2027-03-01")))).qf).toBe(812)
    w.clock.advanceMinutes(5)
    const set = await w.run(setHouseholdQuotient(agent, { householdId: concerto, qf: 450, reason: "Perte d'emploi en 2027", ...period }))
    expect(set.source).toEqual({ _tag: "SetByAgent", agent: "Claire DUBOIS", reason: "Perte d'emploi en 2027" })
    expect(Option.getOrThrow(await w.run(quotientOnDate(concerto, LocalDate.unsafe("2027-03-01")))).qf).toBe(450)
    const invalid = await w.attempt(setHouseholdQuotient(agent, { householdId: concerto, qf: "beaucoup", reason: "", validFrom: "2027-12-31", validTo: "2027-01-01" }))
    const problems = Either.isLeft(invalid) && invalid.left._tag === "InvalidInput" ? invalid.left.problems.map((p) => p.path) : []
    expect(problems).toEqual(expect.arrayContaining(["qf", "reason"]))
    const denied = await w.attempt(recordHouseholdCafQuotient(reader, { householdId: concerto, cafNumber: "1", qf: 1, ...period }))
    expect(Either.isLeft(denied) && denied.left._tag).toBe("PermissionDenied")
    expect((await w.audit()).map((r) => [r.action, r.outcome])).toEqual([
      ["quotients.recordCaf", "denied"],
      ["quotients.set", "refused"],
      ["quotients.set", "done"],
      ["quotients.recordCaf", "done"]
    ])
  })
})
