-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "newcomerGraceDays" INTEGER NOT NULL DEFAULT 30;
