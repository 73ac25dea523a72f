-- CreateEnum
CREATE TYPE "BulkItemStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "BulkOperation" (
    "id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkItem" (
    "id" TEXT NOT NULL,
    "operationId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "status" "BulkItemStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "code" TEXT,
    "awsRequestId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BulkItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BulkOperation_createdAt_idx" ON "BulkOperation"("createdAt");

-- CreateIndex
CREATE INDEX "BulkItem_operationId_status_idx" ON "BulkItem"("operationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BulkItem_operationId_workspaceId_key" ON "BulkItem"("operationId", "workspaceId");

-- AddForeignKey
ALTER TABLE "BulkItem" ADD CONSTRAINT "BulkItem_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "BulkOperation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

