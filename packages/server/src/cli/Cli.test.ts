import { execFile, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { AuditLog, HouseholdRepository, InvoiceRepository, invoiceTotal, LocalDate, readCsv, writeCsvRows } from "@spe/core"
import { freshTestDatabase, type TestDatabase } from "@spe/persistence-mikro-orm"
import type { seedDemoTown } from "@spe/example-saint-pierre-les-elbeuf"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createContainer, portsRuntime, type ServerPorts, shutdown } from "../Container.js"
import { loadSettings } from "../Settings.js"

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
      [["frobnicate"], "Commande inconnue : « frobnicate ». Commandes : help, migrate, seed, serve, bill, export, import (voir spe help)."],
      [["bill"], "Indiquez le mois à facturer : spe bill --month AAAA-MM (par exemple --month 2026-10)."],
      [["bill", "--month", "2026-13"], "Le mois « 2026-13 » doit s'écrire AAAA-MM, par exemple 2026-10."],
      [["migrate", "--verbose"], "Option inconnue : --verbose. (voir spe help)."],
      [["bill", "--month"], "L'option --month attend une valeur. (voir spe help)."],
      [["export", "factures", "--from", "2026-13-01", "--to", "2026-10-31"], "La date --from « 2026-13-01 » doit s'écrire AAAA-MM-JJ, par exemple 2026-10-01."],
      [["import", "households"], "Indiquez le fichier CSV à importer : spe import <households|treasury-payments> <fichier.csv> [--apply]."]
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

  it("exports invoices as the database holds them, and imports households: refused rows apply nothing, a good file applies", { timeout: 300_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), "spe-echanges-"))
    try {
      const exported = await spe(["export", "factures", "--from", "2026-09-01", "--to", "2026-11-30", "--out", join(folder, "factures.csv")], env)
      expect(exported.stderr).toBe("")
      expect(exported.code).toBe(0)
      expect(exported.stdout).toMatch(/^Factures et avoirs du 2026-09-01 au 2026-11-30 : \d+ lignes écrites dans .+factures\.csv \(CSV\)\.\n$/)
      const header = ["Référence", "Nom de famille", "Adresse", "Code postal", "Commune", "E-mail", "Habite la commune", "Responsable 1 prénom", "Enfant 1 prénom", "Enfant 1 date de naissance", "QF", "QF valable du", "QF valable au"]
      const good = [
        ["CLI-0001", "MÉNARD", "12 rue Gambetta", "76320", "Saint-Pierre-lès-Elbeuf", "menard.cli@exemple.fr", "oui", "Inès", "Noé", "04/03/2018", "640", "01/01/2026", "31/12/2026"],
        ["CLI-0002", "LEROY", "3 place du Marché", "76410", "Cléon", "leroy.cli@exemple.fr", "non", "Marc", "", "", "", "", ""]
      ]
      writeFileSync(join(folder, "refuse.csv"), writeCsvRows([header, good[0] ?? [], ["CLI-0003", "PETIT", "5 rue Haute", "76320", "Elbeuf", "petit@exemple.fr", "oui", "Léon", "Léna", "31/02/2019", "", "", ""]]))
      writeFileSync(join(folder, "foyers.csv"), writeCsvRows([header, ...good]))
      const refused = await spe(["import", "households", join(folder, "refuse.csv"), "--apply"], env)
      expect(refused.code).toBe(1)
      expect(refused.stdout).toContain("  ligne 3 : Enfant 1 date de naissance : « 31/02/2019 » n'est pas une date")
      expect(refused.stdout).toContain("1 ligne sur 2 est refusée (ligne 3) : aucun foyer n'a été importé.")
      const applied = await spe(["import", "households", join(folder, "foyers.csv"), "--apply"], env)
      expect(applied.stderr).toBe("")
      expect(applied.code).toBe(0)
      expect(applied.stdout).toContain("Importé : 2 foyers créés")
      const settings = loadSettings({ env, cwd: serverFolder })
      if (Either.isLeft(settings)) throw new Error(settings.left.message)
      const container = await createContainer(settings.right)
      try {
        const database = await portsRuntime(container).runPromise(
          Effect.gen(function* () {
            const invoices = yield* (yield* InvoiceRepository).search({ issuedFrom: LocalDate.unsafe("2026-09-01"), issuedTo: LocalDate.unsafe("2026-11-30") })
            const households = yield* HouseholdRepository
            return {
              invoices: new Map(invoices.map((i) => [i.number, invoiceTotal(i)])),
              imported: [yield* households.findByReference("CLI-0001"), yield* households.findByReference("CLI-0002"), yield* households.findByReference("CLI-0003")],
              journal: (yield* (yield* AuditLog).list({})).filter((r) => r.action === "households.import").map((r) => r.outcome)
            }
          })
        )
        const [columns, ...rows] = Either.getOrThrow(readCsv(readFileSync(join(folder, "factures.csv"), "utf8"))).map((r) => r.cells)
        expect(columns?.slice(0, 3)).toEqual(["Type", "Numéro", "Date d'émission"])
        const invoiceRows = rows.filter((r) => r[0] === "facture")
        expect(invoiceRows.length).toBeGreaterThan(0)
        expect(new Map(invoiceRows.map((r) => [r[1], Math.round(Number((r[9] ?? "").replace(",", ".")) * 100)]))).toEqual(database.invoices)
        expect(database.imported.map((h) => h._tag)).toEqual(["Some", "Some", "None"])
        expect(database.journal.sort()).toEqual(["done", "refused"])
      } finally {
        await shutdown(container)
      }
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
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
      expect(stdout).toContain(`Espace des agents : http://127.0.0.1:${port}/agents`)
      expect(stdout).toContain("identifiant « admin.demo »")
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
      const notification = await fetch(`http://127.0.0.1:${port}/paiement/payfip/notification`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ idOp: "operation-inconnue" })
      })
      expect(notification.status).toBe(404)
      expect(await notification.text()).toContain("rien n'a été enregistré")
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
    expect(stdout).toContain("Arrêt du portail…")
  })
})
