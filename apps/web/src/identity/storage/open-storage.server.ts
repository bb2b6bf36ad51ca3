import type pg from "pg";
import type { WebConfig } from "../../server/config.server";
import { type OpenedDatabase, openDatabase } from "../database/open-database.server";
import { openRedisStorage } from "./redis.server";

/** What the identity provider keeps its state in, and how to let go of it. */
export type Storage = {
  database: OpenedDatabase;
  /** Set when REDIS_URL is: shared rate limits and DPoP replay records. */
  redis: ReturnType<typeof openRedisStorage> | undefined;
  /** The PostgreSQL pool, for the start-up migration's lock; undefined on SQLite. */
  pool: pg.Pool | undefined;
  close: () => Promise<void>;
};

/** Opens the database (creating it on SQLite) and, when configured, Redis. */
export function openStorage(config: WebConfig): Storage {
  const opened = openDatabase(config.database);
  const redis = config.redis ? openRedisStorage(config.redis) : undefined;
  return {
    database: opened.db,
    redis,
    pool: opened.kind === "postgres" ? opened.db : undefined,
    async close() {
      if (redis) await redis.client.quit().catch(() => redis.client.disconnect());
      if (opened.kind === "postgres") {
        if (!opened.db.ended) await opened.db.end();
      } else if (opened.db.open) {
        opened.db.close();
      }
    },
  };
}
