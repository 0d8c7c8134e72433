// Pure rules of the organisation tree. A unit's `path` lists the ids from the root to the unit
// itself ("/root/…/self/"), so "is X inside Y" is a prefix test and a subtree is one prefix query.

export type ScopeRoot = { id: string; path: string };

/** What a user may administer: everything (global admin) or the subtrees under their OrgAdmin rows. */
export type OrgScope = { global: boolean; roots: ScopeRoot[] };

// Ids come from cuid(); anything else in a path would break LIKE prefixes, so it is refused.
const ID = /^[A-Za-z0-9-]{1,64}$/;

export function childPath(parentPath: string | null, id: string): string {
  if (!ID.test(id)) throw new Error(`invalid organisation id: ${id}`);
  return `${parentPath ?? "/"}${id}/`;
}

/** Depth of a unit from its path: a root is 0. */
export function depthOf(path: string): number {
  return pathIds(path).length - 1;
}

/** The path of a unit's parent ("/" for a root). */
export function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/", path.length - 2) + 1);
}

/** The ids on a path, root first, the unit itself last. */
export function pathIds(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** True when the unit at `path` is the unit at `ancestorPath` or below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export function inScope(scope: OrgScope, path: string): boolean {
  return scope.global || scope.roots.some((root) => isWithin(path, root.path));
}

/** Drops roots that lie inside another root, so each subtree is counted once. */
export function minimalRoots(roots: ScopeRoot[]): ScopeRoot[] {
  const sorted = [...roots].sort((a, b) => a.path.length - b.path.length);
  const kept: ScopeRoot[] = [];
  for (const root of sorted) {
    if (!kept.some((other) => isWithin(root.path, other.path))) kept.push(root);
  }
  return kept;
}

/** The path a unit (or one of its descendants) gets when the subtree at `oldPrefix` moves to `newPrefix`. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!isWithin(path, oldPrefix)) throw new Error("path is not inside the moved subtree");
  return newPrefix + path.slice(oldPrefix.length);
}

export type MoveCheck =
  | { ok: true; newPath: string; depthDelta: number }
  | { ok: false; error: "org.errors.moveIntoSelf" | "org.errors.moveSameParent" };

/** Validates moving the unit at `unitPath` under `newParentPath` (null: make it a root). */
export function planMove(
  unit: { id: string; path: string; parentId: string | null },
  newParent: { id: string; path: string } | null,
): MoveCheck {
  if (newParent && isWithin(newParent.path, unit.path)) return { ok: false, error: "org.errors.moveIntoSelf" };
  if ((newParent?.id ?? null) === unit.parentId) return { ok: false, error: "org.errors.moveSameParent" };
  const newPath = childPath(newParent?.path ?? null, unit.id);
  return { ok: true, newPath, depthDelta: depthOf(newPath) - depthOf(unit.path) };
}

/** The deepest unit that contains every given path (null when they share no root). */
export function commonAncestorId(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let common = pathIds(paths[0]);
  for (const path of paths.slice(1)) {
    const ids = pathIds(path);
    let i = 0;
    while (i < common.length && i < ids.length && common[i] === ids[i]) i++;
    common = common.slice(0, i);
    if (common.length === 0) return null;
  }
  return common[common.length - 1] ?? null;
}

/**
 * The child of `parentPath` through which `path` descends ("" for the parent itself), the key by
 * which the dashboard groups a subtree into its child units.
 */
export function childKey(path: string, parentPath: string): string {
  if (!isWithin(path, parentPath)) throw new Error("path is not inside the parent");
  const rest = path.slice(parentPath.length);
  return rest.slice(0, Math.max(0, rest.indexOf("/")));
}

/** Normalised unit code: codes are compared case-insensitively, stored upper-case. */
export function normalizeUnitCode(code: string): string {
  return code.normalize("NFC").trim().toUpperCase();
}

export const UNIT_CODE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

/**
 * Headcount of each unit including everything below it: the memberships counted per unit,
 * summed over each unit's subtree (a path prefix). `counts` lists units with their own counts.
 */
export function subtreeTotals(
  units: readonly { id: string; path: string }[],
  counts: readonly { path: string; members: number }[],
): Map<string, number> {
  return new Map(
    units.map((unit) => [
      unit.id,
      counts.reduce((sum, row) => (isWithin(row.path, unit.path) ? sum + row.members : sum), 0),
    ]),
  );
}

/**
 * Units in the order of the tree drawn top-down: each unit followed by its sub-units, siblings
 * by name. `level` counts from the shallowest unit given (a scope's root is 0). Ancestors
 * outside the list (above an admin's scope) only order their descendants, by id.
 */
export function treeOrder<U extends { id: string; name: string; path: string }>(
  units: readonly U[],
): (U & { level: number })[] {
  const nameById = new Map(units.map((unit) => [unit.id, unit.name]));
  const keyOf = (unit: U) => pathIds(unit.path).map((id) => nameById.get(id) ?? id);
  const minDepth = Math.min(...units.map((unit) => depthOf(unit.path)));
  return units
    .map((unit) => ({ unit, key: keyOf(unit) }))
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) {
        const order = a.key[i].localeCompare(b.key[i], "vi");
        if (order !== 0) return order;
      }
      return a.key.length - b.key.length;
    })
    .map(({ unit }) => ({ ...unit, level: depthOf(unit.path) - minDepth }));
}
