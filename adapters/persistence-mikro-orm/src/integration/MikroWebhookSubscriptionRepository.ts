import type { MikroORM } from "@mikro-orm/postgresql"
import { WebhookSubscription, type WebhookSubscriptionId, WebhookSubscriptionNotFound, WebhookSubscriptionRepository } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(WebhookSubscription)
const decode = Schema.decodeUnknownSync(WebhookSubscription)

/** `WebhookSubscriptionRepository` on PostgreSQL: one row per subscription, the subscription as JSON. */
export function mikroWebhookSubscriptionRepository(orm: MikroORM): Layer.Layer<WebhookSubscriptionRepository> {
  const select = (where: string, params: ReadonlyArray<unknown>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from webhook_subscription where ${where}`, [...params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  return Layer.succeed(WebhookSubscriptionRepository, {
    add: (subscription) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            "insert into webhook_subscription (id, created_at, data) values (?, ?, ?) on conflict (id) do nothing",
            [subscription.id, subscription.createdAt, JSON.stringify(encode(subscription))],
            "run"
          )
        )
      ),
    get: (id: WebhookSubscriptionId) =>
      Effect.flatMap(select("id = ?", [id]), (found) => {
        const subscription = found[0]
        return subscription === undefined ? Effect.fail(new WebhookSubscriptionNotFound({ subscriptionId: id })) : Effect.succeed(subscription)
      }),
    save: (subscription) =>
      Effect.flatMap(
        withEntityManager(orm, (em) =>
          em.execute<{ affectedRows: number }>("update webhook_subscription set data = ? where id = ?", [JSON.stringify(encode(subscription)), subscription.id], "run")
        ),
        (result) => (result.affectedRows > 0 ? Effect.void : Effect.fail(new WebhookSubscriptionNotFound({ subscriptionId: subscription.id })))
      ),
    remove: (id: WebhookSubscriptionId) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<{ affectedRows: number }>("delete from webhook_subscription where id = ?", [id], "run")),
        (result) => result.affectedRows > 0
      ),
    list: select("true order by created_at, id collate \"C\"", [])
  })
}
