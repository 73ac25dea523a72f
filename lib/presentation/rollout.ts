// Words for a staged rollout's states and choices (client-safe).

const STATUS: Record<string, string> = {
  RUNNING: "Running",
  WAITING_FOR_CONTINUE: "Waiting for Continue",
  STOPPED: "Stopped",
  FINISHED: "Finished",
};

const ITEM_STATUS: Record<string, string> = {
  PENDING: "Waiting for its wave",
  IN_PROGRESS: "Under way",
  DONE: "Done",
  FAILED: "Failed",
};

const METHOD: Record<string, string> = {
  rebuild: "Rebuild on the bundle",
  migrate: "Migrate onto the bundle",
};

export const rolloutStatusLabel = (status: string) => STATUS[status] ?? "Unknown";
export const rolloutItemStatusLabel = (status: string) => ITEM_STATUS[status] ?? "Unknown";
export const rolloutMethodLabel = (method: string) => METHOD[method] ?? "Unknown";

/** "Canary", "Wave 1", … */
export const waveLabel = (wave: number) => (wave === 0 ? "Canary" : `Wave ${wave}`);

/** "2026-11-30 12:05 UTC" */
export function utcMinute(at: Date | null | undefined): string {
  return at ? `${at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—";
}
