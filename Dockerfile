# syntax=docker/dockerfile:1
# Warroom image: built with the dev tools, run as compiled JavaScript (node dist/server.js) with
# production dependencies only, as the unprivileged `node` user. See README "Deployment".
ARG NODE_VERSION=20

# 1. Build: Prisma client, OpenAPI document, Next production build, dist/server.js.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# Install scripts run below, once the sources they read are there.
RUN npm ci --ignore-scripts
COPY . .
RUN npx prisma generate && npm run build && rm -rf .next/cache

# 2. Production dependencies only: no TypeScript, tsx, esbuild, test or lint tools.
FROM node:${NODE_VERSION}-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# 3. Runtime.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    WARROOM_DATA_DIR=/app/data/pglite
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/next.config.ts /app/tsconfig.json /app/tsconfig.next.json /app/stack.demo.yaml ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/schema ./schema
COPY --from=build /app/playbooks ./playbooks
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/lib/ops/openapi.generated.json ./lib/ops/openapi.generated.json
# The code is root's and read-only to the app; it writes only its data (embedded database, when
# DATABASE_URL is not set) and Next's cache.
RUN mkdir -p /app/data /app/.next/cache && chown node:node /app/data /app/.next/cache
USER node
EXPOSE 3000
VOLUME ["/app/data"]
# Liveness: a restart is the cure only for a process that no longer answers. Readiness
# (/api/health/ready: migrated, database reachable, not draining) is for balancers and orchestrators.
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: readiness fails, the port closes, live connections close, in-flight requests finish
# (3 s at most), the scheduler lease is released; exit 0 within 5 s.
STOPSIGNAL SIGTERM
# A young generation twice V8's default: a broadcast to hundreds of sockets allocates fast, and half
# as many scavenges means half as many live events held up by one (bench/RESULTS.md, fan-out).
CMD ["node", "--max-semi-space-size=32", "dist/server.js"]
