import type { MigrationObject } from "@mikro-orm/core"
import { Migration0001Households } from "./Migration0001Households.js"

/** Every committed migration, in order. Never edit one that has shipped: add the next. */
export const migrations: ReadonlyArray<MigrationObject> = [
  { name: "0001-households", class: Migration0001Households }
]
