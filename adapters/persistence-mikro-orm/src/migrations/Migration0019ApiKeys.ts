import { Migration } from "@mikro-orm/migrations"

export class Migration0019ApiKeys extends Migration {
  override up(): void {
    this.addSql(`
      create table api_key (
        id text primary key,
        secret_hash text not null,
        account_id text not null,
        created_at text not null,
        data jsonb not null,
        constraint api_key_secret_hash_unique unique (secret_hash)
      )`)
    this.addSql(`create index api_key_account_index on api_key (account_id, created_at)`)
  }
}
