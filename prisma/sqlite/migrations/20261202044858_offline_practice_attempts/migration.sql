-- CreateTable
CREATE TABLE "OfflinePackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'issued',
    "submittedAt" DATETIME,
    "attemptId" TEXT,
    CONSTRAINT "OfflinePackage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OfflinePackage_examId_fkey" FOREIGN KEY ("examId") REFERENCES "Exam" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OfflinePackage_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (columns with constant defaults: SQLite adds them in place, no table rebuild)
ALTER TABLE "Attempt" ADD COLUMN "mode" TEXT NOT NULL DEFAULT 'online';
ALTER TABLE "Attempt" ADD COLUMN "countsForCertificate" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Attempt" ADD COLUMN "deviceStartedAt" DATETIME;
ALTER TABLE "Attempt" ADD COLUMN "deviceEndedAt" DATETIME;
ALTER TABLE "Attempt" ADD COLUMN "deviceElapsedMs" INTEGER;
ALTER TABLE "Attempt" ADD COLUMN "offlineFlags" JSONB;
ALTER TABLE "Exam" ADD COLUMN "allowOffline" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Exam" ADD COLUMN "offlineCountsForCertificate" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "OfflinePackage_attemptId_key" ON "OfflinePackage"("attemptId");

-- CreateIndex
CREATE INDEX "OfflinePackage_userId_examId_state_idx" ON "OfflinePackage"("userId", "examId", "state");
