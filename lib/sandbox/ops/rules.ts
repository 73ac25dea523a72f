import { invalidParameter, notFound } from "../protocol/errors";
import type { OpContext } from "../engine";
import type { DirectoryRecord, Tag, WorkspaceRecord } from "../world/types";

export function requireWorkspace(ctx: OpContext, id: string): WorkspaceRecord {
  const ws = ctx.world.workspaces[id];
  if (!ws || ws.State === "TERMINATED") throw notFound(`The WorkSpace ${id} could not be found.`);
  return ws;
}

export function requireRegisteredDirectory(ctx: OpContext, id: string): DirectoryRecord {
  const dir = ctx.world.directories[id];
  if (!dir?.registration) throw notFound(`The directory ${id} is not registered with Amazon WorkSpaces in ${ctx.world.region}.`);
  return dir;
}

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

// Returns a reason when the tag set breaks WorkSpaces' tag rules, else undefined.
export function tagProblem(tags: Tag[]): string | undefined {
  for (const tag of tags) {
    const value = tag.Value ?? "";
    if (/^aws:/i.test(tag.Key)) return `The tag key '${tag.Key}' uses the reserved prefix 'aws:'.`;
    if (!TAG_CHARS.test(tag.Key) || !TAG_CHARS.test(value)) return `The tag '${tag.Key}' contains characters that are not allowed.`;
    if (tag.Key !== tag.Key.trim() || value !== value.trim()) return `The tag '${tag.Key}' has leading or trailing spaces.`;
  }
  const keys = new Set(tags.map((t) => t.Key));
  if (keys.size !== tags.length) return "A tag key appears more than once in the request.";
  return undefined;
}

export function checkTags(tags: Tag[] | undefined): void {
  const problem = tags ? tagProblem(tags) : undefined;
  if (problem) throw invalidParameter(problem);
}

// MANUAL exists in the model only for WorkSpaces Core accounts that AWS has allow-listed.
export const MANUAL_REFUSAL = "The MANUAL running mode is only available to allow-listed Amazon WorkSpaces Core accounts.";

export function autoStopProblem(mode: string | undefined, timeout: number | undefined): string | undefined {
  if (timeout === undefined || mode !== "AUTO_STOP") return undefined;
  if (timeout <= 0 || timeout % 60 !== 0) return "RunningModeAutoStopTimeoutInMinutes must be a multiple of 60.";
  return undefined;
}

// Valid [root, user] pairs in GiB, as WorkSpaces allows them.
export function volumePairProblem(root: number, user: number, compute: string): string | undefined {
  if (root > 2000 || user > 2000) return "Volumes can be at most 2000 GiB.";
  if (compute.startsWith("GRAPHICS") && (root < 100 || user < 100))
    return "Graphics WorkSpaces need at least 100 GiB root and 100 GiB user volumes.";
  if (root === 80 && [10, 50, 100].includes(user)) return undefined;
  if (compute.startsWith("GRAPHICS") && root >= 100 && user >= 100) return undefined;
  if (root >= 175 && user >= 100) return undefined;
  return (
    `The volume combination root ${root} GiB and user ${user} GiB is not supported. ` +
    "Allowed: [80,10], [80,50], [80,100] or root 175-2000 with user 100-2000."
  );
}

export function parseCidr(rule: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(rule);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return false;
  return m[5] === undefined || Number(m[5]) <= 32;
}

export function cap<T>(items: readonly T[], max: number): T[] {
  return items.slice(0, max);
}
