import {
  AssociateIpGroupsCommand,
  AuthorizeIpRulesCommand,
  CreateIpGroupCommand,
  DeleteIpGroupCommand,
  DescribeIpGroupsCommand,
  DisassociateIpGroupsCommand,
  RevokeIpRulesCommand,
  UpdateRulesOfIpGroupCommand,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted, TagPair } from "./types";

export interface IpRule {
  /** An IPv4 address or CIDR range, e.g. 203.0.113.0/24. */
  cidr: string;
  description?: string;
}

export interface IpGroupSummary {
  groupId: string;
  name: string;
  description?: string;
  rules: IpRule[];
}

const toSdkRules = (rules: readonly IpRule[]) => rules.map((r) => ({ ipRule: r.cidr, ruleDesc: r.description }));

export function ipAccessGroups(clients: RegionClients) {
  const { region } = clients;
  const accepted = (operation: string, meta: { requestId?: string }): Accepted => ({
    requestId: requireRequestId(meta, operation, region),
  });

  return {
    describeIpGroups(groupIds?: string[]): Promise<IpGroupSummary[]> {
      return clients.run("DescribeIpGroups", async ({ workspaces }) => {
        const out: IpGroupSummary[] = [];
        let nextToken: string | undefined;
        do {
          const page = await workspaces.send(new DescribeIpGroupsCommand({ GroupIds: groupIds, NextToken: nextToken }));
          for (const g of page.Result ?? []) {
            out.push({
              groupId: g.groupId ?? "",
              name: g.groupName ?? "",
              description: g.groupDesc,
              rules: (g.userRules ?? []).map((r) => ({ cidr: r.ipRule ?? "", description: r.ruleDesc })),
            });
          }
          nextToken = page.NextToken;
        } while (nextToken);
        return out;
      });
    },

    createIpGroup(group: {
      name: string;
      description?: string;
      rules?: IpRule[];
      tags?: TagPair[];
    }): Promise<Accepted & { groupId: string }> {
      return clients.run("CreateIpGroup", async ({ workspaces }) => {
        const out = await workspaces.send(
          new CreateIpGroupCommand({
            GroupName: group.name,
            GroupDesc: group.description,
            UserRules: group.rules ? toSdkRules(group.rules) : undefined,
            Tags: group.tags?.map((t) => ({ Key: t.key, Value: t.value })),
          }),
        );
        return { ...accepted("CreateIpGroup", out.$metadata), groupId: out.GroupId ?? "" };
      });
    },

    /** AWS refuses while the group is still associated with a directory (reason wrong_state). */
    deleteIpGroup(groupId: string): Promise<Accepted> {
      return clients.run("DeleteIpGroup", async ({ workspaces }) =>
        accepted("DeleteIpGroup", (await workspaces.send(new DeleteIpGroupCommand({ GroupId: groupId }))).$metadata),
      );
    },

    authorizeIpRules(groupId: string, rules: readonly IpRule[]): Promise<Accepted> {
      return clients.run("AuthorizeIpRules", async ({ workspaces }) =>
        accepted(
          "AuthorizeIpRules",
          (await workspaces.send(new AuthorizeIpRulesCommand({ GroupId: groupId, UserRules: toSdkRules(rules) }))).$metadata,
        ),
      );
    },

    revokeIpRules(groupId: string, cidrs: readonly string[]): Promise<Accepted> {
      return clients.run("RevokeIpRules", async ({ workspaces }) =>
        accepted("RevokeIpRules", (await workspaces.send(new RevokeIpRulesCommand({ GroupId: groupId, UserRules: [...cidrs] }))).$metadata),
      );
    },

    /** Replaces all of the group's rules at once. */
    replaceIpRules(groupId: string, rules: readonly IpRule[]): Promise<Accepted> {
      return clients.run("UpdateRulesOfIpGroup", async ({ workspaces }) =>
        accepted(
          "UpdateRulesOfIpGroup",
          (await workspaces.send(new UpdateRulesOfIpGroupCommand({ GroupId: groupId, UserRules: toSdkRules(rules) }))).$metadata,
        ),
      );
    },

    associateIpGroups(directoryId: string, groupIds: readonly string[]): Promise<Accepted> {
      return clients.run("AssociateIpGroups", async ({ workspaces }) =>
        accepted(
          "AssociateIpGroups",
          (await workspaces.send(new AssociateIpGroupsCommand({ DirectoryId: directoryId, GroupIds: [...groupIds] }))).$metadata,
        ),
      );
    },

    disassociateIpGroups(directoryId: string, groupIds: readonly string[]): Promise<Accepted> {
      return clients.run("DisassociateIpGroups", async ({ workspaces }) =>
        accepted(
          "DisassociateIpGroups",
          (await workspaces.send(new DisassociateIpGroupsCommand({ DirectoryId: directoryId, GroupIds: [...groupIds] }))).$metadata,
        ),
      );
    },
  };
}

export type IpAccessGroups = ReturnType<typeof ipAccessGroups>;
