import "server-only";
import type { z } from "zod";
import {
  accessPropertiesInput,
  clientPropertiesInput,
  creationPropertiesInput,
  directoryIpGroupInput,
  directoryRef,
  directoryRequestersInput,
  registerDirectoryInput,
  selfServiceInput,
} from "../../schemas/admin-directories";
import { getAwsGateway, type DirectorySummary, type WorkspaceCreationProperties } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { refreshCatalog } from "../../core/catalog";
import { ServiceError } from "../../core/errors";
import { callAws, parseInput, requireAdmin, type AdminActor, type AdminCaller } from "./guard";
import { associateIpGroup, disassociateIpGroup } from "./ip-groups";
import { setDirectoryRequesters } from "./policies";

// WorkSpaces directory settings. The portal keeps no copy of them: each change is checked here (so the
// admin reads the rule in plain words), made in AWS, then audited with AWS's request id. A refusal from
// AWS is audited as an attempt and nothing else is written. After each change the request rules'
// catalog cache is replaced, so the next request form sees the new directory settings.

async function registered(region: string, directoryId: string): Promise<DirectorySummary> {
  const [directory] = await getAwsGateway()
    .region(region)
    .directories.describeDirectories([directoryId])
    .catch(() => []);
  if (!directory) throw new ServiceError("not_found", `There is no directory ${directoryId} registered with WorkSpaces in ${region}.`);
  return directory;
}

/** Makes one AWS change to a registered directory and audits it; the caller says what changed. */
async function changeDirectory(
  actor: AdminActor,
  ref: { region: string; directoryId: string },
  what: { action: string; done: string; before: unknown; after: unknown },
  call: () => Promise<{ requestId: string }>,
): Promise<void> {
  const detail = { region: ref.region };
  const out = await callAws(
    actor,
    { action: `directory.${what.action}`, targetType: "directory", targetId: ref.directoryId, detail: { ...detail, after: what.after } },
    call,
  );
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: `directory.${what.done}`,
      targetType: "directory",
      targetId: ref.directoryId,
      before: what.before,
      after: what.after,
      awsRequestIds: [out.requestId],
      detail,
    }),
  );
  refreshCatalog();
}

export async function updateSelfServicePermissions(caller: AdminCaller, raw: z.input<typeof selfServiceInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(selfServiceInput, raw);
  const before = await registered(input.region, input.directoryId);
  await changeDirectory(
    actor,
    input,
    { action: "selfservice_update", done: "selfservice_updated", before: before.selfservicePermissions, after: input.permissions },
    () => getAwsGateway().region(input.region).directories.modifySelfservicePermissions(input.directoryId, input.permissions),
  );
}

export async function updateCreationProperties(caller: AdminCaller, raw: z.input<typeof creationPropertiesInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(creationPropertiesInput, raw);
  const before = await registered(input.region, input.directoryId);
  const p = input.properties;
  const properties: WorkspaceCreationProperties = {
    DefaultOu: p.defaultOu,
    CustomSecurityGroupId: p.customSecurityGroupId,
    EnableInternetAccess: p.enableInternetAccess,
    UserEnabledAsLocalAdministrator: p.userEnabledAsLocalAdministrator,
    EnableMaintenanceMode: p.enableMaintenanceMode,
  };
  await changeDirectory(
    actor,
    input,
    { action: "creation_update", done: "creation_updated", before: before.creationProperties, after: properties },
    () => getAwsGateway().region(input.region).directories.modifyCreationProperties(input.directoryId, properties),
  );
}

export async function updateAccessProperties(caller: AdminCaller, raw: z.input<typeof accessPropertiesInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(accessPropertiesInput, raw);
  const before = await registered(input.region, input.directoryId);
  await changeDirectory(
    actor,
    input,
    { action: "access_update", done: "access_updated", before: before.accessProperties, after: input.properties },
    () => getAwsGateway().region(input.region).directories.modifyAccessProperties(input.directoryId, input.properties),
  );
}

export async function updateClientProperties(caller: AdminCaller, raw: z.input<typeof clientPropertiesInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(clientPropertiesInput, raw);
  const gw = getAwsGateway().region(input.region);
  await registered(input.region, input.directoryId);
  const [before] = await gw.directories.describeClientProperties([input.directoryId]).catch(() => []);
  await changeDirectory(
    actor,
    input,
    { action: "client_update", done: "client_updated", before: before?.properties, after: input.properties },
    () => gw.directories.modifyClientProperties(input.directoryId, input.properties),
  );
}

/** The IP groups service owns the association rules (at most 25 per directory); this only adds the catalog refresh. */
export async function associateDirectoryIpGroup(caller: AdminCaller, raw: z.input<typeof directoryIpGroupInput>): Promise<void> {
  const input = parseInput(directoryIpGroupInput, raw);
  await associateIpGroup(caller, input);
  refreshCatalog();
}

export async function disassociateDirectoryIpGroup(caller: AdminCaller, raw: z.input<typeof directoryIpGroupInput>): Promise<void> {
  const input = parseInput(directoryIpGroupInput, raw);
  await disassociateIpGroup(caller, input);
  refreshCatalog();
}

/** Who may request WorkSpaces in the directory lives in the policy's catalog, edited through the policies service. */
export async function updateDirectoryRequesters(caller: AdminCaller, raw: z.input<typeof directoryRequestersInput>): Promise<void> {
  await requireAdmin(caller);
  const input = parseInput(directoryRequestersInput, raw);
  await setDirectoryRequesters(caller, {
    directoryId: input.directoryId,
    personas: [...new Set(input.personas)],
    groups: [...new Set(input.groups)],
  });
  refreshCatalog();
}

export async function registerDirectory(caller: AdminCaller, raw: z.input<typeof registerDirectoryInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(registerDirectoryInput, raw);
  const gw = getAwsGateway().region(input.region);
  const [already] = await gw.directories.describeDirectories([input.directoryId]).catch(() => []);
  if (already) throw new ServiceError("refused", `${already.name} is already registered with WorkSpaces.`);
  const after = { subnetIds: input.subnetIds, enableSelfService: input.enableSelfService };
  await changeDirectory(actor, input, { action: "register", done: "registered", before: null, after }, () =>
    gw.directories.registerDirectory({
      directoryId: input.directoryId,
      subnetIds: [...input.subnetIds],
      enableSelfService: input.enableSelfService,
    }),
  );
}

/** Refused while the inventory knows WorkSpaces in the directory; AWS refuses on its own for any it has that the cache missed. */
export async function deregisterDirectory(caller: AdminCaller, raw: z.input<typeof directoryRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(directoryRef, raw);
  const live = { directoryId: input.directoryId, region: input.region, goneAt: null, state: { not: "TERMINATED" } };
  const count = await db().workspace.count({ where: live });
  if (count) {
    const some = await db().workspace.findMany({
      where: live,
      select: { userName: true, computerName: true },
      orderBy: { id: "asc" },
      take: 3,
    });
    // Named as people name them: the user, and the computer name once AWS has given one.
    const names = some.map((w) => (w.computerName ? `${w.userName}'s ${w.computerName}` : w.userName)).join(", ");
    throw new ServiceError(
      "refused",
      `${count} WorkSpace${count === 1 ? "" : "s"} still use${count === 1 ? "s" : ""} this directory ` +
        `(${names}${count > some.length ? ", …" : ""}). Migrate or terminate ${count === 1 ? "it" : "them"} before deregistering.`,
    );
  }
  const before = await registered(input.region, input.directoryId);
  await changeDirectory(
    actor,
    input,
    {
      action: "deregister",
      done: "deregistered",
      before: { name: before.name, subnetIds: before.subnetIds, ipGroupIds: before.ipGroupIds },
      after: null,
    },
    () => getAwsGateway().region(input.region).directories.deregisterDirectory(input.directoryId),
  );
}
