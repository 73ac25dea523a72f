import "server-only";
import type { z } from "zod";
import { db } from "../../db";
import { readPasswordHelp, savePasswordHelp } from "../../core/directory-password-help";
import { directoryPasswordHelpInput, directoryPasswordHelpRef } from "../../schemas/directory-password-help";
import { parseInput, requireAdmin, type AdminCaller } from "./guard";

/** The directory's password-reset instructions as the admin edits them. */
export async function directoryPasswordHelp(caller: AdminCaller, raw: z.input<typeof directoryPasswordHelpRef>) {
  await requireAdmin(caller);
  const input = parseInput(directoryPasswordHelpRef, raw);
  return readPasswordHelp(db(), input.directoryId);
}

/** Saves the directory's instructions (text and an optional https link), audited with what they were before. */
export async function updateDirectoryPasswordHelp(caller: AdminCaller, raw: z.input<typeof directoryPasswordHelpInput>): Promise<void> {
  const actor = await requireAdmin(caller);
  const input = parseInput(directoryPasswordHelpInput, raw);
  await db().$transaction((tx) => savePasswordHelp(tx, actor, input.directoryId, { text: input.text, url: input.url || null }));
}
