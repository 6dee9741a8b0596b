/**
 * @spe/server: the composition root of an installation — its settings (file and environment,
 * validated), the tsyringe container with the one Layer that provides every port of the core,
 * and the `spe` command.
 */
import "reflect-metadata"

export { argon2PasswordHasher, type Argon2Cost, owaspArgon2Cost } from "./ports/Argon2PasswordHasher.js"
export { clockStartingAt, nodeCryptoDigest, nodeCryptoSecrets, randomIds, systemClock } from "./ports/NodeCrypto.js"
export {
  defaultWebhookTimeoutMs,
  fetchWebhookTransport,
  nodeWebhookSigner,
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions
} from "./ports/Webhooks.js"
export { type MailSetup, mailSetup, type PaymentSetup, paymentSetup } from "./ports/MailAndPayment.js"
export {
  requestAcceptanceEffects,
  type RequestEffectsSettings,
  type RequestMailSettings,
  requestNotificationsByMail
} from "./ports/RequestComposition.js"
export {
  configVariable,
  type DatabaseSettings,
  defaultTownPackage,
  describeDatabase,
  loadSettings,
  PostgresUrl,
  repositoryRoot,
  type SettingProblem,
  SettingsFile,
  type Settings,
  SettingsInvalid,
  type SettingsSources,
  settingVariables,
  SmtpUrl
} from "./Settings.js"
export { type ContainerOptions, createContainer, portsLayer, portsRuntime, type ServerPorts, shutdown, Tokens } from "./Container.js"
export { loadTown, type TownPackage, TownUnavailable } from "./Town.js"
export { type Command, helpText, parseCommand, UsageError } from "./cli/Arguments.js"
export { billMonth, type BillingProgress, householdNames, printBillingResult } from "./cli/Bill.js"
export { runCommand } from "./cli/Commands.js"
export { CommandFailed, describeFailure, failureOf } from "./cli/Failure.js"
export { runSeed } from "./cli/Seed.js"
export { type CliContext, ExitCode, runCli } from "./cli/Main.js"
export { processTerminal, recordingTerminal, type Terminal } from "./cli/Terminal.js"
