// The request page's timeline: audit events and decisions merged into plain steps, oldest first.

export interface TimelineEvent {
  at: Date;
  action: string;
  actorLabel: string;
  detail?: unknown;
}

export interface TimelineDecision {
  at: Date;
  decision: "APPROVED" | "REJECTED";
  approverName: string;
  comment: string | null;
  channel: string;
  onBehalfOf?: boolean;
}

export interface TimelineStep {
  at: Date;
  title: string;
  body?: string;
  tone: "neutral" | "success" | "danger" | "busy";
}

const EVENT_TITLES: Record<string, { title: string; tone: TimelineStep["tone"] }> = {
  "request.submitted": { title: "Submitted", tone: "neutral" },
  "request.auto_approved": { title: "Approved automatically", tone: "success" },
  "request.escalated": { title: "Escalated to admins", tone: "neutral" },
  "request.held": { title: "Waiting for the WorkSpace's maintenance to end", tone: "neutral" },
  "request.executing": { title: "In progress", tone: "busy" },
  "request.unconfirmed": { title: "Sent to AWS; its answer was lost", tone: "neutral" },
  "request.succeeded": { title: "Completed", tone: "success" },
  "request.failed": { title: "Failed", tone: "danger" },
  "request.cancelled": { title: "Cancelled", tone: "neutral" },
  "request.expired": { title: "Expired without a decision", tone: "danger" },
};

function why(detail: unknown): string | undefined {
  if (detail && typeof detail === "object" && "why" in detail && typeof detail.why === "string") return detail.why;
  return undefined;
}

const CHANNEL_WORDS: Record<string, string> = { EMAIL: " from the email link", API: " through the API" };

export function buildTimeline(input: {
  events: readonly TimelineEvent[];
  decisions: readonly TimelineDecision[];
  failureReason?: string | null;
  status: string;
  /** How people name the WorkSpace a create or migrate produced, for the "Completed" step. */
  resultWorkspaceName?: string | null;
}): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const e of input.events) {
    const known = EVENT_TITLES[e.action];
    if (!known) continue;
    let body: string | undefined;
    if (e.action === "request.submitted") body = `by ${e.actorLabel}`;
    if (e.action === "request.auto_approved") body = why(e.detail);
    if (e.action === "request.cancelled") body = `by ${e.actorLabel}`;
    if (e.action === "request.unconfirmed")
      body = "The portal did not send it again, so it would not happen twice. If it did not happen, ask again.";
    if (e.action === "request.failed") body = input.failureReason ?? undefined;
    if (e.action === "request.succeeded" && input.resultWorkspaceName) body = `The WorkSpace is ${input.resultWorkspaceName}.`;
    steps.push({ at: e.at, title: known.title, body, tone: known.tone });
  }
  for (const d of input.decisions) {
    const who = `${d.approverName}${d.onBehalfOf ? " (as delegate)" : ""}${CHANNEL_WORDS[d.channel] ?? ""}`;
    steps.push({
      at: d.at,
      title: d.decision === "APPROVED" ? `Approved by ${who}` : `Rejected by ${who}`,
      body: d.comment ? `“${d.comment}”` : undefined,
      tone: d.decision === "APPROVED" ? "success" : "danger",
    });
  }
  if (input.status === "FAILED" && input.failureReason && !steps.some((s) => s.title === "Failed")) {
    steps.push({ at: steps.at(-1)?.at ?? new Date(0), title: "Failed", body: input.failureReason, tone: "danger" });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
