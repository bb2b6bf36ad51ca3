import { type ProtectedResponse, ProtectedResponseSchema } from "@taskgate/contracts/protected";
import ky, { type KyInstance, type RetryOptions } from "ky";
import type { z } from "zod";
import { ApiError, INVALID_RESPONSE } from "./api-error";
import { NO_RETRY, SAFE_RETRY } from "./retry-policy";
import { createTasksApi, type TasksApi } from "./tasks-api";
import { toApiError } from "./to-api-error";
import type { TokenProvider } from "./token-provider";

export type RequestLogEntry = {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string | null;
};

export type ApiClientOptions = {
  /** The api's origin, e.g. http://localhost:8000. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  /** Called once when the api still answers 401 after a fresh token: sign the user in again. */
  onUnauthorized?: () => void;
  /** Per try, in milliseconds. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** A request log; the web app passes one in development only. */
  log?: (entry: RequestLogEntry) => void;
};

export type RequestSpec<T> = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  schema: z.ZodType<T> | null;
  json?: unknown;
  formData?: FormData;
  headers?: Record<string, string>;
  /** Only for requests whose repetition cannot change the outcome. */
  retry: "safe" | "never";
  signal?: AbortSignal | undefined;
};

export type ApiClient = {
  request<T>(spec: RequestSpec<T>): Promise<T>;
  getProtected(signal?: AbortSignal): Promise<ProtectedResponse>;
  tasks(userId: string): TasksApi;
};

export function createApiClient(options: ApiClientOptions): ApiClient {
  const http: KyInstance = ky.create({
    prefixUrl: options.baseUrl.replace(/\/+$/, ""),
    timeout: options.timeoutMs ?? 10_000,
    credentials: "omit",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function send<T>(spec: RequestSpec<T>, forceRefresh: boolean): Promise<T> {
    const token = await options.tokenProvider.getToken({ forceRefresh });
    const started = Date.now();
    const retry: RetryOptions = spec.retry === "safe" ? SAFE_RETRY : NO_RETRY;
    const response = await http(spec.path.replace(/^\//, ""), {
      method: spec.method,
      headers: { Accept: "application/json", Authorization: `Bearer ${token}`, ...spec.headers },
      ...(spec.json !== undefined ? { json: spec.json } : {}),
      ...(spec.formData ? { body: spec.formData } : {}),
      retry,
      signal: spec.signal ?? null,
      hooks: {
        afterResponse: [
          (_request, _options, res) => {
            options.log?.({
              method: spec.method.toUpperCase(),
              path: spec.path,
              status: res.status,
              durationMs: Date.now() - started,
              requestId: res.headers.get("x-request-id"),
            });
          },
        ],
      },
    });
    if (spec.schema === null || response.status === 204) return undefined as T;
    const parsed = spec.schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: INVALID_RESPONSE,
        detail: "The API answered with an unexpected body",
        requestId: response.headers.get("x-request-id"),
      });
    }
    return parsed.data;
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    try {
      return await send(spec, false);
    } catch (first) {
      const error = await toApiError(first, spec.signal);
      if (error.status !== 401) throw error;
    }
    // 401: the token may have been revoked or signed by a retired key. One fresh
    // token and one retry; a second 401 means the session is gone.
    try {
      return await send(spec, true);
    } catch (second) {
      const error = await toApiError(second, spec.signal);
      if (error.status === 401) {
        options.tokenProvider.clear();
        options.onUnauthorized?.();
      }
      throw error;
    }
  }

  return {
    request,
    getProtected: (signal) =>
      request({
        method: "get",
        path: "/api/protected",
        schema: ProtectedResponseSchema,
        retry: "safe",
        signal,
      }),
    tasks: (userId) => createTasksApi(request, userId),
  };
}
