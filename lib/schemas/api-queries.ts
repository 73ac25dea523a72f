import { z } from "zod";
import { REQUEST_STATUSES } from "../domain";
import { apiMoney, apiRequest, apiWorkspace } from "./api";
import { apiIdempotencyKey } from "./api-inputs";

// What the REST API's read side accepts (query strings, path ids, headers) and the envelopes it
// answers with. The routes validate with these and lib/api/openapi.ts builds the OpenAPI document from
// them, so the document cannot drift from what the code accepts.

const email = z.email("Give a valid email address.").max(320);

export const API_PAGE_LIMIT_DEFAULT = 50;
export const API_PAGE_LIMIT_MAX = 200;

const limit = z.coerce
  .number("Give the page size as a number.")
  .int("Give the page size as a whole number.")
  .min(1, "A page holds at least 1 item.")
  .max(API_PAGE_LIMIT_MAX, `A page holds at most ${API_PAGE_LIMIT_MAX} items.`)
  .default(API_PAGE_LIMIT_DEFAULT)
  .meta({ description: `How many items a page holds, 1 to ${API_PAGE_LIMIT_MAX}.`, example: 100 });

const cursor = z
  .string()
  .min(1)
  .max(512, "This cursor is not one the API handed out.")
  .optional()
  .meta({ description: "The `nextCursor` of the previous page; leave it out for the first page. Opaque." });

export const apiPageQuery = { limit, cursor };

const shortText = (what: string) => z.string().trim().min(1).max(256).optional().meta({ description: what });

export const apiWorkspaceListQuery = z.object({
  owner: email.optional().meta({ description: "Only WorkSpaces of the person with this email." }),
  directoryId: shortText("Only WorkSpaces in this directory (d-…)."),
  region: shortText("Only WorkSpaces in this AWS Region."),
  state: shortText("Only WorkSpaces in this state (AVAILABLE, STOPPED, …)."),
  bundleId: shortText("Only WorkSpaces of this bundle (wsb-…)."),
  runningMode: z.enum(["ALWAYS_ON", "AUTO_STOP", "MANUAL"]).optional().meta({ description: "Only WorkSpaces in this running mode." }),
  tag: z
    .string()
    .max(513)
    .regex(/^[^=]{1,128}=.{0,384}$/, "Give a tag filter as key=value.")
    .optional()
    .meta({ description: "Only WorkSpaces carrying this tag, as key=value.", example: "CostCenter=CC-1001" }),
  ...apiPageQuery,
});
export type ApiWorkspaceListQuery = z.output<typeof apiWorkspaceListQuery>;

export const apiRequestListQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional().meta({ description: "Only requests in this status." }),
  type: shortText("Only requests of this change type (create, reboot, computeType, …)."),
  workspaceId: shortText("Only requests about this WorkSpace."),
  requester: email.optional().meta({ description: "Only requests submitted by the person with this email." }),
  ...apiPageQuery,
});
export type ApiRequestListQuery = z.output<typeof apiRequestListQuery>;

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], "Give a date as YYYY-MM-DD or an ISO 8601 date and time.");

export const apiAuditListQuery = z.object({
  action: shortText("Only events whose action starts with this, e.g. `request.` or `api.call`."),
  targetType: shortText("Only events about this kind of object (Request, Workspace, ApiToken, …)."),
  targetId: shortText("Only events about the object with this id."),
  requestId: shortText("Only events of this request."),
  from: instant.optional().meta({ description: "Only events at or after this time (a date means its start, UTC)." }),
  to: instant.optional().meta({ description: "Only events before this time (a date means the end of that day, UTC)." }),
  ...apiPageQuery,
});
export type ApiAuditListQuery = z.output<typeof apiAuditListQuery>;

export const apiCatalogQuery = z.object({
  person: email.optional().meta({
    description: "Whose catalog: a person's email. Defaults to the person in X-On-Behalf-Of, else the token's service account.",
  }),
});

export const apiWorkspaceParams = z.object({
  id: z.string().min(1).max(64).meta({ description: "The WorkSpace id.", example: "ws-0123456789" }),
});
export const apiRequestParams = z.object({
  id: z.string().min(1).max(64).meta({ description: "The request id." }),
});

export const apiOnBehalfOfHeader = email.meta({
  description: "Act for this person (needs a token that may act for people). Reads then show only what that person sees in the portal.",
  example: "alice@example.com",
});

// ---- Answers ----------------------------------------------------------------------------------------

export const apiProblem = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem; its fragment is the code." }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().meta({ description: "The reason in plain language." }),
    code: z.string().meta({ description: "A stable code for the refusal (SCOPE_MISSING, OPEN_REQUEST, VALIDATION_FAILED, …)." }),
    errors: z
      .array(
        z.object({
          code: z.string(),
          detail: z.string(),
          field: z
            .string()
            .optional()
            .meta({ description: "The field at fault, as a JSON pointer (/change/computeType) or a query parameter name." }),
        }),
      )
      .optional(),
    instance: z.string().meta({ description: "The id of this call, as logged by the portal." }),
  })
  .meta({ id: "Problem", description: "An RFC 9457 problem: why a call was refused." });
export type ApiProblem = z.infer<typeof apiProblem>;

const nextCursor = z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." });

export const apiWorkspacePage = z
  .object({ data: z.array(apiWorkspace), nextCursor })
  .meta({ id: "WorkspacePage", description: "A page of WorkSpaces, by id." });

export const apiRequestPage = z
  .object({ data: z.array(apiRequest), nextCursor })
  .meta({ id: "RequestPage", description: "A page of requests, newest first." });

export const apiAuditEvent = z
  .object({
    id: z.string().meta({ description: "The event's id; ids grow with time." }),
    at: z.iso.datetime(),
    actorId: z.string().nullable(),
    actor: z.string().meta({ description: "Who acted, as the audit log names them (API calls carry the token's name)." }),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    requestId: z.string().nullable(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    awsRequestIds: z.array(z.string()),
    detail: z.unknown().optional(),
  })
  .meta({ id: "AuditEvent", description: "One entry of the audit log." });
export type ApiAuditEvent = z.infer<typeof apiAuditEvent>;

export const apiAuditEventPage = z
  .object({ data: z.array(apiAuditEvent), nextCursor })
  .meta({ id: "AuditEventPage", description: "A page of audit events, newest first." });

export const apiCatalog = z
  .object({
    person: z.object({ email: z.string(), name: z.string() }),
    directories: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), region: z.string() })),
    bundles: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        region: z.string(),
        computeType: z.string(),
        vcpu: z.number(),
        memoryGiB: z.number(),
        gpu: z.string().nullable(),
        operatingSystem: z.string(),
        protocol: z.string(),
        defaultRootVolumeGb: z.number().int(),
        defaultUserVolumeGb: z.number().int(),
        monthlyPrice: z.object({
          alwaysOn: apiMoney.nullable().meta({ description: "Monthly price running always on; null where the price table lacks it." }),
          autoStop: apiMoney
            .nullable()
            .meta({ description: "Monthly price with auto stop, at the organisation's expected hours; null where unknown." }),
        }),
        breakEvenHours: z.number().nullable().meta({ description: "Hours a month above which always-on is cheaper." }),
      }),
    ),
  })
  .meta({ id: "Catalog", description: "The directories and bundles the portal offers a person, with monthly prices." });
export type ApiCatalog = z.infer<typeof apiCatalog>;

// ---- Headers, as the OpenAPI document names them -------------------------------------------------------

export const apiOnBehalfHeaders = z.object({ "X-On-Behalf-Of": apiOnBehalfOfHeader.optional() });
export const apiIdempotencyHeaders = z.object({ "Idempotency-Key": apiIdempotencyKey });
