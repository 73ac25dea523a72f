import "server-only";
import { DEFAULT_PASSWORD_HELP, PASSWORD_HELP_LIMITS, type PasswordHelp } from "../domain";
import { recordAudit } from "./audit";
import { toJson, type Actor, type Tx } from "./tx";

// Where the portal cannot reset a password (an AD Connector), each directory's own instructions: one
// Setting row per directory, as validated JSON; until an admin writes some, the domain's default sentence.

const keyFor = (directoryId: string) => `directory-password-help:${directoryId}`;

/** What was stored, if it still has the shape the page shows (the service validated it when it was saved). */
function parseStored(value: unknown): PasswordHelp | null {
  if (typeof value !== "object" || value === null) return null;
  const { text, url } = value as { text?: unknown; url?: unknown };
  if (typeof text !== "string" || text.length > PASSWORD_HELP_LIMITS.text) return null;
  if (url !== null && (typeof url !== "string" || url.length > PASSWORD_HELP_LIMITS.url || !url.startsWith("https://"))) return null;
  return { text, url };
}

/** The directory's instructions and whether an admin wrote them (false: the default sentence). */
export async function readPasswordHelp(tx: Tx, directoryId: string): Promise<PasswordHelp & { custom: boolean }> {
  const row = await tx.setting.findUnique({ where: { key: keyFor(directoryId) } });
  const stored = parseStored(row?.value);
  // A stored value that no longer parses is not shown; the default sentence still helps.
  return stored ? { ...stored, custom: true } : { ...DEFAULT_PASSWORD_HELP, custom: false };
}

/** Saves an admin's already-validated instructions with an audit event (before and after) in the caller's transaction. */
export async function savePasswordHelp(
  tx: Tx,
  actor: Extract<Actor, { kind: "user" }>,
  directoryId: string,
  help: PasswordHelp,
): Promise<void> {
  const before = await readPasswordHelp(tx, directoryId);
  await tx.setting.upsert({
    where: { key: keyFor(directoryId) },
    create: { key: keyFor(directoryId), value: toJson(help), updatedById: actor.id },
    update: { value: toJson(help), updatedById: actor.id },
  });
  await recordAudit(tx, {
    actor,
    action: "directory.password_help_updated",
    targetType: "directory",
    targetId: directoryId,
    before: before.custom ? { text: before.text, url: before.url } : null,
    after: help,
  });
}
