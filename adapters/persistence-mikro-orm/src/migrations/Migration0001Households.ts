import { Migration } from "@mikro-orm/migrations"

export class Migration0001Households extends Migration {
  override up(): void {
    this.addSql(`
      create table household (
        id text primary key,
        reference text not null,
        search_text text not null,
        data jsonb not null,
        constraint household_reference_unique unique (reference)
      )`)
  }
}
