import type { ProtectedResponse } from "@taskgate/contracts/protected";
import type { KyInstance, RetryOptions } from "ky";
import type { ZodMiniType } from "zod/mini";
import { ApiError, INVALID_RESPONSE } from "./api-error";
import { createProof } from "./dpop";
import { nonceChallenge } from "./dpop-nonce";
import { NO_RETRY, SAFE_RETRY } from "./retry-policy";
import { createRevalidationCache } from "./revalidation-cache";
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
  /**
   * Loads the schema that checks a 2xx body; null for no body. A loader, so
   * that zod reaches a browser with the first request (in parallel with the
   * token), not with the page.
   */
  schema: (() => Promise<ZodMiniType<T>>) | null;
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
  // ky does the retries, timeouts and Retry-After (decision 013). It is
  // imported on the first request, with the token and the response schema,
  // so that it is not part of the page's first load.
  let http: Promise<KyInstance> | undefined;
  const loadHttp = () => {
    if (http) return http;
    http = import("ky").then(({ default: ky }) =>
      ky.create({
        prefixUrl: options.baseUrl.replace(/\/+$/, ""),
        timeout: options.timeoutMs ?? 10_000,
        // The api authenticates by bearer token only: no cookies go to it.
        credentials: "omit",
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
    // An import that failed (the connection went while the page was still
    // loading) is tried again by the next request, not kept failed for the
    // page's life: every api call would then fail until a reload.
    http.catch(() => {
      http = undefined;
    });
    return http;
  };

  // The api's latest DPoP-Nonce (RFC 9449 §8), sent in every later proof.
  let dpopNonce: string | null = null;
  // GET answers with an ETag, revalidated with If-None-Match (decision 050).
  const held = createRevalidationCache();

  async function send<T>(spec: RequestSpec<T>, forceRefresh: boolean): Promise<T> {
    const [{ token, key }, schema, client] = await Promise.all([
      options.tokenProvider.getAccessToken({ forceRefresh }),
      spec.schema?.() ?? null,
      loadHttp(),
    ]);
    const started = Date.now();
    const requestId = crypto.randomUUID();
    const cached = spec.method === "get" && schema !== null ? held.get(spec.path) : undefined;
    const retry: RetryOptions = spec.retry === "safe" ? SAFE_RETRY : NO_RETRY;
    const call = () =>
      client(spec.path.replace(/^\//, ""), {
        method: spec.method,
        headers: {
          Accept: "application/json",
          Authorization: `${key ? "DPoP" : "Bearer"} ${token}`,
          // One id per call (kept across ky's retries): the api logs it with
          // the request and echoes it back, so a failure the user reports can
          // be found in the api's log.
          "x-request-id": requestId,
          ...(cached ? { "If-None-Match": cached.etag } : {}),
          ...spec.headers,
        },
        // A 304 is an answer, not a failure: the held body is still current.
        throwHttpErrors: (status) => status >= 400,
        ...(spec.json !== undefined ? { json: spec.json } : {}),
        ...(spec.formData ? { body: spec.formData } : {}),
        retry,
        signal: spec.signal ?? null,
        hooks: {
          // Runs before every try, retries included: each one carries a proof
          // of its own (new jti and iat), never a copy of the last one.
          beforeRequest: key
            ? [
                async (request) => {
                  request.headers.set(
                    "DPoP",
                    await createProof(key, {
                      method: request.method,
                      url: request.url,
                      accessToken: token,
                      nonce: dpopNonce,
                    }),
                  );
                },
              ]
            : [],
          afterResponse: [
            (_request, _options, res) => {
              dpopNonce = res.headers.get("dpop-nonce") ?? dpopNonce;
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
    let response: Response;
    try {
      response = await call();
    } catch (error) {
      // The api asked for a nonce: one more try, whose proof carries it.
      if (!key || !nonceChallenge(error)) throw error;
      response = await call();
    }
    if (response.status === 304 && cached) return cached.value as T;
    if (schema === null || response.status === 204) return undefined as T;
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new ApiError({
        status: response.status,
        code: INVALID_RESPONSE,
        detail: "The API answered with an unexpected body",
        requestId: response.headers.get("x-request-id"),
      });
    }
    const etag = response.headers.get("etag");
    if (spec.method === "get" && etag) held.set(spec.path, etag, parsed.data);
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
        held.clear();
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
        schema: async () => (await import("@taskgate/contracts/protected")).ProtectedResponseSchema,
        retry: "safe",
        signal,
      }),
    tasks: (userId) => createTasksApi(request, userId),
  };
}
