import { describe, expect, it } from "vitest";
import { fakeStorage } from "../../lib/testing/fake-storage";
import { clearTaskDraft, loadTaskDraft, NEW_TASK_DRAFT_KEY, saveTaskDraft } from "./task-draft";

const draft = { userId: "user-a", title: "Half-typed", description: "more" };

describe("the new-task draft", () => {
  it("is kept under a versioned taskgate.draft key and read back for the same user", async () => {
    const storage = fakeStorage();
    saveTaskDraft(storage, draft);
    expect(NEW_TASK_DRAFT_KEY).toBe("taskgate.draft.v1.new-task");
    expect(JSON.parse(storage.entries.get(NEW_TASK_DRAFT_KEY) ?? "")).toEqual(draft);
    expect(await loadTaskDraft(storage, "user-a")).toEqual(draft);
  });

  it("is not shown to a different user who signs in at the same tab", async () => {
    const storage = fakeStorage();
    saveTaskDraft(storage, draft);
    expect(await loadTaskDraft(storage, "user-b")).toBeNull();
  });

  it("is removed once both fields are emptied, and on clear", async () => {
    const storage = fakeStorage();
    saveTaskDraft(storage, draft);
    saveTaskDraft(storage, { userId: "user-a", title: "", description: "" });
    expect(storage.entries.size).toBe(0);
    saveTaskDraft(storage, draft);
    clearTaskDraft(storage);
    expect(await loadTaskDraft(storage, "user-a")).toBeNull();
  });

  it("ignores a stored value of another shape", async () => {
    const storage = fakeStorage({ [NEW_TASK_DRAFT_KEY]: '{"title":"no user id"}' });
    expect(await loadTaskDraft(storage, "user-a")).toBeNull();
  });

  it("holds nothing that looks like a token", async () => {
    const storage = fakeStorage();
    saveTaskDraft(storage, draft);
    expect(Object.keys(JSON.parse(storage.entries.get(NEW_TASK_DRAFT_KEY) ?? "{}"))).toEqual([
      "userId",
      "title",
      "description",
    ]);
  });
});
