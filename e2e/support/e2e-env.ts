/**
 * The configuration the end-to-end suite starts the system with: its own
 * ports and data directory, everything else the documented defaults.
 */
export function e2eEnv(dataDir: string) {
  const webPort = process.env.E2E_WEB_PORT ?? "3100";
  const apiPort = process.env.E2E_API_PORT ?? "8100";
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
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
    DATABASE_URL: "",
    LOG_LEVEL: "info",
    // The suite registers many users from one IP; raised, never switched off.
    AUTH_RATE_LIMIT_MAX: "100",
    // Short, so the key-rotation test waits seconds instead of half a minute.
    JWKS_COOLDOWN_SECONDS: "2",
  };
}
