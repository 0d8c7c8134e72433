-- CreateTable
CREATE TABLE "ScormPackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sha256" TEXT NOT NULL,
    "standard" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "launchHref" TEXT NOT NULL,
    "masteryScore" REAL,
    "scos" JSONB NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ScormFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packageId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "ScormFile_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "ScormPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScormRuntime" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "cmi" JSONB NOT NULL,
    "completion" TEXT NOT NULL DEFAULT 'unknown',
    "success" TEXT NOT NULL DEFAULT 'unknown',
    "scorePercent" REAL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScormRuntime_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScormRuntime_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "titleVi" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "videoSrc" TEXT,
    "videoDurationSeconds" INTEGER,
    "transcript" TEXT,
    "captionsVi" TEXT,
    "captionsEn" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'page',
    "scormPackageId" TEXT,
    "scormRule" TEXT,
    "scormPassPercent" INTEGER,
    CONSTRAINT "Lesson_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CourseVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Lesson_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Lesson_scormPackageId_fkey" FOREIGN KEY ("scormPackageId") REFERENCES "ScormPackage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Lesson" ("captionsEn", "captionsVi", "contentHash", "durationMinutes", "id", "key", "markdown", "moduleId", "position", "required", "titleEn", "titleVi", "transcript", "versionId", "videoDurationSeconds", "videoSrc") SELECT "captionsEn", "captionsVi", "contentHash", "durationMinutes", "id", "key", "markdown", "moduleId", "position", "required", "titleEn", "titleVi", "transcript", "versionId", "videoDurationSeconds", "videoSrc" FROM "Lesson";
DROP TABLE "Lesson";
ALTER TABLE "new_Lesson" RENAME TO "Lesson";
CREATE INDEX "Lesson_versionId_position_idx" ON "Lesson"("versionId", "position");
CREATE UNIQUE INDEX "Lesson_versionId_key_key" ON "Lesson"("versionId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ScormPackage_sha256_key" ON "ScormPackage"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "ScormFile_packageId_path_key" ON "ScormFile"("packageId", "path");

-- CreateIndex
CREATE INDEX "ScormRuntime_lessonId_idx" ON "ScormRuntime"("lessonId");

-- CreateIndex
CREATE UNIQUE INDEX "ScormRuntime_userId_lessonId_key" ON "ScormRuntime"("userId", "lessonId");
