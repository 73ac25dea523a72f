import "server-only";
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

/**
 * A unique-constraint violation, however the driver adapter reports it: @prisma/adapter-pg's is mapped
 * to P2002, but the PGlite adapter's arrives as a DriverAdapterError carrying Postgres code 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  // Duck-typed, so this module stays free of the Prisma client.
  const e = error as { name?: string; code?: string; cause?: { kind?: string; code?: string } } | null;
  if (e?.name === "PrismaClientKnownRequestError") return e.code === "P2002";
  return (
    e?.name === "DriverAdapterError" &&
    (e.cause?.kind === "UniqueConstraintViolation" || (e.cause?.kind === "postgres" && e.cause.code === "23505"))
  );
}
