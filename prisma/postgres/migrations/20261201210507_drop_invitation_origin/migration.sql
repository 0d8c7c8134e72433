-- AlterTable
ALTER TABLE "PendingInvitation" DROP COLUMN "origin";
