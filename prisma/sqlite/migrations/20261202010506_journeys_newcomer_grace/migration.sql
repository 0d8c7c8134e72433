-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "jobRole" TEXT,
    "courseId" TEXT NOT NULL,
    "target" TEXT NOT NULL DEFAULT 'latest',
    "dueAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "newcomerGraceDays" INTEGER NOT NULL DEFAULT 30,
    CONSTRAINT "Assignment_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Assignment" ("courseId", "createdAt", "createdById", "dueAt", "id", "jobRole", "orgId", "target") SELECT "courseId", "createdAt", "createdById", "dueAt", "id", "jobRole", "orgId", "target" FROM "Assignment";
DROP TABLE "Assignment";
ALTER TABLE "new_Assignment" RENAME TO "Assignment";
CREATE INDEX "Assignment_orgId_idx" ON "Assignment"("orgId");
CREATE INDEX "Assignment_courseId_idx" ON "Assignment"("courseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
