# syntax=docker/dockerfile:1.7
# One image for every Switchboard role; the compose service picks the role with its command:
#   node dist/apps/api/src/main.js        operator HTTP API
#   node dist/apps/gateway/src/main.js    channel intake
#   node dist/apps/projector/src/main.js  projections
#   node dist/apps/notifier/src/main.js   outbound sends

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: full install (dev dependencies included) for the build --------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Manifests first so the install layer is cached until the lock file changes.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# ---- build: compile TypeScript with swc into dist/ (paths preserved), then drop dev deps ----
FROM deps AS build
COPY . .
RUN npm run build \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/apps/gateway/src/main.js \
 && test -f dist/apps/projector/src/main.js \
 && test -f dist/apps/notifier/src/main.js
RUN --mount=type=cache,target=/root/.npm \
    npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies + compiled output, non-root --------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000
WORKDIR /app
# Files stay root-owned and read-only to the process; the app writes nothing to its own tree.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The analytics DDL is applied by the projector at start.
COPY --from=build /app/deploy/clickhouse ./deploy/clickhouse
# The `node` user (uid 1000) ships with the official image.
USER node
EXPOSE 3000 3010 3020 3030
# No curl in the slim image: probe /health/ready with Node's fetch on whatever HTTP_PORT the role uses.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
