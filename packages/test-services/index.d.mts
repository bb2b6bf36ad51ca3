import type { QueryResult } from "pg";

export declare const TEST_DATABASE_URL: string;
export declare const TEST_REDIS_URL: string;
export declare const POSTGRES_OFF: boolean;
export declare const REDIS_OFF: boolean;
export declare function redacted(url: string): string;
export declare function adminQuery(sql: string, params?: unknown[]): Promise<QueryResult>;
export declare function postgresProblem(): Promise<string | null>;
export declare function quoteIdentifier(name: string): string;
export declare function takeDatabaseDown(name: string): Promise<void>;
export declare function bringDatabaseUp(name: string): Promise<void>;
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<QueryResult>;
}
export declare function createTestDatabase(label: string): Promise<TestDatabase>;
export declare function redisProblem(): Promise<string | null>;
export declare function redisKeys(prefix: string): Promise<string[]>;
export declare function deleteRedisKeys(prefix: string): Promise<void>;
export declare function failInCi(problem: string | null): void;
