// compose.yaml, checked the way Compose reads it: YAML parsed, ${...}
// interpolated from an environment (the one the containers run with), then
// held to the shape this project relies on. Neither `docker compose config`
// nor podman-compose 1.0's commands can validate without a daemon or side
// effects, so the check is ours; it also cross-checks what Compose cannot:
// build targets exist in the Dockerfile and every variable passed to the
// apps is one .env.example documents.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Compose's interpolation: $$, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
export function interpolate(text, env) {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (match, name, op, arg) => {
      if (match === "$$") return "$";
      const value = env[name];
      const unsetOrEmpty = value === undefined || value === "";
      switch (op) {
        case ":-":
          return unsetOrEmpty ? arg : value;
        case "-":
          return value === undefined ? arg : value;
        case ":?":
          if (unsetOrEmpty) throw new Error(`${name}: ${arg}`);
          return value;
        case "?":
          if (value === undefined) throw new Error(`${name}: ${arg}`);
          return value;
        default:
          return value ?? "";
      }
    },
  );
}

const Duration = z.string().regex(/^(\d+(ms|s|m|h))+$/, "a duration such as 10s");
const Healthcheck = z.strictObject({
  test: z.union([z.array(z.string()).min(2), z.string()]),
  interval: Duration.optional(),
  timeout: Duration.optional(),
  retries: z.number().int().positive().optional(),
  start_period: Duration.optional(),
});
const Service = z
  .strictObject({
    image: z.string().optional(),
    build: z.strictObject({ context: z.string(), target: z.string().optional() }).optional(),
    // A null value (`KEY:` or an empty interpolation) passes the variable through unset.
    environment: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    ports: z.array(z.string().regex(/^\d+:\d+$/)).optional(),
    volumes: z.array(z.string()).optional(),
    depends_on: z
      .record(
        z.string(),
        z.strictObject({ condition: z.enum(["service_started", "service_healthy"]) }),
      )
      .optional(),
    healthcheck: Healthcheck.optional(),
    stop_grace_period: Duration.optional(),
    restart: z.enum(["no", "always", "on-failure", "unless-stopped"]).optional(),
  })
  .refine((service) => service.image || service.build, "a service needs an image or a build");
const Compose = z.strictObject({
  name: z.string().optional(),
  services: z.record(z.string(), Service),
  volumes: z.record(z.string(), z.null().or(z.object({}))).optional(),
});

/** Throws with every problem found; returns the interpolated document. */
export function checkComposeFile(env, file = join(root, "compose.yaml")) {
  const doc = Compose.parse(parse(interpolate(readFileSync(file, "utf8"), env)));
  const problems = [];
  const stages = new Set(
    [...readFileSync(join(root, "Dockerfile"), "utf8").matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map(
      (m) => m[1],
    ),
  );
  const documented = new Set(
    [
      ...readFileSync(join(root, ".env.example"), "utf8").matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm),
    ].map((m) => m[1]),
  );
  for (const [name, service] of Object.entries(doc.services)) {
    for (const needed of Object.keys(service.depends_on ?? {})) {
      if (!doc.services[needed]) problems.push(`${name} depends on unknown service ${needed}`);
    }
    for (const volume of service.volumes ?? []) {
      const source = volume.split(":")[0];
      if (!source.startsWith(".") && !source.startsWith("/") && !(source in (doc.volumes ?? {}))) {
        problems.push(`${name} mounts undeclared volume ${source}`);
      }
    }
    if (!service.build) continue;
    if (service.build.target && !stages.has(service.build.target)) {
      problems.push(`${name} builds target ${service.build.target}, which the Dockerfile lacks`);
    }
    if (!service.healthcheck) problems.push(`${name} has no healthcheck`);
    for (const variable of Object.keys(service.environment ?? {})) {
      if (!documented.has(variable))
        problems.push(`${name} sets ${variable}, which .env.example does not document`);
    }
  }
  if (problems.length > 0) throw new Error(`compose.yaml: ${problems.join("; ")}`);
  return doc;
}

/** For the container test: the file holds with the containers' environment. */
export function checkCompose(_engine, env) {
  checkComposeFile(env);
}
