# syntax=docker/dockerfile:1
# The portal's container image: Next.js's standalone server, the migrate command, the worker and the AWS
# sandbox, on node:20-bookworm-slim as a non-root user. docs/deploy.md explains how to run each role.
#
#   docker build -t workspaces-portal .
#   docker run --rm -e DATABASE_URL=postgres://... workspaces-portal node scripts/migrate.mjs   # migrate first
#   docker run -e PORTAL_ROLE=web -e DATABASE_URL=... -e AUTH_SECRET=... -e PORTAL_AWS_MODE=aws -p 3000:3000 workspaces-portal
#   docker run -e PORTAL_ROLE=worker -e DATABASE_URL=... -e PORTAL_AWS_MODE=aws workspaces-portal node --max-old-space-size=128 --max-semi-space-size=4 scripts/worker.mjs

ARG NODE_IMAGE=node:20-bookworm-slim

# --- dependencies: the whole tree, dev dependencies included (the build needs Next.js, Prisma's CLI, esbuild).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
# postinstall runs `prisma generate`, which needs the schema; it writes the client into lib/generated.
RUN npm ci --no-audit --no-fund

# --- build: the standalone server, and the command-line entries bundled into single files.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/lib/generated ./lib/generated
RUN node scripts/build-standalone.mjs

# --- runtime: only the standalone tree (server.js, its traced node_modules, static files, migrations,
# the embedded database's worker thread, scripts/*.mjs).
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=true \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PORTAL_DATA_DIR=/data
RUN groupadd --system --gid 10001 portal \
 && useradd --system --uid 10001 --gid portal --home-dir /app --shell /usr/sbin/nologin portal \
 && mkdir -p /data && chown portal:portal /data
COPY --from=build --chown=root:root /app/.next/standalone ./
# The code stays root-owned and read-only to the process; only Next.js's cache directory is writable.
RUN mkdir -p .next/cache && chown portal:portal .next/cache
USER portal
EXPOSE 3000
# Liveness only (/api/health); load balancers and Kubernetes use /api/ready for readiness. The slim image
# has no curl, so node asks. A worker (PORTAL_ROLE=worker) answers /api/health on WORKER_PORT instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p=process.env.PORTAL_ROLE==='worker'?(process.env.WORKER_PORT||3001):(process.env.PORT||3000);fetch('http://127.0.0.1:'+p+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A web instance's heap cap: without one V8 lets the heap grow lazily towards its ~2 GiB default. 256 MiB ran out
# when 100 people pressed it past saturation (renders in flight); 384 MiB held there, up to 560 MiB resident
# (docs/benchmarks.md, "Chaos"). Give the container 768 MiB.
CMD ["node", "--max-old-space-size=384", "server.js"]
