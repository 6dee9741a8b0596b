import { chromiumIsPresent, chromiumMissingMessage } from "./chromium.js"

/** Fails the whole browser suite at once, and loudly, when Chromium is missing. */
export default function requireChromium(): void {
  if (!chromiumIsPresent()) throw new Error(chromiumMissingMessage)
}
