import { z } from "zod";
import { AwsError } from "./protocol/errors";

export const faultsSchema = z.object({
  throttleRate: z.number().min(0).max(1).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  failNext: z
    .object({ operation: z.string().min(1), code: z.string().min(1), message: z.string().optional() })
    .nullable()
    .optional(),
  /** The next call of this operation answers this much later, after it has been carried out (a lost answer). */
  slowNext: z
    .object({ operation: z.string().min(1), ms: z.number().int().min(1).max(60_000) })
    .nullable()
    .optional(),
});
export type FaultsInput = z.infer<typeof faultsSchema>;

export interface Faults {
  throttleRate: number;
  errorRate: number;
  latencyMs: number;
  failNext: { operation: string; code: string; message?: string }[];
  slowNext: { operation: string; ms: number }[];
}

export const noFaults = (): Faults => ({ throttleRate: 0, errorRate: 0, latencyMs: 0, failNext: [], slowNext: [] });

export function applyFaultsInput(faults: Faults, input: FaultsInput): Faults {
  return {
    throttleRate: input.throttleRate ?? faults.throttleRate,
    errorRate: input.errorRate ?? faults.errorRate,
    latencyMs: input.latencyMs ?? faults.latencyMs,
    failNext: input.failNext === null ? [] : input.failNext ? [...faults.failNext, input.failNext] : faults.failNext,
    slowNext: input.slowNext === null ? [] : input.slowNext ? [...faults.slowNext, input.slowNext] : faults.slowNext,
  };
}

/** How long to hold this call's answer back after carrying it out; a slowNext entry is used up once it fires. */
export function answerDelay(faults: Faults, operation: string): number {
  const index = faults.slowNext.findIndex((f) => f.operation === operation);
  if (index < 0) return 0;
  return faults.slowNext.splice(index, 1)[0]!.ms;
}

const SERVER_CODES: Record<string, number> = {
  InternalFailure: 500,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  ServiceException: 500,
};

// Returns the injected error for this call, if any; a failNext entry is used up once it fires.
export function injectedFault(faults: Faults, operation: string, random: () => number): AwsError | undefined {
  const index = faults.failNext.findIndex((f) => f.operation === operation);
  if (index >= 0) {
    const [entry] = faults.failNext.splice(index, 1);
    return new AwsError(entry!.code, entry!.message ?? `Injected ${entry!.code} for ${operation}.`, SERVER_CODES[entry!.code] ?? 400);
  }
  if (faults.throttleRate > 0 && random() < faults.throttleRate) return new AwsError("ThrottlingException", "Rate exceeded");
  if (faults.errorRate > 0 && random() < faults.errorRate)
    return new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500);
  return undefined;
}
