import { execFile, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { freshTestDatabase, type TestDatabase } from "@spe/persistence-mikro-orm"
import type { seedDemoTown } from "@spe/example-saint-pierre-les-elbeuf"
import type { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ServerPorts } from "../Container.js"

/** The demo town's seed runs on the server's ports (checked by the compiler). */
export type SeedRunsOnServerPorts = typeof seedDemoTown extends Effect.Effect<infer _A, infer _E, infer R> ? ([R] extends [ServerPorts] ? true : never) : never
const seedRunsOnServerPorts: SeedRunsOnServerPorts = true

const serverFolder = fileURLToPath(new URL("../..", import.meta.url))
const tsx = fileURLToPath(new URL("../../../../node_modules/.bin/tsx", import.meta.url))

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `spe` as a child process (`tsx src/bin/spe.ts …`), without a terminal. */
async function spe(args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Run> {
  const base = { ...process.env }
  delete base["DATABASE_URL"]
  delete base["SPE_CONFIG"]
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ["src/bin/spe.ts", ...args], {
      cwd: serverFolder,
      env: { ...base, INIT_CWD: serverFolder, ...env },
      maxBuffer: 10_000_000
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" }
  }
}

describe("spe, without a database", () => {
  it("prints the help", async () => {
    const run = await spe(["help"])
    expect(seedRunsOnServerPorts).toBe(true)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("Utilisation : spe <commande> [options]")
    expect(run.stdout).toContain("bill --month AAAA-MM --issue")
  })

  it("refuses bad arguments with one French line and exit code 2", { timeout: 120_000 }, async () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [["frobnicate"], "Commande inconnue : « frobnicate ». Commandes : help, migrate, seed, serve, bill (voir spe help)."],
      [["bill"], "Indiquez le mois à facturer : spe bill --month AAAA-MM (par exemple --month 2026-10)."],
      [["bill", "--month", "2026-13"], "Le mois « 2026-13 » doit s'écrire AAAA-MM, par exemple 2026-10."],
      [["migrate", "--verbose"], "Option inconnue : --verbose. (voir spe help)."],
      [["bill", "--month"], "L'option --month attend une valeur. (voir spe help)."]
    ]
    for (const [args, message] of cases) {
      const run = await spe(args)
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 2, stderr: `${message}\n` })
      expect(run.stdout).toBe("")
    }
  })

  it("refuses wrong settings with exit code 2, naming the variable and the file", { timeout: 60_000 }, async () => {
    const run = await spe(["migrate", "--config", "absent.json"])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`Réglages incorrects (1 problème) :\n  - fichier de réglages (fichier ${serverFolder}absent.json) : Ce fichier n'existe pas. Vérifiez le chemin donné par --config ou SPE_CONFIG.\n`)
    const variables = await spe(["migrate"], { DATABASE_URL: "mysql://localhost/spe", SPE_PORT: "x" })
    expect(variables.code).toBe(2)
    expect(variables.stderr).toContain("  - database.url (variable DATABASE_URL) : L'adresse de la base s'écrit postgres://")
    expect(variables.stderr).toContain("  - http.port (variable SPE_PORT) : Le port doit être un nombre entier entre 1 et 65535.")
    expect(variables.stderr).not.toContain("    at ")
  })

  it("says when the database cannot be reached, exit code 1, no stack trace", async () => {
    const run = await spe(["migrate"], { DATABASE_URL: "postgres://postgres@127.0.0.1:1/spe" })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe("Base de données injoignable (ECONNREFUSED) : vérifiez que le serveur PostgreSQL tourne et que DATABASE_URL le désigne.\n")
  })
})

const onPostgres = process.env["DATABASE_URL"] !== undefined && process.env["DATABASE_URL"] !== ""

describe(`spe on a fresh ${onPostgres ? "PostgreSQL database" : "embedded database in a temporary folder"}`, () => {
  let database: TestDatabase | undefined
  let dataDir: string | undefined
  let env: Record<string, string>
  beforeAll(async () => {
    if (onPostgres) {
      database = await freshTestDatabase("PostgreSQL")
      env = { DATABASE_URL: (database.target as { url: string }).url }
    } else {
      dataDir = mkdtempSync(join(tmpdir(), "spe-cli-"))
      env = { SPE_DATA_DIR: dataDir }
    }
  })
  afterAll(async () => {
    await database?.dispose()
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
  })

  it("refuses to bill before the migrations", async () => {
    const run = await spe(["bill", "--month", "2026-10"], env)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe("La base n'est pas à jour : lancez d'abord spe migrate (ou spe seed).\n")
  })

  it("migrates, then says the database is up to date", { timeout: 60_000 }, async () => {
    const first = await spe(["migrate"], env)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(
      onPostgres
        ? /^Base : PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:5432\/spe_t_[0-9a-f]+\n\d+ migrations appliquées :\n  0001-households\n/
        : /^Base : base embarquée PGlite, données dans \/.+\n\d+ migrations appliquées :\n  0001-households\n/
    )
    const second = await spe(["migrate"], env)
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("Base à jour : aucune migration à appliquer.")
  })

  it("seeds the demo town once: the second seed changes nothing", { timeout: 300_000 }, async () => {
    const first = await spe(["seed"], env)
    expect(first.stderr).toBe("")
    expect(first.code).toBe(0)
    expect(first.stdout).toContain("Base à jour : aucune migration à appliquer.")
    expect(first.stdout).toContain("La commune de démonstration Saint-Pierre-lès-Elbeuf a été créée")
    expect(first.stdout).toContain("Identifiants de démonstration :")
    const counts = /Foyers : (\d+) \((\d+) enfants\)/.exec(first.stdout)
    expect(Number(counts?.[1])).toBeGreaterThanOrEqual(5)
    const second = await spe(["seed"], env)
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("est déjà en place : rien n'a été modifié.")
    expect(/Foyers : (\d+) \((\d+) enfants\)/.exec(second.stdout)?.[0]).toBe(counts?.[0])
    expect(/Factures : (\d+)/.exec(second.stdout)?.[0]).toBe(/Factures : (\d+)/.exec(first.stdout)?.[0])
  })

  it("previews a month's billing, issues it, and issues nothing the second time", { timeout: 180_000 }, async () => {
    const preview = await spe(["bill", "--month", "2026-10"], env)
    expect(preview.stderr).toBe("")
    expect(preview.code).toBe(0)
    expect(preview.stdout).toContain("aperçu : rien n'est émis")
    expect(preview.stdout).toMatch(/Terminé en [\d,]+ s : \d+ foyers lus, 0 factures émises\.\n$/)
    const issued = await spe(["bill", "--month", "2026-10", "--issue"], env)
    expect(issued.code).toBe(0)
    expect(issued.stdout).toContain("— émission")
    const again = await spe(["bill", "--month", "2026-10", "--issue"], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain("rien de nouveau à facturer")
    expect(again.stdout).toMatch(/0 factures émises\.\n$/)
  })

  it("serves the portal of the seeded town until stopped: the home page, a demo family's login", { timeout: 180_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address()
        probe.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
      })
    })
    const base = { ...process.env }
    delete base["SPE_CONFIG"]
    const child = spawn(tsx, ["src/bin/spe.ts", "serve"], { cwd: serverFolder, env: { ...base, INIT_CWD: serverFolder, ...env, SPE_PORT: String(port) } })
    let stdout = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    try {
      await expect.poll(() => stdout, { timeout: 120_000, interval: 500 }).toContain(`Portail de Saint-Pierre-lès-Elbeuf : http://127.0.0.1:${port}`)
      const home = await fetch(`http://127.0.0.1:${port}/`)
      expect(home.status).toBe(200)
      const html = await home.text()
      expect(html).toContain("BIENVENUE SUR VOTRE ESPACE CITOYEN")
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ""
      const cookie = (home.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
      const login = await fetch(`http://127.0.0.1:${port}/connexion`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ _csrf: csrf, identifiant: "maman.concerto", motDePasse: "Espace-Citoyen-76320" })
      })
      expect(login.status).toBe(303)
      expect(login.headers.get("location")).toBe("/mon-espace")
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
    expect(stdout).toContain("Arrêt du portail…")
  })
})
