/** Test support for the portal: a portal over the testkit's in-memory world, and a small HTTP client with cookies. */
export { mainOf, mainTextOf, textOf } from "./PageText.js"
export { demoAgentLogins, demoFamily, guideHelpBlock, guideWelcomeText, startTestPortal, type TestPortal, type TestPortalOptions } from "./TestPortal.js"
export { type BrowserLikeResponse, BrowserLikeClient, csrfTokenIn, type FileToSend } from "./BrowserLikeClient.js"
