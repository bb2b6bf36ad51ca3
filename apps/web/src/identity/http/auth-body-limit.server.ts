/**
 * The largest body the auth routes (`/api/auth/*`) read: 16 KiB. Their
 * biggest legitimate bodies are a sign-up (name, email, a password of at most
 * 128 characters, a callback URL) and an update-user with an image URL, a
 * few hundred bytes to ~2 KiB; 16 KiB leaves room for long URLs and future
 * fields while keeping an anonymous caller from making the server buffer and
 * parse megabytes (a 20 MB sign-in body took about a second to parse).
 */
export const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

/** 413 as problem details, like the api's (RFC 9457). */
export function payloadTooLarge(limit: number): Response {
  return Response.json(
    {
      type: "about:blank",
      title: "Payload Too Large",
      status: 413,
      detail: `The request body is larger than ${limit} bytes.`,
      code: "PAYLOAD_TOO_LARGE",
    },
    {
      status: 413,
      headers: {
        "Content-Type": "application/problem+json",
        "Cache-Control": "no-store",
        // The rest of the body is not read: the connection cannot be reused.
        Connection: "close",
      },
    },
  );
}

/**
 * `request` with its body read into memory when it is at most `limit` bytes,
 * or a 413 response. A declared Content-Length over the limit is refused
 * without reading anything; a chunked body (no length) is counted as it
 * streams in and refused as soon as it passes the limit.
 */
export async function limitBody(request: Request, limit: number): Promise<Request | Response> {
  if (request.body === null) return request;
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) {
    await request.body.cancel().catch(() => undefined);
    return payloadTooLarge(limit);
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const headers = new Headers(request.headers);
  // The length is now known; a transfer-encoding would contradict it.
  headers.delete("transfer-encoding");
  headers.set("content-length", String(total));
  return new Request(request.url, {
    method: request.method,
    headers,
    body,
    signal: request.signal,
  });
}
