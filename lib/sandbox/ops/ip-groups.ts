import type { Handler, OpContext } from "../engine";
import { AwsError, invalidParameter, limitExceeded, notFound } from "../protocol/errors";
import { randomId } from "../world/ids";
import type { IpGroupRecord, Tag } from "../world/types";
import { pageByOffset } from "./pagination";
import { checkTags, parseCidr, requireRegisteredDirectory } from "./rules";

// Limits from the WorkSpaces quotas: rules per group, groups per directory, groups per Region.
export const RULES_PER_GROUP = 10;
export const GROUPS_PER_DIRECTORY = 25;
export const GROUPS_PER_REGION = 100;

type Rule = { ipRule: string; ruleDesc?: string };

function requireGroup(ctx: OpContext, id: string): IpGroupRecord {
  const group = ctx.world.ipGroups[id];
  if (!group) throw notFound(`The IP access control group ${id} could not be found.`);
  return group;
}

function checkRules(rules: Rule[]): Rule[] {
  for (const r of rules)
    if (!parseCidr(r.ipRule)) throw invalidParameter(`The IP rule ${r.ipRule} is not a valid IPv4 address or CIDR range.`);
  if (rules.length > RULES_PER_GROUP) throw limitExceeded(`An IP access control group can have at most ${RULES_PER_GROUP} rules.`);
  return rules.map((r) => ({ ipRule: r.ipRule, ...(r.ruleDesc !== undefined ? { ruleDesc: r.ruleDesc } : {}) }));
}

const createIpGroup: Handler = (ctx, input) => {
  const req = input as { GroupName: string; GroupDesc?: string; UserRules?: Rule[]; Tags?: Tag[] };
  if (req.GroupName.trim() === "") throw invalidParameter("GroupName must not be empty.");
  if (Object.values(ctx.world.ipGroups).some((g) => g.groupName === req.GroupName))
    throw new AwsError("ResourceAlreadyExistsException", `An IP access control group named ${req.GroupName} already exists.`);
  if (Object.keys(ctx.world.ipGroups).length >= GROUPS_PER_REGION)
    throw limitExceeded(`A Region can have at most ${GROUPS_PER_REGION} IP access control groups.`);
  const rules = checkRules(req.UserRules ?? []);
  checkTags(req.Tags);
  const id = randomId("wsipg-");
  ctx.world.ipGroups[id] = {
    groupId: id,
    groupName: req.GroupName,
    ...(req.GroupDesc !== undefined ? { groupDesc: req.GroupDesc } : {}),
    userRules: rules,
  };
  if (req.Tags?.length) ctx.world.tags[id] = req.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
  return { GroupId: id };
};

function directoriesUsing(ctx: OpContext, groupId: string): string[] {
  return Object.values(ctx.world.directories)
    .filter((d) => d.registration?.ipGroupIds.includes(groupId))
    .map((d) => d.DirectoryId);
}

const deleteIpGroup: Handler = (ctx, input) => {
  const group = requireGroup(ctx, String(input.GroupId));
  const using = directoriesUsing(ctx, group.groupId);
  if (using.length)
    throw new AwsError(
      "ResourceAssociatedException",
      `The IP access control group is associated with ${using.join(", ")}; disassociate it first.`,
    );
  delete ctx.world.ipGroups[group.groupId];
  delete ctx.world.tags[group.groupId];
  return {};
};

const describeIpGroups: Handler = (ctx, input) => {
  const req = input as { GroupIds?: string[]; NextToken?: string; MaxResults?: number };
  let list = Object.values(ctx.world.ipGroups);
  if (req.GroupIds) list = list.filter((g) => req.GroupIds!.includes(g.groupId));
  const { page, next } = pageByOffset(list, req.MaxResults ?? 25, req.NextToken);
  return { Result: page, ...(next ? { NextToken: next } : {}) };
};

const authorizeIpRules: Handler = (ctx, input) => {
  const group = requireGroup(ctx, String(input.GroupId));
  const added = checkRules(input.UserRules as Rule[]).filter((r) => !group.userRules.some((x) => x.ipRule === r.ipRule));
  if (group.userRules.length + added.length > RULES_PER_GROUP)
    throw limitExceeded(`An IP access control group can have at most ${RULES_PER_GROUP} rules.`);
  group.userRules.push(...added);
  return {};
};

const revokeIpRules: Handler = (ctx, input) => {
  const group = requireGroup(ctx, String(input.GroupId));
  const revoked = input.UserRules as string[];
  for (const r of revoked) if (!parseCidr(r)) throw invalidParameter(`The IP rule ${r} is not a valid IPv4 address or CIDR range.`);
  group.userRules = group.userRules.filter((r) => !revoked.includes(r.ipRule));
  return {};
};

const updateRulesOfIpGroup: Handler = (ctx, input) => {
  const group = requireGroup(ctx, String(input.GroupId));
  group.userRules = checkRules(input.UserRules as Rule[]);
  return {};
};

const associateIpGroups: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.DirectoryId));
  const ids = input.GroupIds as string[];
  for (const id of ids) requireGroup(ctx, id);
  const merged = [...new Set([...dir.registration!.ipGroupIds, ...ids])];
  if (merged.length > GROUPS_PER_DIRECTORY)
    throw limitExceeded(`A directory can have at most ${GROUPS_PER_DIRECTORY} IP access control groups.`);
  dir.registration!.ipGroupIds = merged;
  return {};
};

const disassociateIpGroups: Handler = (ctx, input) => {
  const dir = requireRegisteredDirectory(ctx, String(input.DirectoryId));
  const ids = input.GroupIds as string[];
  for (const id of ids) requireGroup(ctx, id);
  dir.registration!.ipGroupIds = dir.registration!.ipGroupIds.filter((g) => !ids.includes(g));
  return {};
};

export const ipGroupOps: Record<string, Handler> = {
  CreateIpGroup: createIpGroup,
  DeleteIpGroup: deleteIpGroup,
  DescribeIpGroups: describeIpGroups,
  AuthorizeIpRules: authorizeIpRules,
  RevokeIpRules: revokeIpRules,
  UpdateRulesOfIpGroup: updateRulesOfIpGroup,
  AssociateIpGroups: associateIpGroups,
  DisassociateIpGroups: disassociateIpGroups,
};
