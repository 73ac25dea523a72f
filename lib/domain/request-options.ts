import { DEFAULT_VALIDATION_POLICY } from "./validate/context";

// Which directory the "Request a WorkSpace" form opens on, and what stands in the way in each, in the
// words the person reads. The same limits as validateCreate: a bundle offered in the directory's Region,
// and at most maxWorkspacesPerUserPerDirectory WorkSpaces (or open requests for one) per directory.
// Client-safe: the form words the blocker for "you" or, for an admin creating one, by the person's name.

export interface DirectoryChoice {
  id: string;
  /** The person's live WorkSpaces in this directory. */
  workspaces: number;
  /** Their requests for a new WorkSpace here that are still open. */
  openRequests: number;
  /** Bundles offered to them in the directory's Region. */
  offeredBundles: number;
}

export type DirectoryBlocker = "HAS_WORKSPACE" | "REQUEST_OPEN" | "NO_BUNDLE";

/** What stops the person requesting a WorkSpace in this directory; null when nothing does. */
export function directoryBlocker(
  choice: DirectoryChoice,
  maxPerDirectory = DEFAULT_VALIDATION_POLICY.maxWorkspacesPerUserPerDirectory,
): DirectoryBlocker | null {
  if (choice.workspaces + choice.openRequests >= maxPerDirectory) return choice.workspaces > 0 ? "HAS_WORKSPACE" : "REQUEST_OPEN";
  if (choice.offeredBundles === 0) return "NO_BUNDLE";
  return null;
}

/** The blocker as a sentence: to the person ("You already have…"), or about them when `name` is given. */
export function directoryBlockerSentence(blocker: DirectoryBlocker, name?: string): string {
  const you = name ?? "You";
  const has = name ? "has" : "have";
  switch (blocker) {
    case "HAS_WORKSPACE":
      return (
        `${you} already ${has} a WorkSpace in this directory, and only one is allowed per directory. ` +
        `Choose another directory${name ? "" : ", or change the WorkSpace you have"}.`
      );
    case "REQUEST_OPEN":
      return (
        `${you} already ${has} a request for a WorkSpace in this directory waiting for approval; ` + "only one is allowed per directory."
      );
    case "NO_BUNDLE":
      return (
        `No bundle is offered to ${name ?? "you"} in this directory's Region. ` +
        `Choose another directory${name ? "" : ", or ask your IT department"}.`
      );
  }
}

/** The first directory (in the given order) where the person may request; the first one when none allows it. */
export function defaultDirectoryId(
  choices: readonly DirectoryChoice[],
  maxPerDirectory = DEFAULT_VALIDATION_POLICY.maxWorkspacesPerUserPerDirectory,
): string | null {
  return (choices.find((c) => directoryBlocker(c, maxPerDirectory) === null) ?? choices[0])?.id ?? null;
}
