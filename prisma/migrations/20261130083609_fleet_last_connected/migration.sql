-- CreateIndex
CREATE INDEX "Workspace_lastConnectedAt_idx" ON "Workspace"("lastConnectedAt");

