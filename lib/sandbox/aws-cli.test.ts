import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { sandboxPerFile } from "./test-helpers";

const AWS_CLI = "/usr/bin/aws";
const hasCli = existsSync(AWS_CLI);
const script = fileURLToPath(new URL("../../scripts/aws-cli-scenario.sh", import.meta.url));

if (!hasCli) console.warn(`[sandbox] AWS CLI scenario SKIPPED: ${AWS_CLI} not found (apt-get install -y awscli)`);

// Without the CLI the file still needs one exchange for the shared model check.
const t = sandboxPerFile();

it.skipIf(!hasCli)(
  "drives both services with the real AWS CLI v2",
  async () => {
    // The script pins the sandbox credentials and Region itself and calls /usr/bin/aws. About a hundred CLI calls
    // (images and connection aliases included), each a new Python process: over 250 s on a busy 2-core machine.
    const { stdout } = await promisify(execFile)("bash", [script, t.sandbox.url, t.sandbox.controlToken], { timeout: 420_000 }).catch(
      (e: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`scenario failed:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
      },
    );
    expect(stdout).toContain("SCENARIO OK");
    // What the CLI created is visible in the sandbox state the portal reads.
    const state = t.sandbox.state() as {
      regions: Record<string, { workspaces: { UserName: string; Tags: { Key: string; Value?: string }[] }[] }>;
    };
    const daves = state.regions["us-east-1"]!.workspaces.filter((w) => w.UserName === "dave");
    expect(daves.some((w) => w.Tags.some((tag) => tag.Key === "PortalRequestId" && tag.Value === "cli-1"))).toBe(true);
    expect(t.exchanges.filter((e) => e.status === 200).length).toBeGreaterThan(40);
  },
  450_000,
);

it("reaches the sandbox it would drive", async () => {
  const res = await fetch(`${t.sandbox.url}/__sandbox/state`, { headers: { "X-Sandbox-Token": t.sandbox.controlToken } });
  expect(res.status).toBe(200);
  const { WorkSpacesClient, DescribeWorkspacesCommand } = await import("@aws-sdk/client-workspaces");
  const client = new WorkSpacesClient({
    endpoint: t.sandbox.url,
    region: "us-east-1",
    credentials: { accessKeyId: "sandbox", secretAccessKey: "sandbox" },
  });
  expect((await client.send(new DescribeWorkspacesCommand({ Limit: 1 }))).Workspaces).toHaveLength(1);
});
