import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  auditDetails,
  auditDiff,
  auditMentions,
  auditSentence,
  auditSentenceText,
  type AuditEventInput,
  type AuditNameBook,
  type AuditSegment,
} from "./audit";

const book: AuditNameBook = {
  users: { u_carol: "Carol Smith", u_bob: "Bob Martinez", u_alice: "Alice Nguyen", u_dave: "Dave Lee" },
  workspaces: { "ws-llqwlc2mj": "WSAMZN-LLQWLC2M (Standard, Windows)" },
  requests: {
    r_change: { title: "Change WSAMZN-LLQWLC2M (Standard, Windows) to Performance", requester: "Alice Nguyen", requesterId: "u_alice" },
    r_new: { title: "New WorkSpace (Standard with Windows 10, AutoStop)", requester: "Alice Nguyen", requesterId: "u_alice" },
  },
  directories: { "d-f28e33fdf9": "corp.example.com" },
  bundles: { "wsb-2140o11i8": "Corp-Standard-Win10" },
  webhooks: { wh_1: "ServiceNow" },
};

const ev = (e: Partial<AuditEventInput> & { action: string }): AuditEventInput => ({
  actorId: "u_carol",
  actorLabel: "Carol Smith",
  targetType: "setting",
  targetId: "x",
  requestId: null,
  ...e,
});
const text = (e: AuditEventInput) => auditSentenceText(auditSentence(e, book));
const links = (segments: AuditSegment[]) => segments.filter((s): s is Exclude<AuditSegment, string> => typeof s !== "string" && !!s.href);
const RAW = /\b(ws|wsb|d|wsipg)-[a-z0-9]{6,}\b/;

/** Every event the portal records, one example each (the same shapes the services write). */
const EXAMPLES: AuditEventInput[] = [
  ev({
    action: "request.submitted",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    requestId: "r_change",
    actorId: "u_alice",
    actorLabel: "Alice Nguyen",
  }),
  ev({
    action: "request.auto_approved",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    detail: { why: "A saving is approved at once" },
  }),
  ev({
    action: "request.approved",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    actorId: "u_bob",
    actorLabel: "Bob Martinez",
    detail: { step: "MANAGER", channel: "WEB" },
  }),
  ev({
    action: "request.rejected",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    actorId: "u_bob",
    actorLabel: "Bob Martinez",
    detail: { comment: "Not this month", channel: "EMAIL" },
  }),
  ev({
    action: "request.cancelled",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    actorId: "u_alice",
    actorLabel: "Alice Nguyen",
  }),
  ev({
    action: "request.escalated",
    actorId: null,
    actorLabel: "system",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    detail: { escalationDays: 3 },
  }),
  ev({
    action: "request.expired",
    actorId: null,
    actorLabel: "system",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    detail: { expiryDays: 14 },
  }),
  ev({
    action: "request.rerouted",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    detail: { cause: "manager_changed" },
  }),
  ev({
    action: "request.executing",
    actorId: null,
    actorLabel: "system",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
  }),
  ev({
    action: "request.succeeded",
    actorId: null,
    actorLabel: "system",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
  }),
  ev({
    action: "request.failed",
    actorId: null,
    actorLabel: "system",
    targetType: "request",
    targetId: "r_change",
    requestId: "r_change",
    after: { status: "FAILED", reason: "AWS said no" },
  }),
  ev({
    action: "aws.computeType",
    actorId: null,
    actorLabel: "system",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    requestId: "r_change",
  }),
  ev({
    action: "aws.RebootWorkspaces",
    actorId: null,
    actorLabel: "system",
    targetType: "bulkOperation",
    targetId: "op1",
    detail: { succeeded: ["a", "b"], failed: [] },
  }),
  ev({
    action: "user.provisioned",
    actorId: null,
    actorLabel: "sign-in (oidc)",
    targetType: "user",
    targetId: "u_dave",
    after: { email: "dave@example.com", role: "EMPLOYEE" },
  }),
  ev({ action: "user.role_changed", targetType: "user", targetId: "u_dave", before: { role: "EMPLOYEE" }, after: { role: "MANAGER" } }),
  ev({
    action: "user.manager_changed",
    targetType: "user",
    targetId: "u_alice",
    before: { managerId: null },
    after: { managerId: "u_bob" },
  }),
  ev({ action: "user.signed_out_everywhere", targetType: "user", targetId: "u_dave" }),
  ev({ action: "policy.updated", targetId: "policy" }),
  ev({ action: "prices.updated", targetId: "prices" }),
  ev({ action: "optimizer.settings_updated", targetId: "optimizer" }),
  ev({ action: "reclaim.policy_updated", targetId: "reclaim" }),
  ev({ action: "webhook.network_changed", targetId: "webhooks" }),
  ev({ action: "usage.refresh_requested", targetId: "usage-sync" }),
  ev({ action: "optimizer.requests_created", targetType: "optimizer", targetId: "running-mode", detail: { created: 2 } }),
  ev({
    action: "optimizer.nightly_run",
    actorId: null,
    actorLabel: "system",
    targetType: "optimizer",
    targetId: "running-mode",
    detail: { created: 1 },
  }),
  ev({ action: "ipgroup.created", targetType: "ipGroup", targetId: "wsipg-abc123def", after: { name: "Office" } }),
  ev({ action: "ipgroup.deleted", targetType: "ipGroup", targetId: "wsipg-abc123def", before: { name: "Office" } }),
  ev({
    action: "ipgroup.rules_updated",
    targetType: "ipGroup",
    targetId: "wsipg-abc123def",
    before: [],
    after: [{ ipRule: "10.0.0.0/8", ruleDesc: "VPN" }],
  }),
  ev({
    action: "ipgroup.associated",
    targetType: "ipGroup",
    targetId: "wsipg-abc123def",
    detail: { directoryId: "d-f28e33fdf9", directoryName: "corp.example.com" },
  }),
  ev({ action: "ipgroup.disassociated", targetType: "ipGroup", targetId: "wsipg-abc123def", detail: { directoryId: "d-f28e33fdf9" } }),
  ev({ action: "ipgroup.create.refused", targetType: "ipGroup", targetId: "Office", detail: { message: "Too many groups" } }),
  ev({ action: "ipgroup.delete.refused", targetType: "ipGroup", targetId: "wsipg-abc123def", detail: { message: "In use" } }),
  ev({ action: "ipgroup.rules_update.refused", targetType: "ipGroup", targetId: "wsipg-abc123def", detail: { message: "Bad rule" } }),
  ev({
    action: "ipgroup.associate.refused",
    targetType: "ipGroup",
    targetId: "wsipg-abc123def",
    detail: { directoryId: "d-f28e33fdf9", message: "No" },
  }),
  ev({
    action: "ipgroup.disassociate.refused",
    targetType: "ipGroup",
    targetId: "wsipg-abc123def",
    detail: { directoryId: "d-f28e33fdf9", message: "No" },
  }),
  ...["alias.created", "alias.associated", "alias.disassociated", "alias.deleted", "alias.shared", "alias.unshared"].map((action) =>
    ev({
      action,
      targetType: "connectionAlias",
      targetId: "wsca-abc123def",
      detail: {
        region: "us-east-1",
        connectionString: "desktop.example.com",
        directoryId: "d-f28e33fdf9",
        directoryName: "corp.example.com",
        accountId: "210987654321",
      },
    }),
  ),
  ...["alias.create", "alias.associate", "alias.disassociate", "alias.delete", "alias.share", "alias.unshare"].map((a) =>
    ev({
      action: `${a}.refused`,
      targetType: "connectionAlias",
      targetId: "wsca-abc123def",
      detail: {
        region: "us-east-1",
        connectionString: "desktop.example.com",
        directoryId: "d-f28e33fdf9",
        accountId: "210987654321",
        message: "No",
      },
    }),
  ),
  ev({
    action: "alias.primary_set",
    targetType: "connectionAlias",
    targetId: "desktop.example.com",
    detail: { connectionString: "desktop.example.com", region: "eu-west-1" },
  }),
  ev({ action: "bundle.created", targetType: "bundle", targetId: "wsb-2140o11i8", after: { name: "Corp-Standard-Win10" } }),
  ev({
    action: "bundle.image_updated",
    targetType: "bundle",
    targetId: "wsb-2140o11i8",
    before: { imageId: "wsi-1" },
    after: { imageId: "wsi-2" },
  }),
  ev({ action: "bundle.deleted", targetType: "bundle", targetId: "wsb-gone12345", before: { name: "Old desktop" } }),
  ev({ action: "bundle.display_set", targetType: "bundle", targetId: "wsb-2140o11i8", after: { displayName: "Corporate desktop" } }),
  ev({ action: "bundle.display_cleared", targetType: "bundle", targetId: "wsb-2140o11i8" }),
  ev({ action: "bundle.create.refused", targetType: "bundle", targetId: "New one", detail: { name: "New one", message: "Quota" } }),
  ev({ action: "bundle.update_image.refused", targetType: "bundle", targetId: "wsb-2140o11i8", detail: { message: "Image not ready" } }),
  ev({ action: "bundle.delete.refused", targetType: "bundle", targetId: "wsb-2140o11i8", detail: { message: "In use" } }),
  ev({ action: "bundle.tags_updated", targetType: "bundle", targetId: "wsb-2140o11i8", after: { tags: [{ key: "Team", value: "IT" }] } }),
  ev({ action: "bundle.tags_update.refused", targetType: "bundle", targetId: "wsb-2140o11i8", detail: { message: "Amazon bundle" } }),
  ev({ action: "ipgroup.tags_updated", targetType: "ipGroup", targetId: "wsipg-office01", detail: { name: "office-networks" } }),
  ev({ action: "ipgroup.tags_update.refused", targetType: "ipGroup", targetId: "wsipg-office01", detail: { message: "Limit" } }),
  ev({
    action: "policy.tags_updated",
    targetType: "setting",
    targetId: "policy",
    after: { requiredKeys: ["CostCenter"], employeeEditableKeys: [] },
  }),
  ev({
    action: "image.created",
    targetType: "image",
    targetId: "wsi-golden123",
    detail: { name: "golden-2026", region: "us-east-1", workspaceId: "ws-llqwlc2mj" },
  }),
  ev({ action: "image.deleted", targetType: "image", targetId: "wsi-golden123", detail: { name: "golden-2026", region: "us-east-1" } }),
  ev({
    action: "image.copied",
    targetType: "image",
    targetId: "wsi-copy12345",
    detail: { name: "golden-2026", region: "eu-west-1", sourceRegion: "us-east-1" },
  }),
  ...["image.shared", "image.unshared"].map((action) =>
    ev({
      action,
      targetType: "image",
      targetId: "wsi-golden123",
      detail: { name: "golden-2026", region: "us-east-1", accountId: "111122223333" },
    }),
  ),
  ...["image.create", "image.delete", "image.copy", "image.share", "image.unshare"].map((a) =>
    ev({
      action: `${a}.refused`,
      targetType: "image",
      targetId: "wsi-golden123",
      detail: { name: "golden-2026", region: "us-east-1", sourceRegion: "us-east-1", accountId: "111122223333", message: "In use" },
    }),
  ),
  ...["selfservice_update", "creation_update", "access_update", "client_update", "register", "deregister"].flatMap((a) => [
    ev({ action: `directory.${a}.refused`, targetType: "directory", targetId: "d-f28e33fdf9", detail: { message: "No" } }),
  ]),
  ...["selfservice_updated", "creation_updated", "access_updated", "client_updated", "registered", "deregistered"].map((a) =>
    ev({ action: `directory.${a}`, targetType: "directory", targetId: "d-f28e33fdf9", before: { a: 1 }, after: { a: 2 } }),
  ),
  ...["radius_enable", "radius_update", "radius_disable"].map((a) =>
    ev({ action: `directory.${a}.refused`, targetType: "directory", targetId: "d-f28e33fdf9", detail: { message: "No" } }),
  ),
  ...["radius_enabled", "radius_updated", "radius_disabled"].map((a) =>
    ev({
      action: `directory.${a}`,
      targetType: "directory",
      targetId: "d-f28e33fdf9",
      before: { enabled: false },
      after: { enabled: true },
    }),
  ),
  ev({
    action: "directory.password_reset",
    actorId: "u_alice",
    actorLabel: "Alice Nguyen",
    targetType: "directory-user",
    targetId: "d-f28e33fdf9/alice",
  }),
  ev({ action: "policy.directory_requesters_updated", targetType: "directory", targetId: "d-f28e33fdf9" }),
  ev({
    action: "directory.password_help_updated",
    targetType: "directory",
    targetId: "d-f28e33fdf9",
    after: { text: "Call 4357.", url: null },
  }),
  ev({ action: "api_token.created", targetType: "apiToken", targetId: "t1", after: { name: "ServiceNow" } }),
  ev({ action: "api_token.revoked", targetType: "apiToken", targetId: "t1", detail: { name: "ServiceNow" } }),
  ev({
    action: "api.call",
    actorLabel: 'Carol Smith (via API token "ServiceNow")',
    targetType: "ApiToken",
    targetId: "t1",
    detail: { method: "GET", path: "/api/v1/workspaces", status: 200 },
  }),
  ev({
    action: "bulk.started",
    targetType: "bulkOperation",
    targetId: "op1",
    after: { params: { action: "reboot" }, workspaceIds: ["ws-a", "ws-b"] },
  }),
  ev({ action: "bulk.retried", targetType: "bulkOperation", targetId: "op1", after: { workspaceIds: ["ws-a"] } }),
  ev({
    action: "rollout.started",
    targetType: "rollout",
    targetId: "ro1",
    after: { bundleId: "wsb-custom01", method: "rebuild", workspaces: 27, waves: 2 },
  }),
  ev({ action: "rollout.continued", targetType: "rollout", targetId: "ro1" }),
  ev({ action: "rollout.stopped", targetType: "rollout", targetId: "ro1" }),
  ev({ action: "rollout.retried", targetType: "rollout", targetId: "ro1", after: { workspaceIds: ["ws-a"] } }),
  ev({
    action: "rollout.canary_finished",
    actorId: null,
    actorLabel: "system",
    targetType: "rollout",
    targetId: "ro1",
    detail: { done: 1, failed: 1 },
  }),
  ev({
    action: "rollout.wave_finished",
    actorId: null,
    actorLabel: "system",
    targetType: "rollout",
    targetId: "ro1",
    detail: { wave: 1, done: 25, failed: 0 },
  }),
  ev({
    action: "rollout.stopped_automatically",
    actorId: null,
    actorLabel: "system",
    targetType: "rollout",
    targetId: "ro1",
    detail: { wave: 2, total: 25, failed: 8 },
  }),
  ev({
    action: "rollout.finished",
    actorId: null,
    actorLabel: "system",
    targetType: "rollout",
    targetId: "ro1",
    detail: { done: 25, failed: 0 },
  }),
  ev({ action: "webhook.created", targetType: "webhook", targetId: "wh_1", after: { name: "ServiceNow" } }),
  ev({ action: "webhook.secret_rotated", targetType: "webhook", targetId: "wh_1" }),
  ev({ action: "webhook.enabled", targetType: "webhook", targetId: "wh_1" }),
  ev({ action: "webhook.disabled", targetType: "webhook", targetId: "wh_1" }),
  ev({ action: "webhook.deleted", targetType: "webhook", targetId: "wh_2", before: { name: "Old hook" } }),
  ev({ action: "webhook.redelivered", targetType: "webhook", targetId: "wh_1" }),
  ev({
    action: "reclaim.warned",
    actorId: null,
    actorLabel: "Reclaim policy",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    after: { ownerId: "u_alice", reclaimOn: "2026-12-14T00:00:00.000Z" },
  }),
  ev({
    action: "reclaim.cancelled",
    actorId: null,
    actorLabel: "Reclaim policy",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    detail: { why: "It was used again" },
  }),
  ev({
    action: "reclaim.requested",
    actorId: null,
    actorLabel: "Reclaim policy",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    requestId: "r_change",
  }),
  ev({
    action: "reclaim.request_refused",
    actorId: null,
    actorLabel: "Reclaim policy",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    detail: { reasons: [{ message: "No admin" }] },
  }),
  ev({
    action: "reclaim.kept",
    actorId: "u_alice",
    actorLabel: "Alice Nguyen",
    targetType: "workspace",
    targetId: "ws-llqwlc2mj",
    detail: { justification: "Quarter close" },
  }),
  ev({
    action: "delegation.created",
    actorId: "u_bob",
    actorLabel: "Bob Martinez",
    targetType: "delegation",
    targetId: "dl1",
    after: { delegateId: "u_carol", startsAt: "2026-12-01T00:00:00Z", endsAt: "2026-12-08T00:00:00Z" },
  }),
  ev({ action: "delegation.revoked", actorId: "u_bob", actorLabel: "Bob Martinez", targetType: "delegation", targetId: "dl1" }),
  ev({ action: "inventory.sync_requested", targetType: "inventory", targetId: "all" }),
];

describe("audit sentences", () => {
  it("reads the brief's examples as sentences with the names linked", () => {
    expect(text(ev({ action: "policy.updated", targetId: "policy" }))).toBe("Carol Smith changed the approval policy");
    const approved = ev({
      action: "request.approved",
      targetType: "request",
      targetId: "r_change",
      requestId: "r_change",
      actorId: "u_bob",
      actorLabel: "Bob Martinez",
      detail: { channel: "WEB" },
    });
    expect(text(approved)).toBe(
      "Bob Martinez approved Alice Nguyen's request to change WSAMZN-LLQWLC2M (Standard, Windows) to Performance",
    );
    expect(links(auditSentence(approved, book))).toEqual([
      { text: "Bob Martinez", href: "/admin/users/u_bob" },
      { text: "Alice Nguyen's request to change WSAMZN-LLQWLC2M (Standard, Windows) to Performance", href: "/requests/r_change" },
    ]);
  });

  it("has its own sentence for every event in the examples, with no raw id and no code in the words", () => {
    for (const e of EXAMPLES) {
      const segments = auditSentence(e, book);
      const sentence = auditSentenceText(segments);
      expect(sentence, e.action).not.toContain("recorded “");
      expect(sentence, e.action).not.toMatch(RAW);
      expect(sentence, e.action).not.toMatch(/\b[A-Z]{3,}_[A-Z_]+\b/);
      expect(sentence, e.action).not.toContain(e.action);
      for (const s of segments) if (typeof s !== "string") expect(s.text, e.action).not.toMatch(RAW);
    }
  });

  it("covers every action name the portal's code records", () => {
    const actions = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (name === "generated" || name === "node_modules") continue;
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          const source = readFileSync(path, "utf8");
          if (!/recordAudit|saveSetting|callAws/.test(source)) continue;
          // `action: "x.y"` (or a ternary of two) in recordAudit/callAws, and the audit action a saveSetting call ends with.
          for (const line of source.split("\n").filter((l) => /\baction:|saveSetting\(/.test(l)))
            for (const m of line.matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) actions.add(m[1]!);
        }
      }
    };
    walk(join(__dirname, ".."));
    const emitted = [...actions].filter((a) =>
      /^(request|user|policy|prices|optimizer|reclaim|webhook|usage|ipgroup|bundle|image|directory|api_token|api|bulk|rollout|delegation|inventory|alias)\./.test(
        a,
      ),
    );
    expect(emitted.length).toBeGreaterThan(40);
    const covered = new Set(EXAMPLES.map((e) => e.action));
    const missing = emitted
      .filter((a) => !covered.has(a) && !covered.has(`${a}.refused`))
      .filter((a) => {
        const sentence = text(ev({ action: a, targetType: "request", targetId: "r_change", requestId: "r_change" }));
        return sentence.includes("recorded “");
      });
    expect(missing).toEqual([]);
  });

  it("names the system and links people, WorkSpaces, directories and bundles to their pages", () => {
    const warned = auditSentence(
      EXAMPLES.find((e) => e.action === "reclaim.warned")!,
      book,
    );
    expect(auditSentenceText(warned)).toBe(
      "The portal warned Alice Nguyen that WSAMZN-LLQWLC2M (Standard, Windows) is unused and will be given back on 2026-12-14",
    );
    expect(links(warned).map((l) => l.href)).toEqual(["/admin/users/u_alice", "/admin/fleet/ws-llqwlc2mj"]);
    const dir = auditSentence(ev({ action: "directory.access_updated", targetType: "directory", targetId: "d-f28e33fdf9" }), book);
    expect(links(dir).at(-1)).toEqual({ text: "corp.example.com", href: "/admin/directories/d-f28e33fdf9" });
    const b = auditSentence(
      ev({ action: "bundle.display_set", targetType: "bundle", targetId: "wsb-2140o11i8", after: { displayName: "Corporate desktop" } }),
      book,
    );
    expect(auditSentenceText(b)).toBe("Carol Smith named the bundle Corp-Standard-Win10 “Corporate desktop” in the catalog");
    expect(links(b).at(-1)!.href).toBe("/admin/bundles/wsb-2140o11i8");
    expect(
      text(
        ev({
          action: "request.executing",
          actorId: null,
          actorLabel: "system",
          targetType: "request",
          targetId: "r_new",
          requestId: "r_new",
        }),
      ),
    ).toBe("The portal started on Alice Nguyen's request for a new WorkSpace (Standard with Windows 10, AutoStop)");
  });

  it("keeps an unknown WorkSpace's id as secondary text, never as its name", () => {
    const segments = auditSentence(ev({ action: "reclaim.kept", targetType: "workspace", targetId: "ws-unknown99" }), book);
    const link = segments.find((s) => typeof s !== "string" && s.rawId === "ws-unknown99") as Exclude<AuditSegment, string>;
    expect(link.text).toBe("a WorkSpace no longer in the inventory");
    expect(link.rawId).toBe("ws-unknown99");
  });

  it("reads an API call's path as a pattern and names what its ids point at", () => {
    const call = ev({
      action: "api.call",
      actorLabel: 'Carol Smith (via API token "ServiceNow")',
      targetType: "ApiToken",
      targetId: "t1",
      detail: { method: "GET", path: "/api/v1/workspaces/ws-llqwlc2mj?fields=all", status: 200 },
    });
    expect(auditMentions(call).workspaces).toEqual(["ws-llqwlc2mj"]);
    const segments = auditSentence(call, book);
    const text = segments.map((s) => (typeof s === "string" ? s : s.text)).join("");
    expect(text).toContain("called GET /api/v1/workspaces/:id about WSAMZN-LLQWLC2M (Standard, Windows) (answered 200)");
    expect(text).not.toMatch(RAW);
  });

  it("falls back to a readable sentence for an action it does not know", () => {
    expect(text(ev({ action: "directory.widget_updated", targetType: "directory", targetId: "d-f28e33fdf9" }))).toBe(
      "Carol Smith recorded “widget updated” (directory) for the directory corp.example.com",
    );
    expect(text(ev({ action: "thing.frobnicated", targetType: "gadget", targetId: "g1", actorId: null, actorLabel: "system" }))).toBe(
      "The portal recorded “frobnicated” (thing) for gadget",
    );
    expect(text(ev({ action: "thing.frob.refused", targetType: "bundle", targetId: "wsb-2140o11i8", detail: { message: "Nope" } }))).toBe(
      "AWS refused to let Carol Smith frob the bundle Corp-Standard-Win10: Nope",
    );
  });
});

describe("audit diff", () => {
  it("lists only what changed, with names for ids and labels for codes", () => {
    expect(auditDiff({ role: "EMPLOYEE" }, { role: "MANAGER" })).toEqual([{ field: "Role", before: "Employee", after: "Manager" }]);
    expect(auditDiff({ managerId: null }, { managerId: "u_bob" }, book)).toEqual([
      { field: "Manager", before: "—", after: "Bob Martinez" },
    ]);
    expect(
      auditDiff(
        { computeType: "STANDARD", runningMode: "AUTO_STOP", same: 1 },
        { computeType: "GRAPHICS_G4DN", runningMode: "ALWAYS_ON", same: 1 },
      ),
    ).toEqual([
      { field: "Compute type", before: "Standard", after: "Graphics.g4dn" },
      { field: "Running mode", before: "AutoStop", after: "AlwaysOn" },
    ]);
  });

  it("walks nested settings and lists a creation's fields with nothing before", () => {
    const rows = auditDiff(
      { thresholds: { managerCents: 5000, adminCents: 10000 } },
      { thresholds: { managerCents: 5000, adminCents: 15000 } },
    );
    expect(rows).toEqual([{ field: "Thresholds › Admin cents", before: "10000", after: "15000" }]);
    expect(auditDiff(undefined, { name: "Office", enabled: true, tags: ["a", "b"] })).toEqual([
      { field: "Name", before: "—", after: "Office" },
      { field: "Enabled", before: "—", after: "yes" },
      { field: "Tags", before: "—", after: "a, b" },
    ]);
    expect(auditDiff(null, null)).toEqual([]);
    expect(auditDiff([], [{ ipRule: "10.0.0.0/8" }])).toEqual([
      { field: "Value", before: "none", after: "—" },
      { field: "1 › Ip rule", before: "—", after: "10.0.0.0/8" },
    ]);
  });

  it("reads an event's details as field and value", () => {
    expect(auditDetails({ reason: "throttled", message: "Rate exceeded", region: "us-east-1" })).toEqual([
      { field: "Reason", value: "throttled" },
      { field: "Message", value: "Rate exceeded" },
      { field: "Region", value: "us-east-1" },
    ]);
    expect(auditDetails(null)).toEqual([]);
  });

  it("collects the ids whose names the page must look up", () => {
    const m = auditMentions(ev({ action: "user.manager_changed", targetType: "user", targetId: "u_alice", after: { managerId: "u_bob" } }));
    expect(m.users.sort()).toEqual(["u_alice", "u_bob", "u_carol"]);
    expect(
      auditMentions(ev({ action: "directory.password_reset", targetType: "directory-user", targetId: "d-1/alice" })).directories,
    ).toEqual(["d-1"]);
  });
});
