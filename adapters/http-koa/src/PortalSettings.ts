import {
  type AbsenceJustificationRules,
  type BillingSettings,
  defaultLoginThrottleSettings,
  type GeneratedDocumentSettings,
  type PartTable,
  type PaymentSettings,
  type RegieDetails,
  type TownIdentity,
  defaultUploadPolicy,
  type UploadPolicy,
  defaultPasswordRules,
  defaultWebSessionSettings,
  type LoginThrottleSettings,
  type PasswordRules,
  type WebSessionSettings
} from "@spe/core"
import type { PortalOnlinePayment } from "./routes/OnlinePayment.js"

/** One way to reach the town's service: what it is for, a phone number, when someone answers. */
export interface PortalHelpContact {
  readonly purpose: string
  readonly phone: string
  /** One line each, verbatim. */
  readonly hours: ReadonlyArray<string>
}

/** The "Besoin d'aide ?" block printed at the foot of every page. */
export interface PortalHelpBlock {
  readonly title: string
  readonly serviceName: string
  /** Postal address, one line each. */
  readonly addressLines: ReadonlyArray<string>
  readonly email: string
  /** The counter's phone and opening hours. */
  readonly counter: PortalHelpContact
  /** The phone line for registrations and account creation, when it differs from the counter's. */
  readonly registrationLine?: PortalHelpContact
  /** The town's website, without or with `https://`. */
  readonly website?: string
}

/** How the portal reports an unexpected failure: a reference shown to the person, and the failure. */
export type PortalErrorLogger = (reference: string, failure: unknown) => void

/**
 * What the portal needs to know about the town and its installation. The town's fields have the
 * names of the example town's `TownSettings`, so `{ ...townSettings, publicUrl, secureCookies }` fits.
 */
export interface PortalSettings {
  readonly townName: string
  /** The page's heading on the home page ("BIENVENUE SUR VOTRE ESPACE CITOYEN"). */
  readonly welcomeTitle: string
  /**
   * The welcome text: paragraphs separated by a blank line, list items as lines starting with
   * "- ". A first paragraph equal to `welcomeTitle` is left out.
   */
  readonly welcomeText: string
  readonly helpBlock: PortalHelpBlock
  /** The town as its documents name it (name, address, logo). */
  readonly townIdentity: TownIdentity
  /** The régie that bills and collects (invoices, receipts, online payment). */
  readonly regie: RegieDetails
  /** Billing rules: due dates, numbering, the amount below which nothing is billed. */
  readonly billing: BillingSettings
  /** Online payment: which invoices may be paid, how long a payment may take. */
  readonly payment: PaymentSettings
  /** When a medical certificate justifies an absence. */
  readonly absences: AbsenceJustificationRules
  /** The QF part table (the CAF's by default). */
  readonly partTable: PartTable
  /** Generated documents: signature, footer, where the stamp goes. */
  readonly documents: GeneratedDocumentSettings
  /** Online payment's handlers and, in the demo, its sandbox; without it, no "Payer en ligne". */
  readonly onlinePayment?: PortalOnlinePayment
  /** Where the explanatory leaflet is ("Retrouvez le dépliant explicatif en cliquant ici"). */
  readonly guideUrl?: string
  /** The address people reach the portal at, e.g. `https://espace.mairie.fr` (links in mails). */
  readonly publicUrl: string
  /**
   * The secret (at least 32 characters) that signs the private links the portal hands out: a
   * child's calendar feed, the confirmation of a new e-mail address. Changing it revokes them all.
   */
  readonly linkSecret: string
  /** Cookies only over HTTPS, and HSTS: true in production. */
  readonly secureCookies: boolean
  /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy. */
  readonly trustProxy?: boolean
  readonly passwordRules?: PasswordRules
  readonly loginThrottle?: LoginThrottleSettings
  readonly sessions?: WebSessionSettings
  /** Largest form accepted, in bytes (64 KiB by default). */
  readonly formBodyLimitBytes?: number
  /** What a family may upload (size, types checked by content); the core's default: 10 Mo of PDF, JPEG or PNG. */
  readonly uploadPolicy?: UploadPolicy
  /** When `true`, `/dev/mail` lists the mails of the outbox (`MailOutbox`), newest first (demo and development only). */
  readonly devMail?: boolean
  /** Where unexpected failures are reported (standard error by default). */
  readonly logError?: PortalErrorLogger
  /**
   * How often, in milliseconds, a live request page ("Dernières demandes") reads its requests
   * again to send their changes (2000 by default). Reading the store keeps it right across several
   * server processes.
   */
  readonly requestEventsPollMs?: number
}

/** The settings with every default filled in. */
export interface ResolvedPortalSettings extends PortalSettings {
  readonly passwordRules: PasswordRules
  readonly loginThrottle: LoginThrottleSettings
  readonly sessions: WebSessionSettings
  readonly formBodyLimitBytes: number
  readonly uploadPolicy: UploadPolicy
  readonly logError: PortalErrorLogger
  readonly requestEventsPollMs: number
}

const logToStandardError: PortalErrorLogger = (reference, failure) => {
  console.error(`[spe portail] erreur inattendue ${reference}`, failure)
}

/** Fills in the defaults: the core's password, throttling and session rules, 64 KiB forms, logging to standard error. */
export function resolvePortalSettings(settings: PortalSettings): ResolvedPortalSettings {
  return {
    ...settings,
    passwordRules: settings.passwordRules ?? defaultPasswordRules,
    loginThrottle: settings.loginThrottle ?? defaultLoginThrottleSettings,
    sessions: settings.sessions ?? defaultWebSessionSettings,
    formBodyLimitBytes: settings.formBodyLimitBytes ?? 64 * 1024,
    uploadPolicy: settings.uploadPolicy ?? defaultUploadPolicy,
    logError: settings.logError ?? logToStandardError,
    requestEventsPollMs: settings.requestEventsPollMs ?? 2000
  }
}
