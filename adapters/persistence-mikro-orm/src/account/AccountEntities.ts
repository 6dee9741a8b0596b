import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * An account as stored: its login (unique), e-mail (lower-cased, indexed, shared by several
 * accounts of a family) and linked household beside the account encoded by the core's schema.
 */
export interface AccountRow {
  id: string
  login: string
  email: string | null
  householdId: string | null
  data: unknown
}

export const AccountEntity = new EntitySchema<AccountRow>({
  name: "AccountRow",
  tableName: "account",
  indexes: [
    { name: "account_email_index", properties: ["email"] },
    { name: "account_household_index", properties: ["householdId"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    login: { type: "text", unique: "account_login_unique" },
    email: { type: "text", nullable: true },
    householdId: { type: "text", fieldName: "household_id", nullable: true },
    data: { type: "json" }
  }
})

/** An audit record as stored, never changed: the columns the filters use beside the record encoded by the core's schema. */
export interface AuditRecordRow {
  id: string
  at: string
  actorAccountId: string
  action: string
  targetKind: string
  targetId: string
  outcome: string
  data: unknown
}

export const AuditRecordEntity = new EntitySchema<AuditRecordRow>({
  name: "AuditRecordRow",
  tableName: "audit_record",
  indexes: [
    { name: "audit_record_at_index", properties: ["at", "id"] },
    { name: "audit_record_actor_index", properties: ["actorAccountId", "at"] },
    { name: "audit_record_action_index", properties: ["action", "at"] },
    { name: "audit_record_target_index", properties: ["targetKind", "targetId", "at"] },
    { name: "audit_record_outcome_index", properties: ["outcome", "at"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    at: { type: "text" },
    actorAccountId: { type: "text", fieldName: "actor_account_id" },
    action: { type: "text" },
    targetKind: { type: "text", fieldName: "target_kind" },
    targetId: { type: "text", fieldName: "target_id" },
    outcome: { type: "text" },
    data: { type: "json" }
  }
})

/** A password-reset token, by the SHA-256 of the token: its account, validity and use. */
export interface PasswordResetTokenRow {
  tokenHash: string
  accountId: string
  issuedAt: string
  expiresAt: string
  usedAt: string | null
}

export const PasswordResetTokenEntity = new EntitySchema<PasswordResetTokenRow>({
  name: "PasswordResetTokenRow",
  tableName: "password_reset_token",
  indexes: [{ name: "password_reset_token_account_index", properties: ["accountId"] }],
  properties: {
    tokenHash: { type: "text", primary: true, fieldName: "token_hash" },
    accountId: { type: "text", fieldName: "account_id" },
    issuedAt: { type: "text", fieldName: "issued_at" },
    expiresAt: { type: "text", fieldName: "expires_at" },
    usedAt: { type: "text", fieldName: "used_at", nullable: true }
  }
})

/** One failed login: the identifier typed (null once forgotten), the network address, when. */
export interface LoginFailureRow {
  id: string
  identifier: string | null
  address: string
  at: string
}

export const LoginFailureEntity = new EntitySchema<LoginFailureRow>({
  name: "LoginFailureRow",
  tableName: "login_failure",
  indexes: [
    { name: "login_failure_identifier_index", properties: ["identifier", "at"] },
    { name: "login_failure_address_index", properties: ["address", "at"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    identifier: { type: "text", nullable: true },
    address: { type: "text" },
    at: { type: "text" }
  }
})

/** A household's letter code, one per household, found by its normalized reference (unique). */
export interface HouseholdLinkCodeRow {
  householdId: string
  referenceKey: string
  data: unknown
}

export const HouseholdLinkCodeEntity = new EntitySchema<HouseholdLinkCodeRow>({
  name: "HouseholdLinkCodeRow",
  tableName: "household_link_code",
  properties: {
    householdId: { type: "text", primary: true, fieldName: "household_id" },
    referenceKey: { type: "text", fieldName: "reference_key", unique: "household_link_code_reference_unique" },
    data: { type: "json" }
  }
})

/** A portal session, by the SHA-256 of its token: the columns the store filters on beside the session encoded by the core's schema. */
export interface WebSessionRow {
  idHash: string
  accountId: string
  expiresAt: string
  data: unknown
}

export const WebSessionEntity = new EntitySchema<WebSessionRow>({
  name: "WebSessionRow",
  tableName: "web_session",
  indexes: [
    { name: "web_session_account_index", properties: ["accountId"] },
    { name: "web_session_expires_index", properties: ["expiresAt"] }
  ],
  properties: {
    idHash: { type: "text", primary: true, fieldName: "id_hash" },
    accountId: { type: "text", fieldName: "account_id" },
    expiresAt: { type: "text", fieldName: "expires_at" },
    data: { type: "json" }
  }
})
