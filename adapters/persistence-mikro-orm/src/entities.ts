import type { EntitySchema } from "@mikro-orm/postgresql"
import { AbsenceEntity } from "./absence/AbsenceEntity.js"
import { AccountEntity, AuditRecordEntity, HouseholdLinkCodeEntity, LoginFailureEntity, PasswordResetTokenEntity, WebSessionEntity } from "./account/AccountEntities.js"
import { ApiKeyEntity } from "./account/ApiKeyEntity.js"
import { ActivityEntity } from "./activity/ActivityEntity.js"
import { AttendanceRecordEntity } from "./attendance/AttendanceRecordEntity.js"
import { CreditNoteEntity, DocumentCounterEntity, InvoiceEntity } from "./billing/BillingEntities.js"
import { TownCalendarEntity } from "./calendar/TownCalendarEntity.js"
import { StoredFileEntity, SupportingDocumentEntity } from "./document/DocumentEntities.js"
import { EnrollmentEntity } from "./enrollment/EnrollmentEntity.js"
import { HouseholdEntity } from "./household/HouseholdEntity.js"
import { QuotientRecordEntity } from "./household/QuotientRecordEntity.js"
import { IntegrationEventEntity, WebhookSubscriptionEntity } from "./integration/IntegrationEntities.js"
import { OutgoingMailEntity } from "./notification/OutgoingMailEntity.js"
import { PaymentEntity, PaymentIntentEntity } from "./payment/PaymentEntities.js"
import { RequestAttachmentEntity, RequestEntity } from "./request/RequestEntities.js"
import { ActivitySessionEntity, ReservationEntity, WaitlistEntryEntity } from "./reservation/ReservationEntities.js"
import { TariffGridActivityEntity, TariffGridEntity } from "./tariff/TariffGridEntity.js"

/** Every table the adapter maps, for `openDatabase`. */
export const entities: ReadonlyArray<EntitySchema<any, any>> = [
  HouseholdEntity,
  QuotientRecordEntity,
  TariffGridEntity,
  TariffGridActivityEntity,
  ActivityEntity,
  TownCalendarEntity,
  InvoiceEntity,
  CreditNoteEntity,
  DocumentCounterEntity,
  PaymentEntity,
  PaymentIntentEntity,
  ActivitySessionEntity,
  ReservationEntity,
  WaitlistEntryEntity,
  EnrollmentEntity,
  AbsenceEntity,
  AttendanceRecordEntity,
  AccountEntity,
  WebSessionEntity,
  ApiKeyEntity,
  AuditRecordEntity,
  PasswordResetTokenEntity,
  LoginFailureEntity,
  HouseholdLinkCodeEntity,
  RequestEntity,
  RequestAttachmentEntity,
  SupportingDocumentEntity,
  StoredFileEntity,
  OutgoingMailEntity,
  IntegrationEventEntity,
  WebhookSubscriptionEntity
]
