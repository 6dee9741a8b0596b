import { Schema } from "effect"
import type { Household, PostalAddress } from "../../household/Household.js"

/** To whom a document is addressed: the household's file reference, its payer and postal address. */
export const AddresseeView = Schema.Struct({
  householdReference: Schema.String,
  familyName: Schema.String,
  name: Schema.String,
  addressLines: Schema.Array(Schema.String),
  email: Schema.String
}).annotations({ identifier: "AddresseeView" })
export type AddresseeView = typeof AddresseeView.Type

/** A postal address on its lines: street, complement, postal code and town. */
export const addressLines = (address: PostalAddress): ReadonlyArray<string> => [
  address.line1,
  ...(address.line2 === undefined || address.line2 === "" ? [] : [address.line2]),
  `${address.postalCode} ${address.city}`
]

/** The household's payer at the household's address. */
export function addresseeView(household: Household): AddresseeView {
  return {
    householdReference: household.reference,
    familyName: household.familyName,
    name: household.payer.fullName,
    addressLines: addressLines(household.address),
    email: household.contact.email
  }
}
