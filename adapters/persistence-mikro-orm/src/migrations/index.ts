import type { MigrationObject } from "@mikro-orm/core"
import { Migration0001Households } from "./Migration0001Households.js"
import { Migration0002Quotients } from "./Migration0002Quotients.js"
import { Migration0003Tariffs } from "./Migration0003Tariffs.js"
import { Migration0004Activities } from "./Migration0004Activities.js"
import { Migration0005TownCalendar } from "./Migration0005TownCalendar.js"
import { Migration0006Billing } from "./Migration0006Billing.js"
import { Migration0007Payments } from "./Migration0007Payments.js"
import { Migration0010Bookings } from "./Migration0010Bookings.js"
import { Migration0011Enrollments } from "./Migration0011Enrollments.js"
import { Migration0012Absences } from "./Migration0012Absences.js"
import { Migration0013Attendance } from "./Migration0013Attendance.js"
import { Migration0014Accounts } from "./Migration0014Accounts.js"
import { Migration0015Requests } from "./Migration0015Requests.js"
import { Migration0016Documents } from "./Migration0016Documents.js"
import { Migration0017MailOutbox } from "./Migration0017MailOutbox.js"
import { Migration0018WebSessions } from "./Migration0018WebSessions.js"
import { Migration0019ApiKeys } from "./Migration0019ApiKeys.js"
import { Migration0020Webhooks } from "./Migration0020Webhooks.js"

/** Every committed migration, in order. Never edit one that has shipped: add the next. */
export const migrations: ReadonlyArray<MigrationObject> = [
  { name: "0001-households", class: Migration0001Households },
  { name: "0002-quotients", class: Migration0002Quotients },
  { name: "0003-tariffs", class: Migration0003Tariffs },
  { name: "0004-activities", class: Migration0004Activities },
  { name: "0005-town-calendar", class: Migration0005TownCalendar },
  { name: "0006-billing", class: Migration0006Billing },
  { name: "0007-payments", class: Migration0007Payments },
  { name: "0010-bookings", class: Migration0010Bookings },
  { name: "0011-enrollments", class: Migration0011Enrollments },
  { name: "0012-absences", class: Migration0012Absences },
  { name: "0013-attendance", class: Migration0013Attendance },
  { name: "0014-accounts", class: Migration0014Accounts },
  { name: "0015-requests", class: Migration0015Requests },
  { name: "0016-documents", class: Migration0016Documents },
  { name: "0017-mail-outbox", class: Migration0017MailOutbox },
  { name: "0018-web-sessions", class: Migration0018WebSessions },
  { name: "0019-api-keys", class: Migration0019ApiKeys },
  { name: "0020-webhooks", class: Migration0020Webhooks }
]
