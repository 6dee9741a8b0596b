import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { promisify } from "node:util"
import { SenderIdentity } from "@spe/core"
import { townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import type { DatabaseSettings, Settings, TownPackage } from "@spe/server"
import pg from "pg"

/** The benchmarks' town: the demo town's rules, not its seed. */
export const benchTown: TownPackage = {
  townSettings: {
    ...townSettings,
    townName: "Villebanc",
    sender: SenderIdentity.make({
      townName: "Villebanc",
      serviceName: "Service à la population",
      address: "1 place de la Mairie",
      phone: "01 02 03 04 05",
      email: "mairie@villebanc.fr",
      portalUrl: "https://famille.villebanc.fr"
    })
  }
}

/**
 * The database a benchmark runs on: the PostgreSQL database of `DATABASE_URL` as given (it must be
 * empty of the benchmark's data), or an in-memory PGlite database when it is not set.
 */
export function benchDatabase(settings: Settings): DatabaseSettings | { readonly kind: "embedded" } {
  return settings.database.kind === "postgres" ? settings.database : { kind: "embedded" }
}

/** The database in words, for the first line of a benchmark. */
export function benchDatabaseLabel(database: DatabaseSettings | { readonly kind: "embedded" }): string {
  if (database.kind === "embedded") return "PGlite embarqué, en mémoire (DATABASE_URL absent)"
  const url = new URL(database.url)
  if (url.password !== "") url.password = "***"
  return `PostgreSQL ${url.toString()}`
}

/** The `q`-quantile of sorted numbers (nearest rank). */
export function quantile(sorted: ReadonlyArray<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
}

/** A number in French, with `digits` decimals at most. */
export const fr = (n: number, digits = 0): string => n.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: 0 })

/** Runs `work` on `items`, `concurrency` at a time, in order of arrival. */
export async function pool<T>(items: ReadonlyArray<T>, concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

const pgbenchPath = "/usr/lib/postgresql/15/bin/pgbench"

/** What pgbench measured, or why it did not run. */
export type PgbenchResult =
  | { readonly ran: true; readonly tps: number; readonly clients: number; readonly note?: string }
  | { readonly ran: false; readonly note: string }

/**
 * pgbench's default (TPC-B-like) write transaction on the same server, in a scratch database
 * created and dropped here: `pgbench -i`, then `pgbench -c <clients> -j 2 -T <seconds>`. The
 * clients are capped to what the server's `max_connections` leaves free.
 */
export async function runPgbench(url: string, wantedClients: number, seconds: number): Promise<PgbenchResult> {
  if (!existsSync(pgbenchPath)) return { ran: false, note: `pgbench absent (${pgbenchPath})` }
  const server = new URL(url)
  const scratch = `spe_bench_pgbench_${process.pid}`
  const admin = new URL(url)
  admin.pathname = "/postgres"
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  let clients = wantedClients
  let note: string | undefined
  try {
    const settings = await client.query<{ max: string; reserved: string; used: string }>(
      "select current_setting('max_connections') as max, current_setting('superuser_reserved_connections') as reserved, (select count(*) from pg_stat_activity) as used"
    )
    const row = settings.rows[0]
    const free = Number(row?.max ?? 100) - Number(row?.reserved ?? 3) - Number(row?.used ?? 0) - 5
    if (free < wantedClients) {
      clients = Math.max(1, free)
      note = `${wantedClients} clients demandés, ${clients} possibles (max_connections = ${row?.max}, ${row?.used} connexions déjà ouvertes)`
    }
    await client.query(`create database ${scratch}`)
  } finally {
    await client.end()
  }
  const env = {
    ...process.env,
    PGHOST: server.hostname,
    PGPORT: server.port === "" ? "5432" : server.port,
    PGUSER: decodeURIComponent(server.username) || "postgres",
    ...(server.password === "" ? {} : { PGPASSWORD: decodeURIComponent(server.password) })
  }
  const run = promisify(execFile)
  try {
    await run(pgbenchPath, ["-i", "-q", scratch], { env })
    const { stdout } = await run(pgbenchPath, ["-c", String(clients), "-j", "2", "-T", String(seconds), scratch], { env, maxBuffer: 10_000_000 })
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1]
    if (tps === undefined) return { ran: false, note: `pgbench n'a pas donné de TPS : ${stdout.slice(-300)}` }
    return { ran: true, tps: Number(tps), clients, ...(note === undefined ? {} : { note }) }
  } finally {
    const drop = new pg.Client({ connectionString: admin.toString() })
    await drop.connect()
    await drop.query(`drop database if exists ${scratch} with (force)`)
    await drop.end()
  }
}
