import { Either, ParseResult, Schema } from "effect"
import { PayfipSettingsInvalid } from "./PayfipErrors.js"
import { HttpUrl, Numcli, Saisie } from "./PayfipFields.js"

/** PayFiP's production web service (SOAP endpoint of `PaiementSecuriseService`). */
export const PAYFIP_PRODUCTION_SOAP_URL = "https://www.payfip.gouv.fr/tpa/services/securite"
/** PayFiP's production payment page; the family is sent to `<serviceUrl>?idop=<idOp>`. */
export const PAYFIP_PRODUCTION_SERVICE_URL = "https://www.payfip.gouv.fr/tpa/paiementws.web"

/** A town's PayFiP settings: the service's addresses, its client number, the mode and the portal's return URLs. */
export class PayfipSettings extends Schema.Class<PayfipSettings>("PayfipSettings")({
  /** The client number the DGFiP gave the régie (6 digits). */
  numcli: Numcli,
  /** T (test), X (activation) or W (production). */
  saisie: Saisie,
  /** The SOAP endpoint of the web service. */
  soapUrl: Schema.optionalWith(HttpUrl, { default: () => PAYFIP_PRODUCTION_SOAP_URL }),
  /** The payment page the family is redirected to, with `?idop=`. */
  serviceUrl: Schema.optionalWith(HttpUrl, { default: () => PAYFIP_PRODUCTION_SERVICE_URL }),
  /** The portal's URL PayFiP posts its notification to (`urlnotif`). */
  notificationUrl: HttpUrl,
  /** The portal's URL the family comes back to (`urlredirect`). */
  returnUrl: HttpUrl,
  /** The start of the object shown to the payer; the invoice numbers follow. */
  objectPrefix: Schema.optionalWith(Schema.String, { default: () => "Factures enfance" }),
  /** How long a call to the web service may take before the service is deemed unavailable. */
  timeoutMillis: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 10_000 })
}) {}

/** The settings as written in a configuration file, before defaults. */
export type PayfipSettingsInput = typeof PayfipSettings.Encoded

const decodeSettings = Schema.decodeUnknownEither(PayfipSettings, { errors: "all", onExcessProperty: "ignore" })

/** Reads PayFiP settings from configuration; every wrong field is named with a French message. */
export function parsePayfipSettings(input: unknown): Either.Either<PayfipSettings, PayfipSettingsInvalid> {
  return Either.mapLeft(
    decodeSettings(input),
    (error) =>
      new PayfipSettingsInvalid({
        problems: ParseResult.ArrayFormatter.formatErrorSync(error)
          .filter((issue) => !issue.message.startsWith("Expected undefined"))
          .map((issue) => ({
            field: issue.path.map(String).join(".") || "réglages",
            message: issue.path.length > 0 && issue._tag === "Missing" ? "Ce réglage est obligatoire." : issue.message
          }))
      })
  )
}
