# One image, every role; docker-compose.yml picks the role with `command:`
#   npx tsx scripts/api.ts | scripts/worker.ts | scripts/projector.ts | scripts/migrate.ts
#   node web/build/index.js
ARG NODE_IMAGE=node:20-bookworm-slim

# --- dependencies: a clean install from the lockfile ---------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV CI=true
COPY package.json package-lock.json ./
# npm install, not npm ci: package-lock.json is made where only linux-x64 optional builds exist.
RUN npm install --no-audit --no-fund

# --- build: the SvelteKit app (adapter-node writes web/build) -------------------------------------
FROM deps AS build
COPY . .
RUN cd web && npx vite build

# --- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# Debian's chromium renders PDFs (CHROMIUM_PATH). The fonts keep rendered text from falling back
# to empty boxes; tini forwards signals and reaps the browser's child processes.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-core tini ca-certificates \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# HOST, PORT and BODY_SIZE_LIMIT are the web server's (adapter-node): its default body limit of
# 512K would refuse credential uploads, which may be 10 MiB (scripts/lib/web-server.ts).
ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium \
    API_HOST=0.0.0.0 \
    HOST=0.0.0.0 \
    PORT=5173 \
    BODY_SIZE_LIMIT=11M \
    NPM_CONFIG_UPDATE_NOTIFIER=false

# Source and dependencies stay owned by root, so the app user cannot rewrite its own code.
# The full node_modules is kept: tsx runs the TypeScript entry points directly.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/web/build ./web/build
COPY . .

# The node image ships an unprivileged `node` user (uid 1000); npx needs a writable home.
USER node
ENV HOME=/home/node

EXPOSE 3000 5173
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["npx", "tsx", "scripts/api.ts"]
