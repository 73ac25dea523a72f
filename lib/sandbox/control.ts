import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxEngine } from "./engine";
import { applyFaultsInput, faultsSchema, type Faults } from "./faults";
import { profileInputSchema, replayInputSchema, replayUsage, setUsageProfile } from "./usage-control";
import { markImageToFail } from "./ops/images";
import { presentWorkspace } from "./world/present";
import type { RegionWorld } from "./world/types";
import { profileOf, usageFrom } from "./world/usage";

export interface ControlDeps {
  engine: SandboxEngine;
  getFaults: () => Faults;
  setFaults: (faults: Faults) => void;
  reset: () => void;
  onChange: () => void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

// The inspection view: what an operator (or a test) needs to see what the portal did.
export function describeState(engine: SandboxEngine, faults: Faults): Record<string, unknown> {
  const now = engine.tick();
  const regions = describeRegions(engine.state.regions);
  // Other accounts' Regions, by account id, once a request reached them.
  const accounts = Object.fromEntries(Object.entries(engine.state.accounts ?? {}).map(([id, r]) => [id, { regions: describeRegions(r) }]));
  return {
    now: new Date(now).toISOString(),
    clockSpeed: engine.clock.speed,
    mutatingCalls: { ...engine.state.mutatingCalls },
    mutationCount: engine.mutationCount(),
    faults,
    regions,
    accounts,
  };
}

function describeRegions(worlds: Record<string, RegionWorld>): Record<string, unknown> {
  const regions: Record<string, unknown> = {};
  for (const [name, world] of Object.entries(worlds)) {
    regions[name] = {
      workspaces: world.order
        .map((id) => world.workspaces[id])
        .filter((ws) => ws !== undefined)
        .map((ws) => ({
          ...presentWorkspace(ws),
          Tags: world.tags[ws.WorkspaceId] ?? [],
          CreatedAt: new Date(ws.createdAt).toISOString(),
          UsageProfile: profileOf(ws),
          UsageFrom: new Date(usageFrom(ws)).toISOString(),
        })),
      directories: Object.values(world.directories).map((d) => ({
        DirectoryId: d.DirectoryId,
        Name: d.Name,
        Type: d.Type,
        Registered: d.registration !== undefined,
        Radius: d.radius !== undefined,
        Users: Object.keys(d.users).length,
        IpGroupIds: d.registration?.ipGroupIds ?? [],
      })),
      ipGroups: Object.values(world.ipGroups),
      customBundles: Object.values(world.bundles)
        .filter((b) => b.Owner !== "AMAZON")
        .map((b) => ({ BundleId: b.BundleId, Name: b.Name, ImageId: b.ImageId, ComputeType: b.ComputeType })),
    };
  }
  return regions;
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.map(String).join(".")}: ${i.message}`).join("; ");
}

export async function handleControl(
  deps: ControlDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string,
): Promise<void> {
  let parsed: unknown = {};
  if (body.trim()) {
    try {
      parsed = JSON.parse(body);
    } catch {
      return json(res, 400, { error: "body is not valid JSON" });
    }
  }
  const route = `${req.method} ${path}`;
  switch (route) {
    case "GET /__sandbox/state":
      return json(res, 200, describeState(deps.engine, deps.getFaults()));
    case "POST /__sandbox/reset":
      deps.reset();
      return json(res, 200, { ok: true, now: new Date(deps.engine.clock.now()).toISOString() });
    case "POST /__sandbox/clock": {
      const minutes = (parsed as { advanceMinutes?: unknown }).advanceMinutes;
      if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0)
        return json(res, 400, { error: "advanceMinutes must be a non-negative number" });
      deps.engine.advance(minutes);
      deps.onChange();
      return json(res, 200, { ok: true, now: new Date(deps.engine.clock.now()).toISOString() });
    }
    case "POST /__sandbox/faults": {
      const result = faultsSchema.safeParse(parsed);
      if (!result.success) return json(res, 400, { error: issues(result.error) });
      deps.setFaults(applyFaultsInput(deps.getFaults(), result.data));
      return json(res, 200, { ok: true, faults: deps.getFaults() });
    }
    case "POST /__sandbox/usage/profile": {
      const input = profileInputSchema.safeParse(parsed);
      if (!input.success) return json(res, 400, { error: issues(input.error) });
      const result = setUsageProfile(deps.engine, input.data);
      if (!result.ok) return json(res, 404, { error: result.error });
      deps.onChange();
      return json(res, 200, { ok: true, workspaceId: input.data.workspaceId, profile: input.data.profile, region: result.region });
    }
    case "POST /__sandbox/usage/replay": {
      const input = replayInputSchema.safeParse(parsed);
      if (!input.success) return json(res, 400, { error: issues(input.error) });
      const result = replayUsage(deps.engine, input.data);
      deps.onChange();
      return json(res, 200, { ok: true, ...result });
    }
    case "POST /__sandbox/images/fail": {
      const input = parsed as { imageId?: unknown; errorCode?: unknown; errorMessage?: unknown };
      if (typeof input.imageId !== "string") return json(res, 400, { error: "imageId must be a string" });
      const result = markImageToFail(deps.engine.state, input.imageId, {
        code: typeof input.errorCode === "string" ? input.errorCode : "InternalFailure",
        message: typeof input.errorMessage === "string" ? input.errorMessage : "The image could not be created.",
      });
      if (!result.ok) return json(res, 404, { error: result.error });
      deps.onChange();
      return json(res, 200, result);
    }
    default:
      return json(res, 404, {
        error: `unknown control route ${route}`,
        routes: [
          "GET /__sandbox/state",
          "POST /__sandbox/reset",
          "POST /__sandbox/clock",
          "POST /__sandbox/faults",
          "POST /__sandbox/usage/profile",
          "POST /__sandbox/usage/replay",
          "POST /__sandbox/images/fail",
        ],
      });
  }
}
