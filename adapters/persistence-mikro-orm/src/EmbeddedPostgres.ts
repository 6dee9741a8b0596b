import { mkdirSync } from "node:fs"
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketServer } from "@electric-sql/pglite-socket"

/** A PGlite database served on loopback, reached like any PostgreSQL server. */
export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string
  readonly stop: () => Promise<void>
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) on 127.0.0.1, keeping its data in `dataDir`
 * (created if missing) or in memory when `dataDir` is omitted. PGlite runs one query at a time, so
 * clients must use a single connection (pool max 1).
 */
export async function startEmbeddedPostgres(options: { readonly dataDir?: string; readonly port?: number } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true })
  const db = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir })
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0 })
  await server.start()
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    stop: async () => {
      await server.stop()
      await db.close()
    }
  }
}
