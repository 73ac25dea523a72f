import type { ValidationResult } from "../validate/context";

/** The refusal codes of a result, so table rows can state exactly which rules fire. */
export function codesOf(result: ValidationResult): string[] {
  return result.ok ? [] : result.reasons.map((reason) => reason.code).sort();
}
