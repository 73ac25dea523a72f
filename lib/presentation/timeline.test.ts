import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline";

const t = (m: number) => new Date(Date.UTC(2026, 10, 10, 12, m));

describe("buildTimeline", () => {
  it("merges events and decisions in time order, with the comment and the failure reason", () => {
    const steps = buildTimeline({
      status: "FAILED",
      failureReason: "AWS refused: the volume is too small.",
      events: [
        { at: t(0), action: "request.submitted", actorLabel: "Alice" },
        { at: t(5), action: "request.executing", actorLabel: "system" },
        { at: t(9), action: "request.failed", actorLabel: "system" },
        { at: t(1), action: "something.internal", actorLabel: "system" },
      ],
      decisions: [{ at: t(3), decision: "APPROVED", approverName: "Bob", comment: "Fine", channel: "EMAIL" }],
    });
    expect(steps.map((s) => s.title)).toEqual(["Submitted", "Approved by Bob from the email link", "In progress", "Failed"]);
    expect(steps[1]!.body).toBe("“Fine”");
    expect(steps[3]!.body).toBe("AWS refused: the volume is too small.");
  });

  it("says when AWS's answer to the call was lost and the portal did not send it again", () => {
    const steps = buildTimeline({
      status: "SUCCEEDED",
      events: [
        { at: t(0), action: "request.submitted", actorLabel: "Alice" },
        { at: t(1), action: "request.executing", actorLabel: "system" },
        { at: t(2), action: "request.unconfirmed", actorLabel: "system" },
        { at: t(3), action: "request.succeeded", actorLabel: "system" },
      ],
      decisions: [],
    });
    expect(steps.map((s) => s.title)).toEqual(["Submitted", "In progress", "Sent to AWS; its answer was lost", "Completed"]);
    expect(steps[2]!.body).toMatch(/did not send it again.*If it did not happen, ask again/);
  });

  it("says when an integration recorded the decision through the API", () => {
    const steps = buildTimeline({
      status: "APPROVED",
      failureReason: null,
      events: [{ at: t(0), action: "request.submitted", actorLabel: 'Alice (via API token "ServiceNow")' }],
      decisions: [{ at: t(1), decision: "APPROVED", approverName: "Bob", comment: null, channel: "API" }],
    });
    expect(steps.map((s) => s.title)).toContain("Approved by Bob through the API");
  });

  it("shows a rejection with its reason and a delegate as such", () => {
    const steps = buildTimeline({
      status: "REJECTED",
      events: [{ at: t(0), action: "request.submitted", actorLabel: "Alice" }],
      decisions: [{ at: t(2), decision: "REJECTED", approverName: "Frank", comment: "Too costly", channel: "WEB", onBehalfOf: true }],
    });
    expect(steps[1]).toMatchObject({ title: "Rejected by Frank (as delegate)", body: "“Too costly”", tone: "danger" });
  });

  it("says why a request was approved automatically", () => {
    const steps = buildTimeline({
      status: "SUCCEEDED",
      events: [{ at: t(0), action: "request.auto_approved", actorLabel: "Alice", detail: { why: "Restarts need no approval." } }],
      decisions: [],
    });
    expect(steps[0]).toMatchObject({ title: "Approved automatically", body: "Restarts need no approval." });
  });

  it("names the WorkSpace a new request produced, never by its id", () => {
    const steps = buildTimeline({
      status: "SUCCEEDED",
      events: [
        { at: t(0), action: "request.submitted", actorLabel: "Dave" },
        { at: t(9), action: "request.succeeded", actorLabel: "system", detail: { workspace: "ws-abcdef123" } },
      ],
      decisions: [],
      resultWorkspaceName: "WSAMZN-ABCDEF12 (Value, Windows)",
    });
    expect(steps.at(-1)).toMatchObject({ title: "Completed", body: "The WorkSpace is WSAMZN-ABCDEF12 (Value, Windows)." });
  });
});
