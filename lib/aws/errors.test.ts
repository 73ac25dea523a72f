import { describe, expect, it } from "vitest";
import { AwsGatewayError, mayHaveActed, reasonForCode, stateFromMessage, toGatewayError } from "./errors";
import { operationFamily } from "./rate-limit";
import { toItemFailure } from "./workspaces-lifecycle";

describe("reasonForCode", () => {
  it.each([
    ["ResourceNotFoundException", "not_found"],
    ["ResourceNotFound.WorkSpace", "not_found"],
    ["ResourceNotFound.User", "not_found"],
    ["EntityDoesNotExistException", "not_found"],
    ["InvalidResourceStateException", "wrong_state"],
    ["InvalidResourceState", "wrong_state"],
    ["OperationInProgressException", "wrong_state"],
    ["ResourceAssociatedException", "wrong_state"],
    ["AccessDeniedException", "not_allowed"],
    ["OperationNotSupported", "not_allowed"],
    ["UnsupportedOperationException", "not_allowed"],
    ["ResourceLimitExceededException", "limit_reached"],
    ["ResourceLimitExceeded.Workspaces", "limit_reached"],
    ["ThrottlingException", "throttled"],
    ["InternalFailure", "unavailable"],
    ["ServiceUnavailable", "unavailable"],
    ["TimeoutError", "unavailable"],
    ["InvalidParameterValuesException", "invalid"],
    ["ValidationException", "invalid"],
    ["ResourceExists.WorkSpace", "invalid"],
  ])("%s → %s", (code, reason) => {
    expect(reasonForCode(code)).toBe(reason);
  });

  it("does not guess for names it does not know", () => {
    expect(reasonForCode("SomethingNew")).toBeUndefined();
  });
});

describe("stateFromMessage", () => {
  it.each([
    ["The WorkSpace ws-1 is STOPPED; reboot needs AVAILABLE.", "STOPPED"],
    ["The WorkSpace ws-1 is in ADMIN_MAINTENANCE; reboot is not allowed.", "ADMIN_MAINTENANCE"],
    ["The specified WorkSpace has an invalid state for this operation.", undefined],
    [undefined, undefined],
  ])("%s → %s", (message, state) => {
    expect(stateFromMessage(message)).toBe(state);
  });
});

describe("toGatewayError", () => {
  const sdkError = (name: string, message: string, status: number, fault: "client" | "server" = "client") =>
    Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status, requestId: "req-123" } });

  it("keeps AWS's name, message, status and request id for the audit log", () => {
    const e = toGatewayError(
      sdkError("InvalidResourceStateException", "The WorkSpace ws-1 is STOPPED.", 400),
      "RestoreWorkspace",
      "eu-west-1",
    );
    expect(e).toBeInstanceOf(AwsGatewayError);
    expect(e.reason).toBe("wrong_state");
    expect(e.details).toMatchObject({
      operation: "RestoreWorkspace",
      region: "eu-west-1",
      awsCode: "InvalidResourceStateException",
      awsMessage: "The WorkSpace ws-1 is STOPPED.",
      httpStatus: 400,
      requestId: "req-123",
      state: "STOPPED",
    });
    expect(e.message).toBe("It is STOPPED, which does not allow this right now.");
    expect(e.retryable).toBe(false);
  });

  it("treats unknown server faults as AWS being unavailable and unknown client faults as invalid", () => {
    expect(toGatewayError(sdkError("Weird", "boom", 503, "server"), "X", "us-east-1").reason).toBe("unavailable");
    expect(toGatewayError(sdkError("Weird", "no", 400), "X", "us-east-1").reason).toBe("invalid");
  });

  it("reads network failures from the error code", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    const e = toGatewayError(refused, "DescribeWorkspaces", "us-east-1");
    expect(e.reason).toBe("unavailable");
    expect(e.details.awsCode).toBe("ECONNREFUSED");
    expect(e.retryable).toBe(true);
  });

  it("says 'try later' when throttled", () => {
    expect(toGatewayError(sdkError("ThrottlingException", "Rate exceeded", 400), "RebootWorkspaces", "us-east-1").message).toMatch(
      /try again/,
    );
  });
});

describe("toItemFailure", () => {
  it("maps a FailedRequests entry to a reason and keeps AWS's code and message", () => {
    expect(
      toItemFailure({
        WorkspaceId: "ws-1",
        ErrorCode: "InvalidResourceState",
        ErrorMessage: "The WorkSpace ws-1 is PENDING; reboot needs AVAILABLE.",
      }),
    ).toEqual({
      workspaceId: "ws-1",
      code: "InvalidResourceState",
      message: "The WorkSpace ws-1 is PENDING; reboot needs AVAILABLE.",
      reason: "wrong_state",
      state: "PENDING",
    });
  });
});

it("classes Describe/Get/List as reads and everything else as mutating", () => {
  expect(["DescribeWorkspaces", "GetDirectoryLimits", "ListAccountLinks"].map(operationFamily)).toEqual(["read", "read", "read"]);
  expect(["RebootWorkspaces", "CreateTags", "ResetUserPassword"].map(operationFamily)).toEqual(["mutating", "mutating", "mutating"]);
});

describe("mayHaveActed: whether AWS may have carried out a call that failed", () => {
  const timeout = Object.assign(new Error("Connection timed out after 10000 ms"), { name: "TimeoutError" });
  const neverConnected = Object.assign(new Error("Socket timed out without establishing a connection within 5000 ms"), {
    name: "TimeoutError",
  });
  const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
  const throttled = { name: "ThrottlingException", message: "Rate exceeded", $metadata: { httpStatusCode: 400 } };
  const internal = { name: "InternalFailure", message: "unknown", $metadata: { httpStatusCode: 500 } };

  it.each([
    ["an answer that timed out", timeout, true],
    ["a connection cut after sending", reset, true],
    ["a connection never made", neverConnected, false],
    ["a connection refused", refused, false],
    ["a throttle AWS answered", throttled, false],
    ["a server error AWS answered", internal, false],
  ])("%s: %s", (_label, error, expected) => {
    expect(mayHaveActed(error)).toBe(expected);
    expect(toGatewayError(error, "RebootWorkspaces", "us-east-1").outcomeUnknown).toBe(expected);
  });
});
