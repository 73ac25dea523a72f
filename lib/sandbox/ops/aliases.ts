import type { Handler, OpContext } from "../engine";
import { AwsError, invalidParameter, invalidState, limitExceeded, notFound } from "../protocol/errors";
import { randomId } from "../world/ids";
import type { ConnectionAliasRecord, Tag } from "../world/types";
import { pageByOffset } from "./pagination";
import { checkTags, requireRegisteredDirectory } from "./rules";

// Connection aliases for cross-Region redirection. Each Region keeps its own aliases: the same connection
// string is created once in each Region of a pair, and each copy is associated with a directory of its Region.
// CREATING, PENDING_ASSOCIATION, PENDING_DISASSOCIATION and DELETING each last ALIAS_TRANSITION_MS of sandbox
// time, derived from the record's times on every read.

export const ALIAS_TRANSITION_MS = 60_000;
/** The sandbox's own cap on aliases per Region (AWS sets a per-account quota). */
export const ALIASES_PER_REGION = 100;
/** At most this many accounts may be given permission to associate one alias (the model's list size). */
export const SHARED_ACCOUNTS_PER_ALIAS = 25;

type AliasState = "CREATING" | "CREATED" | "DELETING";
type AssociationStatus = "ASSOCIATED_WITH_OWNER_ACCOUNT" | "PENDING_ASSOCIATION" | "PENDING_DISASSOCIATION";

/** A fully qualified domain name: two or more labels of letters, digits and inner hyphens, a non-numeric top label. */
export function fqdnProblem(value: string): string | undefined {
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  const labels = name.split(".");
  if (labels.length < 2) return `The connection string ${value} is not a fully qualified domain name, such as www.example.com.`;
  if (name.length > 253) return "A fully qualified domain name has at most 253 characters.";
  for (const label of labels) {
    if (!/^[0-9a-zA-Z](?:[0-9a-zA-Z-]{0,61}[0-9a-zA-Z])?$/.test(label))
      return `The connection string ${value} is not a fully qualified domain name: each label has 1-63 letters, digits or inner hyphens.`;
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) return `The connection string ${value} is not a fully qualified domain name.`;
  return undefined;
}

function aliases(ctx: OpContext): Record<string, ConnectionAliasRecord> {
  ctx.world.aliases ??= {};
  // A deleted alias is gone once its DELETING time is over; a finished disassociation leaves no association.
  for (const alias of Object.values(ctx.world.aliases)) {
    if (alias.deletingAt !== undefined && ctx.now >= alias.deletingAt + ALIAS_TRANSITION_MS) {
      delete ctx.world.aliases[alias.AliasId];
      delete ctx.world.tags[alias.AliasId];
    } else if (alias.association?.leavingAt !== undefined && ctx.now >= alias.association.leavingAt + ALIAS_TRANSITION_MS) {
      delete alias.association;
    }
  }
  return ctx.world.aliases;
}

function stateOf(ctx: OpContext, alias: ConnectionAliasRecord): AliasState {
  if (alias.deletingAt !== undefined) return "DELETING";
  return ctx.now < alias.createdAt + ALIAS_TRANSITION_MS ? "CREATING" : "CREATED";
}

function statusOf(ctx: OpContext, alias: ConnectionAliasRecord): AssociationStatus | undefined {
  const a = alias.association;
  if (!a) return undefined;
  if (a.leavingAt !== undefined) return "PENDING_DISASSOCIATION";
  return ctx.now < a.since + ALIAS_TRANSITION_MS ? "PENDING_ASSOCIATION" : "ASSOCIATED_WITH_OWNER_ACCOUNT";
}

function requireAlias(ctx: OpContext, id: string): ConnectionAliasRecord {
  const alias = aliases(ctx)[id];
  if (!alias) throw notFound(`The connection alias ${id} could not be found in ${ctx.world.region}.`);
  return alias;
}

function requireCreated(ctx: OpContext, alias: ConnectionAliasRecord): void {
  const state = stateOf(ctx, alias);
  if (state !== "CREATED") throw invalidState(`The connection alias ${alias.AliasId} is ${state}; it must be CREATED.`);
}

function present(ctx: OpContext, alias: ConnectionAliasRecord) {
  const status = statusOf(ctx, alias);
  return {
    ConnectionString: alias.ConnectionString,
    AliasId: alias.AliasId,
    State: stateOf(ctx, alias),
    OwnerAccountId: ctx.world.accountId,
    ...(status && alias.association
      ? {
          Associations: [
            {
              AssociationStatus: status,
              AssociatedAccountId: ctx.world.accountId,
              ResourceId: alias.association.directoryId,
              ConnectionIdentifier: alias.association.connectionIdentifier,
            },
          ],
        }
      : {}),
  };
}

const createConnectionAlias: Handler = (ctx, input) => {
  const req = input as { ConnectionString: string; Tags?: Tag[] };
  const problem = fqdnProblem(req.ConnectionString);
  if (problem) throw invalidParameter(problem);
  const all = aliases(ctx);
  const wanted = req.ConnectionString.toLowerCase();
  if (Object.values(all).some((a) => a.ConnectionString.toLowerCase() === wanted))
    throw new AwsError(
      "ResourceAlreadyExistsException",
      `A connection alias for ${req.ConnectionString} already exists in ${ctx.world.region}; a connection string is used once per Region.`,
    );
  if (Object.keys(all).length >= ALIASES_PER_REGION)
    throw limitExceeded(`A Region can have at most ${ALIASES_PER_REGION} connection aliases.`);
  checkTags(req.Tags);
  const id = randomId("wsca-");
  all[id] = { AliasId: id, ConnectionString: req.ConnectionString, createdAt: ctx.now, sharedWith: {} };
  if (req.Tags?.length) ctx.world.tags[id] = req.Tags.map((t) => ({ Key: t.Key, Value: t.Value ?? "" }));
  return { AliasId: id };
};

const describeConnectionAliases: Handler = (ctx, input) => {
  const req = input as { AliasIds?: string[]; ResourceId?: string; Limit?: number; NextToken?: string };
  if (req.AliasIds && req.ResourceId) throw invalidParameter("Specify either AliasIds or ResourceId, not both.");
  // Creation order: the record keeps its insertion order, so pages never repeat or skip an alias.
  let list = Object.values(aliases(ctx));
  if (req.AliasIds) list = list.filter((a) => req.AliasIds!.includes(a.AliasId));
  if (req.ResourceId) list = list.filter((a) => a.association?.directoryId === req.ResourceId);
  const { page, next } = pageByOffset(list, req.Limit ?? 25, req.NextToken);
  // The model's list has at least one member, so an empty answer leaves it out.
  return { ...(page.length ? { ConnectionAliases: page.map((a) => present(ctx, a)) } : {}), ...(next ? { NextToken: next } : {}) };
};

const associateConnectionAlias: Handler = (ctx, input) => {
  const alias = requireAlias(ctx, String(input.AliasId));
  const directoryId = String(input.ResourceId);
  requireCreated(ctx, alias);
  if (alias.association) {
    const status = statusOf(ctx, alias);
    if (status === "PENDING_DISASSOCIATION")
      throw invalidState(`The connection alias ${alias.AliasId} is being disassociated from ${alias.association.directoryId}.`);
    throw new AwsError(
      "ResourceAssociatedException",
      `The connection alias ${alias.AliasId} is already associated with ${alias.association.directoryId}.`,
    );
  }
  requireRegisteredDirectory(ctx, directoryId);
  const other = Object.values(aliases(ctx)).find((a) => a.association?.directoryId === directoryId);
  if (other)
    throw new AwsError(
      "ResourceAssociatedException",
      `The directory ${directoryId} is already associated with the connection alias ${other.AliasId}.`,
    );
  const connectionIdentifier = randomId("", 12);
  alias.association = { directoryId, connectionIdentifier, since: ctx.now };
  return { ConnectionIdentifier: connectionIdentifier };
};

const disassociateConnectionAlias: Handler = (ctx, input) => {
  const alias = requireAlias(ctx, String(input.AliasId));
  requireCreated(ctx, alias);
  const status = statusOf(ctx, alias);
  if (!alias.association || status === "PENDING_DISASSOCIATION")
    throw invalidState(`The connection alias ${alias.AliasId} is not associated with a directory.`);
  if (status === "PENDING_ASSOCIATION")
    throw invalidState(`The connection alias ${alias.AliasId} is still being associated with ${alias.association.directoryId}.`);
  alias.association.leavingAt = ctx.now;
  return {};
};

const deleteConnectionAlias: Handler = (ctx, input) => {
  const alias = requireAlias(ctx, String(input.AliasId));
  if (alias.deletingAt !== undefined) throw invalidState(`The connection alias ${alias.AliasId} is already DELETING.`);
  if (alias.association)
    throw new AwsError(
      "ResourceAssociatedException",
      `The connection alias ${alias.AliasId} is associated with ${alias.association.directoryId}; disassociate it first.`,
    );
  const shared = Object.keys(alias.sharedWith);
  if (shared.length)
    throw new AwsError(
      "ResourceAssociatedException",
      `The connection alias ${alias.AliasId} is shared with ${shared.join(", ")}; stop sharing it first.`,
    );
  requireCreated(ctx, alias);
  alias.deletingAt = ctx.now;
  return {};
};

const describeConnectionAliasPermissions: Handler = (ctx, input) => {
  const req = input as { AliasId: string; MaxResults?: number; NextToken?: string };
  const alias = requireAlias(ctx, req.AliasId);
  const list = Object.keys(alias.sharedWith)
    .sort()
    .map((account) => ({ SharedAccountId: account, AllowAssociation: true }));
  const { page, next } = pageByOffset(list, req.MaxResults ?? 25, req.NextToken);
  return { AliasId: alias.AliasId, ...(page.length ? { ConnectionAliasPermissions: page } : {}), ...(next ? { NextToken: next } : {}) };
};

const updateConnectionAliasPermission: Handler = (ctx, input) => {
  const req = input as { AliasId: string; ConnectionAliasPermission: { SharedAccountId: string; AllowAssociation: boolean } };
  const alias = requireAlias(ctx, req.AliasId);
  requireCreated(ctx, alias);
  const { SharedAccountId: account, AllowAssociation: allow } = req.ConnectionAliasPermission;
  if (account === ctx.world.accountId) throw invalidParameter("A connection alias cannot be shared with the account that owns it.");
  if (allow) {
    if (!alias.sharedWith[account] && Object.keys(alias.sharedWith).length >= SHARED_ACCOUNTS_PER_ALIAS)
      throw limitExceeded(`A connection alias can be shared with at most ${SHARED_ACCOUNTS_PER_ALIAS} accounts.`);
    alias.sharedWith[account] = true;
  } else {
    delete alias.sharedWith[account];
  }
  return {};
};

export const aliasOps: Record<string, Handler> = {
  CreateConnectionAlias: createConnectionAlias,
  DescribeConnectionAliases: describeConnectionAliases,
  AssociateConnectionAlias: associateConnectionAlias,
  DisassociateConnectionAlias: disassociateConnectionAlias,
  DeleteConnectionAlias: deleteConnectionAlias,
  DescribeConnectionAliasPermissions: describeConnectionAliasPermissions,
  UpdateConnectionAliasPermission: updateConnectionAliasPermission,
};
