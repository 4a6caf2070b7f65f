import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "app/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/services.global-setup.ts"],
          setupFiles: ["tests/support/integration-env.ts"],
          // Sized for a 2-core machine that another build keeps busy: a portal with the demo
          // seed can take a minute to start there.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: "forks",
          maxWorkers: 2,
        },
      },
    ],
  },
});
