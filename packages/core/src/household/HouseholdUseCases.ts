import { Effect, Option } from "effect"
import { IdGenerator } from "../shared/IdGenerator.js"
import { HouseholdId, MemberId } from "../shared/Ids.js"
import { Adult, Child, Household, HouseholdReferenceTaken, validateContactChange, validateHouseholdRegistration } from "./Household.js"
import { HouseholdRepository } from "./HouseholdRepository.js"

/**
 * Registers a household typed by an agent (or imported): validates every field, refuses a file
 * reference already in use, gives the household and each member an identifier, and saves it.
 */
export const registerHousehold = (input: unknown) =>
  Effect.gen(function* () {
    const registration = yield* validateHouseholdRegistration(input)
    const households = yield* HouseholdRepository
    const ids = yield* IdGenerator
    const existing = yield* households.findByReference(registration.reference)
    if (Option.isSome(existing))
      return yield* new HouseholdReferenceTaken({ reference: registration.reference, householdId: existing.value.id })
    const id = HouseholdId.make(yield* ids.next("hh"))
    const adults = yield* Effect.forEach(registration.adults, (adult) =>
      Effect.map(ids.next("mbr"), (memberId) => Adult.make({ ...adult, id: MemberId.make(memberId) }))
    )
    const children = yield* Effect.forEach(registration.children, (child) =>
      Effect.map(ids.next("mbr"), (memberId) => Child.make({ ...child, id: MemberId.make(memberId) }))
    )
    const household = Household.make({ ...registration, id, adults, children })
    yield* households.save(household)
    return household
  })

/** A family changes its address and/or contact details (validated; the rest is untouched). */
export const changeHouseholdContact = (householdId: HouseholdId, input: unknown) =>
  Effect.gen(function* () {
    const change = yield* validateContactChange(input)
    const households = yield* HouseholdRepository
    const household = yield* households.get(householdId)
    const updated = Household.make({
      ...household,
      address: change.address ?? household.address,
      contact: change.contact ?? household.contact
    })
    yield* households.save(updated)
    return updated
  })
