import { describe, expect, it } from "vitest";
import { moveItem, moveLesson, type Direction } from "./outline";

describe("moveItem", () => {
  it.each<{ items: string[]; index: number; dir: Direction; out: string[] }>([
    { items: ["a", "b", "c"], index: 1, dir: "up", out: ["b", "a", "c"] },
    { items: ["a", "b", "c"], index: 1, dir: "down", out: ["a", "c", "b"] },
    { items: ["a", "b", "c"], index: 0, dir: "up", out: ["a", "b", "c"] },
    { items: ["a", "b", "c"], index: 2, dir: "down", out: ["a", "b", "c"] },
    { items: ["a"], index: 5, dir: "down", out: ["a"] },
  ])("$items / $index $dir → $out", ({ items, index, dir, out }) => {
    expect(moveItem(items, index, dir)).toEqual(out);
  });
});

describe("moveLesson", () => {
  const modules = [
    { key: "m1", lessons: ["a", "b"] },
    { key: "m2", lessons: ["c"] },
  ];
  it.each<{ key: string; dir: Direction; out: string[][] }>([
    { key: "b", dir: "up", out: [["b", "a"], ["c"]] },
    { key: "a", dir: "down", out: [["b", "a"], ["c"]] },
    { key: "b", dir: "down", out: [["a"], ["b", "c"]] },
    { key: "c", dir: "up", out: [["a", "b", "c"], []] },
    { key: "a", dir: "up", out: [["a", "b"], ["c"]] },
    { key: "c", dir: "down", out: [["a", "b"], ["c"]] },
    { key: "zz", dir: "down", out: [["a", "b"], ["c"]] },
  ])("$key $dir", ({ key, dir, out }) => {
    expect(moveLesson(modules, key, dir).map((m) => m.lessons)).toEqual(out);
    expect(modules[0].lessons).toEqual(["a", "b"]);
  });
});
