import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The module keeps "already leaving" in module state: a fresh copy per test.
async function freshModule() {
  vi.resetModules();
  return import("./redirect-to-sign-in");
}

describe("redirectToSignIn", () => {
  const assign = vi.fn();

  beforeEach(() => {
    assign.mockReset();
    vi.stubGlobal("window", {
      location: { pathname: "/dashboard", search: "?status=active", assign },
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("goes to the login page once, coming back to where the user was", async () => {
    const { redirectToSignIn } = await freshModule();
    redirectToSignIn();
    redirectToSignIn();
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith(
      "/login?next=%2Fdashboard%3Fstatus%3Dactive&reason=session-expired",
    );
  });

  it("B4: does not navigate once sign-out has started leaving the tab", async () => {
    const { leaveWithoutReturn, redirectToSignIn } = await freshModule();
    leaveWithoutReturn();
    redirectToSignIn();
    expect(assign).not.toHaveBeenCalled();
  });
});
