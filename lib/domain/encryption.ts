// Which KMS key encrypts a new WorkSpace's volumes. Encryption is chosen at launch and can never be changed
// afterwards, and WorkSpaces' API (unlike its console) does not fill in a key: every request that encrypts
// names one. The policy may give a key per directory and per persona; a directory's key wins, because a key
// lives in one Region and a directory does too, while a persona spans Regions. Without either, the AWS
// managed key for WorkSpaces is used.

/** The AWS managed key for WorkSpaces, which every account has in every Region. */
export const DEFAULT_VOLUME_ENCRYPTION_KEY = "alias/aws/workspaces";

/** The policy's keys (stored as JSON, hence a type alias): by directory id, and by persona ("EMPLOYEE"). */
export type VolumeEncryptionKeys = {
  byDirectory: Record<string, string>;
  byPersona: Record<string, string>;
};

export type EncryptionKeySource = "directory" | "persona" | "default";

export interface ChosenEncryptionKey {
  key: string;
  source: EncryptionKeySource;
}

/** The key a new WorkSpace in `directoryId` for a person of `persona` is encrypted with. */
export function volumeEncryptionKeyFor(
  keys: VolumeEncryptionKeys | undefined,
  where: { directoryId: string; persona?: string | null },
): ChosenEncryptionKey {
  const byDirectory = keys?.byDirectory[where.directoryId]?.trim();
  if (byDirectory) return { key: byDirectory, source: "directory" };
  const byPersona = where.persona ? keys?.byPersona[where.persona]?.trim() : undefined;
  if (byPersona) return { key: byPersona, source: "persona" };
  return { key: DEFAULT_VOLUME_ENCRYPTION_KEY, source: "default" };
}

/** Whether a create change encrypts any volume, and so must name a key. */
export function encryptsVolumes(change: { rootVolumeEncrypted: boolean; userVolumeEncrypted: boolean }): boolean {
  return change.rootVolumeEncrypted || change.userVolumeEncrypted;
}

// A KMS key as WorkSpaces accepts it: a key id (or multi-Region key id), a key ARN, an alias name or an alias ARN.
const KEY_ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
const ALIAS = "alias/[A-Za-z0-9/_-]{1,250}";
const KMS_KEY_REFERENCE = new RegExp(`^(${KEY_ID}|${ALIAS}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/${KEY_ID}|${ALIAS}))$`);

export function isKmsKeyReference(value: string): boolean {
  return KMS_KEY_REFERENCE.test(value);
}

export const KMS_KEY_HINT =
  "Enter a KMS key as an alias (alias/workspaces-finance), a key id, or a key or alias ARN. WorkSpaces takes symmetric keys only.";

/**
 * How a WorkSpace's volumes are encrypted, in a sentence: "Root and user volumes encrypted with
 * alias/aws/workspaces (the AWS managed key)", "User volume encrypted with …", or "Not encrypted".
 */
export function encryptionSentence(ws: {
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
  volumeEncryptionKey?: string | null;
}): string {
  const which =
    ws.rootVolumeEncrypted && ws.userVolumeEncrypted
      ? "Root and user volumes"
      : ws.rootVolumeEncrypted
        ? "Root volume"
        : ws.userVolumeEncrypted
          ? "User volume"
          : null;
  if (!which) return "Not encrypted";
  if (!ws.volumeEncryptionKey) return `${which} encrypted (AWS did not name the key)`;
  const managed = ws.volumeEncryptionKey === DEFAULT_VOLUME_ENCRYPTION_KEY ? " (the AWS managed key)" : "";
  return `${which} encrypted with ${ws.volumeEncryptionKey}${managed}`;
}

/**
 * A new WorkSpace's change with the policy's key when it encrypts, and without any key when it does not.
 * The key always comes from the policy: people choose whether to encrypt, not with which key.
 */
export function withVolumeEncryptionKey<
  C extends { directoryId: string; rootVolumeEncrypted: boolean; userVolumeEncrypted: boolean; volumeEncryptionKey?: string },
>(change: C, keys: VolumeEncryptionKeys | undefined, persona?: string | null): C {
  const { volumeEncryptionKey: _sent, ...rest } = change;
  void _sent;
  if (!encryptsVolumes(change)) return rest as C;
  return { ...rest, volumeEncryptionKey: volumeEncryptionKeyFor(keys, { directoryId: change.directoryId, persona }).key } as C;
}
