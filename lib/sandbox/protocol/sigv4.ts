import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "./errors";

// Node's crypto behind the small interface the smithy signer expects; HMAC when given a secret.
class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  private readonly secret?: Buffer | string;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret =
      secret === undefined || typeof secret === "string"
        ? secret
        : ArrayBuffer.isView(secret)
          ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength)
          : Buffer.from(secret);
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", this.secret);
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}
export interface SignedScope {
  accessKeyId: string;
  region: string;
  service: string;
}
export interface IncomingSigned {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

function header(headers: IncomingSigned["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

// Verifies by re-signing the request with the same headers, date and scope and comparing signatures.
// AWS JSON services answer every authentication failure with HTTP 400.
export async function verifySignature(
  req: IncomingSigned,
  credentials: Credentials | ((accessKeyId: string) => Credentials | undefined),
  expectedService: string | undefined,
  realNow: number,
): Promise<SignedScope> {
  const authorization = header(req.headers, "authorization");
  if (!authorization) throw new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/.exec(authorization);
  if (!m) {
    throw new AwsError(
      "IncompleteSignatureException",
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.slice(0, 40)}`,
    );
  }
  const [, credential, signedHeaderList, signature] = m as unknown as [string, string, string, string];
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request")
    throw new AwsError("IncompleteSignatureException", `Credential is malformed: ${credential}`);
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string, string];
  // One key pair, or a lookup of several (the sandbox's accounts and the temporary keys it issued).
  const signer = typeof credentials === "function" ? credentials(accessKeyId) : credentials;
  if (!signer || accessKeyId !== signer.accessKeyId)
    throw new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.");
  if (expectedService !== undefined && service !== expectedService)
    throw new AwsError("InvalidSignatureException", `Credential should be scoped to correct service: '${expectedService}'.`);
  const amzDate = header(req.headers, "x-amz-date");
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate)
    throw new AwsError(
      "IncompleteSignatureException",
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  if (!amzDate!.startsWith(shortDate))
    throw new AwsError(
      "InvalidSignatureException",
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.",
    );
  if (Math.abs(realNow - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new AwsError("InvalidSignatureException", `Signature expired: ${amzDate} is now earlier than the allowed window (15 minutes).`);
  }

  const signedNames = signedHeaderList.split(";");
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(req.headers, name);
    if (value === undefined) throw new AwsError("InvalidSignatureException", MISMATCH);
    headers[name] = value;
  }
  const resigner = new SignatureV4({ credentials: signer, region, service, sha256: NodeSha256, applyChecksum: false, uriEscapePath: true });
  const signed = await resigner.sign(
    {
      method: req.method,
      protocol: "http:",
      hostname: header(req.headers, "host") ?? "",
      path: req.path,
      query: req.query,
      headers,
      body: req.body,
    },
    { signingDate, signingRegion: region, signingService: service, signableHeaders: new Set(signedNames) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers["authorization"] ?? ""))?.[1];
  if (expected !== signature) throw new AwsError("InvalidSignatureException", MISMATCH);
  return { accessKeyId, region, service };
}
