import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Three tiers share one config:
// - unit:        *.test.ts beside the code, no database (the sandbox's contract tests run here too: they
//                start it on a free port in-process);
// - integration: *.int.test.ts, each file on its own in-memory PGlite with the migrations applied, or on a
//                fresh database of TEST_DATABASE_URL's server (the PostgreSQL tier, scripts/test-postgres.mjs).
// The SDK warns once per process that its 2027 releases will need Node 22; in tests that is noise.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const alias = {
  "@": fileURLToPath(new URL("./", import.meta.url)),
  "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          env,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          setupFiles: ["test/setup-env.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          env,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
