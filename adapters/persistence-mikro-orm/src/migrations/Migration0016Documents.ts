import { Migration } from "@mikro-orm/migrations"

export class Migration0016Documents extends Migration {
  override up(): void {
    this.addSql(`
      create table supporting_document (
        id text primary key,
        household_id text not null,
        kind text not null,
        review text not null,
        uploaded_at text not null,
        data jsonb not null
      )`)
    this.addSql(`create index supporting_document_household_index on supporting_document (household_id, uploaded_at)`)
    this.addSql(`create index supporting_document_review_index on supporting_document (review, uploaded_at)`)
    this.addSql(`
      create table stored_file (
        key text primary key,
        name text not null,
        media_type text not null,
        size_bytes integer not null,
        bytes bytea not null
      )`)
  }
}
