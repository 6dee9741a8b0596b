import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from "@mikro-orm/postgresql"
import {
  Account,
  AccountNotFound,
  AccountRepository,
  linkedHouseholdOf,
  LoginTaken,
  normalizeEmail,
  normalizeLogin,
  type AccountId,
  type HouseholdId
} from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(Account)
const decode = Schema.decodeUnknownSync(Account)

const UPSERT = `
  insert into account (id, login, email, household_id, data)
  values (?, ?, ?, ?, ?)
  on conflict (id) do update
  set login = excluded.login, email = excluded.email, household_id = excluded.household_id, data = excluded.data`

const RECORD_LOGIN = `update account set data = jsonb_set(data, '{lastLoginAt}', to_jsonb(?::text)) where id = ?`

const LOGIN_HOLDER = `select id from account where login = ? and id <> ?`

const loginTakenFor = async (em: EntityManager, account: Account): Promise<boolean> =>
  (await em.execute<Array<{ id: string }>>(LOGIN_HOLDER, [account.login, account.id])).length > 0

/**
 * `AccountRepository` on PostgreSQL: one row per account, the account as JSON. The login is unique
 * (`account_login_unique`): a login held by another account is answered with `LoginTaken`, also
 * when the other account is saved concurrently (the insert runs in a savepoint, so the caller's
 * transaction stays usable). E-mail addresses are stored lower-cased and indexed, not unique: the
 * adults of a family may share one.
 */
export function mikroAccountRepository(orm: MikroORM): Layer.Layer<AccountRepository> {
  const select = (where: string, params: ReadonlyArray<string>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from account where ${where} order by id collate "C"`, [...params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  return Layer.succeed(AccountRepository, {
    get: (id: AccountId) =>
      Effect.flatMap(select("id = ?", [id]), ([found]) =>
        found === undefined ? Effect.fail(new AccountNotFound({ accountId: id })) : Effect.succeed(found)
      ),
    findByLogin: (login) => Effect.map(select("login = ?", [normalizeLogin(login)]), (found) => Option.fromNullable(found[0])),
    findByEmail: (email) => select("email = ?", [normalizeEmail(email)]),
    listByHousehold: (householdId: HouseholdId) => select("household_id = ?", [householdId]),
    save: (account) =>
      Effect.flatMap(
        withEntityManager(orm, async (em): Promise<LoginTaken | undefined> => {
          if (await loginTakenFor(em, account)) return new LoginTaken({ login: account.login })
          const params = [
            account.id,
            account.login,
            account.email === undefined ? null : normalizeEmail(account.email),
            linkedHouseholdOf(account) ?? null,
            JSON.stringify(encode(account))
          ]
          try {
            await em.transactional((tx) => tx.execute(UPSERT, params, "run"))
            return undefined
          } catch (error) {
            if (!(error instanceof UniqueConstraintViolationException)) throw error
            if (await loginTakenFor(em, account)) return new LoginTaken({ login: account.login })
            throw error
          }
        }),
        (refused) => (refused === undefined ? Effect.void : Effect.fail(refused))
      ),
    recordLogin: (id: AccountId, at) =>
      Effect.asVoid(withEntityManager(orm, (em) => em.execute(RECORD_LOGIN, [at, id], "run")))
  })
}
