#!/usr/bin/env node
// `npm run test:containers`: the images proven on this machine. Builds the api
// and web images, runs them against the machine's PostgreSQL and Redis (a
// database and key prefix of the run's own), waits for their own
// healthchecks, drives the smoke flow over HTTP, stops both with SIGTERM and
// checks each exits 0, then removes what it made. Uses docker or podman,
// whichever works; where neither does it says so in one line and stops
// (a failure under CI=true). It never changes the machine's configuration:
// scripts/containers/prepare-host.sh does that, and only CI runs it.
// Writes test-results/containers.json ({passed, failed}) for the CI summary.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createTestDatabase,
  deleteRedisKeys,
  postgresProblem,
  redisProblem,
  TEST_REDIS_URL,
} from "@taskgate/test-services";
import { baseImage } from "./containers/base-image.mjs";
import { checkCompose } from "./containers/compose-check.mjs";
import { engineRun, findEngine, healthy } from "./containers/engine.mjs";
import { smokeFlow } from "./containers/smoke-flow.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const report = join(root, "test-results/containers.json");
const started = Date.now();
const log = (message) =>
  console.log(
    `[containers ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`,
  );
const results = { passed: 0, failed: 0, failures: [] };

async function step(name, fn) {
  try {
    await fn();
    results.passed += 1;
    log(`ok   ${name}`);
  } catch (error) {
    results.failed += 1;
    results.failures.push({ name, error: error instanceof Error ? error.message : String(error) });
    log(`FAIL ${name}: ${error instanceof Error ? error.message : error}`);
    throw error;
  }
}

function writeReport() {
  mkdirSync(dirname(report), { recursive: true });
  writeFileSync(report, `${JSON.stringify(results, null, 2)}\n`);
}

const engine = findEngine();
if (engine === null) {
  console.log(
    "[containers] neither docker nor podman works here: nothing built (install one; CI prepares podman with scripts/containers/prepare-host.sh)",
  );
  process.exit(process.env.CI === "true" ? 1 : 0);
}
const backing = (await postgresProblem()) ?? (await redisProblem());
if (backing) {
  console.log(`[containers] ${backing}: the containers need the machine's PostgreSQL and Redis`);
  process.exit(1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const run = randomBytes(4).toString("hex");
const images = {
  api: `localhost/taskgate-api:test-${run}`,
  web: `localhost/taskgate-web:test-${run}`,
};
const names = { api: `taskgate-api-${run}`, web: `taskgate-web-${run}` };
const made = {
  containers: [],
  images: [],
  database: null,
  redisPrefix: `taskgate-containers-${run}:`,
};

async function cleanUp() {
  for (const name of made.containers) {
    try {
      engineRun(engine, ["rm", "-f", name]);
    } catch {}
  }
  for (const image of made.images) {
    try {
      engineRun(engine, ["rmi", "-f", image]);
    } catch {}
  }
  await made.database?.drop().catch(() => {});
  await deleteRedisKeys(made.redisPrefix).catch(() => {});
  log("removed the containers, images, database and Redis keys of this run");
}

process.on("SIGINT", () => {
  cleanUp().finally(() => process.exit(130));
});

try {
  log(`engine: ${engine}`);
  const base = baseImage(engine, log);
  log(`base image: ${base}`);

  // The host's CA bundle as the Dockerfile's optional build secret, so that
  // `npm ci` works behind a TLS-inspecting proxy (docs/deploy.md).
  const caBundle = process.env.CONTAINER_BUILD_CA ?? "/etc/ssl/certs/ca-certificates.crt";
  const secret = caBundle ? ["--secret", `id=ca,src=${caBundle}`] : [];
  for (const target of ["api", "web"]) {
    await step(`build the ${target} image`, async () => {
      log(`building ${images[target]} (several minutes on a cold cache)…`);
      engineRun(
        engine,
        [
          "build",
          // podman's default (OCI) image format has no HEALTHCHECK: the
          // Dockerfile's healthchecks survive only in the docker format.
          ...(engine === "podman" ? ["--format", "docker"] : []),
          "--target",
          target,
          "-t",
          images[target],
          "--build-arg",
          `NODE_IMAGE=${base}`,
          ...secret,
          ".",
        ],
        { inherit: process.env.CONTAINERS_VERBOSE === "1", timeoutMs: 30 * 60_000 },
      );
      made.images.push(images[target]);
    });
  }

  made.database = await createTestDatabase("containers");
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
  const env = {
    WEB_URL: webUrl,
    API_URL: apiUrl,
    WEB_PORT: String(webPort),
    API_PORT: String(apiPort),
    PORT: String(webPort),
    // podman sets HOSTNAME to the machine's name under --network host, which
    // would bind the web server to that name's address instead of every one.
    HOSTNAME: "0.0.0.0",
    DATABASE_URL: made.database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: made.redisPrefix,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    REVOCATION_FEED_SECRET: randomBytes(32).toString("base64url"),
    // Explicit for images built before WEB_URL/API_URL derived them; consistent with both.
    BETTER_AUTH_URL: webUrl,
    NEXT_PUBLIC_API_URL: apiUrl,
    JWT_ISSUER: webUrl,
    JWT_AUDIENCE: apiUrl,
    JWKS_URL: `${webUrl}/api/auth/jwks`,
    CORS_ORIGINS: webUrl,
    REVOCATION_POLL_SECONDS: "1",
  };
  const envArgs = Object.entries(env).flatMap(([key, value]) => ["-e", `${key}=${value}`]);

  await step("compose.yaml parses with the containers' environment", () =>
    checkCompose(engine, env),
  );

  for (const target of ["web", "api"]) {
    await step(`start the ${target} container`, async () => {
      engineRun(engine, [
        "run",
        "-d",
        "--name",
        names[target],
        "--network",
        "host",
        ...envArgs,
        images[target],
      ]);
      made.containers.push(names[target]);
    });
  }

  for (const target of ["web", "api"]) {
    await step(`the ${target} image's healthcheck passes`, async () => {
      const deadline = Date.now() + 120_000;
      while (!healthy(engine, names[target])) {
        if (Date.now() > deadline) {
          const logs = engineRun(engine, ["logs", "--tail", "30", names[target]]);
          throw new Error(`not healthy after 120 s; last logs:\n${logs}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    });
  }

  await smokeFlow({ webUrl, apiUrl }, step);

  for (const target of ["api", "web"]) {
    await step(`SIGTERM stops the ${target} container with exit code 0`, async () => {
      engineRun(engine, ["stop", "-t", "30", names[target]], { timeoutMs: 60_000 });
      const code = engineRun(engine, ["inspect", "--format", "{{.State.ExitCode}}", names[target]]);
      if (code !== "0") {
        const logs = engineRun(engine, ["logs", "--tail", "20", names[target]]);
        throw new Error(`exited ${code}; last logs:\n${logs}`);
      }
    });
  }
} catch {
  // Reported by step(); the summary below names it.
} finally {
  await cleanUp();
  writeReport();
}

console.log(`[containers] ${results.passed} passed, ${results.failed} failed`);
for (const failure of results.failures)
  console.log(`[containers] FAIL ${failure.name}: ${failure.error}`);
process.exit(results.failed === 0 ? 0 : 1);
