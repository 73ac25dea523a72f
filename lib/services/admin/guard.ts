import "server-only";
import type { z } from "zod";
import { AwsGatewayError } from "../../aws/errors";
import { db } from "../../db";
import { recordAudit } from "../../core/audit";
import { ServiceError } from "../../core/errors";
import type { Actor } from "../../core/tx";

/** Who is calling an admin service: the id is re-checked against the database, never trusted. */
export interface AdminCaller {
  id: string;
}

export type AdminActor = Extract<Actor, { kind: "user" }>;

/** Reads the caller's role from the database now; anyone but an admin is refused before anything happens. */
export async function requireAdmin(caller: AdminCaller): Promise<AdminActor> {
  const user = await db().user.findUnique({ where: { id: caller.id }, select: { id: true, name: true, role: true } });
  if (!user || user.role !== "ADMIN") throw new ServiceError("forbidden", "Only admins can do this.");
  return { kind: "user", id: user.id, name: user.name, role: user.role };
}

/**
 * Runs one AWS call for an admin change. When AWS refuses, the refusal is recorded in the audit log
 * (the attempt is an AWS call like any other) and surfaces as a plain sentence; nothing else changes.
 */
export async function callAws<T>(
  actor: AdminActor,
  audit: { action: string; targetType: string; targetId: string; detail?: unknown },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof AwsGatewayError)) throw error;
    await recordAudit(db(), {
      actor,
      action: `${audit.action}.refused`,
      targetType: audit.targetType,
      targetId: audit.targetId,
      awsRequestIds: error.details.requestId ? [error.details.requestId] : [],
      detail: {
        ...(audit.detail as object | undefined),
        reason: error.reason,
        message: error.message,
        awsCode: error.details.awsCode,
        operation: error.details.operation,
      },
    });
    throw new ServiceError("refused", `AWS refused: ${error.message}`);
  }
}

/** Parses again on the server, so a caller that skips the form's checks cannot skip the rules. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => ({ code: i.path.join(".") || "input", message: i.message }));
    throw new ServiceError("invalid", reasons[0]!.message, reasons);
  }
  return parsed.data;
}
