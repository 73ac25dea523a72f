/** @returns {import('next').NextConfig} */
function standalone() {
  return {
    output: "standalone",
    // Read at run time from process.cwd()/node_modules by lib/api/docs.ts, which the trace cannot see.
    outputFileTracingIncludes: {
      "/api/docs/assets/[file]": ["./node_modules/swagger-ui-dist/swagger-ui-bundle.js", "./node_modules/swagger-ui-dist/swagger-ui.css"],
    },
  };
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships a WASM build of Postgres and loads it from its own package directory at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pino"],
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx.
    authInterrupts: true,
    // The largest server-action body (lib/schemas/text.ts ACTION_BODY_LIMIT, which proxy.ts enforces with
    // a plain 413 first; Next.js itself would answer a larger one with a 500).
    serverActions: { bodySizeLimit: "1mb" },
  },
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (it is part of `npm test` and CI); checking again inside
  // every build only doubles the build time.
  typescript: { ignoreBuildErrors: true },
  // Lets the e2e tier build into its own directory without disturbing a developer's `.next`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The container image (Dockerfile) and scripts/smoke-standalone.mjs build a self-contained server.js with
  // only the node_modules it traces (scripts/build-standalone.mjs); `next build` / `next start` everywhere
  // else stay as they are.
  ...(process.env.NEXT_OUTPUT === "standalone" ? standalone() : {}),
  // The per-request Content-Security-Policy (with its script nonce) is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
        ],
      },
    ];
  },
};

export default nextConfig;
