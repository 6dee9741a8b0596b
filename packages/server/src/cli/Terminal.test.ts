import { describe, expect, it } from "vitest"
import { processTerminal } from "./Terminal.js"

const stream = (isTTY: boolean) => {
  const written: Array<string> = []
  const fake = { isTTY, columns: 40, write: (chunk: string) => written.push(chunk) > 0 }
  return { fake: fake as unknown as NodeJS.WriteStream, written }
}

describe("the terminal", () => {
  it("redraws the progress line in place on a terminal, and clears it before a result", () => {
    const out = stream(true)
    const err = stream(true)
    const terminal = processTerminal(out.fake, err.fake)
    terminal.progress("Émission : facture 1")
    terminal.out("Émis : 1 facture.")
    expect(out.written).toEqual(["\r\x1b[2KÉmission : facture 1", "\r\x1b[2K", "Émis : 1 facture.\n"])
    terminal.progress("x".repeat(100))
    expect(out.written.at(-1)).toBe(`\r\x1b[2K${"x".repeat(38)}…`)
  })

  it("shows no progress in a file or a pipe, only the lines", () => {
    const out = stream(false)
    const terminal = processTerminal(out.fake, stream(false).fake)
    terminal.progress("Lecture : foyer 12")
    terminal.endProgress()
    terminal.out("Terminé.")
    expect(out.written).toEqual(["Terminé.\n"])
  })
})
