import {
  AssociateConnectionAliasCommand,
  CreateConnectionAliasCommand,
  DeleteConnectionAliasCommand,
  DescribeConnectionAliasesCommand,
  DescribeConnectionAliasPermissionsCommand,
  DisassociateConnectionAliasCommand,
  UpdateConnectionAliasPermissionCommand,
} from "@aws-sdk/client-workspaces";
import { requireRequestId, type RegionClients } from "./clients";
import type { Accepted, TagPair } from "./types";

export type ConnectionAliasState = "CREATING" | "CREATED" | "DELETING" | (string & {});
export type AliasAssociationStatus =
  | "NOT_ASSOCIATED"
  | "ASSOCIATED_WITH_OWNER_ACCOUNT"
  | "ASSOCIATED_WITH_SHARED_ACCOUNT"
  | "PENDING_ASSOCIATION"
  | "PENDING_DISASSOCIATION"
  | (string & {});

export interface AliasAssociation {
  status: AliasAssociationStatus;
  /** The directory the alias is associated with. */
  directoryId?: string;
  accountId?: string;
  /** Goes into the DNS TXT record of the routing policy. */
  connectionIdentifier?: string;
}

export interface ConnectionAliasSummary {
  aliasId: string;
  /** The FQDN users type into the client instead of a registration code. */
  connectionString: string;
  state: ConnectionAliasState;
  ownerAccountId?: string;
  associations: AliasAssociation[];
}

export interface AliasPermission {
  accountId: string;
  allowAssociation: boolean;
}

// DescribeConnectionAliases takes at most 25 ids a call.
const IDS_PER_CALL = 25;

/** Connection aliases (cross-Region redirection) of one Region. */
export function connectionAliases(clients: RegionClients) {
  const { region } = clients;
  const accepted = (operation: string, meta: { requestId?: string }): Accepted => ({
    requestId: requireRequestId(meta, operation, region),
  });

  async function describePages(filter: { AliasIds?: string[]; ResourceId?: string }): Promise<ConnectionAliasSummary[]> {
    return clients.run("DescribeConnectionAliases", async ({ workspaces }) => {
      const out: ConnectionAliasSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await workspaces.send(new DescribeConnectionAliasesCommand({ ...filter, NextToken: nextToken }));
        for (const a of page.ConnectionAliases ?? []) {
          out.push({
            aliasId: a.AliasId ?? "",
            connectionString: a.ConnectionString ?? "",
            state: a.State ?? "CREATED",
            ownerAccountId: a.OwnerAccountId,
            associations: (a.Associations ?? [])
              .filter((x) => x.AssociationStatus !== "NOT_ASSOCIATED")
              .map((x) => ({
                status: x.AssociationStatus ?? "NOT_ASSOCIATED",
                directoryId: x.ResourceId,
                accountId: x.AssociatedAccountId,
                connectionIdentifier: x.ConnectionIdentifier,
              })),
          });
        }
        nextToken = page.NextToken;
      } while (nextToken);
      return out;
    });
  }

  return {
    /** Every alias of the Region, or the given ones (in calls of 25 ids). */
    async describeConnectionAliases(aliasIds?: readonly string[]): Promise<ConnectionAliasSummary[]> {
      if (!aliasIds) return describePages({});
      if (aliasIds.length === 0) return [];
      const out: ConnectionAliasSummary[] = [];
      for (let i = 0; i < aliasIds.length; i += IDS_PER_CALL)
        out.push(...(await describePages({ AliasIds: aliasIds.slice(i, i + IDS_PER_CALL) })));
      return out;
    },

    /** The aliases associated with one directory. */
    aliasesOfDirectory(directoryId: string): Promise<ConnectionAliasSummary[]> {
      return describePages({ ResourceId: directoryId });
    },

    createConnectionAlias(connectionString: string, tags?: readonly TagPair[]): Promise<Accepted & { aliasId: string }> {
      return clients.run("CreateConnectionAlias", async ({ workspaces }) => {
        const out = await workspaces.send(
          new CreateConnectionAliasCommand({
            ConnectionString: connectionString,
            Tags: tags?.length ? tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
          }),
        );
        return { ...accepted("CreateConnectionAlias", out.$metadata), aliasId: out.AliasId ?? "" };
      });
    },

    /** AWS wants the alias CREATED; the answer's connection identifier goes into the DNS TXT record. */
    associateConnectionAlias(aliasId: string, directoryId: string): Promise<Accepted & { connectionIdentifier?: string }> {
      return clients.run("AssociateConnectionAlias", async ({ workspaces }) => {
        const out = await workspaces.send(new AssociateConnectionAliasCommand({ AliasId: aliasId, ResourceId: directoryId }));
        return { ...accepted("AssociateConnectionAlias", out.$metadata), connectionIdentifier: out.ConnectionIdentifier };
      });
    },

    disassociateConnectionAlias(aliasId: string): Promise<Accepted> {
      return clients.run("DisassociateConnectionAlias", async ({ workspaces }) =>
        accepted(
          "DisassociateConnectionAlias",
          (await workspaces.send(new DisassociateConnectionAliasCommand({ AliasId: aliasId }))).$metadata,
        ),
      );
    },

    /** AWS refuses while the alias is associated with a directory or shared with an account. */
    deleteConnectionAlias(aliasId: string): Promise<Accepted> {
      return clients.run("DeleteConnectionAlias", async ({ workspaces }) =>
        accepted("DeleteConnectionAlias", (await workspaces.send(new DeleteConnectionAliasCommand({ AliasId: aliasId }))).$metadata),
      );
    },

    describeConnectionAliasPermissions(aliasId: string): Promise<AliasPermission[]> {
      return clients.run("DescribeConnectionAliasPermissions", async ({ workspaces }) => {
        const out: AliasPermission[] = [];
        let nextToken: string | undefined;
        do {
          const page = await workspaces.send(new DescribeConnectionAliasPermissionsCommand({ AliasId: aliasId, NextToken: nextToken }));
          for (const p of page.ConnectionAliasPermissions ?? [])
            out.push({ accountId: p.SharedAccountId ?? "", allowAssociation: p.AllowAssociation ?? false });
          nextToken = page.NextToken;
        } while (nextToken);
        return out;
      });
    },

    /** Shares the alias with an account (allow) or stops sharing it. */
    updateConnectionAliasPermission(aliasId: string, accountId: string, allowAssociation: boolean): Promise<Accepted> {
      return clients.run("UpdateConnectionAliasPermission", async ({ workspaces }) =>
        accepted(
          "UpdateConnectionAliasPermission",
          (
            await workspaces.send(
              new UpdateConnectionAliasPermissionCommand({
                AliasId: aliasId,
                ConnectionAliasPermission: { SharedAccountId: accountId, AllowAssociation: allowAssociation },
              }),
            )
          ).$metadata,
        ),
      );
    },
  };
}

export type ConnectionAliases = ReturnType<typeof connectionAliases>;
