import { describe, expect, it } from "vitest";
import { landingPath } from "./landing";

describe("landingPath", () => {
  it.each([
    { role: "learner", units: [], path: "/learning" },
    { role: "trainer", units: [], path: "/author" },
    { role: "learner", units: ["u1"], path: "/org/units/u1" },
    { role: "learner", units: ["u1", "u2"], path: "/org" },
    { role: "trainer", units: ["u1"], path: "/author" },
    { role: "admin", units: [], path: "/admin" },
    { role: "admin", units: ["u1"], path: "/admin" },
  ] as const)("$role administering $units lands on $path", ({ role, units, path }) => {
    expect(landingPath({ role, administeredUnitIds: [...units] })).toBe(path);
  });
});
