import { Either, Schema } from "effect"
import { MediaType } from "./SupportingDocument.js"

/** What files families may upload, each field a town setting. */
export class UploadPolicy extends Schema.Class<UploadPolicy>("UploadPolicy")({
  maxBytes: Schema.Int.pipe(Schema.positive()),
  acceptedMediaTypes: Schema.NonEmptyArray(MediaType)
}) {}

/** Defaults: up to 10 Mio, PDF, JPEG or PNG. */
export const defaultUploadPolicy = new UploadPolicy({
  maxBytes: 10 * 1024 * 1024,
  acceptedMediaTypes: [MediaType.make("application/pdf"), MediaType.make("image/jpeg"), MediaType.make("image/png")]
})

/** A size in French units: "850 octets", "120 ko", "10 Mo", "3,5 Mo" (1 Mo = 1 048 576 octets). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`
  const tenths = Math.round((bytes * 10) / (1024 * 1024))
  return tenths % 10 === 0 ? `${tenths / 10} Mo` : `${Math.floor(tenths / 10)},${tenths % 10} Mo`
}

const mediaTypeNames: Readonly<Record<string, string>> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG"
}
const nameOfMediaType = (mediaType: string): string => mediaTypeNames[mediaType] ?? mediaType
const listOfTypes = (types: ReadonlyArray<string>): string => {
  const names = types.map(nameOfMediaType)
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} ou ${names.at(-1)}`
}

/** The uploaded file is empty. */
export class DocumentEmpty extends Schema.TaggedError<DocumentEmpty>()("DocumentEmpty", {
  name: Schema.String
}) {
  override get message(): string {
    return `Le fichier « ${this.name} » est vide : vérifiez-le (une photo ou un scan du justificatif) et déposez-le à nouveau.`
  }
}

/** The uploaded file is larger than the town accepts. */
export class DocumentTooLarge extends Schema.TaggedError<DocumentTooLarge>()("DocumentTooLarge", {
  name: Schema.String,
  sizeBytes: Schema.Int,
  maxBytes: Schema.Int
}) {
  override get message(): string {
    const size = formatFileSize(this.sizeBytes)
    const max = formatFileSize(this.maxBytes)
    return `Le fichier « ${this.name} » dépasse la taille acceptée de ${max}${size === max ? "" : ` (il pèse ${size})`} : réduisez-le (scan en 150 ppp, photo moins grande) ou déposez les pages en plusieurs fichiers.`
  }
}

/** The uploaded file is of a type the town does not accept. */
export class DocumentTypeNotAccepted extends Schema.TaggedError<DocumentTypeNotAccepted>()("DocumentTypeNotAccepted", {
  name: Schema.String,
  mediaType: Schema.String,
  accepted: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `Le fichier « ${this.name} » est de type ${nameOfMediaType(this.mediaType)}, que le portail n'accepte pas : déposez un fichier ${listOfTypes(this.accepted)} (un scan ou une photo du justificatif).`
  }
}

/** The file's content is not of the type it claims (a renamed file). */
export class DocumentContentMismatch extends Schema.TaggedError<DocumentContentMismatch>()("DocumentContentMismatch", {
  name: Schema.String,
  mediaType: Schema.String
}) {
  override get message(): string {
    return `Le contenu du fichier « ${this.name} » n'est pas un vrai fichier ${nameOfMediaType(this.mediaType)} (il a peut-être été renommé) : enregistrez-le à nouveau au format ${nameOfMediaType(this.mediaType)} puis déposez-le.`
  }
}

/** An upload refused by the upload policy. */
export type UploadRefused = DocumentEmpty | DocumentTooLarge | DocumentTypeNotAccepted | DocumentContentMismatch

/** The file an upload brings: its name, the type declared by the browser, its bytes. */
export interface UploadCandidate {
  readonly name: string
  readonly mediaType: string
  readonly bytes: Uint8Array
}

const signatures: Readonly<Record<string, ReadonlyArray<number>>> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff]
}

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)

/** A declared media type, lower-cased and without parameters (`image/JPEG; q=1` → `image/jpeg`). */
export const normalizeMediaType = (input: string): string => (input.split(";")[0] ?? "").trim().toLowerCase()

/**
 * Checks an upload against the policy: not empty, not over the size limit, of an accepted type,
 * and, for PDF, PNG and JPEG, content starting as that type does. Returns the normalized type.
 *
 * @example
 * checkUpload({ name: "avis.pdf", mediaType: "application/pdf", bytes }, defaultUploadPolicy) // Right("application/pdf")
 */
export function checkUpload(candidate: UploadCandidate, policy: UploadPolicy = defaultUploadPolicy): Either.Either<MediaType, UploadRefused> {
  const { name, bytes } = candidate
  const mediaType = normalizeMediaType(candidate.mediaType)
  if (bytes.length === 0) return Either.left(new DocumentEmpty({ name }))
  if (bytes.length > policy.maxBytes) {
    return Either.left(new DocumentTooLarge({ name, sizeBytes: bytes.length, maxBytes: policy.maxBytes }))
  }
  const accepted = policy.acceptedMediaTypes.find((t) => t === mediaType)
  if (accepted === undefined) {
    return Either.left(new DocumentTypeNotAccepted({ name, mediaType, accepted: [...policy.acceptedMediaTypes] }))
  }
  const signature = signatures[accepted]
  if (signature !== undefined && !startsWith(bytes, signature)) {
    return Either.left(new DocumentContentMismatch({ name, mediaType: accepted }))
  }
  return Either.right(accepted)
}
