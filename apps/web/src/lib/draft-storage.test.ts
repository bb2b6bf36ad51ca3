import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  clearAllDrafts,
  clearDraft,
  type DraftStorage,
  loadDraft,
  saveDraft,
} from "./draft-storage";
import { fakeStorage } from "./testing/fake-storage";

const Schema = z.object({ title: z.string() });

describe("draft storage", () => {
  it("round-trips a draft as JSON", () => {
    const storage = fakeStorage();
    saveDraft(storage, "taskgate.draft.x", { title: "Buy milk" });
    expect(storage.entries.get("taskgate.draft.x")).toBe('{"title":"Buy milk"}');
    expect(loadDraft(storage, "taskgate.draft.x", Schema)).toEqual({ title: "Buy milk" });
  });

  it("reads a missing, malformed or foreign-shaped draft as none", () => {
    const storage = fakeStorage({ a: "{not json", b: '{"title":42}' });
    expect(loadDraft(storage, "missing", Schema)).toBeNull();
    expect(loadDraft(storage, "a", Schema)).toBeNull();
    expect(loadDraft(storage, "b", Schema)).toBeNull();
  });

  it("survives storage that throws and storage that is absent", () => {
    const broken: DraftStorage = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(() => saveDraft(broken, "k", { title: "x" })).not.toThrow();
    expect(loadDraft(broken, "k", Schema)).toBeNull();
    expect(() => clearDraft(broken, "k")).not.toThrow();
    expect(loadDraft(null, "k", Schema)).toBeNull();
  });

  it("clears one draft, or every draft and nothing else on sign-out", () => {
    const storage = fakeStorage({
      "taskgate.draft.a": "{}",
      "taskgate.draft.b": "{}",
      "other.key": "kept",
    });
    clearDraft(storage, "taskgate.draft.a");
    expect(storage.entries.has("taskgate.draft.a")).toBe(false);
    saveDraft(storage, "taskgate.draft.c", {});
    clearAllDrafts(storage);
    expect([...storage.entries.keys()]).toEqual(["other.key"]);
  });
});
