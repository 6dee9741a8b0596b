import { Migration } from "@mikro-orm/migrations"

export class Migration0003Tariffs extends Migration {
  override up(): void {
    this.addSql(`
      create table tariff_grid (
        id text primary key,
        school_year text not null,
        label text not null,
        data jsonb not null
      )`)
    this.addSql(`create index tariff_grid_school_year_index on tariff_grid (school_year, label, id)`)
    this.addSql(`
      create table tariff_grid_activity (
        activity_id text not null,
        school_year text not null,
        grid_id text not null,
        primary key (activity_id, school_year)
      )`)
    this.addSql(`create index tariff_grid_activity_grid_index on tariff_grid_activity (grid_id)`)
  }
}
