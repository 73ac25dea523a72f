import "server-only";
import type { z } from "zod";
import { getAwsGateway, AwsGatewayError, type RadiusStatus } from "../../aws";
import type { RadiusChange } from "../../aws/directory-service";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { ServiceError } from "../../core/errors";
import { radiusAvailableFor, RADIUS_UNAVAILABLE } from "../../domain/radius";
import { disableRadiusInput, radiusInput } from "../../schemas/radius";
import { callAws, parseInput, requireAdmin, type AdminActor, type AdminCaller } from "./guard";

// MFA for a directory: Directory Service's EnableRadius, UpdateRadius and DisableRadius. Like the other
// directory settings, the portal keeps no copy: it reads the settings from DescribeDirectories, makes the
// change in AWS, and audits it with AWS's request id (a refusal is audited as an attempt).
//
// The shared secret is write-only. It goes from the form to AWS and nowhere else: it is a separate input
// member, never part of what is audited or returned, and any error that might repeat it is scrubbed before
// it can reach the audit log, the logs or the page.

export interface RadiusSaved {
  /** "enabled" when MFA was off before, "updated" when it was on. */
  outcome: "enabled" | "updated";
  requestId: string;
}

type DirectoryRef = { region: string; directoryId: string };

/** The directory as Directory Service describes it, refused in plain words when RADIUS cannot apply. */
async function mfaDirectory(ref: DirectoryRef): Promise<{ name: string; radius: RadiusStatus }> {
  const [described] = await getAwsGateway()
    .region(ref.region)
    .directoryService.describeDirectories([ref.directoryId])
    .catch((error: unknown) => {
      if (error instanceof AwsGatewayError && error.reason === "not_found") return [];
      throw error;
    });
  if (!described) throw new ServiceError("not_found", `Directory Service has no directory ${ref.directoryId} in ${ref.region}.`);
  if (!radiusAvailableFor(described.type)) throw new ServiceError("refused", RADIUS_UNAVAILABLE);
  return { name: described.name, radius: described.radius };
}

/** What may be shown and audited of a directory's RADIUS settings: never the secret, which AWS does not return anyway. */
function shownSettings(radius: RadiusStatus) {
  if (!radius.enabled) return { enabled: false };
  const { servers, port, timeoutSeconds, retries, protocol, displayLabel, useSameUsername } = radius;
  return { enabled: true, servers, port, timeoutSeconds, retries, protocol, displayLabel, useSameUsername };
}

/** Replaces the secret wherever an error's text might carry it. */
function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join("[shared secret]") : text;
}

/** Runs an AWS call with the secret, so that no error leaving it can repeat the secret. */
async function withoutSecretInErrors<T>(secret: string | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!secret) throw error;
    if (error instanceof AwsGatewayError) {
      const details = { ...error.details, awsMessage: scrub(error.details.awsMessage, secret) };
      throw new AwsGatewayError(details, scrub(error.message, secret));
    }
    throw new Error(scrub(error instanceof Error ? error.message : String(error), secret));
  }
}

async function audited(
  actor: AdminActor,
  ref: DirectoryRef,
  what: { action: string; done: string; before: unknown; after: unknown; detail?: Record<string, unknown> },
  secret: string | undefined,
  call: () => Promise<{ requestId: string }>,
): Promise<string> {
  const detail = { region: ref.region, ...what.detail };
  const out = await callAws(
    actor,
    { action: `directory.${what.action}`, targetType: "directory", targetId: ref.directoryId, detail: { ...detail, after: what.after } },
    () => withoutSecretInErrors(secret, call),
  );
  await db().$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: `directory.${what.done}`,
      targetType: "directory",
      targetId: ref.directoryId,
      before: what.before,
      after: what.after,
      awsRequestIds: [out.requestId],
      detail,
    }),
  );
  return out.requestId;
}

/**
 * Turns MFA on for a directory, or changes its RADIUS settings when it is on already. Turning it on needs the
 * shared secret; a change without one keeps the secret AWS holds.
 */
export async function saveRadiusSettings(caller: AdminCaller, raw: z.input<typeof radiusInput>): Promise<RadiusSaved> {
  const actor = await requireAdmin(caller);
  const input = parseInput(radiusInput, raw);
  const secret = input.sharedSecret;
  const directory = await mfaDirectory(input);
  const on = directory.radius.enabled;
  if (!on && !secret) {
    const message = "Enter the shared secret your RADIUS servers expect: AWS needs it to turn MFA on.";
    throw new ServiceError("invalid", message, [{ code: "sharedSecret", message }]);
  }
  const change: RadiusChange = { ...input.settings, ...(secret ? { sharedSecret: secret } : {}) };
  const after = { enabled: true, ...input.settings };
  const detail = { directoryName: directory.name, sharedSecret: secret ? "changed" : "kept" };
  const directories = getAwsGateway().region(input.region).directoryService;
  const requestId = on
    ? await audited(
        actor,
        input,
        { action: "radius_update", done: "radius_updated", before: shownSettings(directory.radius), after, detail },
        secret,
        () => directories.updateRadius(input.directoryId, change),
      )
    : await audited(
        actor,
        input,
        { action: "radius_enable", done: "radius_enabled", before: shownSettings(directory.radius), after, detail },
        secret,
        () => directories.enableRadius(input.directoryId, change),
      );
  return { outcome: on ? "updated" : "enabled", requestId };
}

/** Turns MFA off: people then sign in to their WorkSpaces with their password alone. */
export async function disableRadiusSettings(caller: AdminCaller, raw: z.input<typeof disableRadiusInput>): Promise<{ requestId: string }> {
  const actor = await requireAdmin(caller);
  const input = parseInput(disableRadiusInput, raw);
  const directory = await mfaDirectory(input);
  if (!directory.radius.enabled) throw new ServiceError("refused", `MFA is already off for ${directory.name}.`);
  const requestId = await audited(
    actor,
    input,
    {
      action: "radius_disable",
      done: "radius_disabled",
      before: shownSettings(directory.radius),
      after: { enabled: false },
      detail: { directoryName: directory.name },
    },
    undefined,
    () => getAwsGateway().region(input.region).directoryService.disableRadius(input.directoryId),
  );
  return { requestId };
}
