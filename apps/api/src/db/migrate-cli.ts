import { loadConfig } from "../config.js";
import { openDatabase } from "./connect.js";
import { migrateToLatest } from "./migrate.js";

// `npm run db:migrate`: migrations only, for deployments.
const config = loadConfig();
const db = openDatabase(config.database);
try {
  const applied = await migrateToLatest(db);
  console.log(
    applied.length > 0 ? `applied: ${applied.join(", ")}` : "database is up to date",
    `(${config.database.file})`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
