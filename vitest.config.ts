import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "adapters/*/src/**/*.test.ts", "examples/*/src/**/*.test.ts", "tests/integration/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "tests/e2e/**"],
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
