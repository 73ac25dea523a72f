/**
 * An expected refusal: its message is a plain sentence safe to show the user. Anything else thrown by a
 * service is a bug or an outage, logged with the request id and shown as a generic failure.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: "not_found" | "forbidden" | "conflict" | "invalid" | "refused" | "unavailable",
    message: string,
    readonly reasons: { code: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const notFound = (what: string) => new ServiceError("not_found", `${what} was not found, or you do not have access to it.`);
