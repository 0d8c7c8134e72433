/** Reordering for the course outline's "move up/down" buttons (which work without JavaScript). Pure. */

export type Direction = "up" | "down";

/** A copy of `items` with the item at `index` swapped with its neighbour; unchanged at the ends. */
export function moveItem<T>(items: readonly T[], index: number, direction: Direction): T[] {
  const target = direction === "up" ? index - 1 : index + 1;
  const out = items.slice();
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return out;
  [out[index], out[target]] = [out[target], out[index]];
  return out;
}

/**
 * Moving a lesson past the top or bottom of its module carries it into the neighbouring
 * module (last place of the previous one, first place of the next one), so keyboard users can
 * regroup lessons without drag and drop.
 */
export function moveLesson(
  modules: readonly { key: string; lessons: readonly string[] }[],
  lessonKey: string,
  direction: Direction,
): { key: string; lessons: string[] }[] {
  const out = modules.map((m) => ({ key: m.key, lessons: [...m.lessons] }));
  const mi = out.findIndex((m) => m.lessons.includes(lessonKey));
  if (mi < 0) return out;
  const li = out[mi].lessons.indexOf(lessonKey);
  const lessons = out[mi].lessons;
  if (direction === "up" && li > 0) out[mi].lessons = moveItem(lessons, li, "up");
  else if (direction === "down" && li < lessons.length - 1) out[mi].lessons = moveItem(lessons, li, "down");
  else if (direction === "up" && mi > 0) {
    lessons.splice(li, 1);
    out[mi - 1].lessons.push(lessonKey);
  } else if (direction === "down" && mi < out.length - 1) {
    lessons.splice(li, 1);
    out[mi + 1].lessons.unshift(lessonKey);
  }
  return out;
}
