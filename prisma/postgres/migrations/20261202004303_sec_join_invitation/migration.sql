-- CreateTable
CREATE TABLE "JoinInvitation" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "jobRole" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JoinInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JoinInvitation_email_idx" ON "JoinInvitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "JoinInvitation_orgId_email_key" ON "JoinInvitation"("orgId", "email");

-- AddForeignKey
ALTER TABLE "JoinInvitation" ADD CONSTRAINT "JoinInvitation_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
