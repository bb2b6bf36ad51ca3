// PostgreSQL and Redis for tests that need their own: a fresh database and a
// fresh key prefix per test, removed afterwards. One implementation for every
// suite and for `npm test` itself: packages/test-services.
export {
  createTestDatabase as createDatabase,
  deleteRedisKeys,
  postgresProblem,
  redacted,
  redisKeys,
  redisProblem,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type TestDatabase,
} from "@taskgate/test-services";
