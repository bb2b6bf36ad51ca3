import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./describe-user-agent";

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  edgeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
};

describe("describeUserAgent", () => {
  it("names the browser with its major version and the OS", () => {
    expect(describeUserAgent(UA.chromeWindows)).toEqual({
      browser: "Chrome 131",
      os: "Windows",
      label: "Chrome 131 on Windows",
    });
    expect(describeUserAgent(UA.firefoxLinux).label).toBe("Firefox 133 on Linux");
  });

  it("tells Edge from Chrome and Safari on an iPhone from desktop Safari", () => {
    expect(describeUserAgent(UA.edgeMac).browser).toBe("Microsoft Edge 131");
    // Not "macOS Catalina": every Mac reports 10.15.7, whatever it runs.
    expect(describeUserAgent(UA.edgeMac).os).toBe("macOS");
    expect(describeUserAgent(UA.safariIphone).label).toBe("Safari 17 on iOS");
  });

  it("reads a missing or blank header as an unknown device", () => {
    for (const header of [null, undefined, "", "   "]) {
      expect(describeUserAgent(header)).toEqual({
        browser: null,
        os: null,
        label: "Unknown device",
      });
    }
  });

  it("reads a header it cannot place (a script, curl) as an unknown device", () => {
    expect(describeUserAgent("curl/8.5.0").label).toBe("Unknown device");
    expect(describeUserAgent("node").label).toBe("Unknown device");
  });
});
