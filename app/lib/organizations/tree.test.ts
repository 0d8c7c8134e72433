import { describe, expect, it } from "vitest";
import {
  childKey,
  subtreeTotals,
  treeOrder,
  childPath,
  commonAncestorId,
  depthOf,
  inScope,
  isWithin,
  minimalRoots,
  normalizeUnitCode,
  parentPathOf,
  pathIds,
  planMove,
  rebasePath,
  UNIT_CODE,
} from "~/lib/organizations/tree";

describe("paths", () => {
  it.each([
    [null, "a", "/a/", 0],
    ["/a/", "b", "/a/b/", 1],
    ["/a/b/", "c", "/a/b/c/", 2],
  ])("childPath(%s, %s) = %s at depth %i", (parent, id, path, depth) => {
    expect(childPath(parent, id)).toBe(path);
    expect(depthOf(path)).toBe(depth);
  });

  it("refuses ids that would break a LIKE prefix", () => {
    for (const id of ["a%", "a_b", "a/b", ""]) expect(() => childPath("/r/", id)).toThrow();
  });

  it.each([
    ["/a/b/c/", "/a/b/"],
    ["/a/", "/"],
  ])("parentPathOf(%s) = %s", (path, parent) => {
    expect(parentPathOf(path)).toBe(parent);
  });

  it("lists the ids root first", () => {
    expect(pathIds("/a/b/c/")).toEqual(["a", "b", "c"]);
  });

  it.each([
    ["/a/b/", "/a/", true],
    ["/a/", "/a/", true],
    ["/a/", "/a/b/", false],
    ["/ab/", "/a/", false],
    ["/x/b/", "/a/", false],
  ])("isWithin(%s, %s) = %s", (path, ancestor, expected) => {
    expect(isWithin(path, ancestor)).toBe(expected);
  });
});

describe("scope", () => {
  const province = { id: "p1", path: "/m/p1/" };
  it.each([
    [{ global: true, roots: [] }, "/m/p2/c/", true],
    [{ global: false, roots: [province] }, "/m/p1/c/", true],
    [{ global: false, roots: [province] }, "/m/p1/", true],
    [{ global: false, roots: [province] }, "/m/p2/c/", false],
    [{ global: false, roots: [province] }, "/m/", false],
    [{ global: false, roots: [] }, "/m/p1/", false],
  ])("inScope(%j, %s) = %s", (scope, path, expected) => {
    expect(inScope(scope, path)).toBe(expected);
  });

  it("keeps only the outermost roots", () => {
    expect(
      minimalRoots([{ id: "c", path: "/m/p1/c/" }, province, { id: "p2", path: "/m/p2/" }]).map((root) => root.id),
    ).toEqual(["p1", "p2"]);
  });
});

describe("moves", () => {
  const unit = { id: "c", path: "/m/p1/c/", parentId: "p1" };
  it("moves a subtree under another parent and shifts every descendant", () => {
    const plan = planMove(unit, { id: "p2", path: "/m/p2/" });
    expect(plan).toEqual({ ok: true, newPath: "/m/p2/c/", depthDelta: 0 });
    expect(rebasePath("/m/p1/c/d/e/", "/m/p1/c/", "/m/p2/c/")).toBe("/m/p2/c/d/e/");
  });

  it("changes depth when moving up or down", () => {
    expect(planMove(unit, null)).toEqual({ ok: true, newPath: "/c/", depthDelta: -2 });
    expect(planMove(unit, { id: "x", path: "/m/p2/x/" })).toEqual({ ok: true, newPath: "/m/p2/x/c/", depthDelta: 1 });
  });

  it.each([
    [{ id: "c", path: "/m/p1/c/" }, "org.errors.moveIntoSelf"],
    [{ id: "d", path: "/m/p1/c/d/" }, "org.errors.moveIntoSelf"],
    [{ id: "p1", path: "/m/p1/" }, "org.errors.moveSameParent"],
  ])("refuses moving under %j", (parent, error) => {
    expect(planMove(unit, parent)).toEqual({ ok: false, error });
  });

  it("refuses to rebase a path outside the moved subtree", () => {
    expect(() => rebasePath("/m/p2/", "/m/p1/", "/x/")).toThrow();
  });
});

describe("grouping", () => {
  it.each([
    [["/m/p1/a/", "/m/p1/b/c/"], "p1"],
    [["/m/p1/a/"], "a"],
    [["/m/p1/", "/m/p2/"], "m"],
    [["/m/", "/n/"], null],
    [[], null],
  ])("commonAncestorId(%j) = %s", (paths, expected) => {
    expect(commonAncestorId(paths)).toBe(expected);
  });

  it.each([
    ["/m/p1/a/b/", "/m/p1/", "a"],
    ["/m/p1/a/", "/m/p1/", "a"],
    ["/m/p1/", "/m/p1/", ""],
  ])("childKey(%s, %s) = %s", (path, parent, expected) => {
    expect(childKey(path, parent)).toBe(expected);
  });

  it("normalises unit codes", () => {
    expect(normalizeUnitCode(" tn-pdp ")).toBe("TN-PDP");
    expect(UNIT_CODE.test("TN-PDP")).toBe(true);
    expect(UNIT_CODE.test("TN PDP")).toBe(false);
    expect(UNIT_CODE.test("")).toBe(false);
  });
});

describe("subtreeTotals", () => {
  const counts = [
    { path: "/p/", members: 2 },
    { path: "/p/d1/", members: 5 },
    { path: "/p/d1/w1/", members: 7 },
    { path: "/p/d2/", members: 0 },
    { path: "/q/", members: 11 },
    { path: "/p2/", members: 100 },
  ];
  it.each([
    { name: "a province counts its districts and wards", unit: { id: "p", path: "/p/" }, total: 14 },
    { name: "a district counts its wards", unit: { id: "d1", path: "/p/d1/" }, total: 12 },
    { name: "a leaf counts itself", unit: { id: "w1", path: "/p/d1/w1/" }, total: 7 },
    { name: "an empty unit counts 0", unit: { id: "d2", path: "/p/d2/" }, total: 0 },
    { name: "a unit with no row counts 0", unit: { id: "x", path: "/x/" }, total: 0 },
  ])("$name", ({ unit, total }) => {
    expect(subtreeTotals([unit], counts).get(unit.id)).toBe(total);
  });
});

describe("treeOrder", () => {
  const unit = (id: string, name: string, path: string) => ({ id, name, path });
  it("lists each unit before its sub-units, siblings by Vietnamese name", () => {
    const units = [
      unit("w", "Phường Bến Nghé", "/hcm/q1/w/"),
      unit("hn", "Hà Nội", "/hn/"),
      unit("q1", "Quận 1", "/hcm/q1/"),
      unit("hcm", "Hồ Chí Minh", "/hcm/"),
      unit("bd", "Ba Đình", "/hn/bd/"),
      unit("q3", "Quận 3", "/hcm/q3/"),
    ];
    expect(treeOrder(units).map((u) => `${u.level}:${u.id}`)).toEqual(["0:hn", "1:bd", "0:hcm", "1:q1", "2:w", "1:q3"]);
  });

  it("starts the levels at an admin's scope root", () => {
    const units = [unit("w", "Phường", "/root/p/d/w/"), unit("d", "Quận", "/root/p/d/")];
    expect(treeOrder(units).map((u) => `${u.level}:${u.id}`)).toEqual(["0:d", "1:w"]);
  });
});
