import { Migration } from "@mikro-orm/migrations"

export class Migration0004Activities extends Migration {
  override up(): void {
    this.addSql(`
      create table activity (
        id text primary key,
        data jsonb not null
      )`)
  }
}
