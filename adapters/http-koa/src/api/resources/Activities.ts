import { Activity, ActivityCatalogue } from "@spe/core"
import { Effect } from "effect"
import { operation } from "../ApiOperation.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"

/** `GET /activities`: the town's activities, their slots, eligibility and booking rules. */
export const activityOperations = [
  operation({
    method: "get",
    path: "/activities",
    operationId: "listActivities",
    tag: "Réservations",
    summary: "Les activités de la commune",
    description: "Les prestations (accueils du matin et du soir, mercredi, restauration scolaire, vacances) : créneaux, âges et niveaux admis, capacité, délais de réservation et d'annulation, fenêtres de réservation des vacances.",
    access: "family",
    paginated: true,
    query: pageQuery,
    response: {
      status: 200,
      description: "Une page d'activités, par identifiant.",
      schema: pageOf(Activity, "ActivityPage"),
      example: { items: [] }
    },
    problems: [400, 403],
    handle: async ({ ctx, kit }) => {
      const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
      const page = paginate(ctx, activities, (a) => a.id)
      return pageReply(page)
    }
  })
]
