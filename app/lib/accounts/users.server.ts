import { z } from "zod";
import { ROLES } from "~/lib/accounts/accounts.schema";
import { isPostgres, prisma } from "~/lib/db.server";

export const USERS_PAGE_SIZE = 20;

/** Admin user list: case-insensitive search on name or email, newest first. */
export async function listUsers({ query, page }: { query: string; page: number }) {
  const q = query.trim();
  // SQLite's LIKE is case-insensitive for ASCII; PostgreSQL needs mode: "insensitive".
  const contains = (value: string) => ({ contains: value, ...(isPostgres ? { mode: "insensitive" as const } : {}) });
  const where = q ? { OR: [{ email: contains(q.toLowerCase()) }, { fullName: contains(q) }] } : {};
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      select: { id: true, fullName: true, email: true, role: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
  ]);
  return { total, users, pages: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

export async function getAccount(userId: string) {
  const row = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, fullName: true, email: true, role: true, createdAt: true },
  });
  // The column is a plain string; parsed here so the page can name the role from a typed key.
  return { ...row, role: z.enum(ROLES).parse(row.role) };
}
