-- CreateIndex
CREATE INDEX "BulkItem_workspaceId_idx" ON "BulkItem"("workspaceId");

