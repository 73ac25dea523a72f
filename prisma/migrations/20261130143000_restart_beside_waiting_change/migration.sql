-- A restart, start or stop may go ahead while a configuration change still waits for its approver
-- (lib/domain/request-status.ts, openRequestHolds, decides when). The database keeps the race guard as two
-- rules instead of one: at most one open configuration change per WorkSpace, and beside it at most one open
-- power action.
DROP INDEX "Request_one_open_per_workspace";

CREATE UNIQUE INDEX "Request_one_open_per_workspace" ON "Request"("workspaceId")
  WHERE "workspaceId" IS NOT NULL AND "status" IN ('PENDING_APPROVAL', 'APPROVED', 'EXECUTING')
    AND "type" NOT IN ('reboot', 'start', 'stop');

CREATE UNIQUE INDEX "Request_one_open_power_action_per_workspace" ON "Request"("workspaceId")
  WHERE "workspaceId" IS NOT NULL AND "status" IN ('PENDING_APPROVAL', 'APPROVED', 'EXECUTING')
    AND "type" IN ('reboot', 'start', 'stop');
