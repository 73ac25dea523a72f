import { z } from "zod";
import { API_SCOPES, API_TOKEN_MAX_DAYS, REQUEST_STATUSES, WEBHOOK_EVENT_TYPES } from "../domain";

// The REST API's resources (/api/v1) and the webhooks' bodies. `.meta({ id })` names each one as a
// component in the OpenAPI document, which is generated from these schemas (lib/api/openapi.ts).

const isoTime = z.iso.datetime();

export const apiPerson = z
  .object({ id: z.string(), email: z.string(), name: z.string() })
  .meta({ id: "Person", description: "A person in the portal." });

export const apiMoney = z
  .object({ cents: z.number().int(), currency: z.string().length(3) })
  .meta({ id: "Money", description: "An amount in the smallest unit of its currency." });

export const apiTag = z.object({ key: z.string(), value: z.string() }).meta({ id: "Tag" });

export const apiWorkspace = z
  .object({
    id: z.string().meta({ example: "ws-0123456789" }),
    region: z.string(),
    directoryId: z.string(),
    userName: z.string(),
    owner: apiPerson.nullable(),
    state: z.string().meta({ description: "The WorkSpace state as AWS reports it (AVAILABLE, STOPPED, …)." }),
    bundleId: z.string(),
    computeType: z.string().nullable(),
    runningMode: z.string().nullable(),
    autoStopTimeoutMinutes: z.number().int().nullable(),
    rootVolumeGb: z.number().int().nullable(),
    userVolumeGb: z.number().int().nullable(),
    protocols: z.array(z.string()),
    computerName: z.string().nullable(),
    ipAddress: z.string().nullable(),
    tags: z.array(apiTag),
    stateChangedAt: isoTime,
    lastConnectedAt: isoTime.nullable(),
    lastSyncedAt: isoTime,
  })
  .meta({ id: "Workspace", description: "A WorkSpace as the portal last read it from AWS." });
export type ApiWorkspace = z.infer<typeof apiWorkspace>;

export const apiApprovalStep = z
  .object({ role: z.enum(["MANAGER", "ADMIN"]), approverId: z.string().optional() })
  .meta({ id: "ApprovalStep" });

export const apiTimelineEvent = z
  .object({ at: isoTime, action: z.string(), actor: z.string(), detail: z.unknown().optional() })
  .meta({ id: "TimelineEvent", description: "One event in a request's history, from the audit log." });

export const apiRequest = z
  .object({
    id: z.string(),
    type: z.string().meta({ description: "The change type: create, reboot, start, stop, computeType, runningMode, …" }),
    status: z.enum(REQUEST_STATUSES),
    change: z.record(z.string(), z.unknown()).meta({ description: "The change as submitted (see RequestCreate)." }),
    workspaceId: z.string().nullable(),
    region: z.string(),
    directoryId: z.string().nullable(),
    requester: apiPerson,
    beneficiary: apiPerson,
    justification: z.string(),
    monthlyCostDelta: apiMoney.nullable(),
    approvalReason: z.string(),
    approvalSteps: z.array(apiApprovalStep),
    currentStep: z.number().int(),
    origin: z.string().nullable(),
    failureCode: z.string().nullable(),
    failureReason: z.string().nullable(),
    resultWorkspaceId: z.string().nullable(),
    createdAt: isoTime,
    decidedAt: isoTime.nullable(),
    completedAt: isoTime.nullable(),
    timeline: z.array(apiTimelineEvent).optional(),
  })
  .meta({ id: "Request", description: "A change request and where it stands." });
export type ApiRequest = z.infer<typeof apiRequest>;

export const webhookEventBody = z
  .object({
    id: z.string().meta({ description: "The event id; the same event delivered twice carries the same id." }),
    type: z.enum(WEBHOOK_EVENT_TYPES),
    time: isoTime,
    data: z.record(z.string(), z.unknown()).meta({ description: "The resource: a Request, a Workspace, or a reclaim warning." }),
  })
  .meta({ id: "WebhookEvent" });
export type WebhookEventBody = z.infer<typeof webhookEventBody>;

// ---- Admin forms ----------------------------------------------------------------------------------

export const apiTokenCreateInput = z.object({
  name: z.string().trim().min(3, "Name the token after the system that uses it.").max(80, "Keep the name under 80 characters."),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope.").max(API_SCOPES.length),
  expiresInDays: z.coerce
    .number()
    .int("Give the lifetime in whole days.")
    .min(1, "A token lives at least one day.")
    .max(API_TOKEN_MAX_DAYS, `A token lives at most ${API_TOKEN_MAX_DAYS} days.`),
  mayActForPeople: z.boolean().default(false),
});
export type ApiTokenCreateInput = z.input<typeof apiTokenCreateInput>;

export const apiTokenIdInput = z.object({ tokenId: z.string().min(1).max(64) });
