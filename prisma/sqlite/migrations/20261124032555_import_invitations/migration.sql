-- CreateTable
CREATE TABLE "PendingInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PendingInvitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingInvitation_userId_key" ON "PendingInvitation"("userId");

-- CreateIndex
CREATE INDEX "PendingInvitation_claimedAt_createdAt_idx" ON "PendingInvitation"("claimedAt", "createdAt");
