// `npm run keys:rotate` (add `-- --emergency` for a compromised key).
// Runs against the same database and secret as the web app.

import { getConfig } from "../../server/config.server";
import { closeAuth, getAuth } from "../auth.server";
import { migrate } from "../database/migrate.server";
import { jwtPluginOptions } from "./jwt-options.server";
import { rotateSigningKey } from "./rotate-signing-key.server";

const emergency = process.argv.includes("--emergency");
const config = getConfig();
const auth = getAuth();
try {
  await migrate(auth);
  const result = await rotateSigningKey(auth, {
    jwtOptions: jwtPluginOptions(config),
    publishDelayMs: config.keyPublishDelaySeconds * 1000,
    emergency,
    log: (message) => console.log(`[keys:rotate] ${message}`),
  });
  console.log(JSON.stringify(result));
} finally {
  // An open PostgreSQL pool would keep the process alive.
  await closeAuth(auth);
}
