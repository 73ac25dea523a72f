import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxIdentities } from "./identities";
import { AwsError } from "./protocol/errors";
import { verifySignature } from "./protocol/sigv4";
import { sandboxRole } from "./world/accounts";

// AWS STS's AssumeRole over the query protocol (form-encoded POST, XML answer), as the SDK's
// fromTemporaryCredentials and the CLI's role profiles send it. The sandbox's two accounts each have a
// role (world/accounts.ts); the temporary keys it returns sign for the role's account.

const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function isQueryRequest(req: IncomingMessage): boolean {
  const type = String(req.headers["content-type"] ?? "");
  return !req.headers["x-amz-target"] && type.startsWith("application/x-www-form-urlencoded");
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { "Content-Type": "text/xml", "Content-Length": Buffer.byteLength(xml) });
  res.end(xml);
}

function errorXml(code: string, message: string, requestId: string, sender = true): string {
  return (
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${sender ? "Sender" : "Receiver"}</Type><Code>${code}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

const STATUS: Record<string, number> = { AccessDenied: 403, InvalidClientTokenId: 403, SignatureDoesNotMatch: 403 };
// The JSON services' names for an authentication failure, as STS's query protocol names them.
const QUERY_CODES: Record<string, string> = {
  UnrecognizedClientException: "InvalidClientTokenId",
  InvalidSignatureException: "SignatureDoesNotMatch",
  MissingAuthenticationTokenException: "MissingAuthenticationToken",
  IncompleteSignatureException: "IncompleteSignature",
};

export async function handleStsRequest(
  identities: SandboxIdentities,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawBody: string,
  requestId: string,
): Promise<void> {
  try {
    const scope = await verifySignature(
      {
        method: req.method ?? "POST",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers: req.headers,
        body: rawBody,
      },
      (key) => identities.resolve(key)?.credentials,
      "sts",
      Date.now(),
    );
    const token = req.headers["x-amz-security-token"];
    identities.accountOf(scope.accessKeyId, Array.isArray(token) ? token[0] : token);
    const params = new URLSearchParams(rawBody);
    const action = params.get("Action");
    if (action !== "AssumeRole")
      throw new AwsError(
        "InvalidAction",
        `Could not find operation ${action ?? "(none)"} for version ${params.get("Version") ?? "(none)"}`,
      );
    const roleArn = params.get("RoleArn") ?? "";
    const sessionName = params.get("RoleSessionName") ?? "";
    const externalId = params.get("ExternalId") ?? undefined;
    const duration = Number(params.get("DurationSeconds") ?? 3600);
    if (!ROLE_ARN.test(roleArn)) throw new AwsError("ValidationError", `${roleArn || "RoleArn"} is invalid`);
    if (!SESSION_NAME.test(sessionName))
      throw new AwsError(
        "ValidationError",
        "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: " +
          "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      );
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200)
      throw new AwsError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    const role = sandboxRole(roleArn);
    // AWS answers an unknown role, and a trust policy's unmet external id condition, with the same AccessDenied.
    if (!role || (role.externalId !== undefined && role.externalId !== externalId)) {
      throw new AwsError(
        "AccessDenied",
        `User: arn:aws:iam::${identities.resolve(scope.accessKeyId)?.accountId ?? "000000000000"}:user/sandbox ` +
          `is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    const creds = identities.issue(role.accountId);
    const roleName = ROLE_ARN.exec(roleArn)![2]!;
    // Real time, not the sandbox clock: the SDK refreshes the keys by its own clock.
    const expiration = new Date(Date.now() + duration * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const xml =
      `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult>` +
      `<AssumedRoleUser><AssumedRoleId>AROA${role.accountId}SANDBOX:${escapeXml(sessionName)}</AssumedRoleId>` +
      `<Arn>arn:aws:sts::${role.accountId}:assumed-role/${roleName}/${escapeXml(sessionName)}</Arn></AssumedRoleUser>` +
      `<Credentials><AccessKeyId>${creds.AccessKeyId}</AccessKeyId><SecretAccessKey>${creds.SecretAccessKey}</SecretAccessKey>` +
      `<SessionToken>${creds.SessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
      `</AssumeRoleResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
    sendXml(res, 200, xml);
  } catch (e) {
    if (e instanceof AwsError) {
      const code = QUERY_CODES[e.code] ?? e.code;
      sendXml(res, STATUS[code] ?? e.status, errorXml(code, e.message, requestId));
      return;
    }
    console.error(`[sandbox] ${requestId} AssumeRole failed`, e);
    sendXml(res, 500, errorXml("InternalFailure", "The request processing has failed because of an unknown error.", requestId, false));
  }
}
