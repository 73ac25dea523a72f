-- CreateTable
CREATE TABLE "UsageDirectoryDay" (
    "day" DATE NOT NULL,
    "directoryId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "workspaces" INTEGER NOT NULL,
    "connectionAttempts" INTEGER NOT NULL,
    "connectionFailures" INTEGER NOT NULL,
    "unhealthyHours" INTEGER NOT NULL,
    "stoppedHours" INTEGER NOT NULL,
    "launchP50Seconds" DOUBLE PRECISION,
    "launchP95Seconds" DOUBLE PRECISION,
    "latencyP50Ms" DOUBLE PRECISION,
    "latencyP95Ms" DOUBLE PRECISION,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageDirectoryDay_pkey" PRIMARY KEY ("day","directoryId")
);

-- CreateIndex
CREATE INDEX "UsageDirectoryDay_day_idx" ON "UsageDirectoryDay"("day");

