-- CreateEnum
CREATE TYPE "ReclaimStatus" AS ENUM ('WARNED', 'KEPT', 'REQUESTED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "origin" TEXT;

-- CreateTable
CREATE TABLE "WorkspaceUsageDay" (
    "workspaceId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "connectedHourMask" INTEGER NOT NULL,
    "connectedHours" INTEGER NOT NULL,
    "connectionAttempts" INTEGER NOT NULL DEFAULT 0,
    "connectionFailures" INTEGER NOT NULL DEFAULT 0,
    "sessionDisconnects" INTEGER NOT NULL DEFAULT 0,
    "unhealthyHours" INTEGER NOT NULL DEFAULT 0,
    "stoppedHours" INTEGER NOT NULL DEFAULT 0,
    "sessionLaunchSeconds" DOUBLE PRECISION,
    "inSessionLatencyMs" DOUBLE PRECISION,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceUsageDay_pkey" PRIMARY KEY ("workspaceId","day")
);

-- CreateTable
CREATE TABLE "ReclaimNotice" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "ownerId" TEXT,
    "idleSince" TIMESTAMP(3) NOT NULL,
    "neverUsed" BOOLEAN NOT NULL DEFAULT false,
    "warnedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reclaimOn" TIMESTAMP(3) NOT NULL,
    "status" "ReclaimStatus" NOT NULL DEFAULT 'WARNED',
    "keptAt" TIMESTAMP(3),
    "keptById" TEXT,
    "justification" TEXT,
    "requestId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReclaimNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostSnapshot" (
    "day" DATE NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "workspaces" INTEGER NOT NULL,
    "monthlyCostCents" INTEGER NOT NULL,
    "available" INTEGER NOT NULL DEFAULT 0,
    "unhealthy" INTEGER NOT NULL DEFAULT 0,
    "stopped" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CostSnapshot_pkey" PRIMARY KEY ("day","dimension","key")
);

-- CreateIndex
CREATE INDEX "WorkspaceUsageDay_day_idx" ON "WorkspaceUsageDay"("day");

-- CreateIndex
CREATE INDEX "ReclaimNotice_workspaceId_status_idx" ON "ReclaimNotice"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "ReclaimNotice_status_reclaimOn_idx" ON "ReclaimNotice"("status", "reclaimOn");

-- CreateIndex
CREATE INDEX "CostSnapshot_dimension_day_idx" ON "CostSnapshot"("dimension", "day");

-- CreateIndex
CREATE INDEX "Request_origin_status_idx" ON "Request"("origin", "status");

