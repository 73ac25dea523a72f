"use client";

import type { submitChangeRequest } from "@/lib/actions/requests";

type Result = Awaited<ReturnType<typeof submitChangeRequest>>;

/** The request id on success, or the sentences to show (refusals, field errors or the failure). */
export function readSubmitResult(
  result: Result,
): { requestId: string } | { error: string; reasons: string[]; fieldErrors: Record<string, string[]> } {
  if (result.ok && result.data.ok) return { requestId: result.data.requestId };
  if (result.ok && !result.data.ok)
    return { error: "The request was not submitted.", reasons: result.data.reasons.map((r) => r.message), fieldErrors: {} };
  if (!result.ok)
    return { error: result.error, reasons: result.reasons?.map((r) => r.message) ?? [], fieldErrors: result.fieldErrors ?? {} };
  return { error: "The request was not submitted.", reasons: [], fieldErrors: {} };
}
