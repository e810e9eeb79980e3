# One image for every Driftwatch service; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps/cli/package.json apps/cli/package.json
RUN DRIFTWATCH_SKIP_BUILD=1 npm install --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build --outputStyle=static

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DRIFTWATCH_DATA_DIR=/var/lib/driftwatch
COPY --from=build /app /app
USER node
EXPOSE 8080
CMD ["node", "dist/apps/standalone/apps/standalone/src/main.js"]
