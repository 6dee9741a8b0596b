/**
 * Readable secrets made from random bytes: no letter that reads like another (no i, l, o, 0), so a
 * temporary password can be typed from a letter or a mail without mistakes.
 */
export const readableAlphabet = "abcdefghjkmnpqrstuvwxyz123456789"

/** `length` characters of `readableAlphabet`, one per random byte (32 characters: no bias). */
export function readableCode(bytes: Uint8Array, length: number): string {
  if (bytes.length < length) throw new RangeError(`Need ${length} random bytes, got ${bytes.length}`)
  let out = ""
  for (let i = 0; i < length; i++) out += readableAlphabet[(bytes[i] ?? 0) & 31]
  return out
}

/** Random bytes needed for a temporary password. */
export const temporaryPasswordBytes = 16

/**
 * A temporary password of 16 readable characters in 4 groups (80 bits), e.g. `k7pm-x3rt-9qaz-h2wd`;
 * valid only for the first login.
 */
export function temporaryPasswordFrom(bytes: Uint8Array): string {
  const code = readableCode(bytes, temporaryPasswordBytes)
  return [0, 4, 8, 12].map((i) => code.slice(i, i + 4)).join("-")
}

/** Random bytes needed for the suffix of a generated identifier. */
export const generatedLoginSuffixBytes = 4

/**
 * A readable identifier from a household's reference and 4 random characters, e.g. reference
 * `F-2026-0042` → `f20260042.k7pm`. The family replaces it at the first login.
 */
export function loginFromReference(reference: string, bytes: Uint8Array): string {
  const slug = reference
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 40)
  return `${slug.length > 0 ? slug : "famille"}.${readableCode(bytes, generatedLoginSuffixBytes)}`
}

/** Random bytes in a reset token (256 bits). */
export const resetTokenBytes = 32

/** Lower-case hex of bytes: the form of reset tokens in links. */
export function hexOf(bytes: Uint8Array): string {
  let out = ""
  for (const b of bytes) out += b.toString(16).padStart(2, "0")
  return out
}
