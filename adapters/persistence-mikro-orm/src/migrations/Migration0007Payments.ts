import { Migration } from "@mikro-orm/migrations"

export class Migration0007Payments extends Migration {
  override up(): void {
    this.addSql(`
      create table payment (
        id text primary key,
        household_id text not null,
        idempotency_key text not null,
        data jsonb not null,
        constraint payment_idempotency_key_unique unique (idempotency_key)
      )`)
    this.addSql(`create index payment_household_index on payment (household_id)`)
    this.addSql(`
      create table payment_intent (
        id text primary key,
        household_id text not null,
        operation_id text null,
        status text not null,
        data jsonb not null,
        constraint payment_intent_operation_unique unique (operation_id)
      )`)
    this.addSql(`create index payment_intent_household_index on payment_intent (household_id)`)
    this.addSql(`create index payment_intent_status_index on payment_intent (status)`)
  }
}
