/**
 * @spe/testkit: in-memory implementations of the core's ports, fast-check arbitraries, and the
 * contract suites that every adapter of a port must pass.
 */
export { makeTestClock, type TestClock } from "./TestClock.js"
export { sequentialIds } from "./SequentialIds.js"
export { inMemoryTownCalendarSource } from "./calendar/InMemoryTownCalendarSource.js"
export { townCalendarSourceContract } from "./calendar/TownCalendarSourceContract.js"
export { calendarDayArbitrary, closureArbitrary, townCalendarArbitrary } from "./calendar/CalendarArbitraries.js"
export { zoneBTestIcs2027 } from "./calendar/SchoolCalendarIcsFixtures.js"
export { inMemoryActivityCatalogue } from "./activity/InMemoryActivityCatalogue.js"
export { activityCatalogueContract } from "./activity/ActivityCatalogueContract.js"
export { activityArbitrary, anActivity, twoDaysBeforePolicy } from "./activity/ActivityFixtures.js"
export { inMemoryHouseholdRepository } from "./household/InMemoryHouseholdRepository.js"
export { inMemoryQuotientRepository } from "./household/InMemoryQuotientRepository.js"
export { householdRepositoryContract } from "./household/HouseholdRepositoryContract.js"
export { quotientRepositoryContract } from "./household/QuotientRepositoryContract.js"
export { aHousehold, aQuotientRecord, householdArbitrary, quotientReviewArbitrary } from "./household/HouseholdFixtures.js"
export { inMemoryTariffCatalogue } from "./tariff/InMemoryTariffCatalogue.js"
export { tariffCatalogueContract } from "./tariff/TariffCatalogueContract.js"
export {
  aTariffGrid,
  bandModeArbitrary,
  effortRateModeArbitrary,
  tariffGridArbitrary,
  tariffModifiersArbitrary
} from "./tariff/TariffFixtures.js"
export { inMemoryInvoiceRepository } from "./billing/InMemoryInvoiceRepository.js"
export { inMemoryCreditNoteRepository } from "./billing/InMemoryCreditNoteRepository.js"
export { inMemoryDocumentNumbering } from "./billing/InMemoryDocumentNumbering.js"
export { invoiceRepositoryContract } from "./billing/InvoiceRepositoryContract.js"
export { creditNoteRepositoryContract } from "./billing/CreditNoteRepositoryContract.js"
export { documentNumberingContract } from "./billing/DocumentNumberingContract.js"
export {
  aCreditNote,
  anInvoice,
  anInvoiceLine,
  billableFactOf,
  billableMonthArbitrary,
  billableSituationArbitrary,
  type BillableSituation,
  billingChildren,
  billingSessionDates
} from "./billing/BillingFixtures.js"
export { inMemoryPaymentRepository } from "./payment/InMemoryPaymentRepository.js"
export { inMemoryPaymentIntentRepository } from "./payment/InMemoryPaymentIntentRepository.js"
export { type FakePaymentGateway, makeFakePaymentGateway } from "./payment/FakePaymentGateway.js"
export { paymentRepositoryContract } from "./payment/PaymentRepositoryContract.js"
export { paymentIntentRepositoryContract } from "./payment/PaymentIntentRepositoryContract.js"
export { paymentGatewayContract } from "./payment/PaymentGatewayContract.js"
export { aPayment, aPaymentIntent } from "./payment/PaymentFixtures.js"
export { inMemoryMailOutbox } from "./notification/InMemoryMailOutbox.js"
export { type InMemoryMailTransport, inMemoryMailTransport } from "./notification/InMemoryMailTransport.js"
export { mailOutboxContract } from "./notification/MailOutboxContract.js"
export { type DeliveredMail, type MailTransportHarness, mailTransportContract } from "./notification/MailTransportContract.js"
export { aMail, aSender } from "./notification/MailFixtures.js"
export { inMemoryEventOutbox } from "./integration/InMemoryEventOutbox.js"
export { inMemoryWebhookSubscriptionRepository } from "./integration/InMemoryWebhookSubscriptionRepository.js"
export { type RecordingWebhookTransport, recordingWebhookTransport } from "./integration/RecordingWebhookTransport.js"
export { hmacSha256HexSync, nodeWebhookSigner } from "./integration/NodeWebhookSigner.js"
export { eventOutboxContract } from "./integration/EventOutboxContract.js"
export { webhookSubscriptionRepositoryContract } from "./integration/WebhookSubscriptionRepositoryContract.js"
export { type ReceivedWebhook, type WebhookTransportHarness, webhookTransportContract } from "./integration/WebhookTransportContract.js"
export { anIntegrationEvent, aWebhookSecret, aWebhookSubscription } from "./integration/IntegrationFixtures.js"
export { inMemoryTransactions } from "./reservation/InMemoryTransactions.js"
export { transactionsContract } from "./reservation/TransactionsContract.js"
export { inMemoryBookingStore } from "./reservation/InMemoryBookingStore.js"
export { sessionRepositoryContract } from "./reservation/SessionRepositoryContract.js"
export { sessionLedgerRepositoryContract } from "./reservation/SessionLedgerRepositoryContract.js"
export { inMemoryUnpaidBalances } from "./reservation/InMemoryUnpaidBalances.js"
export { type PastDueDebt, unpaidBalancesContract } from "./reservation/UnpaidBalancesContract.js"
export { type BookingServices, inMemoryBookingServices } from "./reservation/InMemoryBookingServices.js"
export { aBookedReservation, aCanteen, aChild, aHolidayCentre, aSession, childForBookingArbitrary, plainTownCalendar } from "./reservation/BookingFixtures.js"
export { inMemoryEnrollmentRepository } from "./enrollment/InMemoryEnrollmentRepository.js"
export { enrollmentRepositoryContract } from "./enrollment/EnrollmentRepositoryContract.js"
export { anAcceptedEnrollment } from "./enrollment/EnrollmentFixtures.js"
export { inMemoryAbsenceRepository } from "./absence/InMemoryAbsenceRepository.js"
export { absenceRepositoryContract } from "./absence/AbsenceRepositoryContract.js"
export { inMemoryAttendanceRegister } from "./attendance/InMemoryAttendanceRegister.js"
export { attendanceRegisterContract } from "./attendance/AttendanceRegisterContract.js"
export { inMemoryAccountRepository } from "./account/InMemoryAccountRepository.js"
export { inMemoryPasswordResetTokenRepository } from "./account/InMemoryPasswordResetTokenRepository.js"
export { inMemoryLoginFailureLog } from "./account/InMemoryLoginFailureLog.js"
export { inMemoryAuditLog } from "./account/InMemoryAuditLog.js"
export { insecureTestPasswordHasher } from "./account/InsecureTestPasswordHasher.js"
export { nodeDigest, sha256HexSync } from "./account/NodeDigest.js"
export { seededSecretGenerator } from "./account/SeededSecretGenerator.js"
export { type RecordingAccountNotifications, recordingAccountNotifications } from "./account/RecordingAccountNotifications.js"
export { inMemoryHouseholdLinkCodes } from "./account/InMemoryHouseholdLinkCodes.js"
export { accountRepositoryContract } from "./account/AccountRepositoryContract.js"
export { passwordResetTokenRepositoryContract } from "./account/PasswordResetTokenRepositoryContract.js"
export { loginFailureLogContract } from "./account/LoginFailureLogContract.js"
export { auditLogContract } from "./account/AuditLogContract.js"
export { passwordHasherContract } from "./account/PasswordHasherContract.js"
export { digestContract } from "./account/DigestContract.js"
export { secretGeneratorContract } from "./account/SecretGeneratorContract.js"
export { accountNotificationsContract } from "./account/AccountNotificationsContract.js"
export { householdLinkCodesContract } from "./account/HouseholdLinkCodesContract.js"
export { inMemoryWebSessionStore } from "./account/InMemoryWebSessionStore.js"
export { webSessionStoreContract } from "./account/WebSessionStoreContract.js"
export { inMemoryApiKeyRepository } from "./account/InMemoryApiKeyRepository.js"
export { apiKeyRepositoryContract } from "./account/ApiKeyRepositoryContract.js"
export {
  aFamily,
  aFamilyAccount,
  accountLoginArbitrary,
  agentActorArbitrary,
  agentRoleArbitrary,
  anAgent,
  anAgentAccount,
  permissionArbitrary
} from "./account/AccountFixtures.js"
export { inMemoryRequestRepository } from "./request/InMemoryRequestRepository.js"
export { type RecordingRequestNotifications, recordingRequestNotifications } from "./request/RecordingRequestNotifications.js"
export {
  type AcceptanceEffectCall,
  type AcceptanceEffectMethod,
  type RecordingAcceptanceEffects,
  type RecordingAcceptanceEffectsOptions,
  recordingAcceptanceEffects
} from "./request/RecordingAcceptanceEffects.js"
export { requestRepositoryContract } from "./request/RequestRepositoryContract.js"
export { requestNotificationsContract } from "./request/RequestNotificationsContract.js"
export { requestAcceptanceEffectsContract } from "./request/RequestAcceptanceEffectsContract.js"
export { anAccountCreationRequest, aRequest, requestPayloadArbitrary, samplePayloads } from "./request/RequestFixtures.js"
export {
  auditRecordsOf,
  makePortalTestWorld,
  type PortalServices,
  type PortalTestWorld,
  type PortalTestWorldOptions
} from "./request/PortalTestWorld.js"
export { inMemoryFileStore } from "./document/InMemoryFileStore.js"
export { inMemorySupportingDocumentRepository } from "./document/InMemorySupportingDocumentRepository.js"
export { fileStoreContract } from "./document/FileStoreContract.js"
export { supportingDocumentRepositoryContract } from "./document/SupportingDocumentRepositoryContract.js"
export { aSupportingDocument, documentKindArbitrary, pdfBytes } from "./document/DocumentFixtures.js"
export * from "./document/GeneratedDocuments.js"
