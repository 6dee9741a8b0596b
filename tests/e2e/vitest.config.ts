import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/support/globalSetup.ts"],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false
  }
})
