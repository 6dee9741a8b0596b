import { MailAddress, validate } from "@spe/core"
import { Schema } from "effect"

/** A login on the SMTP server. */
export class SmtpAuth extends Schema.Class<SmtpAuth>("SmtpAuth")({
  user: Schema.NonEmptyString,
  pass: Schema.NonEmptyString
}) {}

/**
 * How to reach the town's SMTP server and whom mails come from. `secure` is implicit TLS (port
 * 465); without it, the connection is upgraded with STARTTLS when the server offers it.
 */
export class SmtpSettings extends Schema.Class<SmtpSettings>("SmtpSettings")({
  host: Schema.NonEmptyTrimmedString,
  port: Schema.Int.pipe(Schema.between(1, 65_535, { message: () => "Le port SMTP est un nombre entre 1 et 65535." })),
  secure: Schema.Boolean,
  auth: Schema.optional(SmtpAuth),
  /** The sender's address, e.g. "ne-pas-repondre@mairie.fr". */
  from: MailAddress,
  /** The sender's name shown by mail clients, e.g. "Mairie de Saint-Pierre-lès-Elbeuf". */
  fromName: Schema.optional(Schema.String.pipe(Schema.pattern(/^[^\r\n]*$/))),
  /** How long to wait for the server at each step before giving up this attempt. */
  timeoutSeconds: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 600)), { default: () => 30 })
}) {}

/** Validates SMTP settings read from the configuration; the error names each wrong field in French. */
export const parseSmtpSettings = validate(SmtpSettings, "Réglages SMTP")
