import { Schema } from "effect"

/**
 * The town as it signs its mails: who writes (the town and its service), how to reach them,
 * and where the portal is. A setting of the town.
 */
export class SenderIdentity extends Schema.Class<SenderIdentity>("SenderIdentity")({
  /** The town, e.g. "Saint-Pierre-lès-Elbeuf". */
  townName: Schema.NonEmptyTrimmedString,
  /** The service that writes, e.g. "Service à la Population". */
  serviceName: Schema.NonEmptyTrimmedString,
  /** Postal address, on one or more lines. */
  address: Schema.String,
  phone: Schema.String,
  email: Schema.String,
  /** The family portal's address, without a trailing slash, e.g. "https://espace-citoyen.mairie.fr". */
  portalUrl: Schema.String.pipe(
    Schema.pattern(/^https?:\/\/[^\s"'<>]+$/, { message: () => "L'adresse du portail doit commencer par https:// ou http://." })
  )
}) {}
