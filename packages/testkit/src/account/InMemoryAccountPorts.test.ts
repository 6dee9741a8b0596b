import { accountNotificationsContract } from "./AccountNotificationsContract.js"
import { accountRepositoryContract } from "./AccountRepositoryContract.js"
import { auditLogContract } from "./AuditLogContract.js"
import { digestContract } from "./DigestContract.js"
import { householdLinkCodesContract } from "./HouseholdLinkCodesContract.js"
import { inMemoryAccountRepository } from "./InMemoryAccountRepository.js"
import { inMemoryAuditLog } from "./InMemoryAuditLog.js"
import { inMemoryHouseholdLinkCodes } from "./InMemoryHouseholdLinkCodes.js"
import { inMemoryLoginFailureLog } from "./InMemoryLoginFailureLog.js"
import { inMemoryPasswordResetTokenRepository } from "./InMemoryPasswordResetTokenRepository.js"
import { insecureTestPasswordHasher } from "./InsecureTestPasswordHasher.js"
import { loginFailureLogContract } from "./LoginFailureLogContract.js"
import { nodeDigest } from "./NodeDigest.js"
import { passwordHasherContract } from "./PasswordHasherContract.js"
import { passwordResetTokenRepositoryContract } from "./PasswordResetTokenRepositoryContract.js"
import { recordingAccountNotifications } from "./RecordingAccountNotifications.js"
import { secretGeneratorContract } from "./SecretGeneratorContract.js"
import { seededSecretGenerator } from "./SeededSecretGenerator.js"

accountRepositoryContract("in memory", () => inMemoryAccountRepository())
passwordResetTokenRepositoryContract("in memory", () => inMemoryPasswordResetTokenRepository())
loginFailureLogContract("in memory", () => inMemoryLoginFailureLog())
auditLogContract("in memory", () => inMemoryAuditLog())
passwordHasherContract("insecure test hasher", () => insecureTestPasswordHasher())
digestContract("node:crypto", () => nodeDigest())
secretGeneratorContract("seeded", () => seededSecretGenerator())
accountNotificationsContract("recording", () => recordingAccountNotifications().layer)
householdLinkCodesContract("in memory", (codes) => inMemoryHouseholdLinkCodes(codes))
