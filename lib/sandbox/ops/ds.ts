import { MINUTE } from "../clock";
import type { Handler, OpContext } from "../engine";
import { AwsError } from "../protocol/errors";
import { seconds } from "../world/present";
import type { DirectoryRecord, RadiusConfig } from "../world/types";
import { pageByOffset } from "./pagination";

const RADIUS_SETUP = 2 * MINUTE;

const dsError = (code: string, message: string) => new AwsError(code, message);

function requireDirectory(ctx: OpContext, id: string): DirectoryRecord {
  const dir = ctx.world.directories[id];
  if (!dir) throw dsError("EntityDoesNotExistException", `Directory ${id} does not exist.`);
  return dir;
}

function presentDirectory(ctx: OpContext, dir: DirectoryRecord): Record<string, unknown> {
  const network = {
    VpcId: dir.VpcId,
    SubnetIds: dir.SubnetIds,
    SecurityGroupId: dir.SecurityGroupId,
    AvailabilityZones: dir.AvailabilityZones,
  };
  const out: Record<string, unknown> = {
    DirectoryId: dir.DirectoryId,
    Name: dir.Name,
    ShortName: dir.ShortName,
    Size: dir.Size,
    Alias: dir.Alias,
    AccessUrl: `${dir.Alias}.awsapps.com`,
    Description: dir.Description,
    DnsIpAddrs: dir.DnsIpAddrs,
    Stage: dir.Stage,
    LaunchTime: seconds(dir.LaunchTime),
    StageLastUpdatedDateTime: seconds(dir.LaunchTime),
    Type: dir.Type,
    SsoEnabled: false,
  };
  if (dir.Type === "ADConnector")
    out.ConnectSettings = { ...network, CustomerUserName: dir.connectorUser ?? "Admin", ConnectIps: dir.DnsIpAddrs };
  else out.VpcSettings = network;
  if (dir.Type === "MicrosoftAD") out.Edition = "Standard";
  if (dir.radius) {
    const { SharedSecret: _secret, ...shown } = dir.radius.settings;
    void _secret;
    out.RadiusSettings = shown;
    out.RadiusStatus = radiusStatus(dir.radius, ctx.now);
  }
  return out;
}

const describeDirectories: Handler = (ctx, input) => {
  const req = input as { DirectoryIds?: string[]; NextToken?: string; Limit?: number };
  const list = req.DirectoryIds ? req.DirectoryIds.map((id) => requireDirectory(ctx, id)) : Object.values(ctx.world.directories);
  const { page, next } = pageByOffset(list, req.Limit || 100, req.NextToken, "InvalidNextTokenException");
  return { DirectoryDescriptions: page.map((d) => presentDirectory(ctx, d)), ...(next ? { NextToken: next } : {}) };
};

// AD's default complexity: at least 8 characters, three of the four character classes, and not
// containing the account name.
function passwordProblem(user: string, password: string): string | undefined {
  if (password.length < 8 || password.length > 64) return "The password must be 8 to 64 characters long.";
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return "The password must contain characters from three of: lowercase, uppercase, digits, non-alphanumeric characters.";
  if (user.length >= 3 && password.toLowerCase().includes(user.toLowerCase()))
    return "The password must not contain the user's account name.";
  return undefined;
}

const resetUserPassword: Handler = (ctx, input) => {
  const req = input as { DirectoryId: string; UserName: string; NewPassword: string };
  const dir = requireDirectory(ctx, req.DirectoryId);
  if (dir.Type === "ADConnector")
    throw dsError(
      "UnsupportedOperationException",
      "ResetUserPassword is supported only for Simple AD and AWS Managed Microsoft AD directories.",
    );
  if (dir.Stage !== "Active") throw dsError("DirectoryUnavailableException", `Directory ${dir.DirectoryId} is ${dir.Stage}.`);
  const name = Object.keys(dir.users).find((u) => u.toLowerCase() === req.UserName.toLowerCase());
  if (!name) throw dsError("UserDoesNotExistException", `User ${req.UserName} does not exist in directory ${dir.DirectoryId}.`);
  const user = dir.users[name]!;
  if (user.domainAdmin)
    throw dsError("ClientException", "Passwords of members of Domain Admins or Enterprise Admins cannot be reset through this API.");
  const problem = passwordProblem(name, req.NewPassword);
  if (problem) throw dsError("InvalidPasswordException", problem);
  user.passwordChangedAt = ctx.now;
  return {};
};

// EnableRadius needs every setting; UpdateRadius may leave out the shared secret (the model: "Required for
// enabling RADIUS"), which then stays as it was. Lengths and ranges are checked by the model walker.
const REQUIRED_RADIUS = ["RadiusServers", "RadiusPort", "RadiusTimeout", "RadiusRetries", "SharedSecret", "AuthenticationProtocol"];
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
// The documentation ranges (RFC 5737) are never reachable: a RADIUS server there ends in the Failed status,
// so the portal's handling of a failed MFA set-up can be seen against the sandbox.
const UNREACHABLE = /^(192\.0\.2|198\.51\.100|203\.0\.113)\./;

function checkRadius(settings: Record<string, unknown>): void {
  const missing = REQUIRED_RADIUS.filter((k) => settings[k] === undefined || settings[k] === null);
  if (missing.length) throw dsError("InvalidParameterException", `RadiusSettings is missing ${missing.join(", ")}.`);
  const servers = settings.RadiusServers as string[];
  if (servers.length === 0) throw dsError("InvalidParameterException", "RadiusServers must list at least one server.");
  const bad = servers.find((s) => !IPV4.test(s) && !HOSTNAME.test(s));
  if (bad) throw dsError("InvalidParameterException", `RADIUS server ${bad} is neither an IPv4 address nor a fully qualified domain name.`);
  if (new Set(servers.map((s) => s.toLowerCase())).size !== servers.length)
    throw dsError("InvalidParameterException", "RadiusServers lists the same server twice.");
}

function requireMfaCapable(dir: DirectoryRecord): void {
  if (dir.Type === "SimpleAD")
    throw dsError("ClientException", "RADIUS multi-factor authentication is available for AD Connector and AWS Managed Microsoft AD only.");
  if (dir.Stage !== "Active")
    throw dsError("ClientException", `Directory ${dir.DirectoryId} is ${dir.Stage}; RADIUS can be changed only while it is Active.`);
}

/** Creating for the set-up time after each change, then Completed, or Failed when no server can be reached. */
function radiusStatus(radius: RadiusConfig, now: number): "Creating" | "Completed" | "Failed" {
  if (now - radius.enabledAt < RADIUS_SETUP) return "Creating";
  const servers = radius.settings.RadiusServers as string[];
  return servers.every((s) => UNREACHABLE.test(s)) ? "Failed" : "Completed";
}

const enableRadius: Handler = (ctx, input) => {
  const dir = requireDirectory(ctx, String(input.DirectoryId));
  requireMfaCapable(dir);
  if (dir.radius) throw dsError("EntityAlreadyExistsException", `RADIUS is already enabled for ${dir.DirectoryId}.`);
  const settings = input.RadiusSettings as Record<string, unknown>;
  checkRadius(settings);
  dir.radius = { settings: { ...settings }, enabledAt: ctx.now };
  return {};
};

const updateRadius: Handler = (ctx, input) => {
  const dir = requireDirectory(ctx, String(input.DirectoryId));
  requireMfaCapable(dir);
  if (!dir.radius) throw dsError("ClientException", `RADIUS is not enabled for ${dir.DirectoryId}; enable it first.`);
  const settings = { ...dir.radius.settings, ...(input.RadiusSettings as Record<string, unknown>) };
  checkRadius(settings);
  dir.radius = { settings, enabledAt: ctx.now };
  return {};
};

// Disabling a directory without RADIUS changes nothing and succeeds, as turning off something already off.
const disableRadius: Handler = (ctx, input) => {
  const dir = requireDirectory(ctx, String(input.DirectoryId));
  requireMfaCapable(dir);
  dir.radius = undefined;
  return {};
};

const getDirectoryLimits: Handler = (ctx) => {
  const dirs = Object.values(ctx.world.directories);
  const cloud = dirs.filter((d) => d.Type === "SimpleAD").length;
  const managed = dirs.filter((d) => d.Type === "MicrosoftAD").length;
  const connected = dirs.filter((d) => d.Type === "ADConnector").length;
  return {
    DirectoryLimits: {
      CloudOnlyDirectoriesLimit: 10,
      CloudOnlyDirectoriesCurrentCount: cloud,
      CloudOnlyDirectoriesLimitReached: cloud >= 10,
      CloudOnlyMicrosoftADLimit: 20,
      CloudOnlyMicrosoftADCurrentCount: managed,
      CloudOnlyMicrosoftADLimitReached: managed >= 20,
      ConnectedDirectoriesLimit: 10,
      ConnectedDirectoriesCurrentCount: connected,
      ConnectedDirectoriesLimitReached: connected >= 10,
    },
  };
};

export const dsOps: Record<string, Handler> = {
  DescribeDirectories: describeDirectories,
  ResetUserPassword: resetUserPassword,
  EnableRadius: enableRadius,
  UpdateRadius: updateRadius,
  DisableRadius: disableRadius,
  GetDirectoryLimits: getDirectoryLimits,
};
