import { type Child, ChildForBooking, type Household, HouseholdRepository, MemberId } from "@spe/core"
import { Effect, Schema } from "effect"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import type { ApiCaller } from "./ApiAuth.js"

/** No child of the caller's household has this id (a child of another household is answered the same). */
export class ChildNotFound extends Schema.TaggedError<ChildNotFound>()("ChildNotFound", { childId: Schema.String }) {
  override get message(): string {
    return `Aucun enfant de votre foyer ne porte l'identifiant ${this.childId}. La liste des enfants est donnée par GET /api/v1/household.`
  }
}

/** The caller's household, as stored now. */
export const callerHousehold = (kit: PortalKit, caller: ApiCaller): Promise<Household> =>
  kit.run(Effect.flatMap(HouseholdRepository, (households) => households.get(caller.householdId)))

/** A child of the household by id; `ChildNotFound` (404) otherwise, whoever the id belongs to. */
export function childOf(household: Household, childId: string): Child {
  const id = Schema.decodeUnknownOption(MemberId)(childId)
  const child = id._tag === "Some" ? household.children.find((c) => c.id === id.value) : undefined
  return child ?? refuse(new ChildNotFound({ childId }))
}

/** What booking needs to know of a child of the household. */
export const childForBooking = (household: Household, child: Child): ChildForBooking =>
  ChildForBooking.make({
    childId: child.id,
    householdId: household.id,
    birthDate: child.birthDate,
    ...(child.schoolLevel === undefined ? {} : { schoolLevel: child.schoolLevel }),
    resident: household.residency === "resident"
  })
