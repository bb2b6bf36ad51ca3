import { getAuth } from "../auth.server";
import { migrate } from "./migrate.server";

// `npm run db:migrate -w @taskgate/web`: the schema only, for deployments.
try {
  const { created, altered } = await migrate(getAuth());
  const summary = [
    created.length ? `created ${created.join(", ")}` : "",
    altered.length ? `altered ${altered.join(", ")}` : "",
  ].filter(Boolean);
  console.log(`web: database ${summary.length ? summary.join("; ") : "up to date"}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
