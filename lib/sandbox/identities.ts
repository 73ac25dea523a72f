import { createHmac, randomBytes } from "node:crypto";
import { AwsError } from "./protocol/errors";
import type { Credentials } from "./protocol/sigv4";
import { PRIMARY_ACCOUNT_ID, SECOND_ACCOUNT_CREDENTIALS, SECOND_ACCOUNT_ID } from "./world/accounts";

export interface Identity {
  accountId: string;
  credentials: Credentials;
  /** Temporary credentials (from AssumeRole) are only good with their session token. */
  sessionToken?: string;
}

export interface TemporaryCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
}

// Who signed a request: each account's static keys, and the temporary keys AssumeRole handed out. The
// temporary keys are derived (not stored) from the first account's secret, so they stay good across a
// restart of the sandbox, as they would on AWS until they expire: the key id carries the account, the
// secret and the session token are HMACs of the key id.
export class SandboxIdentities {
  private readonly statics: Identity[];

  constructor(private readonly primary: Credentials) {
    this.statics = [
      { accountId: PRIMARY_ACCOUNT_ID, credentials: primary },
      { accountId: SECOND_ACCOUNT_ID, credentials: { ...SECOND_ACCOUNT_CREDENTIALS } },
    ];
  }

  private derive(purpose: string, accessKeyId: string): string {
    return createHmac("sha256", `${this.primary.secretAccessKey}/${purpose}`).update(accessKeyId).digest("base64url");
  }

  issue(accountId: string): TemporaryCredentials {
    const AccessKeyId = `ASIA${accountId}${randomBytes(4).toString("hex").toUpperCase()}`;
    return { AccessKeyId, SecretAccessKey: this.derive("secret", AccessKeyId), SessionToken: this.derive("token", AccessKeyId) };
  }

  resolve(accessKeyId: string): Identity | undefined {
    const known = this.statics.find((i) => i.credentials.accessKeyId === accessKeyId);
    if (known) return known;
    const m = /^ASIA(\d{12})[0-9A-F]{8}$/.exec(accessKeyId);
    if (!m) return undefined;
    return {
      accountId: m[1]!,
      credentials: { accessKeyId, secretAccessKey: this.derive("secret", accessKeyId) },
      sessionToken: this.derive("token", accessKeyId),
    };
  }

  /** The signer's identity, after its signature checked out; temporary keys need their session token. */
  accountOf(accessKeyId: string, sessionToken: string | undefined): string {
    const identity = this.resolve(accessKeyId);
    if (!identity) throw new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.");
    if (identity.sessionToken !== undefined && identity.sessionToken !== sessionToken)
      throw new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.");
    return identity.accountId;
  }
}
