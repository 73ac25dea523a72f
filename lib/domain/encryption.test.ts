import { describe, expect, it } from "vitest";
import {
  DEFAULT_VOLUME_ENCRYPTION_KEY,
  encryptionSentence,
  isKmsKeyReference,
  volumeEncryptionKeyFor,
  withVolumeEncryptionKey,
  type VolumeEncryptionKeys,
} from "./encryption";

const keys: VolumeEncryptionKeys = {
  byDirectory: { "d-1111111111": "alias/finance-dir", "d-2222222222": "  " },
  byPersona: { CONTRACTOR: "alias/contractors" },
};

describe("volumeEncryptionKeyFor", () => {
  it.each([
    ["the directory's key first", "d-1111111111", "CONTRACTOR", { key: "alias/finance-dir", source: "directory" }],
    ["the persona's key when the directory has none", "d-3333333333", "CONTRACTOR", { key: "alias/contractors", source: "persona" }],
    ["a blank directory key counts as none", "d-2222222222", "CONTRACTOR", { key: "alias/contractors", source: "persona" }],
    ["the AWS managed key otherwise", "d-3333333333", "EMPLOYEE", { key: DEFAULT_VOLUME_ENCRYPTION_KEY, source: "default" }],
    ["the AWS managed key without a persona", "d-3333333333", null, { key: DEFAULT_VOLUME_ENCRYPTION_KEY, source: "default" }],
  ])("gives %s", (_what, directoryId, persona, expected) => {
    expect(volumeEncryptionKeyFor(keys, { directoryId, persona })).toEqual(expected);
  });

  it("gives the AWS managed key for a policy saved before keys existed", () => {
    expect(volumeEncryptionKeyFor(undefined, { directoryId: "d-1111111111", persona: "EMPLOYEE" }).key).toBe("alias/aws/workspaces");
  });
});

describe("withVolumeEncryptionKey", () => {
  const change = { directoryId: "d-1111111111", rootVolumeEncrypted: false, userVolumeEncrypted: true, volumeEncryptionKey: "alias/typed" };
  it("puts the policy's key on an encrypting change, replacing whatever was sent", () => {
    expect(withVolumeEncryptionKey(change, keys, "EMPLOYEE").volumeEncryptionKey).toBe("alias/finance-dir");
  });
  it("takes any key off a change that encrypts nothing", () => {
    expect(withVolumeEncryptionKey({ ...change, userVolumeEncrypted: false }, keys, "EMPLOYEE")).not.toHaveProperty("volumeEncryptionKey");
  });
});

describe("isKmsKeyReference", () => {
  it.each([
    ["alias/aws/workspaces", true],
    ["alias/finance_keys-2026", true],
    ["1234abcd-12ab-34cd-56ef-1234567890ab", true],
    ["mrk-1234abcd12ab34cd56ef1234567890ab", true],
    ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", true],
    ["arn:aws:kms:eu-west-1:123456789012:alias/finance", true],
    ["arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/finance", true],
    ["my key", false],
    ["alias/", false],
    ["arn:aws:kms:us-east-1:12345:key/x", false],
    ["", false],
  ])("%s → %s", (value, ok) => {
    expect(isKmsKeyReference(value)).toBe(ok);
  });
});

describe("encryptionSentence", () => {
  it.each([
    [{ rootVolumeEncrypted: false, userVolumeEncrypted: false, volumeEncryptionKey: null }, "Not encrypted"],
    [
      { rootVolumeEncrypted: true, userVolumeEncrypted: true, volumeEncryptionKey: "alias/aws/workspaces" },
      "Root and user volumes encrypted with alias/aws/workspaces (the AWS managed key)",
    ],
    [
      { rootVolumeEncrypted: false, userVolumeEncrypted: true, volumeEncryptionKey: "alias/finance" },
      "User volume encrypted with alias/finance",
    ],
    [
      { rootVolumeEncrypted: true, userVolumeEncrypted: false, volumeEncryptionKey: null },
      "Root volume encrypted (AWS did not name the key)",
    ],
  ])("%j → %s", (ws, sentence) => {
    expect(encryptionSentence(ws)).toBe(sentence);
  });
});
