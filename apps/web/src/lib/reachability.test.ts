import { ABORTED, ApiError, NETWORK_ERROR } from "@taskgate/api-client/api-error";
import { describe, expect, it, vi } from "vitest";
import { createReachabilityStore, isUnreachableError } from "./reachability";

const apiError = (status: number, code: string) => new ApiError({ status, code, detail: "" });

describe("isUnreachableError", () => {
  it("is true for a request that got no answer, false for an answer or our own abort", () => {
    expect(isUnreachableError(apiError(0, NETWORK_ERROR))).toBe(true);
    expect(isUnreachableError(apiError(0, "TIMEOUT"))).toBe(true);
    expect(isUnreachableError(apiError(0, ABORTED))).toBe(false);
    expect(isUnreachableError(apiError(503, "SERVICE_UNAVAILABLE"))).toBe(false);
    expect(isUnreachableError(new TypeError("Failed to fetch"))).toBe(false);
  });
});

describe("reachability store", () => {
  it("flags an unreachable api until a request gets an answer, notifying on change only", () => {
    const store = createReachabilityStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    store.report(apiError(0, NETWORK_ERROR));
    store.report(apiError(0, NETWORK_ERROR));
    store.report(apiError(0, ABORTED));
    expect(store.isUnreachable()).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);

    store.report(apiError(404, "NOT_FOUND"));
    expect(store.isUnreachable()).toBe(false);
    store.report(apiError(0, NETWORK_ERROR));
    store.report(null);
    expect(store.isUnreachable()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(4);

    unsubscribe();
    store.report(apiError(0, NETWORK_ERROR));
    expect(listener).toHaveBeenCalledTimes(4);
  });
});
