import { type Browser } from "playwright-core";
/** The system Chromium the browser tests drive; never a downloaded build. */
export declare const chromiumPath: string;
export declare const chromiumMissingMessage: string;
export declare function chromiumIsPresent(): boolean;
/**
 * Launches the system Chromium headless with the flags this machine needs. Playwright gives each
 * launch a fresh temporary profile and removes it on close.
 */
export declare function launchChromium(): Promise<Browser>;
//# sourceMappingURL=chromium.d.ts.map