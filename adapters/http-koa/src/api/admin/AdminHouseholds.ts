import {
  addHouseholdMember,
  AdultDetails,
  ChildDetails,
  createHousehold,
  Household,
  HouseholdDetails,
  HouseholdId,
  HouseholdNotFound,
  HouseholdRegistration,
  HouseholdRepository,
  updateHousehold
} from "@spe/core"
import { Effect, Schema } from "effect"
import { refuse } from "../../PortalErrors.js"
import type { PortalKit } from "../../PortalKit.js"
import { idParameter, json, queryValue, shownId } from "../ApiOperation.js"
import { apiBasePath } from "../ApiPaths.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"
import { adminApiPath, adminOperation } from "./AdminApi.js"

const tag = "Agents – Foyers"

const HouseholdJson = Household.annotations({ identifier: "Household" })

const householdPath = (id: string) => `${apiBasePath}${adminApiPath}/households/${encodeURIComponent(id)}`

const exampleHousehold = {
  id: "hh-1",
  reference: "FAM-000101",
  familyName: "CONCERTO",
  address: { line1: "1 Chemin de la Cote", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
  contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable de Maman", number: "06 39 98 41 27" }] },
  residency: "resident",
  adults: [{ id: "m-1", firstName: "Anne", lastName: "CONCERTO", relationship: "Maman", isPayer: true }],
  children: [{ id: "m-3", firstName: "Léa", lastName: "CONCERTO", birthDate: "2018-04-14", schoolLevel: "CE2", aeeh: false }]
}

const householdOf = (kit: PortalKit, raw: string | undefined): Promise<Household> => {
  const id = idParameter(HouseholdId, raw, (value) => refuse(new HouseholdNotFound({ householdId: HouseholdId.make(shownId(value)) })))
  return kit.run(Effect.flatMap(HouseholdRepository, (households) => households.get(id)))
}

/** A change of a household's details: only the fields sent change (each replaced whole). */
export const HouseholdPatch = Schema.partialWith(HouseholdDetails, { exact: true }).annotations({ identifier: "HouseholdPatch" })

/** A new member: `kind` (`adult` or `child`) and the member's fields. */
export const NewMember = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("adult"), ...AdultDetails.fields }),
  Schema.Struct({ kind: Schema.Literal("child"), ...ChildDetails.fields })
).annotations({ identifier: "NewMember" })

const bodyObject = (raw: unknown): Readonly<Record<string, unknown>> => (typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {})

/** The agents' API on households: list and search, read, create, change, add a member. */
export const adminHouseholdOperations = [
  adminOperation({
    method: "get",
    path: "/admin/households",
    operationId: "adminListHouseholds",
    tag,
    summary: "Les foyers",
    description: "Tous les foyers, par référence, ou ceux que désigne `q` (référence, nom de famille, nom d'un membre, adresse e-mail).",
    scope: "households:read",
    audit: { action: "api.households.read", targetKind: "household" },
    paginated: true,
    query: [{ name: "q", description: "Mots cherchés : référence, nom, e-mail.", required: false, schema: { type: "string", maxLength: 100 }, example: "CONCERTO" }, ...pageQuery],
    response: { status: 200, description: "Une page de foyers.", schema: pageOf(HouseholdJson, "AdminHouseholdPage"), example: { items: [exampleHousehold], next: "/api/v1/admin/households?limit=1&cursor=aGgtMQ" } },
    problems: [400],
    handle: async ({ ctx, kit }) => {
      const q = queryValue(ctx, "q")?.trim() ?? ""
      const found = await kit.run(Effect.flatMap(HouseholdRepository, (households) => (q === "" ? households.list : households.search(q.slice(0, 100)))))
      const sorted = [...found].sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0))
      return pageReply(paginate(ctx, sorted, (h) => h.id))
    }
  }),
  adminOperation({
    method: "get",
    path: "/admin/households/{householdId}",
    operationId: "adminGetHousehold",
    tag,
    summary: "Un foyer",
    description: "Le foyer : référence, adresse, coordonnées, résidence, responsables légaux et enfants.",
    scope: "households:read",
    audit: { action: "api.households.read", targetKind: "household" },
    pathParameters: { householdId: "L'identifiant du foyer (`id`)." },
    response: { status: 200, description: "Le foyer.", schema: HouseholdJson, example: exampleHousehold },
    problems: [404],
    handle: async ({ kit, params }) => json(await householdOf(kit, params["householdId"]))
  }),
  adminOperation({
    method: "post",
    path: "/admin/households",
    operationId: "adminCreateHousehold",
    tag,
    summary: "Créer un foyer",
    description: "Crée le foyer et son compte famille (identifiant et mot de passe provisoire envoyés à l'adresse e-mail du foyer), comme « Nouveau foyer » du back-office. La référence doit être libre.",
    scope: "households:write",
    audit: { action: "api.households.create", targetKind: "household", bodyField: "reference" },
    body: {
      schema: HouseholdRegistration.annotations({ identifier: "HouseholdRegistration" }),
      subject: "Le dossier du foyer",
      description: "Le foyer, ses responsables légaux et ses enfants (sans identifiants : ils sont attribués).",
      example: {
        reference: "FAM-000900",
        familyName: "MARTIN",
        address: { line1: "3 rue des Lilas", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
        contact: { email: "famille.martin@example.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] },
        residency: "resident",
        adults: [{ firstName: "Julie", lastName: "MARTIN", relationship: "Maman", isPayer: true }],
        children: [{ firstName: "Hugo", lastName: "MARTIN", birthDate: "2019-05-02", schoolLevel: "CP", aeeh: false }]
      }
    },
    response: { status: 201, description: "Le foyer créé (en-tête `Location`).", schema: HouseholdJson, example: exampleHousehold },
    problems: [400, 409, 413, 415, 422],
    handle: async ({ kit, actor, raw }) => {
      const created = await kit.run(createHousehold(actor, raw))
      return json(created.household, { status: 201, location: householdPath(created.household.id) })
    }
  }),
  adminOperation({
    method: "patch",
    path: "/admin/households/{householdId}",
    operationId: "adminUpdateHousehold",
    tag,
    summary: "Modifier un foyer",
    description: "Change le nom, l'adresse, les coordonnées ou la résidence du foyer : seuls les champs envoyés changent (chacun remplacé en entier). Les membres ne changent pas ; une nouvelle adresse e-mail devient aussi celle des comptes famille qui utilisaient l'ancienne.",
    scope: "households:write",
    audit: { action: "api.households.update", targetKind: "household" },
    pathParameters: { householdId: "L'identifiant du foyer (`id`)." },
    body: {
      schema: HouseholdPatch,
      subject: "Le foyer",
      description: "Les champs à remplacer.",
      example: { address: { line1: "5 rue Jean Jaurès", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" } }
    },
    response: { status: 200, description: "Le foyer modifié.", schema: HouseholdJson, example: exampleHousehold },
    problems: [400, 404, 413, 415, 422],
    handle: async ({ kit, actor, params, raw }) => {
      const before = await householdOf(kit, params["householdId"])
      const current = Schema.encodeSync(HouseholdDetails)({ familyName: before.familyName, address: before.address, contact: before.contact, residency: before.residency })
      const after = await kit.run(updateHousehold(actor, { householdId: before.id, details: { ...current, ...bodyObject(raw) } }))
      return json(after)
    }
  }),
  adminOperation({
    method: "post",
    path: "/admin/households/{householdId}/members",
    operationId: "adminAddHouseholdMember",
    tag,
    summary: "Ajouter un membre",
    description: "Ajoute un responsable légal (`kind: adult`) ou un enfant (`kind: child`) au foyer.",
    scope: "households:write",
    audit: { action: "api.households.members.add", targetKind: "household" },
    pathParameters: { householdId: "L'identifiant du foyer (`id`)." },
    body: {
      schema: NewMember,
      subject: "Le membre",
      description: "Le membre, sans identifiant (il est attribué).",
      example: { kind: "child", firstName: "Emma", lastName: "CONCERTO", birthDate: "2021-09-12", schoolLevel: "PS", aeeh: false }
    },
    response: { status: 201, description: "Le foyer avec son nouveau membre.", schema: HouseholdJson, example: exampleHousehold },
    problems: [400, 404, 413, 415, 422],
    handle: async ({ kit, actor, params, body, raw }) => {
      const household = await householdOf(kit, params["householdId"])
      const { kind: _, ...details } = bodyObject(raw)
      const added = await kit.run(addHouseholdMember(actor, { householdId: household.id, kind: body.kind, details }))
      return json(added.household, { status: 201, location: householdPath(household.id) })
    }
  })
]
