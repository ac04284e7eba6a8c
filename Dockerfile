# syntax=docker/dockerfile:1
# The bot as compiled JavaScript on Node 20. Build: docker build -t article-qa-bot .
# Run: see compose.yaml, or README "Run in production".

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: full dependencies, the C++ toolchain for hnswlib-node, tsc ------------------------
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# node-gyp uses the headers that ship with the image instead of downloading them.
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Compile, then drop devDependencies (typescript, tsx, vitest, ...); the compiled hnswlib-node
# addon stays in node_modules and is copied as is (same base image, same Node ABI).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: no compilers, no TypeScript, not root ------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: passes SIGTERM to node and reaps children (node as PID 1 ignores signals it has
# no handler for and does not reap).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    SEEDS_DIR=/app/seeds \
    VECTORSTORE_DIR=/app/vectorstore \
    HEALTH_PORT=8081
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# SQL migrations for DATABASE_URL (read at run time, beside dist/).
COPY migrations ./migrations
# The sample article, so the image answers something out of the box; mount your own seeds/ over it.
COPY --chown=node:node seeds ./seeds
# The index (and the bot's state, STATE_DIR, which defaults to vectorstore/state) is written at
# run time: the folder belongs to the unprivileged "node" user (uid 1000) of the base image.
RUN mkdir -p /app/vectorstore && chown node:node /app/vectorstore
USER node
VOLUME ["/app/vectorstore"]
# 8080: webhook server (PORT, webhook mode only); 8081: GET /healthz (HEALTH_PORT, any mode).
EXPOSE 8080 8081
# The first start builds the index: at 100k chunks about 3 minutes (docs/benchmarks.md), more with
# remote embeddings. Failed probes in the start period do not count, and the first success ends it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15m --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# Other commands run the same way, e.g.: docker compose run --rm bot node dist/cli/ingest.js
CMD ["node", "dist/cli/start.js"]
