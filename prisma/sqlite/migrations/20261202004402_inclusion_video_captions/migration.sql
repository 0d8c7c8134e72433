-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN "captionsEn" TEXT;
ALTER TABLE "Lesson" ADD COLUMN "captionsVi" TEXT;
