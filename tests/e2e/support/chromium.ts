import { existsSync } from "node:fs"
import { chromium, type Browser } from "playwright-core"

/** The system Chromium the browser tests drive; never a downloaded build. */
export const chromiumPath = process.env["SPE_CHROMIUM_PATH"] ?? "/usr/bin/chromium"

export const chromiumMissingMessage =
  `Chromium is not installed at ${chromiumPath}: the browser tests cannot run. ` +
  "Install Debian's package (apt-get update && apt-get install -y chromium) or set SPE_CHROMIUM_PATH."

export function chromiumIsPresent(): boolean {
  return existsSync(chromiumPath)
}

/**
 * Launches the system Chromium headless with the flags this machine needs. Playwright gives each
 * launch a fresh temporary profile and removes it on close.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
}
