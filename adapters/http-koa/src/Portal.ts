import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import Router from "@koa/router"
import type { Layer } from "effect"
import Koa from "koa"
import { errors } from "./middleware/Errors.js"
import { formBody } from "./middleware/FormBody.js"
import { securityHeaders } from "./middleware/SecurityHeaders.js"
import { csrfAndFirstLogin, sessions } from "./middleware/Sessions.js"
import { staticFiles } from "./middleware/StaticFiles.js"
import type { PortalState } from "./PortalContext.js"
import { makePortalKit, type PortalKit, type PortalServices } from "./PortalKit.js"
import { passwordResetPath } from "./PortalPaths.js"
import { type PortalSettings, resolvePortalSettings } from "./PortalSettings.js"
import { PortalViews } from "./PortalViews.js"
import { agentHomeRoutes } from "./agents/AgentHome.js"
import { agentActivitySectionRoutes } from "./agents/Activities.js"
import { agentBillingSectionRoutes } from "./agents/Billing.js"
import { agentExchangeRoutes } from "./agents/Exchange.js"
import { agentHouseholdRoutes } from "./agents/Households.js"
import { agentRequestRoutes } from "./agents/Requests.js"
import { agentRollCallRoutes } from "./agents/RollCall.js"
import { agentWaitlistRoutes } from "./agents/Waitlists.js"
import { agentWebhookRoutes } from "./agents/Webhooks.js"
import { agentApiKeyRoutes } from "./agents/ApiKeys.js"
import { adminApiRoutes } from "./api/admin/AdminRoutes.js"
import { apiRoutes } from "./api/ApiRouter.js"
import { tariffSimulationRoutes } from "./routes/TariffSimulation.js"
import { apiTokenRoutes } from "./routes/ApiTokens.js"
import { devMailRoutes } from "./routes/DevMail.js"
import { firstLoginRoutes } from "./routes/FirstLogin.js"
import { documentRoutes } from "./routes/Documents.js"
import { enrollmentRoutes } from "./routes/Enrollment.js"
import { homeRoutes } from "./routes/Home.js"
import { invoiceRoutes } from "./routes/Invoices.js"
import { mySpaceRoutes } from "./routes/MySpace.js"
import { onlinePaymentRoutes } from "./routes/OnlinePayment.js"
import { passwordResetRoutes } from "./routes/PasswordReset.js"
import { requestRoutes } from "./routes/Requests.js"
import { absenceRoutes } from "./routes/Absences.js"
import { calendarFeedRoutes } from "./routes/CalendarFeed.js"
import { memberRoutes } from "./routes/Members.js"
import { reservationRoutes } from "./routes/Reservations.js"
import { signUpRoutes } from "./routes/SignUp.js"
import { contactDetailsRoutes } from "./routes/ContactDetails.js"
import { quotientRoutes } from "./routes/Quotient.js"
import { supportingDocumentRoutes } from "./routes/SupportingDocuments.js"

/** What `createPortal` needs: the ports (a Layer) and the town's and installation's settings. */
export interface PortalOptions {
  /** Provides every port of `PortalServices`; built once, shared by all requests. */
  readonly layer: Layer.Layer<PortalServices, unknown>
  readonly settings: PortalSettings
}

/** A portal listening on a port. */
export interface ListeningPortal {
  /** `http://host:port`. */
  readonly url: string
  /** Stops accepting connections and closes the idle ones. */
  readonly close: () => Promise<void>
}

/** The family portal, ready to serve. */
export interface Portal {
  readonly app: Koa<PortalState>
  /** What routes use: settings, the use-case runner, the page renderer. */
  readonly kit: PortalKit
  /** A `node:http` request listener. */
  readonly callback: () => (req: IncomingMessage, res: ServerResponse) => void
  /** Listens on `port` (0: any free one) and `host` (127.0.0.1 by default). */
  readonly listen: (port: number, host?: string) => Promise<ListeningPortal>
  /** The full address of a password-reset link (what the mail carries). */
  readonly passwordResetUrl: (token: string) => string
  /** Releases the runtime built from the layer. */
  readonly close: () => Promise<void>
}

/** A later screen: registers its routes on the portal's router with the kit. */
export type PortalRoutes = (router: Router<PortalState>, kit: PortalKit) => void

const initialState = (): PortalState => ({
  session: undefined,
  sessionToken: undefined,
  account: undefined,
  csrfToken: "",
  form: undefined,
  files: new Map(),
  formView: undefined,
  notice: undefined
})

/**
 * The family portal as a Koa app: security headers, the stylesheet, the one error middleware,
 * sessions, urlencoded forms, CSRF tokens and the first-login gate, then the pages (home and login,
 * first login, password reset, sign-up, "Mon espace", `/dev/mail` when enabled, and `extraRoutes`).
 * Use cases run over one `ManagedRuntime` built from `layer`.
 *
 * @example
 * const portal = createPortal({ layer, settings: { ...townSettings, publicUrl, secureCookies: true } })
 * const { url, close } = await portal.listen(8080, "0.0.0.0")
 */
export function createPortal(options: PortalOptions & { readonly extraRoutes?: ReadonlyArray<PortalRoutes> }): Portal {
  const settings = resolvePortalSettings(options.settings)
  const views = new PortalViews()
  const kit = makePortalKit(options.layer, settings, views)
  const app = new Koa<PortalState>({ proxy: settings.trustProxy === true })
  app.silent = true
  const router = new Router<PortalState>()
  homeRoutes(router, kit)
  firstLoginRoutes(router, kit)
  passwordResetRoutes(router, kit)
  signUpRoutes(router, kit)
  mySpaceRoutes(router, kit)
  contactDetailsRoutes(router, kit)
  quotientRoutes(router, kit)
  supportingDocumentRoutes(router, kit)
  invoiceRoutes(router, kit)
  onlinePaymentRoutes(router, kit)
  documentRoutes(router, kit)
  requestRoutes(router, kit)
  enrollmentRoutes(router, kit)
  reservationRoutes(router, kit)
  absenceRoutes(router, kit)
  memberRoutes(router, kit)
  calendarFeedRoutes(router, kit)
  apiRoutes(router, kit)
  adminApiRoutes(router, kit)
  tariffSimulationRoutes(router, kit)
  apiTokenRoutes(router, kit)
  agentHomeRoutes(router, kit)
  agentHouseholdRoutes(router, kit)
  agentRequestRoutes(router, kit)
  agentWaitlistRoutes(router, kit)
  agentRollCallRoutes(router, kit)
  agentBillingSectionRoutes(router, kit)
  agentExchangeRoutes(router, kit)
  agentActivitySectionRoutes(router, kit)
  agentWebhookRoutes(router, kit)
  agentApiKeyRoutes(router, kit)
  if (settings.devMail === true) devMailRoutes(router, kit)
  for (const routes of options.extraRoutes ?? []) routes(router, kit)
  app.use(async (ctx, next) => {
    ctx.state = initialState()
    await next()
  })
  app.use(securityHeaders({ secure: settings.secureCookies }))
  app.use(staticFiles(views.stylesheet, views.scripts))
  app.use(errors(kit))
  app.use(async (ctx, next) => {
    ctx.set("Cache-Control", "no-store")
    await next()
  })
  app.use(sessions(kit))
  app.use(
    formBody({
      limitBytes: settings.formBodyLimitBytes,
      fileLimitBytes: settings.uploadPolicy.maxBytes,
      uploadLimitBytes: settings.uploadPolicy.maxBytes + settings.formBodyLimitBytes
    })
  )
  app.use(csrfAndFirstLogin())
  app.use(router.routes())
  app.use(router.allowedMethods())
  const callback = () => app.callback()
  const listen = (port: number, host = "127.0.0.1") =>
    new Promise<ListeningPortal>((resolve, reject) => {
      const server = createServer(app.callback())
      server.once("error", reject)
      server.listen(port, host, () => {
        const address = server.address() as AddressInfo
        const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address
        resolve({
          url: `http://${shownHost}:${address.port}`,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              server.closeIdleConnections()
            })
        })
      })
    })
  return {
    app,
    kit,
    callback,
    listen,
    passwordResetUrl: (token) => new URL(passwordResetPath(token), settings.publicUrl).toString(),
    close: kit.dispose
  }
}
