-- CreateTable
CREATE TABLE "XapiStatement" (
    "sequence" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "statementJson" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "rejectedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "XapiStatement_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "XapiStatement_sentAt_rejectedAt_sequence_idx" ON "XapiStatement"("sentAt", "rejectedAt", "sequence");

-- CreateIndex
CREATE INDEX "XapiStatement_id_idx" ON "XapiStatement"("id");
