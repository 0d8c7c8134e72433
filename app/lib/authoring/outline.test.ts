import { describe, expect, it } from "vitest";
import { moveItem, moveLesson, type Direction } from "./outline";

describe("moveItem", () => {
  it.each([
    { items: ["a", "b", "c"], index: 1, dir: "up" as Direction, out: ["b", "a", "c"] },
    { items: ["a", "b", "c"], index: 1, dir: "down" as Direction, out: ["a", "c", "b"] },
    { items: ["a", "b", "c"], index: 0, dir: "up" as Direction, out: ["a", "b", "c"] },
    { items: ["a", "b", "c"], index: 2, dir: "down" as Direction, out: ["a", "b", "c"] },
    { items: ["a"], index: 5, dir: "down" as Direction, out: ["a"] },
  ])("$items / $index $dir → $out", ({ items, index, dir, out }) => {
    expect(moveItem(items, index, dir)).toEqual(out);
  });
});

describe("moveLesson", () => {
  const modules = [
    { key: "m1", lessons: ["a", "b"] },
    { key: "m2", lessons: ["c"] },
  ];
  it.each([
    { key: "b", dir: "up" as Direction, out: [["b", "a"], ["c"]] },
    { key: "a", dir: "down" as Direction, out: [["b", "a"], ["c"]] },
    { key: "b", dir: "down" as Direction, out: [["a"], ["b", "c"]] },
    { key: "c", dir: "up" as Direction, out: [["a", "b", "c"], []] },
    { key: "a", dir: "up" as Direction, out: [["a", "b"], ["c"]] },
    { key: "c", dir: "down" as Direction, out: [["a", "b"], ["c"]] },
    { key: "zz", dir: "down" as Direction, out: [["a", "b"], ["c"]] },
  ])("$key $dir", ({ key, dir, out }) => {
    expect(moveLesson(modules, key, dir).map((m) => m.lessons)).toEqual(out);
    expect(modules[0].lessons).toEqual(["a", "b"]);
  });
});
