import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * An API key as stored: the SHA-256 of its secret (unique, the lookup of every authenticated
 * call), its account and creation instant (the family's list) beside the key encoded by the core's
 * schema.
 */
export interface ApiKeyRow {
  id: string
  secretHash: string
  accountId: string
  createdAt: string
  data: unknown
}

export const ApiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: "ApiKeyRow",
  tableName: "api_key",
  indexes: [{ name: "api_key_account_index", properties: ["accountId", "createdAt"] }],
  properties: {
    id: { type: "text", primary: true },
    secretHash: { type: "text", fieldName: "secret_hash", unique: "api_key_secret_hash_unique" },
    accountId: { type: "text", fieldName: "account_id" },
    createdAt: { type: "text", fieldName: "created_at" },
    data: { type: "json" }
  }
})
