import { loadConfig } from "../config.js";
import { openDatabase } from "./connect.js";
import { describeDatabase } from "./describe.js";
import { migrateToLatest } from "./migrate.js";

// `npm run db:migrate`: migrations only, for deployments.
const config = loadConfig();
const db = openDatabase(config.database);
try {
  const applied = await migrateToLatest(db, config.database.kind);
  console.log(
    applied.length > 0 ? `applied: ${applied.join(", ")}` : "database is up to date",
    `(${describeDatabase(config.database)})`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
