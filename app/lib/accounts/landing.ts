/**
 * Where a login without `redirectTo` lands: the page each role starts its work on. Admins start
 * on administration, trainers on authoring (their role is their job, even if they also run a
 * unit); someone who administers organisation units starts on their unit, or on the list of their
 * units when they have several; everyone else on their learning.
 */
export function landingPath(user: { role: string; administeredUnitIds: string[] }): string {
  if (user.role === "admin") return "/admin";
  if (user.role === "trainer") return "/author";
  if (user.administeredUnitIds.length === 1) return `/org/units/${user.administeredUnitIds[0]}`;
  if (user.administeredUnitIds.length > 1) return "/org";
  return "/learning";
}
