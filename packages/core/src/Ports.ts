/**
 * Every port of the core, as one type: what an application composing the whole platform provides
 * (the server's layer, the portal's, a test world's). A module's use cases each ask for fewer.
 */
import type { AbsenceRepository } from "./absence/index.js"
import type {
  AccountNotifications,
  AccountRepository,
  ApiKeyRepository,
  AuditLog,
  Digest,
  HouseholdLinkCodes,
  LoginFailureLog,
  PasswordHasher,
  PasswordResetTokenRepository,
  SecretGenerator,
  WebSessionStore
} from "./account/index.js"
import type { ActivityCatalogue } from "./activity/index.js"
import type { AttendanceRegister } from "./attendance/index.js"
import type { CreditNoteRepository, DocumentNumbering, InvoiceRepository } from "./billing/index.js"
import type { TownCalendarSource } from "./calendar/index.js"
import type { DocumentRenderer, FileStore, SupportingDocumentRepository } from "./document/index.js"
import type { EnrollmentRepository } from "./enrollment/index.js"
import type { HouseholdRepository, QuotientRepository } from "./household/index.js"
import type { EventOutbox, WebhookSigner, WebhookSubscriptionRepository, WebhookTransport } from "./integration/index.js"
import type { MailOutbox, MailTransport } from "./notification/index.js"
import type { PaymentGateway, PaymentIntentRepository, PaymentRepository } from "./payment/index.js"
import type { RequestAcceptanceEffects, RequestNotifications, RequestRepository } from "./request/index.js"
import type { SessionLedgerRepository, SessionRepository, UnpaidBalances } from "./reservation/index.js"
import type { Clock, IdGenerator, Transactions } from "./shared/index.js"
import type { TariffCatalogue } from "./tariff/index.js"

/** Every port of the core. */
export type CorePorts =
  | AbsenceRepository
  | AccountNotifications
  | AccountRepository
  | ActivityCatalogue
  | ApiKeyRepository
  | AttendanceRegister
  | AuditLog
  | Clock
  | CreditNoteRepository
  | Digest
  | DocumentNumbering
  | DocumentRenderer
  | EnrollmentRepository
  | EventOutbox
  | FileStore
  | HouseholdLinkCodes
  | HouseholdRepository
  | IdGenerator
  | InvoiceRepository
  | LoginFailureLog
  | MailOutbox
  | MailTransport
  | PasswordHasher
  | PasswordResetTokenRepository
  | PaymentGateway
  | PaymentIntentRepository
  | PaymentRepository
  | QuotientRepository
  | RequestAcceptanceEffects
  | RequestNotifications
  | RequestRepository
  | SecretGenerator
  | SessionLedgerRepository
  | SessionRepository
  | SupportingDocumentRepository
  | TariffCatalogue
  | TownCalendarSource
  | Transactions
  | UnpaidBalances
  | WebhookSigner
  | WebhookSubscriptionRepository
  | WebhookTransport
  | WebSessionStore
