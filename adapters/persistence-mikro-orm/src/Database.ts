import { Migrator } from "@mikro-orm/migrations"
import { MikroORM, type EntitySchema } from "@mikro-orm/postgresql"
import { startEmbeddedPostgres } from "./EmbeddedPostgres.js"
import { migrations } from "./migrations/index.js"

/** Where the data lives: a PostgreSQL server, or the embedded PGlite database in a folder. */
export type DatabaseTarget =
  | { readonly kind: "postgres"; readonly url: string }
  | { readonly kind: "embedded"; readonly dataDir?: string }

/** An open database: the ORM, the URL it reached, and how to close everything it started. */
export interface Database {
  readonly orm: MikroORM
  readonly url: string
  readonly embedded: boolean
  readonly close: () => Promise<void>
}

/**
 * Opens the database: PostgreSQL from a URL, or PGlite served on loopback (pool of one
 * connection: PGlite serves one client at a time, and a transaction must never wait for a second
 * connection). Migrations are committed classes; `migrate` applies those not yet applied.
 */
export async function openDatabase(target: DatabaseTarget, entities: ReadonlyArray<EntitySchema<any, any>>): Promise<Database> {
  const embedded = target.kind === "embedded" ? await startEmbeddedPostgres(target.dataDir === undefined ? {} : { dataDir: target.dataDir }) : undefined
  const url = embedded?.url ?? (target as { url: string }).url
  try {
    const orm = await MikroORM.init({
      clientUrl: url,
      entities: [...entities],
      discovery: { warnWhenNoEntities: false },
      extensions: [Migrator],
      migrations: { migrationsList: [...migrations], transactional: true, allOrNothing: true, silent: true },
      pool: embedded ? { min: 0, max: 1 } : { min: 0, max: 20 },
      allowGlobalContext: false,
      debug: false
    })
    return {
      orm,
      url,
      embedded: embedded !== undefined,
      close: async () => {
        await orm.close()
        await embedded?.stop()
      }
    }
  } catch (error) {
    await embedded?.stop()
    throw error
  }
}

/** Applies the committed migrations not yet applied; returns their names. */
export async function migrate(database: Database): Promise<ReadonlyArray<string>> {
  const applied = await database.orm.getMigrator().up()
  return applied.map((m) => m.name)
}
