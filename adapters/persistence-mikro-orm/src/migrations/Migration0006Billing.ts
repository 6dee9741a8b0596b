import { Migration } from "@mikro-orm/migrations"

export class Migration0006Billing extends Migration {
  override up(): void {
    this.addSql(`
      create table invoice (
        id text primary key,
        number text not null,
        regie_id text not null,
        household_id text not null,
        period text not null,
        sent_to_treasury_on text null,
        data jsonb not null,
        constraint invoice_regie_number_unique unique (regie_id, number)
      )`)
    this.addSql(`create index invoice_household_index on invoice (household_id)`)
    this.addSql(`create index invoice_period_index on invoice (period)`)
    this.addSql(`
      create table credit_note (
        id text primary key,
        number text not null,
        regie_id text not null,
        household_id text not null,
        invoice_id text not null,
        period text not null,
        data jsonb not null,
        constraint credit_note_regie_number_unique unique (regie_id, number)
      )`)
    this.addSql(`create index credit_note_invoice_index on credit_note (invoice_id)`)
    this.addSql(`create index credit_note_household_index on credit_note (household_id)`)
    this.addSql(`create index credit_note_period_index on credit_note (period)`)
    this.addSql(`
      create table document_counter (
        regie_id text not null,
        year integer not null,
        series text not null,
        last_number integer not null,
        primary key (regie_id, year, series)
      )`)
  }
}
