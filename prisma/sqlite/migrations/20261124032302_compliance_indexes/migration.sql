-- CreateIndex
CREATE INDEX "Completion_versionId_userId_idx" ON "Completion"("versionId", "userId");

-- CreateIndex
CREATE INDEX "CreditEntry_year_userId_idx" ON "CreditEntry"("year", "userId");
