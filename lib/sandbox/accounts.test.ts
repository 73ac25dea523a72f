import {
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  RebootWorkspacesCommand,
  WorkSpacesClient,
} from "@aws-sdk/client-workspaces";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { describe, expect, it } from "vitest";
import { PRIMARY_ACCOUNT_ID, SANDBOX_ROLES, SECOND_ACCOUNT_CREDENTIALS, SECOND_ACCOUNT_ID } from "./index";
import { CREDENTIALS, sandboxPerFile } from "./test-helpers";

const t = sandboxPerFile({ fleetSize: 8 });
const secondRole = SANDBOX_ROLES.find((r) => r.accountId === SECOND_ACCOUNT_ID)!;

// The portal's way into another account: the SDK's own provider calls STS AssumeRole (the nested STS
// client, pointed at the sandbox) and signs with the temporary keys it gets back.
function assumed(params: { RoleArn: string; ExternalId?: string }, region = "us-east-1"): WorkSpacesClient {
  return new WorkSpacesClient({
    endpoint: t.sandbox.url,
    region,
    maxAttempts: 1,
    credentials: fromTemporaryCredentials({
      params: { ...params, RoleSessionName: "contract-test" },
      masterCredentials: CREDENTIALS,
      clientConfig: { region, endpoint: t.sandbox.url, maxAttempts: 1 },
    }),
  });
}

const usersOf = async (client: WorkSpacesClient) =>
  ((await client.send(new DescribeWorkspacesCommand({}))).Workspaces ?? []).map((w) => w.UserName);

describe("two accounts", () => {
  it("AssumeRole with the role's external id lands every call in the second account", async () => {
    const client = assumed({ RoleArn: secondRole.arn, ExternalId: secondRole.externalId });
    const users = await usersOf(client);
    expect(users).toContain("gina");
    expect(users).not.toContain("alice");
    const dirs = (await client.send(new DescribeWorkspaceDirectoriesCommand({}))).Directories ?? [];
    expect(dirs.map((d) => d.DirectoryName)).toEqual(["branch.example.org"]);
    expect(dirs[0]!.IamRoleId).toContain(SECOND_ACCOUNT_ID);

    // A change made through the role is the second account's, not the first's.
    const dave = (await client.send(new DescribeWorkspacesCommand({ UserName: "dave", DirectoryId: dirs[0]!.DirectoryId })))
      .Workspaces![0]!;
    const reboot = await client.send(new RebootWorkspacesCommand({ RebootWorkspaceRequests: [{ WorkspaceId: dave.WorkspaceId! }] }));
    expect(reboot.FailedRequests).toEqual([]);
    const state = t.sandbox.state() as {
      regions: Record<string, { workspaces: { WorkspaceId: string }[] }>;
      accounts: Record<string, { regions: Record<string, { workspaces: { WorkspaceId: string; State: string }[] }> }>;
    };
    expect(state.accounts[SECOND_ACCOUNT_ID]!.regions["us-east-1"]!.workspaces.find((w) => w.WorkspaceId === dave.WorkspaceId)!.State).toBe(
      "REBOOTING",
    );
    expect(state.regions["us-east-1"]!.workspaces.some((w) => w.WorkspaceId === dave.WorkspaceId)).toBe(false);
  });

  it("the first account's own keys and its role still see the first account", async () => {
    expect(await usersOf(t.ws())).toContain("alice");
    const role = SANDBOX_ROLES.find((r) => r.accountId === PRIMARY_ACCOUNT_ID)!;
    const users = await usersOf(assumed({ RoleArn: role.arn }));
    expect(users).toContain("alice");
    expect(users).not.toContain("gina");
  });

  it("the second account's static keys reach it directly, in a Region its seed does not cover as an empty one", async () => {
    expect(await usersOf(t.ws("us-east-1", { credentials: { ...SECOND_ACCOUNT_CREDENTIALS } }))).toContain("hugo");
    expect(await usersOf(t.ws("eu-west-1", { credentials: { ...SECOND_ACCOUNT_CREDENTIALS } }))).toEqual([]);
  });

  it("refuses the role without its external id, or a role the account does not have, with AccessDenied", async () => {
    await expect(usersOf(assumed({ RoleArn: secondRole.arn }))).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(usersOf(assumed({ RoleArn: secondRole.arn, ExternalId: "wrong" }))).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(usersOf(assumed({ RoleArn: `arn:aws:iam::${SECOND_ACCOUNT_ID}:role/Nobody` }))).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });

  it("refuses temporary keys without their session token", async () => {
    const res = await fetch(t.sandbox.url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ Action: "AssumeRole", Version: "2011-06-15" }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    const forged = new WorkSpacesClient({
      endpoint: t.sandbox.url,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: { accessKeyId: `ASIA${SECOND_ACCOUNT_ID}ABCDEF12`, secretAccessKey: "guess" },
    });
    await expect(usersOf(forged)).rejects.toMatchObject({
      name: expect.stringMatching(/InvalidSignatureException|UnrecognizedClientException/),
    });
  });
});
