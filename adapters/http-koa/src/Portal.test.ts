import { CredentialsChangeRequired, InvalidCredentials, AccountId, PasswordResetRequested, Clock, enqueueMail, Instant, MailContent, MailOutbox } from "@spe/core"
import { Effect } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "./testing/BrowserLikeClient.js"
import { demoFamily, guideHelpBlock, guideWelcomeText, startTestPortal, type TestPortal } from "./testing/TestPortal.js"
import { mainOf, textOf } from "./testing/PageText.js"

const invalidCredentials = new InvalidCredentials().message

let t: TestPortal
let browser: BrowserLikeClient

beforeEach(async () => {
  t = await startTestPortal()
  browser = new BrowserLikeClient(t.url)
})

afterEach(async () => {
  await t.close()
})

const logInAs = (client: BrowserLikeClient, identifiant: string, motDePasse: string) =>
  client.submit("/", "/connexion", { identifiant, motDePasse })

describe("the home page", () => {
  it("shows every wording of the guide's home page, the welcome text and the help block from the settings", async () => {
    const response = await browser.get("/")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8")
    const text = textOf(response.body)
    for (const wording of [
      "Saint-Pierre-lès-Elbeuf",
      "Mon espace citoyen",
      "Mes démarches en un clic !",
      "Mon espace perso",
      "Identifiant",
      "Mot de passe",
      "J'ai oublié mon mot de passe",
      "Connexion",
      "Je n'ai pas d'espace",
      "Créer votre espace personnel qui vous donnera accès au tableau de bord de vos demandes existantes, à votre espace de stockage sécurisé et à d'autres fonctionnalités facilitant votre relation avec la mairie.",
      "Créer mon espace",
      "Avec mon espace, je me facilite la ville !",
      "BIENVENUE SUR VOTRE ESPACE CITOYEN"
    ]) {
      expect(text).toContain(wording)
    }
    for (const paragraph of guideWelcomeText.split("\n\n")) {
      for (const line of paragraph.split("\n")) expect(text).toContain(line.replace(/^- /, ""))
    }
    for (const item of [
      guideHelpBlock.title,
      guideHelpBlock.serviceName,
      ...guideHelpBlock.addressLines,
      guideHelpBlock.counter.phone,
      ...guideHelpBlock.counter.hours,
      guideHelpBlock.email
    ]) {
      expect(text).toContain(item)
    }
    expect(response.body).toContain('href="/creer-mon-espace"')
    expect(response.body).toContain('href="/mot-de-passe-oublie"')
    expect(response.body).toContain('<a class="skip-link" href="#contenu">')
    expect(response.body).toContain('<main id="contenu"')
    expect(response.body).toContain('<html lang="fr">')
    expect(response.body).toMatch(/<label for="identifiant">Identifiant<\/label>/)
    expect(response.body).toMatch(/<label for="motDePasse">Mot de passe<\/label>/)
    expect(response.body).not.toMatch(/<script/)
  })

  it("serves its one stylesheet, cached, with no external resource", async () => {
    const home = await browser.get("/")
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(home.body)?.[1]
    expect(href).toMatch(/^\/static\/portail-[0-9a-f]{12}\.css$/)
    const css = await browser.get(href ?? "")
    expect(css.status).toBe(200)
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8")
    expect(css.headers.get("cache-control")).toContain("immutable")
    expect(css.body).toContain(":focus-visible")
    expect(css.body).not.toMatch(/@import|url\(\s*["']?https?:/)
  })
})

describe("logging in", () => {
  it("opens a session with a new id and shows the household's space with the guide's menu", async () => {
    await browser.get("/")
    expect(browser.cookies.get("spe_session")).toBeUndefined()
    const response = await logInAs(browser, demoFamily.login, demoFamily.password)
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace")
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("spe_session="))
    expect(cookie).toMatch(/^spe_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax$/)
    const space = await browser.get("/mon-espace")
    expect(space.status).toBe(200)
    const text = textOf(space.body)
    for (const wording of [
      "Mon espace",
      "Anne CONCERTO",
      "Paul CONCERTO",
      "1 Chemin de la Cote",
      "76320 SAINT-PIERRE-LES-ELBEUF",
      demoFamily.email,
      "Mon tableau de bord",
      "Dernières demandes",
      "Mes factures",
      "Coordonnées",
      "Mes QF/Revenus",
      "Édition de documents",
      "Ma famille",
      "Gérer mes réservations",
      "Signaler une absence",
      "Simulation des tarifs",
      "Membres foyer",
      "Maman (Anne CONCERTO)",
      "Papa (Paul CONCERTO)",
      "Léa",
      "Hugo",
      "Se déconnecter"
    ]) {
      expect(text).toContain(wording)
    }
    expect(space.body).toMatch(/href="\/mon-espace\/membres\/[^"]+">Léa</)
    expect(space.body).toContain('href="/mon-espace/factures"')
    expect((await browser.get("/")).location).toBe("/mon-espace")
  })

  it("gives a new session id at each login, and none works after logout", async () => {
    await logInAs(browser, demoFamily.login, demoFamily.password)
    const first = browser.cookies.get("spe_session")
    const space0 = await browser.get("/mon-espace")
    await browser.post("/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password }, { csrf: csrfTokenIn(space0.body) })
    const second = browser.cookies.get("spe_session")
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(second).toMatch(/^[0-9a-f]{64}$/)
    expect(second).not.toBe(first)
    const stale = new BrowserLikeClient(t.url)
    stale.cookies.set("spe_session", first ?? "")
    expect((await stale.get("/mon-espace")).location).toBe("/?suite=%2Fmon-espace")
    const space = await browser.get("/mon-espace")
    const logout = await browser.post("/deconnexion", {}, { csrf: csrfTokenIn(space.body) })
    expect(logout.status).toBe(303)
    expect(logout.location).toBe("/?message=deconnecte")
    expect(browser.cookies.get("spe_session")).toBeUndefined()
    expect(textOf((await browser.get(logout.location ?? "/")).body)).toContain("Vous êtes déconnecté.")
    expect((await browser.post("/deconnexion", {}, { csrf: "0".repeat(64) })).location).toBe("/?message=deconnecte")
    const replayed = new BrowserLikeClient(t.url)
    replayed.cookies.set("spe_session", second ?? "")
    expect((await replayed.get("/mon-espace")).status).toBe(303)
  })

  it("refuses a wrong password and an unknown identifier with the same message, keeping the identifier typed, never the password", async () => {
    const wrongPassword = await logInAs(browser, demoFamily.login, "Pas-le-bon-mot-de-passe-1")
    const unknown = await logInAs(new BrowserLikeClient(t.url), "personne.inconnue", "Pas-le-bon-mot-de-passe-1")
    expect(wrongPassword.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(textOf(wrongPassword.body)).toContain(invalidCredentials)
    expect(textOf(mainOf(unknown.body)).replace("personne.inconnue", "X")).toBe(textOf(mainOf(wrongPassword.body)).replace(demoFamily.login, "X"))
    expect(wrongPassword.body).toContain(`value="${demoFamily.login}"`)
    expect(wrongPassword.body).not.toContain("Pas-le-bon-mot-de-passe-1")
    expect(wrongPassword.body).toContain('role="alert"')
    expect(browser.cookies.get("spe_session")).toBeUndefined()
  })

  it("suspends logins after five failures for an identifier, even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await logInAs(browser, demoFamily.login, `Mauvais-${i}-mot-de-passe`)).status).toBe(400)
    const throttled = await logInAs(browser, demoFamily.login, demoFamily.password)
    expect(throttled.status).toBe(429)
    expect(textOf(throttled.body)).toContain("Trop de tentatives de connexion ont échoué avec cet identifiant")
    expect(browser.cookies.get("spe_session")).toBeUndefined()
    t.world.clock.advanceMinutes(16)
    expect((await logInAs(browser, demoFamily.login, demoFamily.password)).location).toBe("/mon-espace")
  })

  it("goes back to the page asked for, and only to a page of the portal", async () => {
    const asked = await browser.get("/mon-espace")
    expect(asked.location).toBe("/?suite=%2Fmon-espace")
    const home = await browser.get(asked.location ?? "/")
    expect(home.body).toContain('name="suite" value="/mon-espace"')
    const evil = await browser.get("/?suite=//ailleurs.example/piege")
    expect(evil.body).not.toContain("ailleurs.example")
    const response = await browser.post(
      "/connexion",
      { identifiant: demoFamily.login, motDePasse: demoFamily.password, suite: "https://ailleurs.example/" },
      { csrf: csrfTokenIn(home.body) }
    )
    expect(response.location).toBe("/mon-espace")
  })
})

describe("the first login of an account created by the town", () => {
  it("must choose an identifier and a password before anything else", async () => {
    const created = await t.createTownAccount("FAM-000123", "famille.durand@exemple.fr")
    const login = await logInAs(browser, created.login, created.temporaryPassword)
    expect(login.location).toBe("/premiere-connexion")
    const before = browser.cookies.get("spe_session")
    expect((await browser.get("/mon-espace")).location).toBe("/premiere-connexion")
    expect((await browser.get("/mon-espace/factures")).location).toBe("/premiere-connexion")
    const page = await browser.get("/premiere-connexion")
    expect(page.status).toBe(200)
    expect(textOf(page.body)).toContain(new CredentialsChangeRequired({ accountId: AccountId.make("x") }).message)
    const csrf = csrfTokenIn(page.body)

    const mismatch = await browser.post(
      "/premiere-connexion",
      { motDePasseActuel: created.temporaryPassword, nouvelIdentifiant: "famille.durand", nouveauMotDePasse: "Girafe-Prune-2026!", confirmation: "Autre-chose-2026!" },
      { csrf }
    )
    expect(mismatch.status).toBe(400)
    expect(mismatch.body).toMatch(/id="confirmation-erreur">.*La confirmation ne reprend pas le nouveau mot de passe/)
    expect(mismatch.body).toContain('value="famille.durand"')
    expect(mismatch.body).not.toContain(created.temporaryPassword)
    expect(mismatch.body).not.toContain("Girafe-Prune-2026!")

    const weak = await browser.post(
      "/premiere-connexion",
      { motDePasseActuel: created.temporaryPassword, nouvelIdentifiant: "famille.durand", nouveauMotDePasse: "soleil", confirmation: "soleil" },
      { csrf }
    )
    expect(weak.status).toBe(400)
    expect(weak.body).toMatch(/id="nouveauMotDePasse-erreur">.*Ce mot de passe/)
    expect(weak.body).toContain('aria-invalid="true"')

    const badLogin = await browser.post(
      "/premiere-connexion",
      { motDePasseActuel: created.temporaryPassword, nouvelIdentifiant: "É", nouveauMotDePasse: "Girafe-Prune-2026!", confirmation: "Girafe-Prune-2026!" },
      { csrf }
    )
    expect(badLogin.status).toBe(400)
    expect(badLogin.body).toMatch(/id="nouvelIdentifiant-erreur">.*L&#x27;identifiant doit compter de 3 à 64 caractères/)

    const taken = await browser.post(
      "/premiere-connexion",
      { motDePasseActuel: created.temporaryPassword, nouvelIdentifiant: demoFamily.login, nouveauMotDePasse: "Girafe-Prune-2026!", confirmation: "Girafe-Prune-2026!" },
      { csrf }
    )
    expect(taken.status).toBe(400)
    expect(taken.body).toMatch(/id="nouvelIdentifiant-erreur">.*est déjà utilisé/)

    const done = await browser.post(
      "/premiere-connexion",
      { motDePasseActuel: created.temporaryPassword, nouvelIdentifiant: "famille.durand", nouveauMotDePasse: "Girafe-Prune-2026!", confirmation: "Girafe-Prune-2026!" },
      { csrf }
    )
    expect(done.status).toBe(303)
    expect(done.location).toBe("/mon-espace?message=identifiants-enregistres")
    expect(browser.cookies.get("spe_session")).not.toBe(before)
    const stale = new BrowserLikeClient(t.url)
    stale.cookies.set("spe_session", before ?? "")
    expect((await stale.get("/mon-espace")).location).toBe("/?suite=%2Fmon-espace")
    const space = await browser.get(done.location ?? "")
    expect(textOf(space.body)).toContain("Votre identifiant et votre mot de passe sont enregistrés")

    const other = new BrowserLikeClient(t.url)
    expect((await logInAs(other, created.login, created.temporaryPassword)).status).toBe(400)
    expect((await logInAs(other, "famille.durand", "Girafe-Prune-2026!")).location).toBe("/mon-espace")
  })
})

describe("a forgotten password", () => {
  it("gives the same answer whether the identifier exists or not, and the link sets a new password once", async () => {
    const known = await browser.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { identifiant: demoFamily.login })
    const unknown = await new BrowserLikeClient(t.url).submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { identifiant: "personne.inconnue" })
    const byEmail = await new BrowserLikeClient(t.url).submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { identifiant: "nobody@exemple.fr" })
    expect([known.status, unknown.status, byEmail.status]).toEqual([200, 200, 200])
    expect(mainOf(unknown.body)).toBe(mainOf(known.body))
    expect(mainOf(byEmail.body)).toBe(mainOf(known.body))
    expect(textOf(known.body)).toContain(new PasswordResetRequested().notice)
    expect(t.world.mails.passwordResetLinks).toHaveLength(1)

    const loggedIn = new BrowserLikeClient(t.url)
    await logInAs(loggedIn, demoFamily.login, demoFamily.password)
    expect((await loggedIn.get("/mon-espace")).status).toBe(200)

    const token = t.world.mails.passwordResetLinks[0]?.token ?? ""
    const form = await browser.get(`/reinitialisation/${token}`)
    expect(form.status).toBe(200)
    expect(form.headers.get("referrer-policy")).toBe("no-referrer")
    const csrf = csrfTokenIn(form.body)
    const weak = await browser.post(`/reinitialisation/${token}`, { nouveauMotDePasse: "motdepasse", confirmation: "motdepasse" }, { csrf })
    expect(weak.status).toBe(400)
    expect(weak.body).toMatch(/id="nouveauMotDePasse-erreur">/)
    const done = await browser.post(`/reinitialisation/${token}`, { nouveauMotDePasse: "Nouveau-Depart-2026", confirmation: "Nouveau-Depart-2026" }, { csrf })
    expect(done.status).toBe(200)
    expect(textOf(done.body)).toContain("Votre nouveau mot de passe est enregistré")
    expect((await loggedIn.get("/mon-espace")).status).toBe(303)

    const again = await browser.post(`/reinitialisation/${token}`, { nouveauMotDePasse: "Encore-Autre-2026", confirmation: "Encore-Autre-2026" }, { csrf })
    expect(again.status).toBe(400)
    expect(textOf(again.body)).toContain("a déjà servi")
    expect((await browser.get(`/reinitialisation/${token}`)).status).toBe(400)
    expect((await browser.get("/reinitialisation/pas-un-jeton")).status).toBe(400)

    expect((await logInAs(new BrowserLikeClient(t.url), demoFamily.login, demoFamily.password)).status).toBe(400)
    expect((await logInAs(new BrowserLikeClient(t.url), demoFamily.login, "Nouveau-Depart-2026")).location).toBe("/mon-espace")
  })

  it("shows the mail on the dev mailbox page when enabled", async () => {
    await browser.submit("/mot-de-passe-oublie", "/mot-de-passe-oublie", { identifiant: demoFamily.email })
    const page = await browser.get("/dev/mail")
    expect(page.status).toBe(200)
    expect(page.body).toContain(`href="${t.url}/reinitialisation/`)
    expect(textOf(page.body)).toContain(`À : ${demoFamily.email}`)
    expect(textOf(page.body)).toContain("État : en attente d’envoi")
    await t.demo.runtime.runPromise(
      Effect.gen(function* () {
        const outbox = yield* MailOutbox
        const now = yield* (yield* Clock).now
        const mail = yield* enqueueMail({ to: "plus.recent@example.org", kind: "invoice-issued", content: new MailContent({ subject: "Votre facture est disponible", text: "Bonjour,\n\nVotre facture est en ligne.", html: "" }) }, "portail-de-test.fr", Instant.plusMinutes(now, 1))
        yield* outbox.markSent(mail.id, Instant.plusMinutes(now, 2))
      })
    )
    const again = textOf((await browser.get("/dev/mail")).body)
    expect(again).toContain("À : plus.recent@example.org")
    expect(again).toContain("État : envoyé")
    expect(again.indexOf("Votre facture est disponible")).toBeLessThan(again.indexOf("Choisir un nouveau mot de passe"))
    const off = await startTestPortal({ settings: { devMail: false } })
    try {
      expect((await new BrowserLikeClient(off.url).get("/dev/mail")).status).toBe(404)
    } finally {
      await off.close()
    }
  })
})

describe("creating a space", () => {
  it("creates an account and a request, and shows a confirmation", async () => {
    const response = await browser.submit("/creer-mon-espace", "/creer-mon-espace", {
      identifiant: "famille.martin",
      motDePasse: "Girafe-Prune-2026!",
      confirmation: "Girafe-Prune-2026!",
      nom: "Claire Martin",
      email: "claire.martin@exemple.fr",
      telephone: "",
      referenceFoyer: "",
      codeCourrier: "",
      message: ""
    })
    expect(response.status).toBe(200)
    expect(textOf(response.body)).toContain("Votre demande de création d'espace est enregistrée")
    await logInAs(browser, "famille.martin", "Girafe-Prune-2026!")
    const space = await browser.get("/mon-espace")
    expect(space.status).toBe(200)
    expect(textOf(space.body)).toContain("Votre espace n'est pas encore relié à un foyer")
  })

  it("shows each refusal next to its field and keeps what was typed, except passwords", async () => {
    const response = await browser.submit("/creer-mon-espace", "/creer-mon-espace", {
      identifiant: "famille.martin",
      motDePasse: "Girafe-Prune-2026!",
      confirmation: "Girafe-Prune-2026!",
      nom: "Claire <b>Martin</b>",
      email: "pas-une-adresse",
      telephone: "",
      referenceFoyer: "",
      codeCourrier: "",
      message: ""
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatch(/id="email-erreur">.*L&#x27;adresse e-mail doit avoir la forme nom@exemple\.fr\./)
    expect(response.body).toContain('value="pas-une-adresse"')
    expect(response.body).toContain('value="Claire &lt;b&gt;Martin&lt;/b&gt;"')
    expect(response.body).not.toContain("Girafe-Prune-2026!")
    expect(response.body).toContain('href="#email"')
  })

  it("asks in French for every field left empty", async () => {
    const response = await browser.submit("/creer-mon-espace", "/creer-mon-espace", {
      identifiant: "",
      motDePasse: "",
      confirmation: "",
      nom: "",
      email: ""
    })
    expect(response.status).toBe(400)
    const text = textOf(response.body)
    for (const message of ["Choisissez votre identifiant.", "Choisissez votre mot de passe.", "Indiquez votre nom et votre prénom.", "Indiquez votre adresse e-mail"]) {
      expect(text).toContain(message)
    }
    expect(text).not.toMatch(/Expected|is missing/)
  })
})

describe("the protections", () => {
  it("refuses a form without its CSRF token, or with another one, with a French page", async () => {
    await browser.get("/")
    const missing = await browser.post("/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })
    expect(missing.status).toBe(403)
    expect(textOf(missing.body)).toContain("Ce formulaire a expiré ou ne vient pas de cette page")
    const forged = await browser.post("/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password }, { csrf: "0".repeat(64) })
    expect(forged.status).toBe(403)
    expect(browser.cookies.get("spe_session")).toBeUndefined()
    await logInAs(browser, demoFamily.login, demoFamily.password)
    const logout = await browser.post("/deconnexion", {}, { csrf: "f".repeat(64) })
    expect(logout.status).toBe(403)
    expect((await browser.get("/mon-espace")).status).toBe(200)
  })

  it("sends the security headers on every response, HSTS and Secure cookies only when configured", async () => {
    for (const path of ["/", "/page-inconnue", "/static/portail.css"]) {
      const response = await browser.get(path)
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'")
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'")
      expect(response.headers.get("x-content-type-options")).toBe("nosniff")
      expect(response.headers.get("referrer-policy")).toBe("no-referrer")
      expect(response.headers.get("permissions-policy")).toContain("camera=()")
      expect(response.headers.get("strict-transport-security")).toBeNull()
    }
    expect((await browser.get("/")).headers.get("cache-control")).toBe("no-store")
    const secure = await startTestPortal({ settings: { secureCookies: true } })
    try {
      const response = await new BrowserLikeClient(secure.url).get("/")
      expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains")
      expect(response.headers.getSetCookie().every((c) => c.includes("; Secure"))).toBe(true)
    } finally {
      await secure.close()
    }
  })

  it("answers an unknown address, and a menu page not built yet, with the French 404 page", async () => {
    const response = await browser.get("/cette-page-n-existe-pas")
    expect(response.status).toBe(404)
    expect(textOf(response.body)).toContain("Page introuvable")
    expect(textOf(response.body)).toContain("Cette page n'existe pas, ou plus.")
    await logInAs(browser, demoFamily.login, demoFamily.password)
    expect((await browser.get("/mon-espace/page-inexistante")).status).toBe(404)
    const visitor = new BrowserLikeClient(t.url)
    const csrf = csrfTokenIn((await visitor.get("/")).body)
    const wrongMethod = await visitor.request("/mot-de-passe-oublie", { method: "PUT", body: `_csrf=${csrf}`, contentType: "application/x-www-form-urlencoded" })
    expect(wrongMethod.status).toBe(405)
    expect(textOf(wrongMethod.body)).toContain("Cette adresse ne s'utilise pas ainsi.")
  })

  it("answers input that would crash with a French 400 (or 413), never a 500 nor a stack trace", async () => {
    const home = await browser.get("/")
    const csrf = csrfTokenIn(home.body)
    const cases = [
      await browser.request("/connexion", { method: "POST", body: `_csrf=${csrf}&identifiant=a&identifiant=b&motDePasse=x`, contentType: "application/x-www-form-urlencoded" }),
      await browser.request("/connexion", { method: "POST", body: JSON.stringify({ identifiant: "a" }), contentType: "application/json" }),
      await browser.request("/connexion", { method: "POST", body: `_csrf=${csrf}&identifiant=%FF%FE&motDePasse=%E0%A4%A`, contentType: "application/x-www-form-urlencoded" }),
      await browser.request("/connexion", { method: "POST", body: `_csrf=${csrf}&identifiant=${"a".repeat(5000)}&motDePasse=x`, contentType: "application/x-www-form-urlencoded" }),
      await browser.request("/creer-mon-espace", { method: "POST", body: `_csrf=${csrf}&identifiant=%00%00&email=%00&nom=%00&motDePasse=x&confirmation=x`, contentType: "application/x-www-form-urlencoded" }),
      await browser.request("/reinitialisation/%E0%A4%A", { method: "GET" }),
      await browser.request("/reinitialisation/%00", { method: "GET" })
    ]
    for (const response of cases) {
      expect(response.status).toBe(400)
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8")
      expect(response.body).toContain('<html lang="fr">')
      expect(response.body).not.toMatch(/ at |Error:|node_modules/)
    }
    const invalidUtf8 = await fetch(`${t.url}/connexion`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `spe_csrf=${browser.cookies.get("spe_csrf") ?? ""}` },
      body: new Uint8Array([0x5f, 0x63, 0x73, 0x72, 0x66, 0x3d, 0xff, 0xfe])
    })
    expect(invalidUtf8.status).toBe(400)
    const huge = await browser.request("/connexion", { method: "POST", body: `_csrf=${csrf}&message=${"x".repeat(70 * 1024)}`, contentType: "application/x-www-form-urlencoded" })
    expect(huge.status).toBe(413)
    expect(textOf(huge.body)).toContain("Ce formulaire est trop volumineux")
  })

  it("logs an unexpected failure with a reference and shows a French apology page", async () => {
    const logged: Array<string> = []
    const broken = await startTestPortal({
      settings: {
        logError: (reference) => void logged.push(reference),
        onlinePayment: {
          handleNotification: () => Effect.die(new Error("boîte aux lettres en panne")),
          handleReturn: () => Effect.die(new Error("boîte aux lettres en panne"))
        }
      }
    })
    try {
      const response = await new BrowserLikeClient(broken.url).get("/paiement/payfip/retour")
      expect(response.status).toBe(500)
      expect(textOf(response.body)).toContain("Une erreur inattendue nous empêche d'afficher cette page.")
      expect(logged).toHaveLength(1)
      expect(textOf(response.body)).toContain(logged[0])
      expect(response.body).not.toContain("boîte aux lettres en panne")
    } finally {
      await broken.close()
    }
  })
})
