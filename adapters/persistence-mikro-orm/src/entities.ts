import type { EntitySchema } from "@mikro-orm/postgresql"
import { HouseholdEntity } from "./household/HouseholdEntity.js"

/** Every table the adapter maps, for `openDatabase`. */
export const entities: ReadonlyArray<EntitySchema<any, any>> = [HouseholdEntity]
