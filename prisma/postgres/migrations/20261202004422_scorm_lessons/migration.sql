-- AlterTable
ALTER TABLE "Lesson" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'page',
ADD COLUMN     "scormPackageId" TEXT,
ADD COLUMN     "scormPassPercent" INTEGER,
ADD COLUMN     "scormRule" TEXT;

-- CreateTable
CREATE TABLE "ScormPackage" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "standard" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "launchHref" TEXT NOT NULL,
    "masteryScore" DOUBLE PRECISION,
    "scos" JSONB NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScormPackage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScormFile" (
    "id" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "ScormFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScormRuntime" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "cmi" JSONB NOT NULL,
    "completion" TEXT NOT NULL DEFAULT 'unknown',
    "success" TEXT NOT NULL DEFAULT 'unknown',
    "scorePercent" DOUBLE PRECISION,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScormRuntime_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScormPackage_sha256_key" ON "ScormPackage"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "ScormFile_packageId_path_key" ON "ScormFile"("packageId", "path");

-- CreateIndex
CREATE INDEX "ScormRuntime_lessonId_idx" ON "ScormRuntime"("lessonId");

-- CreateIndex
CREATE UNIQUE INDEX "ScormRuntime_userId_lessonId_key" ON "ScormRuntime"("userId", "lessonId");

-- AddForeignKey
ALTER TABLE "Lesson" ADD CONSTRAINT "Lesson_scormPackageId_fkey" FOREIGN KEY ("scormPackageId") REFERENCES "ScormPackage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScormFile" ADD CONSTRAINT "ScormFile_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScormRuntime" ADD CONSTRAINT "ScormRuntime_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScormRuntime" ADD CONSTRAINT "ScormRuntime_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
