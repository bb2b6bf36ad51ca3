#!/usr/bin/env node
// CI only: PostgreSQL and Redis must answer, so that no test that needs them
// can be skipped there (on a laptop without them, or with TEST_DATABASE_URL=off
// / TEST_REDIS_URL=off, those tests say so and skip). Checked the way the
// suites check them: packages/test-services.
import { postgresProblem, redisProblem } from "@taskgate/test-services";

let failed = false;
for (const [name, problem] of [
  ["PostgreSQL", await postgresProblem()],
  ["Redis", await redisProblem()],
]) {
  if (problem === null) {
    console.log(`ci: ${name} is reachable`);
  } else {
    failed = true;
    console.error(`ci: ${problem}`);
  }
}
process.exit(failed ? 1 : 0);
