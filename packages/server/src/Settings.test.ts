import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { describeDatabase, loadSettings, type Settings, type SettingsInvalid } from "./Settings.js"

const folder = mkdtempSync(join(tmpdir(), "spe-settings-"))
const file = (name: string, content: unknown): string => {
  const path = join(folder, name)
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content))
  return path
}

const load = (env: Record<string, string>, configPath?: string): Either.Either<Settings, SettingsInvalid> =>
  loadSettings({ env, cwd: folder, root: "/srv/spe", ...(configPath === undefined ? {} : { configPath }) })

const ok = (env: Record<string, string>, configPath?: string): Settings => Either.getOrThrowWith(load(env, configPath), (e) => new Error(e.message))
const problems = (env: Record<string, string>, configPath?: string) =>
  Either.match(load(env, configPath), { onLeft: (e) => e.problems, onRight: () => [] })
const messageOf = (env: Record<string, string>, configPath?: string): string =>
  Either.match(load(env, configPath), { onLeft: (e) => e.message, onRight: () => "" })

describe("settings", () => {
  it("run the demo with nothing set: embedded database in .data/, dev mailbox, sandbox payments", () => {
    const settings = ok({})
    expect(settings.database).toEqual({ kind: "embedded", dataDir: "/srv/spe/.data" })
    expect(settings.http).toEqual({ host: "127.0.0.1", port: 3000, publicUrl: "http://localhost:3000" })
    expect(settings.mail).toEqual({ transport: "dev" })
    expect(settings.payment).toEqual({ gateway: "sandbox", pageUrl: "http://localhost:3000/paiement/bac-a-sable" })
    expect(settings.town.package).toBe("@spe/example-saint-pierre-les-elbeuf")
    expect(settings.documents.chromiumPath).toBe("/usr/bin/chromium")
  })

  it("read the file, and the environment wins over it entry by entry", () => {
    const path = file("merge.json", {
      database: { dataDir: "donnees" },
      http: { port: 8080, host: "0.0.0.0" },
      mail: { smtpUrl: "smtp://mairie:secret@smtp.mairie.fr", from: "ne-pas-repondre@mairie.fr", fromName: "Mairie" },
      town: { package: "@ville/ma-commune" }
    })
    const fromFile = ok({}, path)
    expect(fromFile.database).toEqual({ kind: "embedded", dataDir: join(folder, "donnees") })
    expect(fromFile.http).toEqual({ host: "0.0.0.0", port: 8080, publicUrl: "http://localhost:8080" })
    expect(fromFile.mail.transport).toBe("smtp")
    if (fromFile.mail.transport === "smtp") {
      expect(fromFile.mail.smtp.host).toBe("smtp.mairie.fr")
      expect(fromFile.mail.smtp.port).toBe(587)
      expect(fromFile.mail.smtp.secure).toBe(false)
      expect(fromFile.mail.smtp.auth).toEqual({ user: "mairie", pass: "secret" })
      expect(fromFile.mail.smtp.fromName).toBe("Mairie")
    }
    const merged = ok({ SPE_CONFIG: path, SPE_PORT: "9000", DATABASE_URL: "postgres://spe:pw@db.local:5432/spe", SMTP_URL: "smtps://smtp.autre.fr" })
    expect(merged.file).toBe(path)
    expect(merged.database).toEqual({ kind: "postgres", url: "postgres://spe:pw@db.local:5432/spe" })
    expect(merged.http).toEqual({ host: "0.0.0.0", port: 9000, publicUrl: "http://localhost:9000" })
    expect(merged.town.package).toBe("@ville/ma-commune")
    if (merged.mail.transport === "smtp") {
      expect(merged.mail.smtp.host).toBe("smtp.autre.fr")
      expect(merged.mail.smtp.port).toBe(465)
      expect(merged.mail.smtp.secure).toBe(true)
      expect(merged.mail.smtp.from).toBe("ne-pas-repondre@mairie.fr")
    }
  })

  it("prefer --config to SPE_CONFIG, and resolve SPE_DATA_DIR from the working folder", () => {
    const a = file("a.json", { http: { port: 1111 } })
    const b = file("b.json", { http: { port: 2222 } })
    expect(ok({ SPE_CONFIG: a }, b).http.port).toBe(2222)
    expect(ok({ SPE_DATA_DIR: "ici" }).database).toEqual({ kind: "embedded", dataDir: join(folder, "ici") })
    expect(ok({ DATABASE_URL: "" }).database.kind).toBe("embedded")
  })

  it("use PayFiP when a client number is given, with the portal's return addresses", () => {
    const settings = ok({ PAYFIP_NUMCLI: "012345", SPE_PUBLIC_URL: "https://famille.mairie.fr/" })
    expect(settings.payment.gateway).toBe("payfip")
    if (settings.payment.gateway === "payfip") {
      expect(settings.payment.payfip.numcli).toBe("012345")
      expect(settings.payment.payfip.saisie).toBe("T")
      expect(settings.payment.payfip.notificationUrl).toBe("https://famille.mairie.fr/paiement/payfip/notification")
      expect(settings.payment.payfip.returnUrl).toBe("https://famille.mairie.fr/paiement/payfip/retour")
    }
  })

  it("name the variable of a wrong value, in French", () => {
    expect(problems({ DATABASE_URL: "mysql://db/spe" })).toEqual([
      { setting: "database.url", source: "variable DATABASE_URL", message: "L'adresse de la base s'écrit postgres://utilisateur:motdepasse@serveur:5432/base." }
    ])
    expect(problems({ SPE_PORT: "huit-mille" })).toEqual([
      { setting: "http.port", source: "variable SPE_PORT", message: "Le port doit être un nombre entier entre 1 et 65535." }
    ])
    expect(problems({ SPE_PORT: "70000" })[0]?.message).toBe("Le port doit être un nombre entier entre 1 et 65535.")
    expect(problems({ SPE_PUBLIC_URL: "famille.mairie.fr" })[0]).toEqual({
      setting: "http.publicUrl",
      source: "variable SPE_PUBLIC_URL",
      message: "L'adresse doit être une URL complète en http:// ou https://."
    })
    expect(problems({ SMTP_URL: "http://smtp.mairie.fr", SMTP_FROM: "a@b.fr" })[0]).toMatchObject({ setting: "mail.smtpUrl", source: "variable SMTP_URL" })
    expect(problems({ SMTP_URL: "smtp://smtp.mairie.fr", SMTP_FROM: "pas une adresse" })[0]).toEqual({
      setting: "mail.from",
      source: "variable SMTP_FROM",
      message: "L'adresse e-mail doit avoir la forme nom@exemple.fr."
    })
    expect(problems({ SPE_MAIL_TRANSPORT: "pigeon" })[0]).toEqual({ setting: "mail.transport", source: "variable SPE_MAIL_TRANSPORT", message: "Valeurs possibles : « dev » ou « smtp »." })
    expect(problems({ SPE_PAYMENT_GATEWAY: "paypal" })[0]?.message).toBe("Valeurs possibles : « sandbox » ou « payfip ».")
    expect(problems({ PAYFIP_NUMCLI: "12345" })[0]).toEqual({
      setting: "payment.numcli",
      source: "variable PAYFIP_NUMCLI",
      message: "Le numéro de client PayFiP compte exactement 6 chiffres (par exemple 012345)."
    })
    expect(problems({ PAYFIP_NUMCLI: "012345", PAYFIP_SAISIE: "Z" })[0]).toEqual({
      setting: "payment.saisie",
      source: "variable PAYFIP_SAISIE",
      message: "Le mode de saisie est T (test), X (activation) ou W (production)."
    })
    expect(problems({ SMTP_TIMEOUT_SECONDS: "0" })[0]).toMatchObject({ setting: "mail.timeoutSeconds", message: "Le délai est un nombre entier de 1 à 600 secondes." })
  })

  it("read the link secret and the clock's start, refusing a short secret or a start that is not a UTC instant", () => {
    const set = ok({ SPE_LINK_SECRET: "x".repeat(32), SPE_CLOCK_START: "2026-11-26T08:00:00Z" })
    expect(set.http.linkSecret).toBe("x".repeat(32))
    expect(set.town.clockStart).toBe("2026-11-26T08:00:00Z")
    expect(ok({}).http.linkSecret).toBeUndefined()
    expect(ok({}).town.clockStart).toBeUndefined()
    expect(problems({ SPE_LINK_SECRET: "court", SPE_CLOCK_START: "26/11/2026" })).toEqual([
      {
        setting: "http.linkSecret",
        source: "variable SPE_LINK_SECRET",
        message: "Le secret des liens signés compte au moins 32 caractères (tirez-le au hasard : openssl rand -hex 32)."
      },
      { setting: "town.clockStart", source: "variable SPE_CLOCK_START", message: "L'heure de départ de l'horloge s'écrit en UTC, par exemple 2026-11-26T08:00:00Z." }
    ])
  })

  it("say what is missing and where to set it", () => {
    expect(problems({ SMTP_URL: "smtp://smtp.mairie.fr" })).toEqual([
      { setting: "mail.from", source: "à indiquer dans le fichier (mail.from) ou la variable SMTP_FROM", message: "L'adresse d'expédition des courriels est obligatoire avec un serveur SMTP." }
    ])
    expect(problems({ SPE_MAIL_TRANSPORT: "smtp", SMTP_FROM: "a@b.fr" })[0]).toMatchObject({ setting: "mail.smtpUrl", source: "à indiquer dans le fichier (mail.smtpUrl) ou la variable SMTP_URL" })
    expect(problems({ SPE_PAYMENT_GATEWAY: "payfip" })[0]).toMatchObject({ setting: "payment.numcli", source: "à indiquer dans le fichier (payment.numcli) ou la variable PAYFIP_NUMCLI" })
  })

  it("name the file of a wrong value, an unknown entry, a section of the wrong type", () => {
    const path = file("wrong.json", { database: { url: 42 }, http: { prot: 80 }, mail: "smtp", payment: { saisie: "W", numcli: "012345", soapUrl: "ftp://x" } })
    const found = problems({}, path)
    expect(found).toContainEqual({ setting: "database.url", source: `fichier ${path}`, message: "L'adresse de la base doit être un texte." })
    expect(found).toContainEqual({ setting: "http.prot", source: `fichier ${path}`, message: "Réglage inconnu ; réglages possibles ici : host, port, publicUrl, linkSecret." })
    expect(found).toContainEqual({ setting: "mail", source: `fichier ${path}`, message: "Cette rubrique doit être un objet JSON { … }." })
    expect(found).toContainEqual({ setting: "payment.soapUrl", source: `fichier ${path}`, message: "L'adresse doit être une URL complète en http:// ou https://." })
    expect(found).toHaveLength(4)
    const topLevel = problems({}, file("top.json", { base: {} }))
    expect(topLevel).toEqual([{ setting: "base", source: `fichier ${join(folder, "top.json")}`, message: "Réglage inconnu ; réglages possibles ici : database, http, mail, payment, documents, town." }])
  })

  it("explain a missing, unreadable or invalid file", () => {
    expect(problems({}, "absent.json")).toEqual([
      { setting: "fichier de réglages", source: `fichier ${join(folder, "absent.json")}`, message: "Ce fichier n'existe pas. Vérifiez le chemin donné par --config ou SPE_CONFIG." }
    ])
    const broken = file("broken.json", "{ database: ")
    expect(problems({}, broken)[0]?.message).toMatch(/^Ce fichier n'est pas du JSON valide : /)
    expect(problems({}, file("array.json", [1, 2]))[0]).toMatchObject({ setting: "réglages", message: "Le fichier de réglages doit contenir un objet JSON { … }." })
  })

  it("print every problem on its own line, with the setting and the source, never the value", () => {
    const message = messageOf({ DATABASE_URL: "mysql://root:motdepasse@db/spe", SPE_PORT: "x" })
    expect(message).toBe(
      [
        "Réglages incorrects (2 problèmes) :",
        "  - database.url (variable DATABASE_URL) : L'adresse de la base s'écrit postgres://utilisateur:motdepasse@serveur:5432/base.",
        "  - http.port (variable SPE_PORT) : Le port doit être un nombre entier entre 1 et 65535."
      ].join("\n")
    )
    expect(message).not.toContain("root:motdepasse")
  })

  it("describe the database without its password", () => {
    expect(describeDatabase({ kind: "postgres", url: "postgres://spe:secret@db:5432/spe" })).toBe("PostgreSQL postgres://spe:***@db:5432/spe")
    expect(describeDatabase({ kind: "embedded", dataDir: "/srv/spe/.data" })).toBe("base embarquée PGlite, données dans /srv/spe/.data")
  })
})
