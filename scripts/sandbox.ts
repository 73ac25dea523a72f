// Standalone WorkSpaces + Directory Service sandbox: `npm run sandbox`.
// Configuration comes from the environment here, never inside lib/sandbox.
import path from "node:path";
import { startSandbox } from "../lib/sandbox";

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) {
    console.error(`${name} must be a number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const port = numberFromEnv("SANDBOX_PORT", 4599);
  const host = process.env.SANDBOX_HOST || "127.0.0.1";
  const stateFile = process.env.SANDBOX_STATE_FILE || ".data/sandbox-state.json";
  // Beside the state, where the portal writes its own sandbox's token, so local tools look in one place.
  const tokenFile = process.env.SANDBOX_TOKEN_FILE || path.join(stateFile === "none" ? ".data" : path.dirname(stateFile), "sandbox-token");
  const sandbox = await startSandbox({
    port,
    host,
    stateFile: stateFile === "none" ? undefined : stateFile,
    clockSpeed: numberFromEnv("SANDBOX_CLOCK_SPEED", 60),
    fleetSize: process.env.SANDBOX_FLEET_SIZE ? numberFromEnv("SANDBOX_FLEET_SIZE", 38) : undefined,
    credentials: {
      accessKeyId: process.env.SANDBOX_ACCESS_KEY_ID || "sandbox",
      secretAccessKey: process.env.SANDBOX_SECRET_ACCESS_KEY || "sandbox",
    },
    controlTokenFile: tokenFile,
  });
  console.log(`WorkSpaces sandbox listening on ${sandbox.url} (state: ${stateFile})`);
  console.log(`Control API token (header X-Sandbox-Token, also in ${tokenFile}): ${sandbox.controlToken}`);
  console.log(`  curl -H "X-Sandbox-Token: ${sandbox.controlToken}" ${sandbox.url}/__sandbox/state`);
  console.log(
    "Try: AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox /usr/bin/aws --region us-east-1 " +
      `--endpoint-url ${sandbox.url} workspaces describe-workspaces`,
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
