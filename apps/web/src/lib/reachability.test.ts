import { ABORTED, ApiError, NETWORK_ERROR } from "@taskgate/api-client/api-error";
import { describe, expect, it, vi } from "vitest";
import {
  createReachabilityStore,
  isConnectivityError,
  isUnreachableError,
  recoveryDelayMs,
} from "./reachability";

const apiError = (status: number, code: string) => new ApiError({ status, code, detail: "" });

describe("isUnreachableError", () => {
  it("is true for a request that got no answer, false for an answer or our own abort", () => {
    expect(isUnreachableError(apiError(0, NETWORK_ERROR))).toBe(true);
    expect(isUnreachableError(apiError(0, "TIMEOUT"))).toBe(true);
    expect(isUnreachableError(apiError(0, ABORTED))).toBe(false);
    expect(isUnreachableError(apiError(503, "SERVICE_UNAVAILABLE"))).toBe(false);
    expect(isUnreachableError(new TypeError("Failed to fetch"))).toBe(false);
  });

  it("counts a 503 as a connectivity failure but not a 404 or 500", () => {
    expect(isConnectivityError(apiError(503, "SERVICE_UNAVAILABLE"))).toBe(true);
    expect(isConnectivityError(apiError(0, NETWORK_ERROR))).toBe(true);
    expect(isConnectivityError(apiError(404, "NOT_FOUND"))).toBe(false);
    expect(isConnectivityError(apiError(500, "INTERNAL"))).toBe(false);
  });
});

describe("connectivity store", () => {
  it("flags an unreachable api until a request gets an answer, notifying on change only", () => {
    const store = createReachabilityStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    store.report(apiError(0, NETWORK_ERROR));
    store.report(apiError(0, NETWORK_ERROR));
    store.report(apiError(0, ABORTED));
    expect(store.get()).toBe("unreachable");
    expect(listener).toHaveBeenCalledTimes(1);

    store.report(apiError(404, "NOT_FOUND"));
    expect(store.get()).toBe("online");
    store.report(apiError(0, NETWORK_ERROR));
    store.report(null);
    expect(store.get()).toBe("online");
    expect(listener).toHaveBeenCalledTimes(4);

    unsubscribe();
    store.report(apiError(0, NETWORK_ERROR));
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it("says degraded on a 503 and offline whenever the browser is, whatever the api said last", () => {
    const store = createReachabilityStore();
    store.report(apiError(503, "SERVICE_UNAVAILABLE"));
    expect(store.get()).toBe("degraded");
    store.setBrowserOnline(false);
    expect(store.get()).toBe("offline");
    store.report(null);
    expect(store.get()).toBe("offline");
    store.setBrowserOnline(true);
    expect(store.get()).toBe("online");
  });
});

describe("recoveryDelayMs", () => {
  it("doubles from 2 s and stops at 30 s", () => {
    expect([0, 1, 2, 3, 4, 10].map(recoveryDelayMs)).toEqual([
      2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});
