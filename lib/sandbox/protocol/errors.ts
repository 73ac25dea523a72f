// An error AWS would answer with. `fields` carries extra modelled members (e.g. `reason`).
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const notFound = (message: string) => new AwsError("ResourceNotFoundException", message);
export const invalidParameter = (message: string) => new AwsError("InvalidParameterValuesException", message);
export const invalidState = (message: string) => new AwsError("InvalidResourceStateException", message);
export const notSupported = (message: string) => new AwsError("OperationNotSupportedException", message);
export const limitExceeded = (message: string) => new AwsError("ResourceLimitExceededException", message);
export const unsupportedConfig = (message: string) => new AwsError("UnsupportedWorkspaceConfigurationException", message);

// A per-item failure inside a batch call: the call answers 200 and lists the item in FailedRequests.
export class ItemFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
