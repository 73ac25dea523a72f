// Custom images: which WorkSpaces AWS will image, and when an image may be deleted or shared. Pure
// rules, asked by the image pages, the service (before calling AWS) and the fleet's WorkSpace page.

/** What the rules need to know of a WorkSpace before imaging it. */
export interface ImagingCandidate {
  state: string;
  rootVolumeEncrypted: boolean;
  userVolumeEncrypted: boolean;
  /**
   * DescribeWorkspaces' OperatingSystemName ("WINDOWS_SERVER_2019", "AMAZON_LINUX_2", "UBUNTU_22_04"…), or the
   * bundle's family ("WINDOWS", "LINUX"); null when unknown.
   */
  operatingSystemName: string | null;
  /** The WorkSpace runs a bring-your-own-licence image (its bundle's image needs dedicated hardware). */
  byol: boolean;
  /** The directory's registered tenancy, DEDICATED or SHARED; null when unknown. */
  directoryTenancy: string | null;
}

export type ImagingCheckId = "available" | "unencrypted" | "operating_system" | "byol_tenancy";

export interface ImagingCheck {
  id: ImagingCheckId;
  /** The precondition, as the form lists it. */
  label: string;
  ok: boolean;
  /** Why it holds or, when it does not, what stands in the way and what to do. */
  explanation: string;
}

/** The Linux distributions AWS makes images of; other Linux WorkSpaces (Ubuntu, Rocky, Red Hat) are refused. */
const IMAGEABLE_LINUX = new Set(["AMAZON_LINUX_2", "LINUX"]);

function osCheck(name: string | null): { ok: boolean; explanation: string } {
  if (!name) return { ok: true, explanation: "AWS has not said which operating system it runs; AWS will check when the image starts." };
  const upper = name.toUpperCase();
  if (upper.startsWith("WINDOWS")) return { ok: true, explanation: "It runs Windows, which AWS makes images of." };
  if (IMAGEABLE_LINUX.has(upper)) return { ok: true, explanation: "It runs Amazon Linux, which AWS makes images of." };
  return {
    ok: false,
    explanation:
      "AWS makes images of Windows and Amazon Linux WorkSpaces only; this one runs another Linux distribution. " +
      "Build that image outside WorkSpaces instead.",
  };
}

/** Every precondition AWS checks before it images a WorkSpace, each with a plain explanation. */
export function imagingChecks(c: ImagingCandidate): ImagingCheck[] {
  const encrypted = c.rootVolumeEncrypted || c.userVolumeEncrypted;
  const os = osCheck(c.operatingSystemName);
  const byolOk = !c.byol || c.directoryTenancy === "DEDICATED";
  return [
    {
      id: "available",
      label: "The WorkSpace is available",
      ok: c.state === "AVAILABLE",
      explanation:
        c.state === "AVAILABLE"
          ? "It is available. While AWS makes the image the WorkSpace is suspended and its user cannot connect."
          : `It is ${c.state.toLowerCase().replace(/_/g, " ")}. AWS only images an available WorkSpace: start it, or wait until it is available.`,
    },
    {
      id: "unencrypted",
      label: "Its volumes are not encrypted",
      ok: !encrypted,
      explanation: encrypted
        ? "Its volumes are encrypted, and AWS cannot make images of encrypted WorkSpaces. " +
          "Customise an unencrypted WorkSpace of the same bundle and image that one."
        : "Its volumes are not encrypted.",
    },
    { id: "operating_system", label: "AWS images its operating system", ...os },
    {
      id: "byol_tenancy",
      label: "A BYOL WorkSpace's directory has dedicated tenancy",
      ok: byolOk,
      explanation: !c.byol
        ? "It does not run a bring-your-own-licence image."
        : byolOk
          ? "It runs a bring-your-own-licence image on a directory registered for dedicated hardware, so its image is BYOL too."
          : "It runs a bring-your-own-licence image, and BYOL images need a directory registered for dedicated tenancy; " +
            "this one's directory is not.",
    },
  ];
}

/** May this WorkSpace be imaged; when not, every reason, in plain words. */
export function mayImage(c: ImagingCandidate): { allowed: boolean; reasons: string[] } {
  const failed = imagingChecks(c).filter((check) => !check.ok);
  return { allowed: failed.length === 0, reasons: failed.map((check) => check.explanation) };
}

/** What the rules need to know of an image before deleting or sharing it. */
export interface ImageFacts {
  name: string;
  state?: string;
  /** The account owns it (not an image another account shared with it). */
  owned: boolean;
}

const FIRST_UNBUNDLE = "Give them another image or delete them first.";

/** May this image be deleted: refused while bundles use it (naming them), while shared, while still being made, or when not ours. */
export function mayDeleteImage(
  image: ImageFacts,
  bundlesUsing: readonly { name: string }[],
  sharedWith: readonly string[],
): { allowed: true } | { allowed: false; reason: string } {
  if (!image.owned) return { allowed: false, reason: "Another account shared this image with you; only its owner can delete it." };
  if (image.state === "PENDING")
    return { allowed: false, reason: "AWS is still making this image. Delete it once it is available or has failed." };
  if (bundlesUsing.length) {
    const names = bundlesUsing.map((b) => b.name).join(", ");
    const one = bundlesUsing.length === 1;
    return {
      allowed: false,
      reason: `${one ? "The bundle" : "The bundles"} ${names} still ${one ? "uses" : "use"} this image. ${FIRST_UNBUNDLE}`,
    };
  }
  if (sharedWith.length) return { allowed: false, reason: `It is shared with ${sharedWith.join(", ")}. Stop sharing it first.` };
  return { allowed: true };
}

export const AWS_ACCOUNT_ID = /^\d{12}$/;

/** May this image be shared with that account. */
export function mayShareImage(
  image: ImageFacts & { ownerAccountId?: string },
  accountId: string,
): { allowed: true } | { allowed: false; reason: string } {
  if (!image.owned) return { allowed: false, reason: "Another account shared this image with you; only its owner can share it." };
  if (!AWS_ACCOUNT_ID.test(accountId)) return { allowed: false, reason: "An AWS account id is 12 digits." };
  if (image.ownerAccountId === accountId) return { allowed: false, reason: "That is the account that owns the image." };
  if (image.state !== "AVAILABLE") return { allowed: false, reason: "Only an available image can be shared." };
  return { allowed: true };
}

/** May this image be copied into another Region. */
export function mayCopyImage(image: ImageFacts): { allowed: true } | { allowed: false; reason: string } {
  if (image.state !== "AVAILABLE") return { allowed: false, reason: "Only an available image can be copied." };
  return { allowed: true };
}
