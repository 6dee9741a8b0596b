import { fc, test } from "@fast-check/vitest"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { BillingSettings } from "../../src/billing/BillingSettings.js"
import { defaultCreditNoteNumberFormat, defaultInvoiceNumberFormat, DocumentNumberFormat, formatDocumentNumber, NumberTemplate } from "../../src/billing/DocumentNumber.js"

describe("document numbers", () => {
  it("formats the town's default series: F-2026-000123 and A-2026-000007", () => {
    expect(formatDocumentNumber(defaultInvoiceNumberFormat, 2026, 123)).toBe("F-2026-000123")
    expect(formatDocumentNumber(defaultCreditNoteNumberFormat, 2026, 7)).toBe("A-2026-000007")
    const custom = DocumentNumberFormat.make({ prefix: "REG1", template: NumberTemplate.make("{year}/{prefix}/{seq}") })
    expect(formatDocumentNumber(custom, 2027, 42)).toBe("2027/REG1/42")
  })

  it("refuses a template without the year or the sequence, in French", () => {
    const decoded = Schema.decodeUnknownEither(NumberTemplate)("{prefix}-{seq:6}")
    expect(Either.isLeft(decoded) && decoded.left.message).toContain("doit contenir {year} et {seq}")
  })

  it("defaults every billing setting", () => {
    const settings = BillingSettings.make({})
    expect(settings.paymentTermDays).toBe(30)
    expect(settings.invoiceNumbers.prefix).toBe("F")
    expect(settings.rules.bookedUnrecorded).toBe("unit-price")
  })

  test.prop([fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 2000, max: 2100 })])(
    "distinct sequence numbers give distinct document numbers in the same year",
    (a, b, year) => {
      fc.pre(a !== b)
      expect(formatDocumentNumber(defaultInvoiceNumberFormat, year, a)).not.toBe(formatDocumentNumber(defaultInvoiceNumberFormat, year, b))
    }
  )
})
