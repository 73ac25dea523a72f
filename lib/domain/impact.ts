import type { Change } from "./change";
import type { WorkspaceState } from "./types";

// What a user should expect from a change: how long the WorkSpace is unusable and what data goes.
// The durations are the documented orders of magnitude, not promises; the UI says "about" / "up to".

export interface ExpectedDowntime {
  /** Typical and worst-case minutes during which the WorkSpace cannot be used; 0 means no interruption. */
  typicalMinutes: number;
  maxMinutes: number;
  sentence: string;
}

const NO_DOWNTIME: ExpectedDowntime = {
  typicalMinutes: 0,
  maxMinutes: 0,
  sentence: "The WorkSpace stays usable; there is no interruption.",
};

export function expectedDowntime(change: Change): ExpectedDowntime {
  switch (change.type) {
    case "reboot":
      return { typicalMinutes: 2, maxMinutes: 10, sentence: "The WorkSpace restarts; it is usually back within about 2 minutes." };
    case "start":
      return { typicalMinutes: 2, maxMinutes: 5, sentence: "Starting usually takes a couple of minutes." };
    case "stop":
      return {
        typicalMinutes: 0,
        maxMinutes: 0,
        sentence: "The WorkSpace shuts down and stays off until it is started again; unsaved work is lost.",
      };
    case "create":
      return change.rootVolumeEncrypted
        ? { typicalMinutes: 40, maxMinutes: 60, sentence: "A WorkSpace with an encrypted root volume takes up to an hour to be ready." }
        : { typicalMinutes: 20, maxMinutes: 60, sentence: "A new WorkSpace is usually ready in about 20 minutes." };
    case "rebuild":
      return { typicalMinutes: 40, maxMinutes: 60, sentence: "The WorkSpace is unavailable for up to an hour while it is rebuilt." };
    case "restore":
      return { typicalMinutes: 40, maxMinutes: 60, sentence: "The WorkSpace is unavailable for up to an hour while it is restored." };
    case "migrate":
      return {
        typicalMinutes: 40,
        maxMinutes: 60,
        sentence: "The WorkSpace is unavailable for up to an hour while it moves to the new bundle.",
      };
    case "computeType":
      return {
        typicalMinutes: 15,
        maxMinutes: 20,
        sentence: "The WorkSpace restarts with the new compute type; expect up to about 20 minutes without it.",
      };
    case "volumes":
      return {
        typicalMinutes: 15,
        maxMinutes: 60,
        sentence: "The WorkSpace restarts while the volume grows; the extra space can take up to an hour to appear.",
      };
    case "terminate":
      return { typicalMinutes: 0, maxMinutes: 0, sentence: "The WorkSpace is removed for good and cannot be used again." };
    case "runningMode":
    case "tags":
    case "resetPassword":
    case "encryption":
      return NO_DOWNTIME;
    case "maintenance":
      return change.state === "ADMIN_MAINTENANCE"
        ? { typicalMinutes: 0, maxMinutes: 0, sentence: "Nobody can connect to the WorkSpace until the maintenance ends." }
        : NO_DOWNTIME;
  }
}

export type LostData = "DRIVE_C" | "USER_CHANGES_SINCE_SNAPSHOT" | "EVERYTHING";

export interface DataLoss {
  lost: readonly LostData[];
  /** What the user must know before confirming, in plain words. */
  sentence: string;
}

/** Null for changes that keep all data. */
export function whatIsLost(change: Change): DataLoss | null {
  switch (change.type) {
    case "rebuild":
      return {
        lost: ["DRIVE_C", "USER_CHANGES_SINCE_SNAPSHOT"],
        sentence:
          "Everything on drive C (installed programs, settings, files outside your user folder) is replaced with a fresh copy. " +
          "Your user drive D comes back from its latest snapshot, so changes from the last 12 hours or so can be lost.",
      };
    case "restore":
      return {
        lost: ["DRIVE_C", "USER_CHANGES_SINCE_SNAPSHOT"],
        sentence: "Both drives go back to the latest snapshot (taken every 12 hours); anything changed since then is lost.",
      };
    case "migrate":
      return {
        lost: ["DRIVE_C", "USER_CHANGES_SINCE_SNAPSHOT"],
        sentence:
          "Drive C is replaced by the new bundle's image, so installed programs are gone. " +
          "Your user drive comes from its latest snapshot; the old profile is kept in a folder ending in .NotMigrated. " +
          "The WorkSpace gets a new ID, computer name and IP address.",
      };
    case "terminate":
      return {
        lost: ["EVERYTHING"],
        sentence: "The WorkSpace and all its data, including your user drive, are deleted permanently. This cannot be undone.",
      };
    default:
      return null;
  }
}

export type StateTone = "ready" | "busy" | "off" | "problem" | "gone";

export interface VisibleState {
  label: string;
  tone: StateTone;
  sentence: string;
}

const VISIBLE_STATES: Record<WorkspaceState, VisibleState> = {
  PENDING: { label: "Being created", tone: "busy", sentence: "Your WorkSpace is being set up." },
  AVAILABLE: { label: "Ready", tone: "ready", sentence: "Your WorkSpace is running and you can connect." },
  IMPAIRED: { label: "Having problems", tone: "problem", sentence: "Your WorkSpace is having problems; a restart often helps." },
  UNHEALTHY: {
    label: "Not responding",
    tone: "problem",
    sentence: "Your WorkSpace is not responding; try a restart, then a rebuild or restore.",
  },
  REBOOTING: { label: "Restarting", tone: "busy", sentence: "Your WorkSpace is restarting." },
  STARTING: { label: "Starting", tone: "busy", sentence: "Your WorkSpace is starting." },
  REBUILDING: { label: "Rebuilding", tone: "busy", sentence: "Your WorkSpace is being rebuilt; this can take up to an hour." },
  RESTORING: { label: "Restoring", tone: "busy", sentence: "Your WorkSpace is being restored; this can take up to an hour." },
  MAINTENANCE: { label: "Maintenance", tone: "busy", sentence: "Your WorkSpace is getting updates." },
  ADMIN_MAINTENANCE: {
    label: "In maintenance",
    tone: "busy",
    sentence: "An admin is maintaining your WorkSpace; you can connect again once the maintenance ends.",
  },
  TERMINATING: { label: "Being removed", tone: "gone", sentence: "Your WorkSpace is being removed." },
  TERMINATED: { label: "Removed", tone: "gone", sentence: "This WorkSpace no longer exists." },
  SUSPENDED: { label: "Suspended", tone: "off", sentence: "Your WorkSpace is suspended; contact an admin." },
  UPDATING: { label: "Updating", tone: "busy", sentence: "A change to your WorkSpace is being applied." },
  STOPPING: { label: "Stopping", tone: "busy", sentence: "Your WorkSpace is shutting down." },
  STOPPED: { label: "Stopped", tone: "off", sentence: "Your WorkSpace is off; it starts when you connect or when you start it." },
  ERROR: { label: "Error", tone: "problem", sentence: "Your WorkSpace is in an error state; a rebuild or restore may fix it." },
};

export function userVisibleState(state: WorkspaceState): VisibleState {
  return VISIBLE_STATES[state];
}
