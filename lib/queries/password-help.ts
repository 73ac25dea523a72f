import "server-only";
import { db } from "../db";
import { readPasswordHelp } from "../core/directory-password-help";

/** The organisation's password-reset instructions for a directory (the default sentence until an admin writes some). */
export function passwordHelpFor(directoryId: string) {
  return readPasswordHelp(db(), directoryId);
}
