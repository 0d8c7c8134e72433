-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "captionsEn" TEXT,
ADD COLUMN     "captionsVi" TEXT;
