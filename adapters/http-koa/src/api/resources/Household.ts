import { Household } from "@spe/core"
import { json, operation } from "../ApiOperation.js"
import { callerHousehold } from "../ApiHousehold.js"

/** `GET /household`: the caller's household, its members and contact details. */
export const householdOperations = [
  operation({
    method: "get",
    path: "/household",
    operationId: "getHousehold",
    tag: "Foyer",
    summary: "Mon foyer",
    description: "L'identification de la famille (« Mon espace ») : référence, adresse, coordonnées, résidence, responsables légaux et enfants avec leurs identifiants (`id`), utilisés par les autres adresses de l'API.",
    access: "family",
    response: {
      status: 200,
      description: "Le foyer de l'appelant.",
      schema: Household.annotations({ identifier: "Household" }),
      example: {
        id: "hh-1",
        reference: "FAM-000101",
        familyName: "CONCERTO",
        address: { line1: "1 Chemin de la Cote", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
        contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable de Maman", number: "06 39 98 41 27" }] },
        residency: "resident",
        adults: [{ id: "m-1", firstName: "Anne", lastName: "CONCERTO", relationship: "Maman", isPayer: true }],
        children: [{ id: "m-3", firstName: "Léa", lastName: "CONCERTO", birthDate: "2018-04-14", schoolLevel: "CE2", aeeh: false }]
      }
    },
    problems: [403],
    handle: async ({ kit, caller }) => json(await callerHousehold(kit, caller))
  })
]
