import { JSONSchema } from "effect"
import type { PortalKit } from "../PortalKit.js"
import { csrfHeader } from "./ApiAuth.js"
import type { AnySchema, ApiOperation } from "./ApiOperation.js"
import { apiBasePath } from "./ApiPaths.js"
import { Problem, problemMediaType } from "./ApiProblems.js"
import { jsonBodyLimitBytes } from "./JsonBody.js"

type Json = Readonly<Record<string, unknown>>

const problemResponses: Readonly<Record<number, { readonly name: string; readonly description: string; readonly example: Json }>> = {
  400: {
    name: "BadRequest",
    description: "La requête est illisible : JSON mal formé, paramètre refusé (`errors` nomme chaque paramètre), curseur inconnu.",
    example: { type: "urn:spe:problem:invalid-parameter", title: "Requête illisible", status: 400, detail: "Paramètres refusés : Le nombre d'éléments par page (limit) va de 1 à 100.", instance: "/api/v1/requests", code: "InvalidParameter", errors: [{ path: "limit", message: "Le nombre d'éléments par page (limit) va de 1 à 100." }] }
  },
  401: {
    name: "Unauthorized",
    description: "Ni jeton valable (`Authorization: Bearer spe_…`), ni session du portail : jeton inconnu, révoqué ou expiré.",
    example: { type: "urn:spe:problem:api-key-rejected", title: "Identification requise", status: 401, detail: "Ce jeton d'accès a été révoqué le jeudi 26 novembre 2026 à 9 h 00 : il ne donne plus accès.", instance: "/api/v1/household", code: "ApiKeyRejected" }
  },
  403: {
    name: "Forbidden",
    description: "L'appelant ne peut pas faire cela : compte d'agent, compte pas encore relié à un foyer, identifiants à choisir, ou en-tête `X-CSRF-Token` manquant avec le cookie de session.",
    example: { type: "urn:spe:problem:api-csrf-header-rejected", title: "Accès refusé", status: 403, detail: "Avec le cookie de session du portail, toute requête qui modifie des données porte l'en-tête « X-CSRF-Token »…", instance: "/api/v1/requests", code: "ApiCsrfHeaderRejected" }
  },
  404: {
    name: "NotFound",
    description: "Introuvable : un identifiant inconnu et celui d'un autre foyer reçoivent la même réponse.",
    example: { type: "urn:spe:problem:invoice-not-found", title: "Ressource introuvable", status: 404, detail: "Aucune facture ne correspond à la référence inv-99. Vérifiez la référence dans « Mes factures » ou contactez la régie.", instance: "/api/v1/invoices/inv-99", code: "InvoiceNotFound" }
  },
  409: {
    name: "Conflict",
    description: "L'état de la ressource l'empêche (demande close, absence déjà signalée sur ces jours…).",
    example: { type: "urn:spe:problem:absence-already-reported", title: "Action impossible dans l'état actuel", status: 409, detail: "Une absence est déjà signalée du …", instance: "/api/v1/absences", code: "AbsenceAlreadyReported" }
  },
  413: {
    name: "PayloadTooLarge",
    description: `Le corps dépasse ${jsonBodyLimitBytes / 1024} Kio.`,
    example: { type: "urn:spe:problem:body-too-large", title: "Corps de requête trop volumineux", status: 413, detail: "Le corps de la requête est trop volumineux : 64 Kio au plus.", instance: "/api/v1/requests", code: "BodyTooLarge" }
  },
  415: {
    name: "UnsupportedMediaType",
    description: "Le corps n'est pas envoyé en `application/json` (UTF-8).",
    example: { type: "urn:spe:problem:unsupported-media-type", title: "Type de contenu non pris en charge", status: 415, detail: "Le corps de la requête doit être du JSON, envoyé avec l'en-tête « Content-Type: application/json » (reçu : text/plain).", instance: "/api/v1/requests", code: "UnsupportedMediaType" }
  },
  422: {
    name: "UnprocessableContent",
    description: "Refusé par les règles : saisie invalide (`errors` donne le pointeur JSON et le message de chaque champ) ou règle du service (tarif non publié…).",
    example: { type: "urn:spe:problem:invalid-input", title: "Demande refusée", status: 422, detail: "Votre message : Indiquez l'objet de votre message.", instance: "/api/v1/requests", code: "InvalidInput", errors: [{ path: "/subject", message: "Indiquez l'objet de votre message." }] }
  },
  500: {
    name: "InternalError",
    description: "Erreur inattendue, enregistrée sous la référence donnée.",
    example: { type: "urn:spe:problem:internal-error", title: "Erreur inattendue", status: 500, detail: "Une erreur inattendue nous empêche de répondre…", instance: "/api/v1/invoices", code: "InternalError", reference: "ERR-1A2B3C4D" }
  },
  503: {
    name: "ServiceUnavailable",
    description: "Un service dont la commune dépend ne répond pas (production des PDF, paiement…) : réessayez plus tard.",
    example: { type: "urn:spe:problem:document-rendering-unavailable", title: "Service momentanément indisponible", status: 503, detail: "Impossible de produire le document « facture » au format PDF : …", instance: "/api/v1/invoices/inv-7/pdf", code: "DocumentRenderingUnavailable" }
  }
}

const tagDescriptions: Readonly<Record<string, string>> = {
  Session: "Qui appelle, et le jeton anti-falsification de la session.",
  Foyer: "Le foyer, son quotient familial, la simulation des tarifs.",
  Demandes: "« Dernières demandes » : les échanges avec le Service à la Population.",
  Factures: "« Mes factures » : les factures expliquées ligne par ligne, en PDF.",
  Réservations: "Activités, séances, réservations, annulations, absences et agendas des enfants.",
  "Agents – Foyers": "API des agents (`/admin`, clé d'intégration) : les foyers et leurs membres.",
  "Agents – Activités": "API des agents : les activités, les séances, les réservations et les présences.",
  "Agents – Facturation": "API des agents : les factures, les avoirs et les paiements.",
  Documentation: "Ce document."
}

/** JSON Schemas of the operations' Effect Schemas, sharing one `components.schemas`. */
class SchemaRegistry {
  readonly definitions: Record<string, JSONSchema.JsonSchema7> = {}

  of(schema: AnySchema): Json {
    return JSONSchema.fromAST(schema.ast, { definitions: this.definitions, definitionPath: "#/components/schemas/", target: "openApi3.1" }) as unknown as Json
  }
}

const problemRef = (status: number): Json => {
  const response = problemResponses[status]
  if (response === undefined) throw new Error(`No problem response documented for ${status}`)
  return { $ref: `#/components/responses/${response.name}` }
}

/** What the document says of an operation (its handler aside). */
export type DocumentedOperation = Omit<ApiOperation, "handle">

const securityOf = (operation: DocumentedOperation): ReadonlyArray<Json> => {
  if (operation.access === "public") return []
  if (operation.access === "integration") return [{ integrationKey: operation.scope === undefined ? [] : [operation.scope] }]
  return [{ bearerAuth: [] }, operation.method !== "get" ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] }]
}

function operationObject(operation: DocumentedOperation, schemas: SchemaRegistry): Json {
  const parameters = [
    ...Object.entries(operation.pathParameters ?? {}).map(([name, description]) => ({ name, in: "path", required: true, description, schema: { type: "string", minLength: 1, maxLength: 64 } })),
    ...(operation.query ?? []).map((q) => ({
      name: q.name,
      in: "query",
      required: q.required,
      description: q.description,
      schema: q.schema,
      ...(q.example === undefined ? {} : { example: q.example })
    }))
  ]
  const success = operation.response
  const headers: Record<string, Json> = {}
  if (success.status === 201) headers["Location"] = { description: "L'adresse de la ressource créée.", schema: { type: "string" } }
  if (operation.paginated === true) headers["Link"] = { description: "`<adresse de la page suivante>; rel=\"next\"`, tant qu'il y a une page suivante.", schema: { type: "string" } }
  const content: Json = success.schema !== undefined
    ? { "application/json": { schema: schemas.of(success.schema), ...(success.example === undefined ? {} : { example: success.example }) } }
    : { [success.file?.contentType ?? "application/octet-stream"]: { schema: { type: "string", contentMediaType: success.file?.contentType ?? "application/octet-stream" } } }
  const statuses = [...new Set([...operation.problems, ...(operation.access === "public" ? [] : [401]), ...(operation.access === "integration" ? [403] : []), 500])].sort((a, b) => a - b)
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.description,
    security: securityOf(operation),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(operation.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description: operation.body.description,
            content: { "application/json": { schema: schemas.of(operation.body.schema), example: operation.body.example } }
          }
        }),
    responses: {
      [String(success.status)]: { description: success.description, ...(Object.keys(headers).length === 0 ? {} : { headers }), content },
      ...Object.fromEntries(statuses.map((status) => [String(status), problemRef(status)]))
    }
  }
}

const documentOperation: ApiOperation = {
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  tag: "Documentation",
  summary: "Ce document OpenAPI",
  description: "La description de l'API au format OpenAPI 3.1, sans identification.",
  access: "public",
  response: { status: 200, description: "Le document OpenAPI 3.1." },
  problems: [],
  handle: () => Promise.reject(new Error("served by the router"))
}

/**
 * The OpenAPI 3.1 document of the families' API: every operation with its parameters, its body
 * and answer schemas generated from the core's Effect Schemas (`JSONSchema`, OpenAPI 3.1 target,
 * shared in `components.schemas`), its problem answers (RFC 9457), examples, and the two ways to
 * authenticate: an API key as a bearer token, or the portal's session cookie with `X-CSRF-Token`.
 */
export function openApiDocument(operations: ReadonlyArray<DocumentedOperation>, kit: Pick<PortalKit, "settings">): Json {
  const schemas = new SchemaRegistry()
  const paths: Record<string, Record<string, Json>> = {}
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {})
    item[operation.method] = operationObject(operation, schemas)
  }
  paths[documentOperation.path] = {
    get: {
      ...operationObject(documentOperation, schemas),
      responses: {
        "200": { description: "Le document OpenAPI 3.1.", content: { "application/json": { schema: { type: "object", required: ["openapi", "info", "paths"] } } } },
        "500": problemRef(500)
      }
    }
  }
  const problemSchema = schemas.of(Problem)
  const tags = [...new Set([...operations.map((o) => o.tag), documentOperation.tag])].map((name) => ({ name, description: tagDescriptions[name] ?? name }))
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: `API des familles – Mon espace citoyen – ${kit.settings.townName}`,
      version: "1.0.0",
      summary: "Les démarches de « Mon espace » pour vos applications : foyer, demandes, factures, réservations, absences, simulation des tarifs.",
      description: [
        "Les mêmes actions que le portail des familles, en JSON.",
        "",
        "**Identification.** Créez un jeton dans « Mon espace » › « Accès pour vos applications » et envoyez-le dans l'en-tête `Authorization: Bearer spe_…` (aucun cookie, aucun jeton anti-falsification). Depuis une page du portail, le cookie de session suffit ; chaque requête qui modifie des données porte alors l'en-tête `X-CSRF-Token`, dont la valeur est donnée par `GET /session`.",
        "",
        "**Isolement.** Un appelant n'atteint que les données de son foyer : l'identifiant d'un autre foyer reçoit la même réponse 404 qu'un identifiant inconnu.",
        "",
        `**Corps.** \`application/json\` en UTF-8, ${jsonBodyLimitBytes / 1024} Kio au plus. Les montants sont en centimes (entiers), les dates \`AAAA-MM-JJ\`, les instants en UTC ISO 8601.`,
        "",
        "**Listes.** Page par page : `?limit=` (1 à 100, 20 par défaut) ; la réponse donne `next`, l'adresse de la page suivante (aussi dans l'en-tête `Link`), absente sur la dernière page.",
        "",
        "**API des agents.** Sous `/admin/…`, pour les logiciels de la commune (progiciel financier, ERP) : une clé d'intégration (`Authorization: Bearer spe_…`) créée par un administrateur, avec ses droits (`households:read`, `billing:read`…). Un droit manquant : 403 qui le nomme. Chaque appel est inscrit au journal des actions.",
        "",
        `**Erreurs.** \`${problemMediaType}\` (RFC 9457) : \`type\`, \`title\`, \`status\`, \`detail\` (le message en français : quelle règle refuse, et que faire), \`code\` (l'étiquette du refus) et, pour une saisie refusée, \`errors\` : le pointeur JSON et le message de chaque champ.`
      ].join("\n"),
      contact: { name: kit.settings.helpBlock.serviceName, email: kit.settings.helpBlock.email }
    },
    servers: [{ url: new URL(apiBasePath, kit.settings.publicUrl).toString(), description: kit.settings.townName }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags,
    paths,
    components: {
      schemas: schemas.definitions,
      responses: Object.fromEntries(
        Object.values(problemResponses).map((response) => [
          response.name,
          { description: response.description, content: { [problemMediaType]: { schema: problemSchema, example: response.example } } }
        ])
      ),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "spe_<préfixe>_<secret>",
          description: "Un jeton d'accès créé dans « Mon espace » › « Accès pour vos applications » ; il agit pour le foyer du compte qui l'a créé, jusqu'à sa révocation ou son expiration."
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "spe_session",
          description: "Le cookie de session du portail (pages du portail qui appellent l'API)."
        },
        integrationKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "spe_<préfixe>_<secret>",
          description: "API des agents (`/admin/…`) : une clé d'intégration créée par un administrateur dans « Intégrations » › « Clés d'API », avec des droits (scopes) ; chaque opération nomme celui qu'elle exige, et chaque appel est inscrit au journal des actions."
        },
        csrfHeader: {
          type: "apiKey",
          in: "header",
          name: csrfHeader,
          description: "Avec le cookie de session, sur toute requête qui modifie des données : le jeton anti-falsification donné par GET /session."
        }
      }
    }
  }
}
