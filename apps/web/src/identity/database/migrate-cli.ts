import { closeAuth, getAuth } from "../auth.server";
import { migrate } from "./migrate.server";

// `npm run db:migrate -w @taskgate/web`: the schema only, for deployments.
// SQLite under DATA_DIR, or PostgreSQL when DATABASE_URL says so.
try {
  const auth = getAuth();
  try {
    const { created, altered } = await migrate(auth);
    const summary = [
      created.length ? `created ${created.join(", ")}` : "",
      altered.length ? `altered ${altered.join(", ")}` : "",
    ].filter(Boolean);
    console.log(`web: database ${summary.length ? summary.join("; ") : "up to date"}`);
  } finally {
    // An open pool would keep the process alive after the work is done.
    await closeAuth(auth);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
