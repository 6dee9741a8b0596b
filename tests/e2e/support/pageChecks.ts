import { createRequire } from "node:module"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { Page } from "playwright-core"
import { expect } from "vitest"

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

/** Where the browser tests keep their screenshots (git-ignored). */
export const artifacts = fileURLToPath(new URL("../artifacts/", import.meta.url))

interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: ReadonlyArray<{ readonly target: ReadonlyArray<string> }>
}

/**
 * Runs axe-core on the page for WCAG 2.0/2.1 A and AA and fails with the list of violations (rule,
 * help, elements). The script is evaluated through the DevTools protocol, so the page's CSP stays on.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.evaluate(axeSource)
  const violations = await page.evaluate<ReadonlyArray<AxeViolation>>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`
  )
  const described = violations.map((v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
  expect(described, `axe-core on ${page.url()}`).toEqual([])
}

/** Fails when the page scrolls sideways (wider than the viewport). */
export async function expectNoHorizontalScrolling(page: Page): Promise<void> {
  const size = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })"
  )
  expect(size.scrollWidth, `horizontal scrolling on ${page.url()}`).toBeLessThanOrEqual(size.innerWidth)
}

/** No horizontal scrolling, and a full-page screenshot kept as an artifact (`<name>-<width>.png`). */
export async function checkLayout(page: Page, name: string): Promise<void> {
  await expectNoHorizontalScrolling(page)
  const width = page.viewportSize()?.width ?? 0
  await page.screenshot({ path: `${artifacts}${name}-${width}.png`, fullPage: true })
}

/**
 * The checks every page of the walkthrough gets: no WCAG 2.1 AA violation (axe-core needs
 * JavaScript: pages opened without it get `checkLayout` only), no horizontal scrolling, a screenshot.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page)
  await checkLayout(page, name)
}
