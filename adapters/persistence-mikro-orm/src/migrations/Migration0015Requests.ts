import { Migration } from "@mikro-orm/migrations"

export class Migration0015Requests extends Migration {
  override up(): void {
    this.addSql(`
      create table request (
        id text primary key,
        household_id text null,
        account_id text not null,
        kind text not null,
        status text not null,
        submitted_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index request_household_index on request (household_id, submitted_at)`)
    this.addSql(`create index request_account_index on request (account_id, submitted_at)`)
    this.addSql(`create index request_submitted_index on request (submitted_at, id)`)
    this.addSql(`create index request_status_index on request (status, submitted_at)`)
    this.addSql(`
      create table request_attachment (
        document_id text not null,
        request_id text not null,
        primary key (document_id, request_id)
      )`)
    this.addSql(`create index request_attachment_request_index on request_attachment (request_id)`)
  }
}
