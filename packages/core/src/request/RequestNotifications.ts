import { Context, type Effect } from "effect"
import type { RequestEvent } from "./RequestEvent.js"

/** Where request events go once saved: live updates of the family's and the agents' screens, mails. */
export class RequestNotifications extends Context.Tag("@spe/core/RequestNotifications")<
  RequestNotifications,
  {
    /** Publishes events in order. */
    readonly publish: (events: ReadonlyArray<RequestEvent>) => Effect.Effect<void>
  }
>() {}
