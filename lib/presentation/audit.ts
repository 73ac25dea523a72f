import { computeTypeLabel, runningModeLabel, workspaceStateLabel } from "./labels";

// The audit log in sentences: "Carol Smith changed the approval policy", "Bob Martinez approved Alice
// Nguyen's request to change WSAMZN-LLQWLC2M (Standard, Windows) to Performance". One function per action the
// portal records; an action it does not know yet still reads as a sentence. Pure and client-safe.

/** A piece of a sentence: plain words, or a thing's name linked to its page (with its raw id when the name is unknown). */
export type AuditSegment = string | { text: string; href?: string; rawId?: string };

export interface AuditEventInput {
  action: string;
  actorId: string | null;
  actorLabel: string;
  targetType: string;
  targetId: string;
  requestId: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

/** Names the page knows for the ids the events mention; plain records so a server page can pass them on. */
export interface AuditNameBook {
  users: Record<string, string>;
  /** WorkSpace id → "WSAMZN-LLQWLC2M (Standard, Windows)". */
  workspaces: Record<string, string>;
  /** Request id → its title ("Change WSAMZN-… to Performance") and the person who asked. */
  requests: Record<string, { title: string; requester: string; requesterId?: string; type?: string }>;
  directories: Record<string, string>;
  bundles: Record<string, string>;
  webhooks?: Record<string, string>;
  apiTokens?: Record<string, string>;
}

export const emptyNameBook = (): AuditNameBook => ({ users: {}, workspaces: {}, requests: {}, directories: {}, bundles: {} });

// ---- small helpers ----------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const day = (v: unknown) => (typeof v === "string" ? v.slice(0, 10) : undefined);
const ROLE: Record<string, string> = { EMPLOYEE: "Employee", MANAGER: "Manager", ADMIN: "Admin" };
const roleLabel = (r: unknown) => (typeof r === "string" ? (ROLE[r] ?? r) : "—");

/** The words an action name carries: "rules_updated" → "rules updated", "api_token.created" → "api token created". */
export function humanizeAction(action: string): string {
  return action
    .replace(/[._-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
}

// ---- the things a sentence names ----------------------------------------------------------------------------

function person(book: AuditNameBook, id: string | null | undefined, fallback?: string): AuditSegment {
  if (!id) return fallback ?? "someone";
  const name = book.users[id] ?? fallback;
  return name ? { text: name, href: `/admin/users/${id}` } : { text: "a person no longer in the portal", rawId: id };
}

function actor(e: AuditEventInput, book: AuditNameBook): AuditSegment {
  if (!e.actorId) {
    if (e.actorLabel === "system") return "The portal";
    if (e.actorLabel.startsWith("sign-in")) return "Sign-in";
    return `The portal (${lowerFirst(e.actorLabel)})`;
  }
  return { text: e.actorLabel || book.users[e.actorId] || "Someone", href: `/admin/users/${e.actorId}` };
}

function workspace(book: AuditNameBook, id: string): AuditSegment {
  const name = book.workspaces[id];
  return name ? { text: name, href: `/admin/fleet/${id}` } : { text: "a WorkSpace no longer in the inventory", rawId: id };
}

function directory(book: AuditNameBook, id: string | undefined, known?: string): AuditSegment {
  if (!id) return known ? `directory ${known}` : "a directory";
  const name = book.directories[id] ?? known;
  return name ? { text: name, href: `/admin/directories/${id}` } : { text: "a directory", href: `/admin/directories/${id}`, rawId: id };
}

function bundle(book: AuditNameBook, id: string, known?: string): AuditSegment {
  const name = book.bundles[id] ?? known;
  return name ? { text: name, href: `/admin/bundles/${id}` } : { text: "a bundle", href: `/admin/bundles/${id}`, rawId: id };
}

function ipGroup(id: string, name?: string): AuditSegment {
  const href = `/admin/ip-groups/${id}`;
  return name ? { text: name, href } : { text: "an IP group", href, rawId: id };
}

function webhook(book: AuditNameBook, id: string, name?: string): AuditSegment {
  const known = book.webhooks?.[id] ?? name;
  return known ? { text: known, href: `/admin/webhooks/${id}` } : { text: "a webhook", href: `/admin/webhooks/${id}` };
}

/** "Alice Nguyen's request to change WSAMZN-… to Performance" (linked to the request), or "a request" when unknown. */
function requestPhrase(book: AuditNameBook, id: string | null, opts: { own?: boolean } = {}): AuditSegment {
  if (!id) return "a request";
  const r = book.requests[id];
  const href = `/requests/${id}`;
  if (!r) return { text: "a request", href };
  const whose = opts.own ? "their" : `${r.requester}'s`;
  const what = r.title.startsWith("New WorkSpace") ? `for a ${lowerFirst(r.title)}` : `to ${lowerFirst(r.title)}`;
  return { text: `${whose} request ${what}`, href };
}

/** The request phrase at the start of a sentence: "Alice Nguyen's request …" reads fine capitalised as is. */
const requestSubject = (book: AuditNameBook, id: string | null): AuditSegment => {
  const p = requestPhrase(book, id);
  if (typeof p === "string") return "A request";
  return p.text === "a request" ? { ...p, text: "A request" } : p;
};

/** The request's own title, lower-cased for the middle of a sentence ("change WSAMZN-… to Performance"). */
function requestWhat(book: AuditNameBook, id: string | null): AuditSegment | null {
  if (!id) return null;
  const r = book.requests[id];
  return r ? { text: lowerFirst(r.title), href: `/requests/${id}` } : null;
}

// ---- what admins change: the past tense for the log, the infinitive for AWS's refusals ------------------------

interface Phrase {
  /** "created the IP group Office" */
  done: (e: AuditEventInput, book: AuditNameBook) => AuditSegment[];
  /** "create the IP group Office" */
  attempt: (e: AuditEventInput, book: AuditNameBook) => AuditSegment[];
}

const ipName = (e: AuditEventInput) => str(obj(e.after).name) ?? str(obj(e.before).name) ?? str(obj(e.detail).name);
const dirOf = (e: AuditEventInput, book: AuditNameBook) =>
  directory(book, str(obj(e.detail).directoryId), str(obj(e.detail).directoryName));
const bundleName = (e: AuditEventInput) => str(obj(e.after).name) ?? str(obj(e.before).name) ?? str(obj(e.detail).name);

// Images name themselves and their Region in `detail`, since an image's page needs both.
function imageLink(e: AuditEventInput): AuditSegment {
  const d = obj(e.detail);
  const name = str(d.name);
  const region = str(d.region);
  const href = `/admin/images/${e.targetId}${region ? `?region=${region}` : ""}`;
  return name ? { text: name, href } : { text: "an image", href, rawId: e.targetId };
}
const imageSource = (e: AuditEventInput, b: AuditNameBook): AuditSegment[] => {
  const ws = str(obj(e.detail).workspaceId);
  return ws ? [" from ", workspace(b, ws)] : [];
};
const copyRoute = (e: AuditEventInput) => {
  const d = obj(e.detail);
  return str(d.sourceRegion) && str(d.region) ? ` from ${str(d.sourceRegion)} to ${str(d.region)}` : "";
};
const accountOf = (e: AuditEventInput) => ` with the account ${str(obj(e.detail).accountId) ?? "named"}`;

// A connection alias is named by its connection string and Region; the link opens the pair's page.
const aliasOf = (e: AuditEventInput): AuditSegment[] => {
  const d = obj(e.detail);
  const name = str(d.connectionString) ?? str(obj(e.after).connectionString) ?? str(obj(e.before).connectionString);
  const region = str(d.region) ?? str(obj(e.after).region) ?? str(obj(e.before).region);
  const where = region ? ` in ${region}` : "";
  return name ? [aliasLink(name), where] : ["a connection alias", where];
};
const aliasLink = (name: string): AuditSegment => ({ text: name, href: `/admin/aliases/${name}` });
const aliasAccount = (e: AuditEventInput) => `the AWS account ${str(obj(e.detail).accountId) ?? "named"}`;

function directoryPhrase(done: string, attempt: string): Phrase {
  return {
    done: (e, b) => [`${done} `, directory(b, e.targetId)],
    attempt: (e, b) => [`${attempt} `, directory(b, e.targetId)],
  };
}

const awsAccountName = (e: AuditEventInput) =>
  str(obj(e.detail).name) ?? str(obj(e.after).name) ?? str(obj(e.before).name) ?? "an AWS account";
const awsAccountLink = (e: AuditEventInput): AuditSegment => ({ text: awsAccountName(e), href: "/admin/accounts" });

/** Keyed by the action's base name: "ipgroup.create" is attempted, "ipgroup.created" is done. */
const ADMIN_PHRASES: Record<string, Phrase> = {
  "account.add": {
    done: (e) => ["added the AWS account ", awsAccountLink(e)],
    attempt: (e) => [`add the AWS account ${e.targetId}`],
  },
  "account.update": {
    done: (e) => ["changed the AWS account ", awsAccountLink(e)],
    attempt: (e) => ["change the AWS account ", awsAccountLink(e)],
  },
  "account.policy_update": {
    done: (e) => ["changed the approval thresholds of the AWS account ", awsAccountLink(e)],
    attempt: (e) => ["change the approval thresholds of the AWS account ", awsAccountLink(e)],
  },
  "account.remove": {
    done: (e) => [`stopped managing the AWS account ${awsAccountName(e)}`],
    attempt: (e) => [`stop managing the AWS account ${awsAccountName(e)}`],
  },
  "ipgroup.create": {
    done: (e) => ["created the IP group ", ipGroup(e.targetId, ipName(e))],
    attempt: (e) => [`create the IP group ${str(obj(e.detail).name) ?? e.targetId}`],
  },
  "ipgroup.delete": {
    done: (e) => ["deleted the IP group ", ipName(e) ?? "that was here"],
    attempt: (e) => ["delete the IP group ", ipGroup(e.targetId, ipName(e))],
  },
  "ipgroup.rules_update": {
    done: (e) => ["changed the rules of the IP group ", ipGroup(e.targetId, ipName(e))],
    attempt: (e) => ["change the rules of the IP group ", ipGroup(e.targetId, ipName(e))],
  },
  "ipgroup.associate": {
    done: (e, b) => ["let ", dirOf(e, b), " use the IP group ", ipGroup(e.targetId, ipName(e))],
    attempt: (e, b) => ["let ", dirOf(e, b), " use the IP group ", ipGroup(e.targetId, ipName(e))],
  },
  "ipgroup.disassociate": {
    done: (e, b) => ["took the IP group ", ipGroup(e.targetId, ipName(e)), " off ", dirOf(e, b)],
    attempt: (e, b) => ["take the IP group ", ipGroup(e.targetId, ipName(e)), " off ", dirOf(e, b)],
  },
  "alias.create": {
    done: (e) => ["created the connection alias ", ...aliasOf(e)],
    attempt: (e) => ["create the connection alias ", ...aliasOf(e)],
  },
  "alias.associate": {
    done: (e, b) => ["associated the connection alias ", ...aliasOf(e), " with ", dirOf(e, b)],
    attempt: (e, b) => ["associate the connection alias ", ...aliasOf(e), " with ", dirOf(e, b)],
  },
  "alias.disassociate": {
    done: (e, b) => ["disassociated the connection alias ", ...aliasOf(e), " from ", dirOf(e, b)],
    attempt: (e, b) => ["disassociate the connection alias ", ...aliasOf(e), " from ", dirOf(e, b)],
  },
  "alias.delete": {
    done: (e) => ["deleted the connection alias ", ...aliasOf(e)],
    attempt: (e) => ["delete the connection alias ", ...aliasOf(e)],
  },
  "alias.share": {
    done: (e) => ["shared the connection alias ", ...aliasOf(e), ` with ${aliasAccount(e)}`],
    attempt: (e) => ["share the connection alias ", ...aliasOf(e), ` with ${aliasAccount(e)}`],
  },
  "alias.unshare": {
    done: (e) => ["stopped sharing the connection alias ", ...aliasOf(e), ` with ${aliasAccount(e)}`],
    attempt: (e) => ["stop sharing the connection alias ", ...aliasOf(e), ` with ${aliasAccount(e)}`],
  },
  "alias.set_primary": {
    done: (e) => [
      `made ${str(obj(e.detail).region) ?? "a Region"} the primary Region of `,
      aliasLink(str(obj(e.detail).connectionString) ?? e.targetId),
    ],
    attempt: (e) => [
      `make ${str(obj(e.detail).region) ?? "a Region"} the primary Region of `,
      aliasLink(str(obj(e.detail).connectionString) ?? e.targetId),
    ],
  },
  "bundle.create": {
    done: (e, b) => ["created the custom bundle ", bundle(b, e.targetId, bundleName(e))],
    attempt: (e) => [`create the custom bundle ${str(obj(e.detail).name) ?? e.targetId}`],
  },
  "bundle.update_image": {
    done: (e, b) => ["gave the bundle ", bundle(b, e.targetId, bundleName(e)), " a new image"],
    attempt: (e, b) => ["give the bundle ", bundle(b, e.targetId, bundleName(e)), " a new image"],
  },
  "bundle.delete": {
    done: (e, b) => ["deleted the custom bundle ", bundleName(e) ?? bundle(b, e.targetId)],
    attempt: (e, b) => ["delete the custom bundle ", bundle(b, e.targetId, bundleName(e))],
  },
  "image.create": {
    done: (e, b) => ["made the image ", imageLink(e), ...imageSource(e, b)],
    attempt: (e, b) => [`make the image ${str(obj(e.detail).name) ?? ""}`, ...imageSource(e, b)],
  },
  "image.delete": {
    done: (e) => ["deleted the image ", str(obj(e.detail).name) ?? "that was here"],
    attempt: (e) => ["delete the image ", imageLink(e)],
  },
  "image.copy": {
    done: (e) => ["copied the image ", imageLink(e), copyRoute(e)],
    attempt: (e) => [`copy the image ${str(obj(e.detail).name) ?? ""}${copyRoute(e)}`],
  },
  "image.share": {
    done: (e) => ["shared the image ", imageLink(e), accountOf(e)],
    attempt: (e) => ["share the image ", imageLink(e), accountOf(e)],
  },
  "image.unshare": {
    done: (e) => ["stopped sharing the image ", imageLink(e), accountOf(e)],
    attempt: (e) => ["stop sharing the image ", imageLink(e), accountOf(e)],
  },
  "bundle.tags_update": {
    done: (e, b) => ["changed the tags of the bundle ", bundle(b, e.targetId, bundleName(e))],
    attempt: (e, b) => ["change the tags of the bundle ", bundle(b, e.targetId, bundleName(e))],
  },
  "ipgroup.tags_update": {
    done: (e) => ["changed the tags of the IP group ", ipGroup(e.targetId, ipName(e))],
    attempt: (e) => ["change the tags of the IP group ", ipGroup(e.targetId, ipName(e))],
  },
  "directory.selfservice_update": directoryPhrase("changed what people may do themselves in", "change what people may do themselves in"),
  "directory.creation_update": directoryPhrase("changed the settings new WorkSpaces get in", "change the settings new WorkSpaces get in"),
  "directory.access_update": directoryPhrase("changed which devices may connect to", "change which devices may connect to"),
  "directory.client_update": directoryPhrase("changed the client settings of", "change the client settings of"),
  "directory.register": directoryPhrase("registered the directory", "register the directory"),
  "directory.deregister": directoryPhrase("deregistered the directory", "deregister the directory"),
  "directory.radius_enable": directoryPhrase("turned on MFA (RADIUS) for", "turn on MFA (RADIUS) for"),
  "directory.radius_update": directoryPhrase("changed the MFA (RADIUS) settings of", "change the MFA (RADIUS) settings of"),
  "directory.radius_disable": directoryPhrase("turned off MFA (RADIUS) for", "turn off MFA (RADIUS) for"),
};

/** Done actions → their base name. */
const DONE_TO_BASE: Record<string, string> = {
  "account.added": "account.add",
  "account.updated": "account.update",
  "account.removed": "account.remove",
  "account.policy_updated": "account.policy_update",
  "ipgroup.created": "ipgroup.create",
  "ipgroup.deleted": "ipgroup.delete",
  "ipgroup.rules_updated": "ipgroup.rules_update",
  "ipgroup.associated": "ipgroup.associate",
  "ipgroup.disassociated": "ipgroup.disassociate",
  "alias.created": "alias.create",
  "alias.associated": "alias.associate",
  "alias.disassociated": "alias.disassociate",
  "alias.deleted": "alias.delete",
  "alias.shared": "alias.share",
  "alias.unshared": "alias.unshare",
  "alias.primary_set": "alias.set_primary",
  "bundle.created": "bundle.create",
  "bundle.image_updated": "bundle.update_image",
  "bundle.deleted": "bundle.delete",
  "bundle.tags_updated": "bundle.tags_update",
  "ipgroup.tags_updated": "ipgroup.tags_update",
  "image.created": "image.create",
  "image.deleted": "image.delete",
  "image.copied": "image.copy",
  "image.shared": "image.share",
  "image.unshared": "image.unshare",
  "directory.selfservice_updated": "directory.selfservice_update",
  "directory.creation_updated": "directory.creation_update",
  "directory.access_updated": "directory.access_update",
  "directory.client_updated": "directory.client_update",
  "directory.registered": "directory.register",
  "directory.deregistered": "directory.deregister",
  "directory.radius_enabled": "directory.radius_enable",
  "directory.radius_updated": "directory.radius_update",
  "directory.radius_disabled": "directory.radius_disable",
};

// ---- settings --------------------------------------------------------------------------------------------

const SETTING_ACTIONS: Record<string, { what: string; href: string }> = {
  "policy.updated": { what: "the approval policy", href: "/admin/policies" },
  "policy.tags_updated": { what: "the tag rules (required tags and the tags employees may edit)", href: "/admin/policies" },
  "policy.encryption_keys_updated": { what: "the encryption keys for new WorkSpaces", href: "/admin/policies#encryption-keys" },
  "prices.updated": { what: "the price table", href: "/admin/prices" },
  "optimizer.settings_updated": { what: "the running-mode optimizer's settings", href: "/admin/optimizer" },
  "reclaim.policy_updated": { what: "the rules for reclaiming unused WorkSpaces", href: "/admin/policies" },
  "webhook.network_changed": { what: "whether webhooks may reach private network addresses", href: "/admin/webhooks" },
};

// ---- one function per action -------------------------------------------------------------------------------

type Describe = (e: AuditEventInput, book: AuditNameBook, who: AuditSegment) => AuditSegment[];

const CHANNEL: Record<string, string> = { EMAIL: " from the email link", API: " through the API" };

function decided(verb: string): Describe {
  return (e, book, who) => {
    const d = obj(e.detail);
    const how = `${d.onBehalfOf ? " as a delegate" : ""}${CHANNEL[str(d.channel) ?? ""] ?? ""}`;
    const comment = str(d.comment);
    return [who, ` ${verb} `, requestPhrase(book, e.requestId ?? e.targetId), how, ...(comment ? [`: “${comment}”`] : [])];
  };
}

const REROUTE_CAUSE: Record<string, string> = {
  manager_changed: "because the requester's manager changed",
  approver_role_changed: "because an approver's role changed",
  approver_left: "because an approver left",
};

const BULK_OPS: Record<string, string> = {
  RebootWorkspaces: "restart",
  StartWorkspaces: "start",
  StopWorkspaces: "stop",
  RebuildWorkspaces: "rebuild",
  TerminateWorkspaces: "give back",
  ModifyWorkspaceProperties: "change",
  MigrateWorkspace: "migrate",
  CreateTags: "tag",
  ModifyWorkspaceState: "change the maintenance mode of",
};

const bulkLink = (id: string, text = "a bulk operation"): AuditSegment => ({ text, href: `/admin/fleet/bulk/${id}` });
const rolloutLink = (id: string, text = "a rollout"): AuditSegment => ({ text, href: `/admin/rollouts/${id}` });
const waveWords = (wave: unknown) => (num(wave) === 0 ? "the canary wave" : num(wave) !== undefined ? `wave ${num(wave)}` : "a wave");
const BULK_WORDS: Record<string, string> = {
  reboot: "restart",
  start: "start",
  stop: "stop",
  rebuild: "rebuild",
  migrate: "migration",
  runningMode: "running-mode change",
  tags: "tagging",
  terminate: "give-back",
  maintenance: "maintenance-mode change",
};

const ACTIONS: Record<string, Describe> = {
  // Requests, from asking to done.
  "request.submitted": (e, book, who) => {
    const what = requestWhat(book, e.requestId);
    if (!what) return [who, " submitted ", requestPhrase(book, e.requestId)];
    const r = book.requests[e.requestId!]!;
    const forSomeoneElse = e.actorId && r.requesterId && r.requesterId !== e.actorId;
    const phrase = r.title.startsWith("New WorkSpace") ? ["asked for a ", what] : ["asked to ", what];
    return [who, " ", ...phrase, ...(forSomeoneElse ? [` for ${r.requester}`] : [])];
  },
  "request.auto_approved": (e, book) => {
    const why = str(obj(e.detail).why);
    return [requestSubject(book, e.requestId ?? e.targetId), " was approved automatically", ...(why ? [`: ${lowerFirst(why)}`] : [])];
  },
  "request.approved": decided("approved"),
  "request.rejected": decided("rejected"),
  "request.cancelled": (e, book, who) => {
    const r = book.requests[e.requestId ?? e.targetId];
    const own = Boolean(r && e.actorId && r.requesterId === e.actorId);
    return [who, " cancelled ", requestPhrase(book, e.requestId ?? e.targetId, { own })];
  },
  "request.escalated": (e, book) => {
    const days = num(obj(e.detail).escalationDays);
    return [
      requestSubject(book, e.requestId ?? e.targetId),
      " went to the admins",
      days ? ` after ${plural(days, "day")} without a decision` : "",
    ];
  },
  "request.expired": (e, book) => {
    const days = num(obj(e.detail).expiryDays);
    return [requestSubject(book, e.requestId ?? e.targetId), " expired", days ? ` after ${plural(days, "day")} without a decision` : ""];
  },
  "request.rerouted": (e, book) => {
    const cause = str(obj(e.detail).cause);
    return [
      requestSubject(book, e.requestId ?? e.targetId),
      " went to new approvers",
      cause ? ` ${REROUTE_CAUSE[cause] ?? `(${humanizeAction(cause)})`}` : "",
    ];
  },
  "request.executing": (e, book) => ["The portal started on ", requestPhrase(book, e.requestId ?? e.targetId)],
  "request.succeeded": (e, book) => [requestSubject(book, e.requestId ?? e.targetId), " was done"],
  "request.unconfirmed": (e, book) => [
    requestSubject(book, e.requestId ?? e.targetId),
    " was sent to AWS, whose answer was lost; the portal did not send it again",
  ],
  "request.held": (e, book) => [requestSubject(book, e.requestId ?? e.targetId), " waits until an admin ends the WorkSpace's maintenance"],
  "request.failed": (e, book) => {
    const reason = str(obj(e.after).reason);
    return [requestSubject(book, e.requestId ?? e.targetId), " failed", ...(reason ? [`: ${reason}`] : [])];
  },

  // People.
  "user.provisioned": (e, book, who) => {
    const a = obj(e.after);
    const target = person(book, e.targetId, str(a.email));
    if (a.placeholder) return [target, " was added as a manager, to approve until they sign in themselves"];
    const role = ` as ${lowerFirst(roleLabel(a.role))}`;
    if (e.actorId && e.actorId !== e.targetId) return [who, " added ", target, " to the portal", role];
    return [target, " signed in for the first time and joined the portal", role];
  },
  "user.role_changed": (e, book, who) => [
    who,
    " changed ",
    person(book, e.targetId),
    "'s role from ",
    roleLabel(obj(e.before).role),
    " to ",
    roleLabel(obj(e.after).role),
  ],
  "user.manager_changed": (e, book, who) => {
    const manager = str(obj(e.after).managerId);
    if (!manager) return [who, " removed the manager of ", person(book, e.targetId)];
    return [who, " made ", person(book, manager), " the manager of ", person(book, e.targetId)];
  },
  "user.signed_out_everywhere": (e, book, who) => [who, " signed ", person(book, e.targetId), " out in every browser"],

  // Directories.
  "directory.password_reset": (e, book, who) => {
    const [dir, ...user] = e.targetId.split("/");
    return [who, ` reset the directory password of ${user.join("/") || "a user"} in `, directory(book, dir)];
  },
  "policy.directory_requesters_updated": (e, book, who) => [who, " changed who may ask for WorkSpaces in ", directory(book, e.targetId)],
  "directory.password_help_updated": (e, book, who) => [who, " changed the password reset instructions for ", directory(book, e.targetId)],

  // Bundles.
  "bundle.display_set": (e, book, who) => {
    const name = str(obj(e.after).displayName);
    return [who, " named the bundle ", bundle(book, e.targetId), name ? ` “${name}” in the catalog` : " in the catalog"];
  },
  "bundle.display_cleared": (e, book, who) => [who, " removed the catalog name of the bundle ", bundle(book, e.targetId)],

  // API tokens and calls.
  "api_token.created": (e, _book, who) => {
    const name = str(obj(e.after).name);
    return [who, " created the API token ", { text: name ? `“${name}”` : "(unnamed)", href: "/admin/api-tokens" }];
  },
  "api_token.revoked": (e, _book, who) => {
    const name = str(obj(e.detail).name);
    return [who, " revoked the API token ", { text: name ? `“${name}”` : "(unnamed)", href: "/admin/api-tokens" }];
  },
  "api.call": (e, book, who) => {
    const d = obj(e.detail);
    const status = num(d.status);
    // The path as a pattern (/api/v1/workspaces/:id), and the things its ids name, by name where the page knows them.
    const segments = (str(d.path) ?? "").split("?")[0]!.split("/");
    const isId = (seg: string) => /^ws-[a-z0-9]+$/.test(seg) || Boolean(book.requests[seg]) || /^[a-z0-9]{20,}$/.test(seg);
    const pattern = segments.map((seg) => (isId(seg) ? ":id" : seg)).join("/");
    const about: AuditSegment[] = segments.flatMap((seg): AuditSegment[] => {
      if (book.workspaces[seg]) return [workspace(book, seg)];
      const r = book.requests[seg];
      return r ? [{ text: r.title, href: `/requests/${seg}` }] : [];
    });
    return [
      who,
      ` called ${str(d.method) ?? "the API"} ${pattern}`.trimEnd(),
      ...(about.length ? [" about ", ...about] : []),
      status ? ` (answered ${status})` : "",
    ];
  },

  // Bulk operations.
  "bulk.started": (e, _book, who) => {
    const a = obj(e.after);
    const kind = str(obj(a.params).action);
    const count = Array.isArray(a.workspaceIds) ? a.workspaceIds.length : undefined;
    const what = kind ? `a bulk ${BULK_WORDS[kind] ?? humanizeAction(kind)}` : "a bulk operation";
    return [who, " started ", bulkLink(e.targetId, what), count !== undefined ? ` of ${plural(count, "WorkSpace")}` : ""];
  },
  "bulk.retried": (e, _book, who) => {
    const ids = obj(e.after).workspaceIds;
    const count = Array.isArray(ids) ? ids.length : 0;
    return [who, ` tried ${plural(count, "failed WorkSpace")} of `, bulkLink(e.targetId), " again"];
  },

  // Staged rollouts of a bundle's image.
  "rollout.started": (e, book, who) => {
    const a = obj(e.after);
    const count = num(a.workspaces);
    const how = str(a.method) === "migrate" ? "migrating WorkSpaces onto" : "rebuilding the WorkSpaces on";
    return [
      who,
      " started ",
      rolloutLink(e.targetId),
      ` ${how} the bundle `,
      bundle(book, str(a.bundleId) ?? ""),
      count !== undefined ? `: ${plural(count, "WorkSpace")} in ${plural(num(a.waves) ?? 1, "wave")}` : "",
    ];
  },
  "rollout.continued": (e, _book, who) => [who, " let ", rolloutLink(e.targetId), " go on after its canary wave"],
  "rollout.stopped": (e, _book, who) => [who, " stopped ", rolloutLink(e.targetId)],
  "rollout.retried": (e, _book, who) => {
    const ids = obj(e.after).workspaceIds;
    return [who, ` tried ${plural(Array.isArray(ids) ? ids.length : 0, "failed WorkSpace")} of `, rolloutLink(e.targetId), " again"];
  },
  "rollout.canary_finished": (e) => {
    const d = obj(e.detail);
    return [
      "The canary wave of ",
      rolloutLink(e.targetId),
      ` is through (${num(d.done) ?? 0} done, ${num(d.failed) ?? 0} failed) and waits for Continue`,
    ];
  },
  "rollout.wave_finished": (e) => {
    const d = obj(e.detail);
    return [
      `${waveWords(d.wave)[0]!.toUpperCase()}${waveWords(d.wave).slice(1)} of `,
      rolloutLink(e.targetId),
      ` is through (${num(d.done) ?? 0} done, ${num(d.failed) ?? 0} failed)`,
    ];
  },
  "rollout.stopped_automatically": (e) => {
    const d = obj(e.detail);
    return [
      "The portal stopped ",
      rolloutLink(e.targetId),
      ` because ${num(d.failed) ?? 0} of ${num(d.total) ?? 0} WorkSpaces in ${waveWords(d.wave)} failed`,
    ];
  },
  "rollout.finished": (e) => {
    const d = obj(e.detail);
    return [rolloutLink(e.targetId, "A rollout"), ` finished (${num(d.done) ?? 0} done, ${num(d.failed) ?? 0} failed in its last wave)`];
  },

  // Webhooks.
  "webhook.created": (e, book, who) => [who, " added the webhook ", webhook(book, e.targetId, str(obj(e.after).name))],
  "webhook.secret_rotated": (e, book, who) => [
    who,
    " gave the webhook ",
    webhook(book, e.targetId, str(obj(e.detail).name)),
    " a new secret",
  ],
  "webhook.enabled": (e, book, who) => [who, " turned on the webhook ", webhook(book, e.targetId)],
  "webhook.disabled": (e, book, who) => [who, " turned off the webhook ", webhook(book, e.targetId)],
  "webhook.deleted": (e, _book, who) => [who, ` deleted the webhook ${str(obj(e.before).name) ?? "that was here"}`],
  "webhook.redelivered": (e, book, who) => [
    who,
    " sent an event again to the webhook ",
    webhook(book, e.targetId, str(obj(e.detail).name)),
  ],

  // Reclaiming unused WorkSpaces.
  "reclaim.warned": (e, book) => {
    const a = obj(e.after);
    const owner = str(a.ownerId);
    const on = day(a.reclaimOn);
    return [
      "The portal warned ",
      owner ? person(book, owner) : "the owner",
      " that ",
      workspace(book, e.targetId),
      a.neverUsed ? " was never used" : " is unused",
      on ? ` and will be given back on ${on}` : " and will be given back",
    ];
  },
  "reclaim.cancelled": (e, book) => {
    const why = str(obj(e.detail).why);
    return ["The portal will not give back ", workspace(book, e.targetId), why ? `: ${lowerFirst(why)}` : ""];
  },
  "reclaim.requested": (e, book) => [
    "The portal asked to give back the unused ",
    workspace(book, e.targetId),
    ...(e.requestId ? [" (", { text: "the request", href: `/requests/${e.requestId}` }, ")"] : []),
  ],
  "reclaim.request_refused": (e, book) => {
    const reasons = obj(e.detail).reasons;
    const list = Array.isArray(reasons)
      ? reasons.map((r) => (typeof r === "string" ? r : (str(obj(r).message) ?? ""))).filter(Boolean)
      : [];
    return ["The portal could not ask to give back ", workspace(book, e.targetId), list.length ? `: ${list.join("; ")}` : ""];
  },
  "reclaim.kept": (e, book, who) => {
    const why = str(obj(e.detail).justification);
    return [who, " kept ", workspace(book, e.targetId), why ? `: “${why}”` : ""];
  },

  // Delegations.
  "delegation.created": (e, book, who) => {
    const a = obj(e.after);
    const from = day(a.startsAt);
    const to = day(a.endsAt);
    return [who, " asked ", person(book, str(a.delegateId)), " to approve in their place", from && to ? ` from ${from} to ${to}` : ""];
  },
  "delegation.revoked": (_e, _book, who) => [who, " ended a delegation of their approvals"],

  // The portal's background work.
  "inventory.sync_requested": (_e, _book, who) => [who, " asked to read the WorkSpaces from AWS again"],
  "usage.refresh_requested": (_e, _book, who) => [who, " asked to refresh the usage figures"],
  "optimizer.requests_created": (e, _book, who) => {
    const created = num(obj(e.detail).created) ?? 0;
    return [who, ` raised ${plural(created, "running-mode switch request")} from the `, { text: "optimizer", href: "/admin/optimizer" }];
  },
  "optimizer.nightly_run": (e) => {
    const created = num(obj(e.detail).created) ?? 0;
    return ["The running-mode ", { text: "optimizer", href: "/admin/optimizer" }, ` ran tonight and raised ${plural(created, "request")}`];
  },
};

function awsCall(e: AuditEventInput, book: AuditNameBook): AuditSegment[] {
  const op = e.action.slice("aws.".length);
  if (e.targetType === "rollout") {
    const d = obj(e.detail);
    const ok = Array.isArray(d.succeeded) ? d.succeeded.length : 0;
    const failed = Array.isArray(d.failed) ? d.failed.length : 0;
    const counts = [`${ok} accepted`, failed ? `${failed} refused` : ""].filter(Boolean).join(", ");
    return [
      `The portal asked AWS to ${humanizeAction(op)} ${plural(ok + failed, "WorkSpace")} of `,
      rolloutLink(e.targetId),
      `: ${counts}`,
    ];
  }
  if (e.targetType === "bulkOperation") {
    const d = obj(e.detail);
    const ok = Array.isArray(d.succeeded) ? d.succeeded.length : num(d.succeeded);
    const failed = Array.isArray(d.failed) ? d.failed.length : num(d.failed);
    const counts = [ok !== undefined ? `${ok} done` : "", failed ? `${failed} failed` : ""].filter(Boolean).join(", ");
    return [`The portal asked AWS to ${BULK_OPS[op] ?? humanizeAction(op)} a batch of `, bulkLink(e.targetId), counts ? `: ${counts}` : ""];
  }
  const what = requestWhat(book, e.requestId);
  if (what) return ["The portal asked AWS to ", what];
  if (e.targetType === "workspace") return [`The portal asked AWS to ${humanizeAction(op)} `, workspace(book, e.targetId)];
  return [`The portal asked AWS to ${humanizeAction(op)}`];
}

/** A thing named for the generic sentence: "the WorkSpace X", "the directory Y", "Alice Nguyen". */
function target(e: AuditEventInput, book: AuditNameBook): AuditSegment[] {
  switch (e.targetType) {
    case "workspace":
      return ["the WorkSpace ", workspace(book, e.targetId)];
    case "request":
      return [requestPhrase(book, e.requestId ?? e.targetId)];
    case "user":
      return [person(book, e.targetId)];
    case "directory":
      return ["the directory ", directory(book, e.targetId)];
    case "bundle":
      return ["the bundle ", bundle(book, e.targetId)];
    case "ipGroup":
      return ["the IP group ", ipGroup(e.targetId, ipName(e))];
    case "webhook":
      return ["the webhook ", webhook(book, e.targetId)];
    case "bulkOperation":
      return [bulkLink(e.targetId)];
    case "rollout":
      return [rolloutLink(e.targetId)];
    case "setting":
      return ["a setting"];
    default:
      return [humanizeAction(e.targetType)];
  }
}

/** The event as a sentence, as segments a page renders (links for names) or joins (auditSentenceText). */
export function auditSentence(e: AuditEventInput, book: AuditNameBook): AuditSegment[] {
  const who = actor(e, book);
  const known = ACTIONS[e.action];
  if (known) return tidy(known(e, book, who));
  const setting = SETTING_ACTIONS[e.action];
  if (setting) return tidy([who, " changed ", { text: setting.what, href: setting.href }]);
  const base = DONE_TO_BASE[e.action];
  if (base) return tidy([who, " ", ...ADMIN_PHRASES[base]!.done(e, book)]);
  if (e.action.endsWith(".refused")) {
    const attempted = e.action.slice(0, -".refused".length);
    const phrase = ADMIN_PHRASES[attempted];
    const message = str(obj(e.detail).message);
    const tried = phrase
      ? phrase.attempt(e, book)
      : [humanizeAction(attempted.split(".").slice(1).join(" ") || attempted), " ", ...target(e, book)];
    return tidy(["AWS refused to let ", who, " ", ...tried, ...(message ? [`: ${message}`] : [])]);
  }
  if (e.action.startsWith("aws.")) return tidy(awsCall(e, book));
  // Something the portal records that this list does not know yet: still a sentence, with the target named.
  const [area, ...rest] = e.action.split(".");
  const verb = humanizeAction(rest.join(" ") || area!);
  return tidy([who, ` recorded “${verb}” (${humanizeAction(area!)}) for `, ...target(e, book)]);
}

const tidy = (segments: AuditSegment[]) => segments.filter((s) => s !== "");

/** The sentence as plain text (for tests, titles and the CSV). */
export function auditSentenceText(segments: AuditSegment[]): string {
  return segments.map((s) => (typeof s === "string" ? s : s.text)).join("");
}

// ---- the before/after diff -----------------------------------------------------------------------------------

export interface AuditDiffRow {
  /** "Role", "Approval steps › 0 › Role" */
  field: string;
  before: string;
  after: string;
}

/** "managerId" → "Manager", "autoStopTimeoutMinutes" → "Auto stop timeout minutes". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/Id$/, "")
    .replace(/Ids$/, "s")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** One value as a person reads it: names for known ids, labels for AWS codes, "yes"/"no", "—" for nothing. */
export function auditValue(key: string, value: unknown, book?: AuditNameBook): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (book) {
      const name =
        book.users[value] ?? book.workspaces[value] ?? book.directories[value] ?? book.bundles[value] ?? book.requests[value]?.title;
      if (name) return name;
    }
    if (/computeType$/i.test(key)) return computeTypeLabel(value);
    if (/runningMode$/i.test(key)) return runningModeLabel(value);
    if (/^state$/i.test(key)) return workspaceStateLabel(value);
    if (/^role$/i.test(key)) return roleLabel(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object"))
      return value.length ? value.map((v) => auditValue(key, v, book)).join(", ") : "none";
    return JSON.stringify(value);
  }
  return JSON.stringify(value);
}

function flatten(value: unknown, prefix: string[], out: Map<string, { path: string[]; value: unknown }>, depth = 0) {
  const isPlain = value && typeof value === "object" && !Array.isArray(value);
  const isObjArray = Array.isArray(value) && value.some((v) => v && typeof v === "object");
  if ((isPlain || isObjArray) && depth < 4) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value as Obj);
    if (entries.length === 0 && prefix.length) out.set(prefix.join("."), { path: prefix, value: Array.isArray(value) ? "none" : "—" });
    for (const [k, v] of entries) flatten(v, [...prefix, k], out, depth + 1);
    return;
  }
  out.set(prefix.join("."), { path: prefix, value });
}

/**
 * What changed, field by field: nested objects become "Catalog › By persona › Contractor" rows; fields that did
 * not change are left out. A creation lists its fields with "—" before; a deletion with "—" after.
 */
export function auditDiff(before: unknown, after: unknown, book?: AuditNameBook): AuditDiffRow[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  const a = new Map<string, { path: string[]; value: unknown }>();
  const b = new Map<string, { path: string[]; value: unknown }>();
  if (hasBefore) flatten(before, [], a);
  if (hasAfter) flatten(after, [], b);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const rows: AuditDiffRow[] = [];
  for (const key of keys) {
    const path = (a.get(key) ?? b.get(key))!.path;
    const last = path.at(-1) ?? "";
    const x = auditValue(last, a.get(key)?.value, book);
    const y = auditValue(last, b.get(key)?.value, book);
    if (x === y) continue;
    rows.push({ field: path.length ? path.map(fieldLabel).join(" › ") : "Value", before: x, after: y });
  }
  return rows;
}

/** The event's other facts (a refusal's reason, a decision's comment) as field/value rows. */
export function auditDetails(detail: unknown, book?: AuditNameBook): { field: string; value: string }[] {
  if (detail === null || detail === undefined) return [];
  const flat = new Map<string, { path: string[]; value: unknown }>();
  flatten(detail, [], flat);
  return [...flat.values()].map(({ path, value }) => ({
    field: path.length ? path.map(fieldLabel).join(" › ") : "Detail",
    value: auditValue(path.at(-1) ?? "", value, book),
  }));
}

/** The ids an event mentions, by kind, so the page can look their names up in one query each. */
export function auditMentions(e: AuditEventInput): {
  users: string[];
  workspaces: string[];
  requests: string[];
  directories: string[];
  bundles: string[];
} {
  const users = new Set<string>();
  const workspaces = new Set<string>();
  const requests = new Set<string>();
  const directories = new Set<string>();
  const bundles = new Set<string>();
  if (e.actorId) users.add(e.actorId);
  if (e.requestId) requests.add(e.requestId);
  if (e.targetType === "user") users.add(e.targetId);
  if (e.targetType === "workspace") workspaces.add(e.targetId);
  if (e.targetType === "request") requests.add(e.targetId);
  if (e.targetType === "directory") directories.add(e.targetId);
  if (e.targetType === "directory-user") directories.add(e.targetId.split("/")[0]!);
  if (e.targetType === "bundle") bundles.add(e.targetId);
  for (const part of [e.before, e.after, e.detail]) {
    const o = obj(part);
    for (const k of ["managerId", "ownerId", "delegateId"]) if (str(o[k])) users.add(o[k] as string);
    if (str(o.directoryId)) directories.add(o.directoryId as string);
    if (str(o.workspace)) workspaces.add(o.workspace as string);
  }
  // An API call names what it read or changed in its path (/api/v1/workspaces/ws-…, /api/v1/requests/<id>).
  if (e.action === "api.call") {
    const segments = (str(obj(e.detail).path) ?? "").split("?")[0]!.split("/");
    for (const [i, seg] of segments.entries()) {
      if (/^ws-[a-z0-9]+$/.test(seg)) workspaces.add(seg);
      else if (segments[i - 1] === "requests" && seg) requests.add(seg);
    }
  }
  return { users: [...users], workspaces: [...workspaces], requests: [...requests], directories: [...directories], bundles: [...bundles] };
}
