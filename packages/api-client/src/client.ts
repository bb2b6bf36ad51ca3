import { type ProtectedResponse, ProtectedResponseSchema } from "@taskgate/contracts/protected";
import type { z } from "zod";
import { ABORTED, ApiError, INVALID_RESPONSE, NETWORK_ERROR } from "./api-error";
import { parseFailure } from "./parse-failure";
import type { TokenProvider } from "./token-provider";

export type ApiClientOptions = {
  /** The api's origin, e.g. http://localhost:8000. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  fetch?: typeof fetch;
};

export type ApiClient = {
  getProtected(signal?: AbortSignal): Promise<ProtectedResponse>;
};

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const token = await options.tokenProvider.getToken();
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: { Accept: "application/json", Authorization: `Bearer ${token}` },
        signal: signal ?? null,
      });
    } catch (cause) {
      const aborted = signal?.aborted === true;
      throw new ApiError({
        status: 0,
        code: aborted ? ABORTED : NETWORK_ERROR,
        detail: aborted ? "Request cancelled" : "Cannot reach the API",
        cause,
      });
    }
    if (!response.ok) throw await parseFailure(response);
    const parsed = schema.safeParse(await response.json().catch(() => null));
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

  return {
    getProtected: (signal) => request("GET", "/api/protected", ProtectedResponseSchema, signal),
  };
}
