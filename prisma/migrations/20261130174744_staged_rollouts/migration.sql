-- CreateTable
CREATE TABLE "Rollout" (
    "id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "bundleId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "previousImageId" TEXT,
    "method" TEXT NOT NULL,
    "sourceBundleId" TEXT,
    "canarySize" INTEGER NOT NULL,
    "waveSize" INTEGER NOT NULL,
    "pauseMinutes" INTEGER NOT NULL,
    "failureThresholdPercent" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "currentWave" INTEGER NOT NULL DEFAULT 0,
    "waveCount" INTEGER NOT NULL,
    "nextWaveAt" TIMESTAMP(3),
    "stoppedReason" TEXT,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Rollout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RolloutItem" (
    "id" TEXT NOT NULL,
    "rolloutId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "ownerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "code" TEXT,
    "awsRequestId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastSnapshotAt" TIMESTAMP(3),
    "warnedAt" TIMESTAMP(3),
    "awsCalledAt" TIMESTAMP(3),
    "sawTransition" BOOLEAN NOT NULL DEFAULT false,
    "resultWorkspaceId" TEXT,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RolloutItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Rollout_createdAt_idx" ON "Rollout"("createdAt");

-- CreateIndex
CREATE INDEX "RolloutItem_rolloutId_wave_status_idx" ON "RolloutItem"("rolloutId", "wave", "status");

-- CreateIndex
CREATE INDEX "RolloutItem_workspaceId_idx" ON "RolloutItem"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "RolloutItem_rolloutId_workspaceId_key" ON "RolloutItem"("rolloutId", "workspaceId");

-- AddForeignKey
ALTER TABLE "RolloutItem" ADD CONSTRAINT "RolloutItem_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "Rollout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

