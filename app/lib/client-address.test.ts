import { describe, expect, it } from "vitest";
import { normaliseAddress } from "~/lib/client-address";

describe("normaliseAddress", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:10.1.2.3", "10.1.2.3"],
    ["10.1.2.3", "10.1.2.3"],
    ["2001:db8::1", "2001:db8::1"],
    ["::1", "::1"],
    [undefined, "unknown"],
    ["", "unknown"],
    ["evil.example", "unknown"],
    ["::ffff:999.0.0.1", "unknown"],
  ])("%s → %s", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});
