/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of Postgres and loads it from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino"],
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx.
    authInterrupts: true,
  },
  poweredByHeader: false,
  // Lets the e2e tier build into its own directory without disturbing a developer's `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
