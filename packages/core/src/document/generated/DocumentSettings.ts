import { Schema } from "effect"
import { ActivityKind } from "../../activity/Activity.js"
import { PaymentMethod } from "../../payment/PaymentMethod.js"
import { RegieId } from "../../shared/Ids.js"

/** The town as its documents name it: who writes, where, how to reach the service, the portal. */
export class TownIdentity extends Schema.Class<TownIdentity>("TownIdentity")({
  /** e.g. "Saint-Pierre-lès-Elbeuf". */
  townName: Schema.NonEmptyTrimmedString,
  /** e.g. "Service à la Population". */
  serviceName: Schema.NonEmptyTrimmedString,
  /** Postal address, one line each ("Place François Mitterrand", "76 320 Saint-Pierre-lès-Elbeuf"). */
  addressLines: Schema.Array(Schema.String),
  phone: Schema.String,
  email: Schema.String,
  /** Opening hours, one line each ("du lundi au jeudi : 8h30 - 12h | 13h30 - 17h"). */
  hours: Schema.Array(Schema.String),
  /** The family portal's address, e.g. "https://www.espace-citoyens.net/saint-pierre-les-elbeuf". */
  portalUrl: Schema.String,
  /** The town's website, where it has one. */
  website: Schema.optionalWith(Schema.String, { exact: true })
}) {}

/** The cash office (régie) that issues invoices and takes payments at its counter. */
export class RegieDetails extends Schema.Class<RegieDetails>("RegieDetails")({
  id: RegieId,
  /** e.g. "Régie enfance-jeunesse". */
  name: Schema.NonEmptyTrimmedString,
  addressLines: Schema.Array(Schema.String),
  phone: Schema.optionalWith(Schema.String, { exact: true }),
  email: Schema.optionalWith(Schema.String, { exact: true }),
  /** When its counter is open, one line each. */
  counterHours: Schema.Array(Schema.String)
}) {}

/**
 * A town's settings for the documents it generates: its identity, how families pay, who signs,
 * and what the yearly childcare-expense attestation counts.
 */
export class GeneratedDocumentSettings extends Schema.Class<GeneratedDocumentSettings>("GeneratedDocumentSettings")({
  town: TownIdentity,
  /** The ways to pay an invoice listed under "Comment payer", in this order. */
  acceptedMethods: Schema.optionalWith(Schema.Array(PaymentMethod), {
    default: () => ["card", "directDebit", "counter", "cheque"] as const
  }),
  /** To whose order cheques are written. */
  chequePayee: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "Trésor public" }),
  /** Where families pay online; the portal's address when not set. */
  onlinePaymentUrl: Schema.optionalWith(Schema.String, { exact: true }),
  /** Who signs certificates and attestations; the service alone when not set. */
  signatoryName: Schema.optionalWith(Schema.String, { exact: true }),
  /** The signatory's title, e.g. "Pour le Maire et par délégation, la responsable du Service à la Population". */
  signatoryTitle: Schema.optionalWith(Schema.String, { exact: true }),
  /** Activity kinds that are not childcare for the tax credit (meals are not): the canteen by default. */
  childcareExcludedKinds: Schema.optionalWith(Schema.Array(ActivityKind), { default: () => ["canteen"] as const }),
  /** Children under this age on 1 January of the year count for the childcare attestation. */
  childcareAgeLimit: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 6 })
}) {}

/** Who issues a document, as its header and footer print it. */
export const IssuerView = Schema.Struct({
  townName: Schema.String,
  serviceName: Schema.String,
  regieName: Schema.optionalWith(Schema.String, { exact: true }),
  addressLines: Schema.Array(Schema.String),
  phone: Schema.String,
  email: Schema.String,
  hours: Schema.Array(Schema.String),
  portalUrl: Schema.String,
  website: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "IssuerView" })
export type IssuerView = typeof IssuerView.Type

/** Who signs a certificate: a name where the town sets one, and a title. */
export const SignatureView = Schema.Struct({
  name: Schema.optionalWith(Schema.String, { exact: true }),
  title: Schema.String,
  place: Schema.String
}).annotations({ identifier: "SignatureView" })
export type SignatureView = typeof SignatureView.Type

/** The issuer block of a document: the town's service, and the régie where one issues it. */
export function issuerView(settings: GeneratedDocumentSettings, regie?: RegieDetails): IssuerView {
  const town = settings.town
  return {
    townName: town.townName,
    serviceName: town.serviceName,
    ...(regie === undefined ? {} : { regieName: regie.name }),
    addressLines: regie !== undefined && regie.addressLines.length > 0 ? [...regie.addressLines] : [...town.addressLines],
    phone: regie?.phone ?? town.phone,
    email: regie?.email ?? town.email,
    hours: [...town.hours],
    portalUrl: town.portalUrl,
    ...(town.website === undefined ? {} : { website: town.website })
  }
}

/** The signature block: the town's signatory, or its service. */
export function signatureView(settings: GeneratedDocumentSettings): SignatureView {
  return {
    ...(settings.signatoryName === undefined ? {} : { name: settings.signatoryName }),
    title: settings.signatoryTitle ?? `Pour le Maire et par délégation, le ${settings.town.serviceName}`,
    place: settings.town.townName
  }
}
