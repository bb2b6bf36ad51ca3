// The container files checked without a Docker engine: compose.yaml against
// what each app's configuration module requires, and the Dockerfile's two
// runtime targets against the rules every image here follows.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseConfig as parseApiConfig } from "../../apps/api/src/config";
import { parseConfig as parseWebConfig } from "../../apps/web/src/server/config.server";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

type Service = {
  build?: { context: string; dockerfile?: string; target?: string };
  image?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string | string[] };
};
const compose = parse(read("compose.yaml")) as { services: Record<string, Service> };
const services = compose.services;
const environmentOf = (name: string): Record<string, string> => services[name]?.environment ?? {};

// Compose interpolation: ${NAME}, ${NAME:-default}, ${NAME-default},
// ${NAME:?message}, ${NAME?message}; $$ is a literal dollar.
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g;

function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(REFERENCE, (match, name?: string, operator?: string, argument = "") => {
    if (match === "$$" || name === undefined) return "$";
    const set = shell[name];
    const missing = operator?.startsWith(":") ? !set : set === undefined;
    if (!missing) return set ?? "";
    if (operator?.endsWith("?")) throw new Error(`${name}: ${argument}`);
    return operator ? argument : "";
  });
}

function referencedNames(value: string): string[] {
  return [...value.matchAll(REFERENCE)].flatMap(([, name]) => (name ? [name] : []));
}

/** What a container of `service` sees when compose runs with `shell` (and no .env). */
function resolvedEnvironment(service: string, shell: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(environmentOf(service)).map(([key, value]) => [
      key,
      interpolate(String(value), shell),
    ]),
  );
}

const SECRET = "q7Vx2Lp9Zt4Rk8Nw3Hc6Jf1Bm5Ys0DgE";
const FEED_SECRET = "r4Tg8Kw2Pz6Xn1Qm5Jc9Hv3Ld7Sb0FyA";
const shell = { BETTER_AUTH_SECRET: SECRET, REVOCATION_FEED_SECRET: FEED_SECRET };

// What each app needs in this setup (PostgreSQL, Redis, containers on one
// network), from the rules in apps/web/src/server/config.server.ts and
// apps/api/src/config.ts: the defaults point at localhost, which inside a
// container is the container itself.
const WEB_REQUIRES = [
  "BETTER_AUTH_SECRET", // required whenever DATABASE_URL is PostgreSQL
  "REVOCATION_FEED_SECRET", // likewise, in both apps
  "DATABASE_URL",
  "WEB_URL",
  "API_URL",
  "REDIS_URL",
];
const API_REQUIRES = ["DATABASE_URL", "REVOCATION_FEED_SECRET", "WEB_URL", "API_URL", "JWKS_URL"];

const envExampleNames = new Set(
  read(".env.example")
    .split("\n")
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

describe("compose.yaml", () => {
  it("runs postgres, redis, the api and the web app", () => {
    expect(Object.keys(services).sort()).toEqual(["api", "postgres", "redis", "web"]);
    expect(services.api?.build?.target).toBe("api");
    expect(services.web?.build?.target).toBe("web");
    expect(services.api?.build?.context).toBe(".");
    expect(services.web?.build?.context).toBe(".");
  });

  it("gives the web app every variable it requires with PostgreSQL, and the values pass its config validation", () => {
    expect(Object.keys(environmentOf("web"))).toEqual(expect.arrayContaining(WEB_REQUIRES));
    const config = parseWebConfig(resolvedEnvironment("web", shell), "/app");
    expect(config.database.kind).toBe("postgres");
    expect(config.authSecret).toBe(SECRET);
    expect(config.redis?.url).toBe("redis://redis:6379");
  });

  it("gives the api every variable it requires with PostgreSQL, and the values pass its config validation", () => {
    expect(Object.keys(environmentOf("api"))).toEqual(expect.arrayContaining(API_REQUIRES));
    const config = parseApiConfig(resolvedEnvironment("api", shell), "/app");
    expect(config.database.kind).toBe("postgres");
    expect(config.port).toBe(8000);
    expect(new URL(config.jwks.url).host).toBe("web:3000");
    expect(config.revocations.secret).toBe(FEED_SECRET);
  });

  it("refuses to start the web app without BETTER_AUTH_SECRET instead of running with none", () => {
    expect(environmentOf("web").BETTER_AUTH_SECRET).toMatch(/^\$\{BETTER_AUTH_SECRET:\?.+\}$/);
    expect(() => resolvedEnvironment("web", {})).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("makes the api expect exactly the issuer and audience the web app signs with, by default and when overridden", () => {
    const overrides = {
      ...shell,
      WEB_URL: "https://tasks.example.com",
      API_URL: "https://api.tasks.example.com",
    };
    for (const given of [shell, overrides]) {
      const web = parseWebConfig(resolvedEnvironment("web", given), "/app");
      const api = parseApiConfig(resolvedEnvironment("api", given), "/app");
      expect(api.jwt.issuer).toBe(web.jwtIssuer);
      expect(api.jwt.issuer).toBe(web.baseUrl);
      expect(api.jwt.audience).toBe(web.jwtAudience);
      expect(api.jwt.audience).not.toBe(api.jwt.issuer);
      expect(api.corsOrigins).toContain(web.baseUrl);
      expect(web.apiUrl).toBe(api.publicUrl);
      expect(api.database).toMatchObject({
        url: web.database.kind === "postgres" ? web.database.url : "",
      });
    }
    const moved = parseApiConfig(resolvedEnvironment("api", overrides), "/app");
    expect(moved.jwt.issuer).toBe("https://tasks.example.com");
    expect(moved.jwt.audience).toBe("https://api.tasks.example.com");
  });

  it("fetches the JWKS from the web service's /api/auth/jwks over the project network", () => {
    const url = new URL(resolvedEnvironment("api", shell).JWKS_URL ?? "");
    expect(url.hostname).toBe("web");
    expect(url.pathname).toBe("/api/auth/jwks");
  });

  it("keeps secrets out of the file: BETTER_AUTH_SECRET only comes from the environment", () => {
    for (const name of ["api", "web"]) {
      const secret = environmentOf(name).BETTER_AUTH_SECRET;
      if (secret !== undefined) expect(referencedNames(secret)).toEqual(["BETTER_AUTH_SECRET"]);
    }
  });

  it("C23: gives both apps the same REVOCATION_FEED_SECRET, from the environment only", () => {
    for (const name of ["api", "web"]) {
      const secret = environmentOf(name).REVOCATION_FEED_SECRET ?? "";
      expect(referencedNames(secret)).toEqual(["REVOCATION_FEED_SECRET"]);
      expect(() => resolvedEnvironment(name, { BETTER_AUTH_SECRET: SECRET })).toThrow(
        /REVOCATION_FEED_SECRET/,
      );
    }
  });

  it("gives every service a healthcheck", () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(JSON.stringify(services.api?.healthcheck?.test)).toContain("/ready");
  });

  it("starts each app only once the services it depends on are healthy", () => {
    expect(Object.keys(services.api?.depends_on ?? {}).sort()).toEqual(["postgres", "redis"]);
    expect(Object.keys(services.web?.depends_on ?? {}).sort()).toEqual(["postgres", "redis"]);
    for (const name of ["api", "web"]) {
      for (const [dependency, { condition }] of Object.entries(services[name]?.depends_on ?? {})) {
        expect(condition, `${name} -> ${dependency}`).toBe("service_healthy");
      }
    }
  });

  it("names only variables documented in .env.example (no typos)", () => {
    const named = new Set<string>();
    for (const name of ["api", "web"]) {
      for (const [key, value] of Object.entries(environmentOf(name))) {
        named.add(key);
        for (const reference of referencedNames(String(value))) named.add(reference);
      }
    }
    const undocumented = [...named].filter((name) => !envExampleNames.has(name));
    expect(undocumented).toEqual([]);
  });
});

// Every workspace (apps/*, packages/*) whose manifest npm ci needs to match the lockfile.
const workspaceManifests = ["apps", "packages"].flatMap((folder) =>
  readdirSync(join(root, folder))
    .map((entry) => `${folder}/${entry}/package.json`)
    .filter((file) => existsSync(join(root, file))),
);

const dockerfile = read("Dockerfile");
const dockerLines = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));

/** The instructions of one stage, from its FROM line to the next. */
function stage(name: string): string[] {
  const start = dockerLines.findIndex((line) =>
    new RegExp(`^FROM\\s.+\\sAS\\s${name}$`, "i").test(line),
  );
  if (start === -1) return [];
  const next = dockerLines.findIndex((line, i) => i > start && /^FROM\s/i.test(line));
  return dockerLines.slice(start, next === -1 ? undefined : next);
}

describe.each(["api", "web"])("Dockerfile target %s", (target) => {
  const finalStage = stage(target);
  const instruction = (name: string) =>
    finalStage.filter((line) => line.toUpperCase().startsWith(`${name} `));

  it("is a runtime stage of its own that starts from a Node image", () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:\d+-bookworm-slim/);
    expect(finalStage[0]).toMatch(new RegExp(`^FROM \\$\\{NODE_IMAGE\\} AS ${target}$`));
  });
  it("runs as the unprivileged node user", () => {
    expect(instruction("USER").at(-1)).toBe("USER node");
  });

  it("declares a HEALTHCHECK that needs only node (no curl in slim images)", () => {
    const [healthcheck] = instruction("HEALTHCHECK");
    expect(healthcheck).toContain('"node"');
    expect(healthcheck).toContain("fetch(");
  });

  it("starts node directly, so SIGTERM reaches the server and drains it", () => {
    expect(instruction("STOPSIGNAL")).toEqual(["STOPSIGNAL SIGTERM"]);
    expect(instruction("CMD").at(-1)).toMatch(
      /^CMD \["node", ("--[a-z-]+=\d+", )*"apps\/(api|web)\/.+\.m?js"(, "--[a-z-]+")*\]$/,
    );
    expect(instruction("ENV").join(" ")).toContain("NODE_ENV=production");
  });
});

describe("Dockerfile", () => {
  it("copies every workspace manifest before npm ci, so the lockfile matches", () => {
    const manifests = stage("manifests");
    for (const manifest of workspaceManifests) {
      expect(manifests).toContain(`COPY ${manifest} ${dirname(manifest)}/`);
    }
    expect(manifests).toContain("COPY package.json package-lock.json ./");
  });

  it("builds Next's standalone output and ships its static assets beside server.js", () => {
    expect(stage("web-build").join("\n")).toMatch(/NEXT_OUTPUT=standalone/);
    expect(stage("web")).toContain("COPY --from=web-build /app/apps/web/.next/standalone ./");
    expect(stage("web")).toContain(
      "COPY --from=web-build /app/apps/web/.next/static ./apps/web/.next/static",
    );
    expect(read("apps/web/next.config.ts")).toMatch(
      /output: process\.env\.NEXT_OUTPUT === "standalone" \? "standalone" : undefined/,
    );
  });
});
