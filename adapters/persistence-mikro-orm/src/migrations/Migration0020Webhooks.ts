import { Migration } from "@mikro-orm/migrations"

export class Migration0020Webhooks extends Migration {
  override up(): void {
    this.addSql(`
      create table integration_event (
        id text primary key,
        type text not null,
        occurred_at text not null,
        status text not null,
        attempts integer not null,
        next_attempt_at text not null,
        delivered_to jsonb not null,
        last_error text null,
        delivered_at text null,
        event jsonb not null
      )`)
    this.addSql(`create index integration_event_due_index on integration_event (next_attempt_at, occurred_at, id) where status = 'pending'`)
    this.addSql(`create index integration_event_occurred_index on integration_event (occurred_at, id)`)
    this.addSql(`
      create table webhook_subscription (
        id text primary key,
        created_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index webhook_subscription_created_index on webhook_subscription (created_at, id)`)
  }
}
