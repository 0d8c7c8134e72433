-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "countsForCertificate" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "deviceElapsedMs" INTEGER,
ADD COLUMN     "deviceEndedAt" TIMESTAMP(3),
ADD COLUMN     "deviceStartedAt" TIMESTAMP(3),
ADD COLUMN     "mode" TEXT NOT NULL DEFAULT 'online',
ADD COLUMN     "offlineFlags" JSONB;

-- AlterTable
ALTER TABLE "Exam" ADD COLUMN     "allowOffline" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "offlineCountsForCertificate" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OfflinePackage" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'issued',
    "submittedAt" TIMESTAMP(3),
    "attemptId" TEXT,

    CONSTRAINT "OfflinePackage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OfflinePackage_attemptId_key" ON "OfflinePackage"("attemptId");

-- CreateIndex
CREATE INDEX "OfflinePackage_userId_examId_state_idx" ON "OfflinePackage"("userId", "examId", "state");

-- AddForeignKey
ALTER TABLE "OfflinePackage" ADD CONSTRAINT "OfflinePackage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflinePackage" ADD CONSTRAINT "OfflinePackage_examId_fkey" FOREIGN KEY ("examId") REFERENCES "Exam"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfflinePackage" ADD CONSTRAINT "OfflinePackage_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;
