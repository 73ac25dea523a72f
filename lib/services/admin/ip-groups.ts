import "server-only";
import type { z } from "zod";
import { getAwsGateway } from "../../aws";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { ServiceError } from "../../core/errors";
import { callAws, parseInput as parse, requireAdmin, type AdminCaller } from "./guard";
import {
  createIpGroupInput,
  ipGroupAssociationInput,
  ipGroupRef,
  MAX_IP_GROUPS_PER_DIRECTORY,
  replaceIpRulesInput,
} from "../../schemas/admin";

// IP access control groups: every change is checked here first (so the admin gets the rule in plain
// words, not AWS's wording), then made in AWS, then audited with AWS's request id. The portal keeps no
// copy of groups, so "nothing changes locally" on a refusal holds by construction.

async function directoriesUsing(region: string, groupId: string) {
  const directories = await getAwsGateway().region(region).directories.describeDirectories();
  return directories.filter((d) => d.ipGroupIds.includes(groupId));
}

export async function createIpGroup(caller: AdminCaller, raw: z.input<typeof createIpGroupInput>): Promise<{ groupId: string }> {
  const actor = await requireAdmin(caller);
  const input = parse(createIpGroupInput, raw);
  const target = { action: "ipgroup.create", targetType: "ipGroup", targetId: input.name, detail: { region: input.region } };
  const out = await callAws(actor, target, () =>
    getAwsGateway()
      .region(input.region)
      .ipGroups.createIpGroup({
        name: input.name,
        description: input.description || undefined,
        rules: input.rules,
        tags: input.tags.length ? input.tags : undefined,
      }),
  );
  await recordAudit(db(), {
    actor,
    action: "ipgroup.created",
    targetType: "ipGroup",
    targetId: out.groupId,
    after: input,
    awsRequestIds: [out.requestId],
  });
  return { groupId: out.groupId };
}

export async function deleteIpGroup(caller: AdminCaller, raw: z.input<typeof ipGroupRef>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, groupId } = parse(ipGroupRef, raw);
  const using = await directoriesUsing(region, groupId);
  if (using.length) {
    const names = using.map((d) => d.name).join(", ");
    throw new ServiceError(
      "refused",
      `This group is still associated with ${names}. ` +
        `Disassociate it from ${using.length === 1 ? "that directory" : "those directories"} first.`,
    );
  }
  const gw = getAwsGateway().region(region);
  const [before] = await gw.ipGroups.describeIpGroups([groupId]).catch(() => []);
  const out = await callAws(actor, { action: "ipgroup.delete", targetType: "ipGroup", targetId: groupId, detail: { region } }, () =>
    gw.ipGroups.deleteIpGroup(groupId),
  );
  await recordAudit(db(), {
    actor,
    action: "ipgroup.deleted",
    targetType: "ipGroup",
    targetId: groupId,
    before,
    awsRequestIds: [out.requestId],
    detail: { region },
  });
}

/** Replaces the group's rules with the given list (at most 10, each with a description). */
export async function replaceIpRules(caller: AdminCaller, raw: z.input<typeof replaceIpRulesInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, groupId, rules } = parse(replaceIpRulesInput, raw);
  const gw = getAwsGateway().region(region);
  const [before] = await gw.ipGroups.describeIpGroups([groupId]).catch(() => []);
  const out = await callAws(
    actor,
    { action: "ipgroup.rules_update", targetType: "ipGroup", targetId: groupId, detail: { region, rules } },
    () => gw.ipGroups.replaceIpRules(groupId, rules),
  );
  await recordAudit(db(), {
    actor,
    action: "ipgroup.rules_updated",
    targetType: "ipGroup",
    targetId: groupId,
    before: before?.rules,
    after: rules,
    awsRequestIds: [out.requestId],
    detail: { region },
  });
}

export async function associateIpGroup(caller: AdminCaller, raw: z.input<typeof ipGroupAssociationInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, groupId, directoryId } = parse(ipGroupAssociationInput, raw);
  const gw = getAwsGateway().region(region);
  const [directory] = await gw.directories.describeDirectories([directoryId]).catch(() => []);
  if (!directory) throw new ServiceError("not_found", `There is no registered directory ${directoryId} in ${region}.`);
  if (directory.ipGroupIds.includes(groupId)) return;
  if (directory.ipGroupIds.length >= MAX_IP_GROUPS_PER_DIRECTORY) {
    throw new ServiceError(
      "refused",
      `${directory.name} already has ${directory.ipGroupIds.length} IP access control groups, ` +
        `the most a directory can have (${MAX_IP_GROUPS_PER_DIRECTORY}). Disassociate one first.`,
    );
  }
  const detail = { region, directoryId, directoryName: directory.name };
  const out = await callAws(actor, { action: "ipgroup.associate", targetType: "ipGroup", targetId: groupId, detail }, () =>
    gw.ipGroups.associateIpGroups(directoryId, [groupId]),
  );
  await recordAudit(db(), {
    actor,
    action: "ipgroup.associated",
    targetType: "ipGroup",
    targetId: groupId,
    before: directory.ipGroupIds,
    after: [...directory.ipGroupIds, groupId],
    awsRequestIds: [out.requestId],
    detail,
  });
}

export async function disassociateIpGroup(caller: AdminCaller, raw: z.input<typeof ipGroupAssociationInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const { region, groupId, directoryId } = parse(ipGroupAssociationInput, raw);
  const gw = getAwsGateway().region(region);
  const detail = { region, directoryId };
  const out = await callAws(actor, { action: "ipgroup.disassociate", targetType: "ipGroup", targetId: groupId, detail }, () =>
    gw.ipGroups.disassociateIpGroups(directoryId, [groupId]),
  );
  await recordAudit(db(), {
    actor,
    action: "ipgroup.disassociated",
    targetType: "ipGroup",
    targetId: groupId,
    awsRequestIds: [out.requestId],
    detail,
  });
}
