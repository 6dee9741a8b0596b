/**
 * @spe/http-koa: the family portal. Koa 3 and @koa/router 15, server-rendered Handlebars pages in
 * French that work without JavaScript; sessions through the core's `WebSessionStore`, CSRF tokens
 * on every form, security headers, and one error middleware that turns the core's refusals into
 * French pages. See README.md for how a later screen adds its routes.
 */
export { createPortal, type ListeningPortal, type Portal, type PortalOptions, type PortalRoutes } from "./Portal.js"
export {
  type PortalErrorLogger,
  type PortalHelpBlock,
  type PortalHelpContact,
  type PortalSettings,
  resolvePortalSettings,
  type ResolvedPortalSettings
} from "./PortalSettings.js"
export { helpModel, type PortalKit, type PortalServices } from "./PortalKit.js"
export {
  checkForm,
  type FieldProblem,
  filled,
  FormFields,
  formOf,
  type FormView,
  type PortalContext,
  type PortalState,
  requireAccount,
  requireHousehold,
  type UploadedFile,
  uploadedFile
} from "./PortalContext.js"
export {
  CsrfTokenRejected,
  FormTooLarge,
  isRefusal,
  LoginRequired,
  MethodNotAllowed,
  NotAFamilyAccount,
  PageNotFound,
  PortalDefect,
  PortalRefusal,
  type Refusal,
  refuse,
  statusOfRefusal,
  UnreadableForm
} from "./PortalErrors.js"
export { agentDocumentPath, agentHouseholdPath, agentHouseholdPaths } from "./PortalPaths.js"
export { agentRollCallPath, agentWaitlistPath, agentWorkPaths } from "./PortalPaths.js"
export { agentActivityPath, agentActivityPaths, agentTariffPath } from "./PortalPaths.js"
export { agentPaths, creditNotePath, documentPath, invoicePath, isAgentPath, memberPath, passwordResetPath, paymentReceiptPath, portalPaths, requestPath, safeReturnPath } from "./PortalPaths.js"
export { agentCan, agentMenu, requireAgent, requireAgentPermission } from "./agents/AgentContext.js"
export { signLink, verifyLink } from "./SignedLinks.js"
export { type LayoutModel, type PageModel, PortalViews, type StaticScript } from "./PortalViews.js"
export { renderErrorPage, seeOther } from "./middleware/Errors.js"
export { contentSecurityPolicy } from "./middleware/SecurityHeaders.js"
export { sessionCookie, visitorCsrfCookie } from "./middleware/Sessions.js"
export { householdIdentity, mySpaceMenu } from "./routes/MySpace.js"
export { familyActor, type HistoryItem, historyOf } from "./routes/Requests.js"
export {
  type PaymentNotificationAnswer,
  type PaymentReturnAnswer,
  type PortalOnlinePayment,
  type PortalSandbox,
  type PortalSandboxOperation,
  type SandboxChoiceName
} from "./routes/OnlinePayment.js"
export { invoiceStatusWords } from "./routes/Invoices.js"
export { documentContentSecurityPolicy } from "./routes/Documents.js"
export { welcomeBlocks } from "./routes/Home.js"
export { apiBasePath, isApiPath } from "./api/ApiPaths.js"
export { familyApiOperations, familyApiRouter, openApiPath } from "./api/ApiRouter.js"
export { openApiDocument } from "./api/OpenApi.js"
export { apiStatusOfRefusal, type Problem, problemMediaType } from "./api/ApiProblems.js"
