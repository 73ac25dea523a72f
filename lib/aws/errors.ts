// Turns AWS's many error names into the handful of reasons the portal can explain to a person,
// while keeping everything the audit log needs (raw name, message, HTTP status, request id).

export type FailureReason = "not_found" | "wrong_state" | "not_allowed" | "limit_reached" | "throttled" | "unavailable" | "invalid";

const WORKSPACE_STATES = [
  "PENDING",
  "AVAILABLE",
  "IMPAIRED",
  "UNHEALTHY",
  "REBOOTING",
  "STARTING",
  "REBUILDING",
  "RESTORING",
  "MAINTENANCE",
  "ADMIN_MAINTENANCE",
  "TERMINATING",
  "TERMINATED",
  "SUSPENDED",
  "UPDATING",
  "STOPPING",
  "STOPPED",
  "ERROR",
];
// Longest first, so ADMIN_MAINTENANCE is not read as MAINTENANCE.
const STATE_PATTERN = new RegExp(`\\b(${[...WORKSPACE_STATES].sort((a, b) => b.length - a.length).join("|")})\\b`);

// Keyed by the error name with any dotted suffix removed: WorkSpaces reports per-item failures as
// e.g. "ResourceNotFound.WorkSpace" while whole-call errors are "ResourceNotFoundException".
const REASON_BY_CODE: Record<string, FailureReason> = {
  ResourceNotFound: "not_found",
  ResourceNotFoundException: "not_found",
  EntityDoesNotExistException: "not_found",
  EntityAlreadyExistsException: "wrong_state",
  UserDoesNotExistException: "not_found",
  DirectoryDoesNotExistException: "not_found",
  ResourceUnavailableException: "wrong_state",
  InvalidResourceState: "wrong_state",
  InvalidResourceStateException: "wrong_state",
  OperationInProgressException: "wrong_state",
  ResourceAssociatedException: "wrong_state",
  ResourceInUseException: "wrong_state",
  DirectoryUnavailableException: "wrong_state",
  IncompatibleApplicationsException: "wrong_state",
  AccessDeniedException: "not_allowed",
  AccessDenied: "not_allowed",
  OperationNotSupported: "not_allowed",
  OperationNotSupportedException: "not_allowed",
  UnsupportedOperationException: "not_allowed",
  AuthenticationFailedException: "not_allowed",
  UnrecognizedClientException: "not_allowed",
  InvalidSignatureException: "not_allowed",
  ExpiredTokenException: "not_allowed",
  IncompleteSignature: "not_allowed",
  ResourceLimitExceeded: "limit_reached",
  ResourceLimitExceededException: "limit_reached",
  LimitExceededException: "limit_reached",
  DirectoryLimitExceededException: "limit_reached",
  ResourceCreationFailedException: "unavailable",
  ThrottlingException: "throttled",
  Throttling: "throttled",
  TooManyRequestsException: "throttled",
  RequestLimitExceeded: "throttled",
  InternalFailure: "unavailable",
  InternalServerError: "unavailable",
  ServiceUnavailable: "unavailable",
  ServiceUnavailableException: "unavailable",
  ServiceException: "unavailable",
  TimeoutError: "unavailable",
  RequestTimeout: "unavailable",
  RequestTimeoutException: "unavailable",
  AbortError: "unavailable",
  OutcomeUnknown: "unavailable",
  ECONNREFUSED: "unavailable",
  ECONNRESET: "unavailable",
  ETIMEDOUT: "unavailable",
  EPIPE: "unavailable",
  InvalidParameterValuesException: "invalid",
  InvalidParameterValues: "invalid",
  InvalidParameterException: "invalid",
  InvalidParameterCombinationException: "invalid",
  ValidationException: "invalid",
  SerializationException: "invalid",
  UnsupportedWorkspaceConfigurationException: "invalid",
  UnsupportedNetworkConfigurationException: "invalid",
  WorkspacesDefaultRoleNotFoundException: "invalid",
  InvalidPasswordException: "invalid",
  ClientException: "invalid",
  ResourceAlreadyExistsException: "invalid",
  ResourceExists: "invalid",
};

const PLAIN_ENGLISH: Record<FailureReason, string> = {
  not_found: "AWS could not find it; it may have been deleted or the id is wrong.",
  wrong_state: "It is not in a state that allows this right now.",
  not_allowed: "AWS does not allow this for this resource or these credentials.",
  limit_reached: "An AWS limit has been reached.",
  throttled: "AWS is busy with too many requests; try again in a few minutes.",
  unavailable: "AWS is not reachable or failed; try again later.",
  invalid: "AWS rejected the request as invalid.",
};

/** The reason for an AWS error name or a per-item failure code; undefined when the name is unknown. */
export function reasonForCode(code: string): FailureReason | undefined {
  return REASON_BY_CODE[code] ?? REASON_BY_CODE[code.split(".")[0] ?? code];
}

/** Reads a WorkSpace state from AWS's message, since wrong-state errors name it only in prose. */
export function stateFromMessage(message: string | undefined): string | undefined {
  return message ? STATE_PATTERN.exec(message)?.[1] : undefined;
}

/**
 * Some operations (RestoreWorkspace, MigrateWorkspace) refuse a busy WorkSpace with
 * OperationNotSupportedException rather than a state error; when AWS names the state, the honest
 * reason is "wrong state", which tells the user that waiting may help.
 */
export function classify(code: string, message: string | undefined, fallback: FailureReason): { reason: FailureReason; state?: string } {
  let reason = reasonForCode(code) ?? fallback;
  const state = reason === "wrong_state" || reason === "not_allowed" ? stateFromMessage(message) : undefined;
  if (state) reason = "wrong_state";
  return state ? { reason, state } : { reason };
}

export function plainMessage(reason: FailureReason, state?: string, detail?: string): string {
  if (reason === "wrong_state" && state) return `It is ${state}, which does not allow this right now.`;
  if (reason === "invalid" && detail) return `AWS rejected the request: ${detail}`;
  if (reason === "limit_reached" && detail) return `An AWS limit has been reached: ${detail}`;
  return PLAIN_ENGLISH[reason];
}

export interface AwsErrorDetails {
  reason: FailureReason;
  operation: string;
  region: string;
  /** AWS's error name, e.g. InvalidResourceStateException, or a network error code. */
  awsCode: string;
  awsMessage: string;
  httpStatus?: number;
  requestId?: string;
  /** The resource's state when AWS named it. */
  state?: string;
}

/** The one error type the gateway throws; `message` is safe to show, `details` belong in the audit log. */
export class AwsGatewayError extends Error {
  readonly reason: FailureReason;
  readonly details: AwsErrorDetails;

  constructor(details: AwsErrorDetails, message?: string, options?: { cause?: unknown }) {
    super(message ?? plainMessage(details.reason, details.state, details.awsMessage), options);
    this.name = "AwsGatewayError";
    this.reason = details.reason;
    this.details = details;
  }

  /** Whether AWS may have carried the call out although it failed (see mayHaveActed). */
  get outcomeUnknown(): boolean {
    const d = this.details;
    if (d.httpStatus !== undefined) return false;
    if (this.reason !== "unavailable" || NEVER_SENT_CODES.has(d.awsCode)) return false;
    return !NEVER_CONNECTED.test(d.awsMessage);
  }

  /** Whether trying again later may succeed without changing anything. */
  get retryable(): boolean {
    return this.reason === "throttled" || this.reason === "unavailable";
  }
}

/** What a person reads for a call AWS may have carried out without answering (clients.ts's OutcomeUnknown). */
export const NO_ANSWER_MESSAGE = "AWS did not answer in time and may have carried this out; check the WorkSpace before asking again.";

// Failures that show the request never reached AWS: no connection was made.
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const NEVER_CONNECTED = /without establishing a connection/i;

/**
 * Whether AWS may have carried out a call that failed: no answer came (a timeout, a connection cut once the request
 * was sent). An answer, even an error or a throttle, says what AWS did; a connection never made says it did nothing.
 */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof AwsGatewayError) return error.outcomeUnknown;
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorLike;
  if (e.$metadata?.httpStatusCode !== undefined) return false;
  const code = typeof e.code === "string" ? e.code : typeof e.name === "string" ? e.name : "";
  if (NEVER_SENT_CODES.has(code)) return false;
  return !(typeof e.message === "string" && NEVER_CONNECTED.test(e.message));
}

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Wraps whatever the SDK threw (service error, network error, timeout) as an AwsGatewayError. */
export function toGatewayError(error: unknown, operation: string, region: string): AwsGatewayError {
  if (error instanceof AwsGatewayError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorLike;
  // Node network errors carry the useful name in `code` (ECONNREFUSED) and a generic `name` (Error).
  const name = typeof e.name === "string" && e.name !== "Error" ? e.name : typeof e.code === "string" ? e.code : "UnknownError";
  const awsMessage = typeof e.message === "string" ? e.message : String(error);
  const httpStatus = e.$metadata?.httpStatusCode;
  const serverSide = e.$fault === "server" || (httpStatus !== undefined && httpStatus >= 500) || httpStatus === undefined;
  const { reason, state } = classify(name, awsMessage, serverSide ? "unavailable" : "invalid");
  return new AwsGatewayError(
    { reason, operation, region, awsCode: name, awsMessage, httpStatus, requestId: e.$metadata?.requestId, ...(state ? { state } : {}) },
    name === "OutcomeUnknown" ? NO_ANSWER_MESSAGE : undefined,
    { cause: error },
  );
}
