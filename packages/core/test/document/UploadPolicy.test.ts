import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { MediaType } from "../../src/document/SupportingDocument.js"
import { checkUpload, defaultUploadPolicy, formatFileSize, UploadPolicy } from "../../src/document/UploadPolicy.js"

const pdf = (size: number) => {
  const bytes = new Uint8Array(size)
  bytes.set([0x25, 0x50, 0x44, 0x46].slice(0, size))
  return bytes
}
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])
const MiB = 1024 * 1024

describe("Upload policy", () => {
  it("accepts PDF, JPEG and PNG up to 10 Mo, and says the normalized type", () => {
    expect(checkUpload({ name: "avis-2025.pdf", mediaType: "application/pdf", bytes: pdf(10 * MiB) })).toEqual(Either.right("application/pdf"))
    expect(checkUpload({ name: "photo.jpg", mediaType: "image/JPEG", bytes: jpeg })).toEqual(Either.right("image/jpeg"))
    expect(checkUpload({ name: "scan.png", mediaType: "image/png; charset=binary", bytes: png })).toEqual(Either.right("image/png"))
  })

  it("refuses, in French, a file too large, of another type, renamed, or empty", () => {
    const large = checkUpload({ name: "scan.pdf", mediaType: "application/pdf", bytes: pdf(Math.round(12.4 * MiB)) })
    expect(Either.isLeft(large) && large.left.message).toBe(
      "Le fichier « scan.pdf » dépasse la taille acceptée de 10 Mo (il pèse 12,4 Mo) : réduisez-le (scan en 150 ppp, photo moins grande) ou déposez les pages en plusieurs fichiers."
    )
    const justOver = checkUpload({ name: "scan.pdf", mediaType: "application/pdf", bytes: pdf(10 * MiB + 1) })
    expect(Either.isLeft(justOver) && justOver.left.message).toContain("dépasse la taille acceptée de 10 Mo :")
    const word = checkUpload({ name: "lettre.docx", mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: pdf(100) })
    expect(Either.isLeft(word) && word.left.message).toBe(
      "Le fichier « lettre.docx » est de type application/vnd.openxmlformats-officedocument.wordprocessingml.document, que le portail n'accepte pas : déposez un fichier PDF, JPEG ou PNG (un scan ou une photo du justificatif)."
    )
    const renamed = checkUpload({ name: "avis.pdf", mediaType: "application/pdf", bytes: jpeg })
    expect(Either.isLeft(renamed) && renamed.left._tag).toBe("DocumentContentMismatch")
    const empty = checkUpload({ name: "vide.pdf", mediaType: "application/pdf", bytes: new Uint8Array(0) })
    expect(Either.isLeft(empty) && empty.left._tag).toBe("DocumentEmpty")
  })

  it("follows the town's settings and writes sizes the French way", () => {
    const heic = new UploadPolicy({ maxBytes: 2 * MiB, acceptedMediaTypes: [MediaType.make("image/heic")] })
    expect(checkUpload({ name: "photo.heic", mediaType: "image/heic", bytes: pdf(50) }, heic)).toEqual(Either.right("image/heic"))
    expect(formatFileSize(850)).toBe("850 octets")
    expect(formatFileSize(120 * 1024)).toBe("120 ko")
    expect(formatFileSize(3.5 * MiB)).toBe("3,5 Mo")
    expect(defaultUploadPolicy.maxBytes).toBe(10 * MiB)
  })

  test.prop([fc.integer({ min: 4, max: 4096 }), fc.integer({ min: 4, max: 4096 })])(
    "a file is refused as too large exactly when it exceeds the limit",
    (size, maxBytes) => {
      const policy = new UploadPolicy({ ...defaultUploadPolicy, maxBytes })
      const checked = checkUpload({ name: "f.pdf", mediaType: "application/pdf", bytes: pdf(size) }, policy)
      expect(Either.isLeft(checked) && checked.left._tag === "DocumentTooLarge").toBe(size > maxBytes)
      expect(Either.isRight(checked)).toBe(size <= maxBytes)
    }
  )
})
