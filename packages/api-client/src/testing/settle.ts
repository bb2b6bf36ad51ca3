import { vi } from "vitest";

/**
 * Drives a promise to completion under fake timers while real sockets do
 * their work: advance the fake clock in small steps, yielding to real I/O
 * (setImmediate is left unfaked) between steps.
 */
export async function settle<T>(promise: Promise<T>, maxFakeMs = 60_000): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  for (let elapsed = 0; !done && elapsed < maxFakeMs; elapsed += 50) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(50);
  }
  return watched;
}

export const FAKE_TIMERS: Parameters<typeof vi.useFakeTimers>[0] = {
  toFake: ["setTimeout", "clearTimeout", "Date"],
};

/**
 * Imports the modules the client loads on first use (the response schemas),
 * so that a test under fake timers does not spend settle()'s steps waiting
 * for a module to be transformed. Call in beforeAll.
 */
export async function preloadLazyModules(): Promise<void> {
  await Promise.all([
    import("@taskgate/contracts/problem-wire"),
    import("@taskgate/contracts/protected"),
    import("@taskgate/contracts/task-wire"),
    import("@taskgate/contracts/token"),
    import("../decode-expiry"),
  ]);
}
