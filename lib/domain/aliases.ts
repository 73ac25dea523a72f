// Cross-Region redirection: one connection string (an FQDN) is created as a connection alias in two or more
// Regions, each associated with a directory of its Region. Users type the FQDN into the WorkSpaces client
// instead of a registration code; the organisation's DNS decides which Region answers it. The portal calls one
// Region the primary: the one the DNS failover record (and its health check) sends people to while it is healthy.

/** The longest connection string AWS takes. */
export const CONNECTION_STRING_MAX = 255;

/** Why the text is not a fully qualified domain name such as desktop.example.com; undefined when it is one. */
export function connectionStringProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return "Enter the name people will type, for example desktop.example.com.";
  if (text.length > CONNECTION_STRING_MAX) return `A connection string has at most ${CONNECTION_STRING_MAX} characters.`;
  if (!/^[.0-9a-zA-Z-]+$/.test(text)) return "Use only letters, digits, hyphens and dots, for example desktop.example.com.";
  const labels = (text.endsWith(".") ? text.slice(0, -1) : text).split(".");
  if (labels.length < 2) return "Enter a full domain name with a dot in it, for example desktop.example.com.";
  if (labels.some((l) => l.length === 0)) return "A domain name cannot have two dots in a row or start with a dot.";
  if (labels.some((l) => l.length > 63)) return "Each part of a domain name between dots has at most 63 characters.";
  if (labels.some((l) => l.startsWith("-") || l.endsWith("-"))) return "A part of a domain name cannot start or end with a hyphen.";
  if (/^\d+$/.test(labels[labels.length - 1]!)) return "The last part of a domain name cannot be only digits.";
  return undefined;
}

/** Connection strings compare without case (DNS names do), and without a trailing dot. */
export function sameConnectionString(a: string, b: string): boolean {
  return normalizeConnectionString(a) === normalizeConnectionString(b);
}

export function normalizeConnectionString(value: string): string {
  const text = value.trim().toLowerCase();
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

export type AliasState = "CREATING" | "CREATED" | "DELETING" | (string & {});

/** One Region's alias of a connection string, as far as the rules need it. */
export interface AliasMember {
  region: string;
  state: AliasState;
  /** The directory it is associated with (or being associated with / leaving). */
  directoryId?: string;
  associationStatus?: string;
  /** Accounts the alias is shared with. */
  sharedWith?: readonly string[];
}

/** An alias redirects once AWS has finished associating it with a directory. */
export function isAssociated(member: AliasMember): boolean {
  return member.associationStatus === "ASSOCIATED_WITH_OWNER_ACCOUNT" || member.associationStatus === "ASSOCIATED_WITH_SHARED_ACCOUNT";
}

export type PrimaryChoice = { region: string; chosenBy: "admin" | "default" } | undefined;

/**
 * The primary Region of a pair: the admin's choice while that Region still has the alias; otherwise the
 * portal's default Region when it has one, otherwise the first Region in alphabetical order. Nothing with no alias.
 */
export function primaryRegion(members: readonly AliasMember[], chosen: string | undefined, defaultRegion: string): PrimaryChoice {
  const live = members.filter((m) => m.state !== "DELETING");
  if (live.length === 0) return undefined;
  if (chosen && live.some((m) => m.region === chosen)) return { region: chosen, chosenBy: "admin" };
  if (live.some((m) => m.region === defaultRegion)) return { region: defaultRegion, chosenBy: "default" };
  return { region: [...live].map((m) => m.region).sort()[0]!, chosenBy: "default" };
}

/** What still stands between the pair and working redirection, in plain sentences; empty when it is ready. */
export function redirectionGaps(connectionString: string, members: readonly AliasMember[]): string[] {
  const live = members.filter((m) => m.state !== "DELETING");
  const gaps: string[] = [];
  if (live.length < 2)
    gaps.push(`Create ${connectionString} in a second Region as well, so people can be sent there when the first one fails.`);
  for (const m of live) {
    if (m.state === "CREATING") gaps.push(`AWS is still creating the alias in ${m.region}.`);
    else if (!m.directoryId) gaps.push(`Associate the alias in ${m.region} with a directory of that Region.`);
    else if (!isAssociated(m)) gaps.push(`AWS is still changing the alias's directory in ${m.region}.`);
  }
  return gaps;
}

/** Why the alias cannot be associated with a directory now; undefined when it can. */
export function associateRefusal(member: AliasMember): string | undefined {
  if (member.state === "CREATING") return "AWS is still creating this alias; associate it once it is ready, in a moment.";
  if (member.state === "DELETING") return "This alias is being deleted.";
  if (member.directoryId) return "This alias is already associated with a directory; disassociate it first.";
  return undefined;
}

/** Why the alias cannot be deleted now (AWS refuses the same); undefined when it can. */
export function deleteRefusal(member: AliasMember, directoryName?: string): string | undefined {
  if (member.state === "DELETING") return "This alias is already being deleted.";
  if (member.directoryId)
    return `This alias is still associated with ${directoryName ?? "a directory"}. Disassociate it first, then delete it.`;
  if (member.sharedWith?.length)
    return `This alias is still shared with ${member.sharedWith.join(", ")}. Stop sharing it first, then delete it.`;
  if (member.state === "CREATING") return "AWS is still creating this alias; delete it once it is ready, in a moment.";
  return undefined;
}

/** An alias as AWS describes it (structurally: the gateway's summary) → what the rules need. */
export function aliasMember(
  region: string,
  alias: { state: string; associations: readonly { status: string; directoryId?: string }[] },
  sharedWith?: readonly string[],
): AliasMember {
  const association = alias.associations.find((a) => a.status !== "NOT_ASSOCIATED");
  return {
    region,
    state: alias.state,
    ...(association ? { directoryId: association.directoryId, associationStatus: association.status } : {}),
    ...(sharedWith ? { sharedWith } : {}),
  };
}

/** The stored primary Region per connection string, as far as it is readable: anything else is left out. */
export function readPrimaryChoices(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [name, region] of Object.entries(value))
    if (typeof region === "string" && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) out[normalizeConnectionString(name)] = region;
  return out;
}
