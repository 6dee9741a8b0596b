import { MailTransport, MailTransportFailed, type OutgoingMail } from "@spe/core"
import { Effect, Layer } from "effect"
import nodemailer from "nodemailer"
import type { SmtpSettings } from "./SmtpSettings.js"

interface SmtpErrorLike {
  readonly message?: string
  readonly code?: string
  readonly responseCode?: number
  readonly response?: string
}

/** A French reason for an SMTP failure: the server's reply when it refused, the network error otherwise. */
export function describeSmtpFailure(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as SmtpErrorLike
  if (typeof e.responseCode === "number") return `le serveur de courriel a refusé le message (${e.response ?? e.responseCode})`
  return `le serveur de courriel est injoignable (${[e.code, e.message].filter((s) => s !== undefined && s !== "").join(" : ")})`
}

/** What nodemailer is given for a mail: its Message-ID and Date stay the same on every sending. */
export function nodemailerMessage(settings: SmtpSettings, mail: OutgoingMail) {
  return {
    from: settings.fromName === undefined ? settings.from : { name: settings.fromName, address: settings.from },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date: new Date(mail.createdAt),
    headers: { "Auto-Submitted": "auto-generated", "X-Spe-Mail-Kind": mail.kind }
  }
}

/**
 * The `MailTransport` over SMTP, with nodemailer: one connection per mail, the Message-ID header
 * set from `mail.messageId` so that a mail sent again after a crash is folded by mail clients.
 * The transporter is closed when the layer's scope ends.
 *
 * @example
 * const transport = nodemailerTransport(Either.getOrThrow(parseSmtpSettings({ host: "smtp.mairie.fr", port: 587, secure: false, from: "ne-pas-repondre@mairie.fr" })))
 */
export function nodemailerTransport(settings: SmtpSettings): Layer.Layer<MailTransport> {
  return Layer.scoped(
    MailTransport,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() =>
          nodemailer.createTransport({
            host: settings.host,
            port: settings.port,
            secure: settings.secure,
            ...(settings.auth === undefined ? {} : { auth: { user: settings.auth.user, pass: settings.auth.pass } }),
            connectionTimeout: settings.timeoutSeconds * 1000,
            greetingTimeout: settings.timeoutSeconds * 1000,
            socketTimeout: settings.timeoutSeconds * 1000
          })
        ),
        (transporter) => Effect.sync(() => transporter.close())
      ),
      (transporter) => ({
        send: (mail: OutgoingMail) =>
          Effect.tryPromise({
            try: () => transporter.sendMail(nodemailerMessage(settings, mail)),
            catch: (error) => new MailTransportFailed({ mailId: mail.id, reason: describeSmtpFailure(error) })
          }).pipe(
            Effect.flatMap((info) =>
              info.rejected.length > 0
                ? Effect.fail(new MailTransportFailed({ mailId: mail.id, reason: `le serveur de courriel a refusé le destinataire (${info.response})` }))
                : Effect.void
            )
          )
      })
    )
  )
}
