-- Written by hand: Prisma's schema cannot express expression indexes, and `prisma migrate diff` leaves them alone.
-- The fleet's search box matches the start of the WorkSpace ID, user name or computer name, ignoring case
-- (lib/queries/admin-fleet.ts: lower(column) LIKE 'prefix%'); text_pattern_ops lets a btree serve that
-- prefix under any collation.
CREATE INDEX "Workspace_lower_id_idx" ON "Workspace" (lower("id") text_pattern_ops);
CREATE INDEX "Workspace_lower_userName_idx" ON "Workspace" (lower("userName") text_pattern_ops);
CREATE INDEX "Workspace_lower_computerName_idx" ON "Workspace" (lower("computerName") text_pattern_ops);
