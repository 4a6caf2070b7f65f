import { describe, expect, it } from "vitest";
import { loggedUrl } from "../../server/app.ts";

describe("the request log's address", () => {
  it("does not write down a download link's token", () => {
    expect(loggedUrl("/coordinator/outcomes/participants/download?token=eyJhbGciOi.secret-part")).toBe("/coordinator/outcomes/participants/download?token=[secret]");
    expect(loggedUrl("/reset-password?lng=hr&token=abc123&x=1")).toBe("/reset-password?lng=hr&token=[secret]&x=1");
  });

  it("does not write down the addresses that are secrets themselves", () => {
    expect(loggedUrl("/stories/decide/AbCdEf0123?lng=sl")).toBe("/stories/decide/[secret]?lng=sl");
    expect(loggedUrl("/alerts/unsubscribe/AbCdEf0123")).toBe("/alerts/unsubscribe/[secret]");
    expect(loggedUrl("/calendar/AbCdEf.ics")).toBe("/calendar/[secret]");
  });

  it("leaves other addresses whole", () => {
    expect(loggedUrl("/placements?q=kuhinja&page=2")).toBe("/placements?q=kuhinja&page=2");
    expect(loggedUrl("/stories/some-story")).toBe("/stories/some-story");
  });
});
