/**
 * @spe/mail: the core's `MailTransport` over SMTP (nodemailer), an in-process mailbox for the
 * demo's `/dev/mail` page, and the outbox worker that sends what the core enqueued.
 */
export { type DevMailbox, makeDevMailbox } from "./DevMailbox.js"
export { type MailWorker, type MailWorkerOptions, startMailWorker } from "./MailWorker.js"
export { describeSmtpFailure, nodemailerMessage, nodemailerTransport } from "./NodemailerTransport.js"
export { parseSmtpSettings, SmtpAuth, SmtpSettings } from "./SmtpSettings.js"
