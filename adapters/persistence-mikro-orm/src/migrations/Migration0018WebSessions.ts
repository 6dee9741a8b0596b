import { Migration } from "@mikro-orm/migrations"

export class Migration0018WebSessions extends Migration {
  override up(): void {
    this.addSql(`
      create table web_session (
        id_hash text primary key,
        account_id text not null,
        expires_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index web_session_account_index on web_session (account_id)`)
    this.addSql(`create index web_session_expires_index on web_session (expires_at)`)
  }
}
