import { ApiError } from "./api-error";

/** Turns a non-2xx response into an ApiError, whether or not its body is a problem. */
export async function parseFailure(response: Response): Promise<ApiError> {
  const requestId = response.headers.get("x-request-id");
  const [body, { ProblemSchema }] = await Promise.all([
    response.json().catch((): unknown => null),
    // Loaded with the first failure: zod stays out of a page's first load.
    import("@taskgate/contracts/problem-wire"),
  ]);
  const problem = ProblemSchema.safeParse(body);
  if (problem.success) {
    return new ApiError({
      status: response.status,
      code: problem.data.code,
      detail: problem.data.detail,
      requestId: problem.data.request_id || requestId,
      errors: problem.data.errors ?? [],
    });
  }
  return new ApiError({
    status: response.status,
    code: `HTTP_${response.status}`,
    detail: response.statusText || "Request failed",
    requestId,
  });
}
