import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { captureStdout } from "../testing/log-capture";
import { createPruner } from "./pruner.server";

describe("createPruner", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("waits one interval after start-up, then runs at most once per interval", async () => {
    const prune = vi.fn(async () => 0);
    const pruner = createPruner(prune, 60_000);
    expect(pruner.maybePrune()).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    await pruner.maybePrune();
    expect(prune).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(59_999);
    expect(pruner.maybePrune()).toBeUndefined();
    vi.advanceTimersByTime(1);
    await pruner.maybePrune();
    expect(prune).toHaveBeenCalledTimes(2);
  });

  it("never runs two at a time", async () => {
    let finish = () => {};
    const prune = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const pruner = createPruner(prune, 1_000);
    vi.advanceTimersByTime(1_000);
    const first = pruner.maybePrune();
    vi.advanceTimersByTime(5_000);
    expect(pruner.maybePrune()).toBeUndefined();
    finish();
    await first;
    expect(prune).toHaveBeenCalledTimes(1);
  });

  it("logs a failure (name and message only) without rejecting, and tries again next interval", async () => {
    const logged = captureStdout();
    const prune = vi.fn(async () => {
      throw new Error("database is locked");
    });
    const pruner = createPruner(prune, 1_000);
    vi.advanceTimersByTime(1_000);
    await expect(pruner.maybePrune()).resolves.toBeUndefined();
    expect(logged.lines()).toContainEqual(
      expect.objectContaining({
        event: "revocation.prune_failed",
        error: { name: "Error", message: "database is locked" },
      }),
    );
    logged.restore();
    vi.advanceTimersByTime(1_000);
    await pruner.maybePrune();
    expect(prune).toHaveBeenCalledTimes(2);
  });
});
