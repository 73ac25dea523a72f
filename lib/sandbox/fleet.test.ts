import { DescribeWorkspacesCommand, type Workspace } from "@aws-sdk/client-workspaces";
import { describe, expect, it } from "vitest";
import { seedWorld } from "./world/seed";
import { sandboxPerFile } from "./test-helpers";

describe("fleet generator", () => {
  it("builds the same fleet for the same seed and a different one for another seed", () => {
    const now = Date.UTC(2026, 10, 1);
    const a = seedWorld({ now, seed: 7, fleetSize: 500 });
    const b = seedWorld({ now, seed: 7, fleetSize: 500 });
    const c = seedWorld({ now, seed: 8, fleetSize: 500 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.regions["us-east-1"]!.order).not.toEqual(c.regions["us-east-1"]!.order);
  });

  it("gives every generated user at most one WorkSpace per directory and mixes states", () => {
    const world = seedWorld({ now: Date.UTC(2026, 10, 1), seed: 1, fleetSize: 2000 }).regions["us-east-1"]!;
    const all = Object.values(world.workspaces);
    expect(all).toHaveLength(2005);
    const keys = all.map((w) => `${w.DirectoryId}/${w.UserName}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const ws of all) expect(world.directories[ws.DirectoryId]!.users[ws.UserName]).toBeDefined();
    const states = new Set(all.map((w) => w.State));
    for (const s of ["AVAILABLE", "STOPPED", "PENDING", "REBOOTING", "ERROR", "ADMIN_MAINTENANCE", "SUSPENDED"])
      expect(states).toContain(s);
  });
});

describe("a 10,000-WorkSpace fleet", () => {
  const t = sandboxPerFile({ fleetSize: 10_000 });

  it("pages through every WorkSpace in stable order with pages of 25", async () => {
    const seen: Workspace[] = [];
    let token: string | undefined;
    const started = Date.now();
    do {
      const page = await t.ws().send(new DescribeWorkspacesCommand({ NextToken: token }));
      expect(page.Workspaces!.length).toBeLessThanOrEqual(25);
      seen.push(...page.Workspaces!);
      token = page.NextToken;
    } while (token);
    expect(seen.length).toBe(10_005);
    expect(new Set(seen.map((w) => w.WorkspaceId)).size).toBe(seen.length);
    // About 400 round trips; a slow scan per page would take far longer than this.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("filters a large directory quickly", async () => {
    const first = await t.ws().send(new DescribeWorkspacesCommand({ Limit: 1 }));
    const dir = first.Workspaces![0]!.DirectoryId!;
    const page = await t.ws().send(new DescribeWorkspacesCommand({ DirectoryId: dir, Limit: 25 }));
    expect(page.Workspaces).toHaveLength(25);
    expect(page.NextToken).toBeTruthy();
  });
});
