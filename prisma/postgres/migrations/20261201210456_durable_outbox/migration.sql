-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3),
ADD COLUMN     "headers" TEXT,
ADD COLUMN     "html" TEXT,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'vi',
ADD COLUMN     "messageId" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'queued',
ADD COLUMN     "toName" TEXT;

-- Rows written before this migration get a Message-ID derived from their id (hand-edited: the
-- generated statement could not fill the new required column).
UPDATE "OutboxMessage" SET "messageId" = '<' || "id" || '@outbox.hocso.local>';
ALTER TABLE "OutboxMessage" ALTER COLUMN "messageId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_createdAt_idx" ON "OutboxMessage"("state", "createdAt");
