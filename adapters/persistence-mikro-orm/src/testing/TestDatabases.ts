import { randomBytes } from "node:crypto"
import pg from "pg"
import type { DatabaseTarget } from "../Database.js"

/** A database a test suite may use, and how to remove it afterwards. */
export interface TestDatabase {
  readonly name: "PostgreSQL" | "PGlite"
  readonly target: DatabaseTarget
  readonly dispose: () => Promise<void>
}

function serverUrl(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/**
 * A fresh PostgreSQL database on the server named by `DATABASE_URL` (created now, dropped by
 * `dispose`), so suites never share state; `undefined` when no server is configured.
 */
export async function freshPostgresDatabase(baseUrl = process.env["DATABASE_URL"]): Promise<TestDatabase | undefined> {
  if (baseUrl === undefined || baseUrl === "") return undefined
  const name = `spe_t_${randomBytes(6).toString("hex")}`
  const admin = new pg.Client({ connectionString: serverUrl(baseUrl, "postgres") })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  return {
    name: "PostgreSQL",
    target: { kind: "postgres", url: serverUrl(baseUrl, name) },
    dispose: async () => {
      const client = new pg.Client({ connectionString: serverUrl(baseUrl, "postgres") })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await client.end()
      }
    }
  }
}

/** An in-memory PGlite database (the embedded default, without a data folder). */
export function freshPgliteDatabase(): TestDatabase {
  return { name: "PGlite", target: { kind: "embedded" }, dispose: async () => {} }
}

/**
 * The databases every persistence suite runs on: PGlite always, and PostgreSQL when
 * `DATABASE_URL` names a server (as in CI).
 */
export function testDatabaseKinds(): ReadonlyArray<"PGlite" | "PostgreSQL"> {
  const url = process.env["DATABASE_URL"]
  return url === undefined || url === "" ? ["PGlite"] : ["PGlite", "PostgreSQL"]
}

/** Opens a fresh test database of a kind. */
export async function freshTestDatabase(kind: "PGlite" | "PostgreSQL"): Promise<TestDatabase> {
  if (kind === "PGlite") return freshPgliteDatabase()
  const db = await freshPostgresDatabase()
  if (db === undefined) throw new Error("DATABASE_URL is not set: no PostgreSQL server to test against")
  return db
}
