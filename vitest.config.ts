import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests share one database and spawn real worker processes, so files run one at a time.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/integration/**/*.test.ts", "server/**/*.test.ts", "worker/**/*.test.ts", "scripts/**/*.test.ts", "tests/deploy/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ["server-only"] } },
    alias: { "server-only": path.resolve(import.meta.dirname, "tests/helpers/server-only-stub.ts") },
  },
});
