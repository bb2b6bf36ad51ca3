import { freePortsSync } from "./free-ports";

/**
 * The suite's two ports: E2E_WEB_PORT and E2E_API_PORT when given, else two
 * ports free at the moment the config loads. Written back to the environment
 * once, by Playwright's main process, so its workers (which load the config
 * again and inherit the environment) and every spec see the same two.
 */
export function e2ePorts(): { webPort: string; apiPort: string } {
  let webPort = process.env.E2E_WEB_PORT;
  let apiPort = process.env.E2E_API_PORT;
  if (!webPort || !apiPort) {
    const [freeWeb, freeApi] = freePortsSync(2);
    webPort ||= String(freeWeb);
    apiPort ||= String(freeApi);
    process.env.E2E_WEB_PORT = webPort;
    process.env.E2E_API_PORT = apiPort;
  }
  return { webPort, apiPort };
}

/**
 * The configuration the end-to-end suite starts the system with: its own
 * ports (e2ePorts) and data directory, everything else the documented defaults.
 *
 * Storage: SQLite under `dataDir` unless E2E_DATABASE_URL names a PostgreSQL
 * database (then E2E_BETTER_AUTH_SECRET and E2E_REVOCATION_FEED_SECRET, which
 * PostgreSQL requires, are used as the secrets); E2E_REDIS_URL and E2E_REDIS_KEY_PREFIX put the web app's rate
 * limits in Redis. `npm test` sets them for its PostgreSQL pass.
 */
export function e2eEnv(dataDir: string) {
  const { webPort, apiPort } = e2ePorts();
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
  // The addresses are spelled out as well as the ports, so the system starts
  // the same whether or not its configuration derives them from the ports.
  return {
    WEB_PORT: webPort,
    API_PORT: apiPort,
    API_URL: apiUrl,
    BETTER_AUTH_URL: webUrl,
    NEXT_PUBLIC_API_URL: apiUrl,
    JWT_ISSUER: webUrl,
    JWT_AUDIENCE: apiUrl,
    JWKS_URL: `${webUrl}/api/auth/jwks`,
    CORS_ORIGINS: webUrl,
    DATA_DIR: dataDir,
    // Every line both services log during the run, for the log audit.
    TASKGATE_LOG_FILE: `${dataDir}/services.log`,
    // Set explicitly (empty = the default) so a developer's .env never leaks in.
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    BETTER_AUTH_SECRET: process.env.E2E_BETTER_AUTH_SECRET ?? "",
    REVOCATION_FEED_SECRET: process.env.E2E_REVOCATION_FEED_SECRET ?? "",
    REDIS_URL: process.env.E2E_REDIS_URL ?? "",
    REDIS_KEY_PREFIX: process.env.E2E_REDIS_KEY_PREFIX ?? "",
    LOG_LEVEL: "info",
    // The suite registers many users from one IP; raised, never switched off.
    AUTH_RATE_LIMIT_MAX: "100",
    // Short, so the key-rotation test waits seconds instead of half a minute.
    JWKS_COOLDOWN_SECONDS: "2",
  };
}
