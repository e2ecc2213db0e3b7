# syntax=docker/dockerfile:1
# Sagsgang in one image: the back office built once with Vite, the server compiled to JavaScript, only the runtime
# dependencies, run as an unprivileged user with node itself as the process that receives SIGTERM (no npm, no shell).
#
#   docker build -t sagsgang .
#   docker compose up        (compose.yaml: PostgreSQL, two app nodes, nginx in front, one shared file store)
#
# NODE_IMAGE may name any Debian-based image with Node.js 22 or later (a mirror, or one built in-house).
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# The manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/clock/package.json packages/clock/
COPY packages/mining/package.json packages/mining/
# Behind a TLS-inspecting proxy, pass its CA bundle as the build secret `npm_ca`
# (`docker build --secret id=npm_ca,src=ca.pem …`); it is used for the install only and never stored in the image.
RUN --mount=type=secret,id=npm_ca,required=false \
    if [ -f /run/secrets/npm_ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca; fi; \
    npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SAGSGANG_DATA_DIR=/var/lib/sagsgang \
    SAGSGANG_FILE_DIR=/var/lib/sagsgang/files
WORKDIR /app
# What the compiled server reads at run time, and nothing else: no sources, no development dependencies. Files stay
# owned by root, so the process cannot change its own code.
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/apps/server/package.json apps/server/
COPY --from=build /src/apps/server/dist apps/server/dist
COPY --from=build /src/apps/web/package.json apps/web/
COPY --from=build /src/apps/web/dist apps/web/dist
COPY --from=build /src/packages/contracts/package.json packages/contracts/
COPY --from=build /src/packages/contracts/dist packages/contracts/dist
COPY --from=build /src/packages/clock/package.json packages/clock/
COPY --from=build /src/packages/clock/dist packages/clock/dist
COPY --from=build /src/packages/mining/package.json packages/mining/
COPY --from=build /src/packages/mining/dist packages/mining/dist
# The official Node.js images have the user `node` (uid 1000); the file store is the only place it writes.
RUN mkdir -p /var/lib/sagsgang/files && chown -R node:node /var/lib/sagsgang
USER node
VOLUME /var/lib/sagsgang/files
EXPOSE 3000 9464
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is the process the container's stop signal reaches, and it drains (see the README's *Stopping*).
CMD ["node", "apps/server/dist/main.js"]
