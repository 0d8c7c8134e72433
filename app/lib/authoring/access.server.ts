/**
 * Who may author what: trainers edit the courses they own or co-author, admins every course,
 * learners none. Every authoring loader and action starts here.
 */
import { requireRole, type SessionUser } from "~/lib/accounts/auth.server";
import { prisma } from "~/lib/db.server";
import { invariantResponse } from "~/lib/http.server";

export type AuthorContext = { user: SessionUser; courseId: string; slug: string; isOwner: boolean };

/** 403 below trainer (before anything is looked up), 404 for an unknown course, 403 for a trainer who is not its author. */
export async function requireCourseAuthor(request: Request, slug: string | undefined): Promise<AuthorContext> {
  const user = await requireRole(request, "trainer");
  return courseAuthorFor(user, slug);
}

export async function courseAuthorFor(user: SessionUser, slug: string | undefined): Promise<AuthorContext> {
  invariantResponse(slug && slug.length <= 64, "Not found", { status: 404 });
  const course = await prisma.course.findUnique({
    where: { slug },
    select: { id: true, slug: true, authors: { where: { userId: user.id }, select: { isOwner: true } } },
  });
  invariantResponse(course, "Not found", { status: 404 });
  const isAdmin = user.role === "admin";
  invariantResponse(isAdmin || course.authors.length > 0, "Forbidden", { status: 403 });
  return { user, courseId: course.id, slug: course.slug, isOwner: isAdmin || course.authors[0]?.isOwner === true };
}

/** Managing co-authors is for the owner (and admins). */
export function requireOwner(ctx: AuthorContext): void {
  invariantResponse(ctx.isOwner, "Forbidden", { status: 403 });
}

export async function requireTrainer(request: Request): Promise<SessionUser> {
  return requireRole(request, "trainer");
}
