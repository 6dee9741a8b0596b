import type { MikroORM } from "@mikro-orm/postgresql"
import { PasswordResetToken, PasswordResetTokenRepository, type AccountId, type Instant, type Sha256Hex } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const decode = Schema.decodeUnknownSync(PasswordResetToken)

interface TokenColumns {
  readonly token_hash: string
  readonly account_id: string
  readonly issued_at: string
  readonly expires_at: string
  readonly used_at: string | null
}

const toToken = (row: TokenColumns): PasswordResetToken =>
  decode({
    tokenHash: row.token_hash,
    accountId: row.account_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    ...(row.used_at === null ? {} : { usedAt: row.used_at })
  })

const UPSERT = `
  insert into password_reset_token (token_hash, account_id, issued_at, expires_at, used_at)
  values (?, ?, ?, ?, ?)
  on conflict (token_hash) do update
  set account_id = excluded.account_id, issued_at = excluded.issued_at, expires_at = excluded.expires_at, used_at = excluded.used_at`

const MARK_USED = `update password_reset_token set used_at = ? where token_hash = ? and used_at is null returning token_hash`

const REVOKE_ALL = `update password_reset_token set used_at = ? where account_id = ? and used_at is null`

/**
 * `PasswordResetTokenRepository` on PostgreSQL: one row per token, by the token's hash. Marking a
 * token used is one conditional update (`… where used_at is null`): of concurrent callers, only
 * the one whose update changed the row gets `true`.
 */
export function mikroPasswordResetTokenRepository(orm: MikroORM): Layer.Layer<PasswordResetTokenRepository> {
  return Layer.succeed(PasswordResetTokenRepository, {
    save: (token) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(UPSERT, [token.tokenHash, token.accountId, token.issuedAt, token.expiresAt, token.usedAt ?? null], "run")
        )
      ),
    findByHash: (tokenHash: Sha256Hex) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<TokenColumns>>("select * from password_reset_token where token_hash = ?", [tokenHash])),
        (rows) => Option.map(Option.fromNullable(rows[0]), toToken)
      ),
    markUsed: (tokenHash: Sha256Hex, at: Instant.Instant) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ token_hash: string }>>(MARK_USED, [at, tokenHash])),
        (rows) => rows.length === 1
      ),
    revokeAllFor: (accountId: AccountId, at: Instant.Instant) =>
      Effect.asVoid(withEntityManager(orm, (em) => em.execute(REVOKE_ALL, [at, accountId], "run")))
  })
}
