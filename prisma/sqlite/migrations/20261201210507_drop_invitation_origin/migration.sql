-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PendingInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PendingInvitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PendingInvitation" ("attempts", "claimedAt", "createdAt", "id", "userId") SELECT "attempts", "claimedAt", "createdAt", "id", "userId" FROM "PendingInvitation";
DROP TABLE "PendingInvitation";
ALTER TABLE "new_PendingInvitation" RENAME TO "PendingInvitation";
CREATE UNIQUE INDEX "PendingInvitation_userId_key" ON "PendingInvitation"("userId");
CREATE INDEX "PendingInvitation_claimedAt_createdAt_idx" ON "PendingInvitation"("claimedAt", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
