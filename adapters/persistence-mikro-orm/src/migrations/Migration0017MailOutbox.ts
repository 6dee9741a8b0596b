import { Migration } from "@mikro-orm/migrations"

export class Migration0017MailOutbox extends Migration {
  override up(): void {
    this.addSql(`
      create table outgoing_mail (
        id text primary key,
        message_id text not null,
        recipient text not null,
        subject text not null,
        text_body text not null,
        html_body text not null,
        kind text not null,
        created_at text not null,
        status text not null,
        attempts integer not null,
        next_attempt_at text not null,
        last_error text null,
        sent_at text null
      )`)
    this.addSql(`create index outgoing_mail_due_index on outgoing_mail (next_attempt_at, created_at, id) where status = 'pending'`)
    this.addSql(`create index outgoing_mail_created_index on outgoing_mail (created_at, id)`)
    this.addSql(`create index outgoing_mail_recipient_index on outgoing_mail (recipient, created_at)`)
  }
}
