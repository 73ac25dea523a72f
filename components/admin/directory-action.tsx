"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/client";
import { ErrorSummary, type FieldErrors } from "@/components/ui/form-errors";
import { ActionMessage, actionError } from "./action-message";

/** What the last submit of a directory or IP group form came to: a confirmation, or a refusal with its fields. */
export type FormOutcome =
  { ok: true; message: string } | { ok: false; message: string; fieldErrors?: FieldErrors; reasons?: string[] } | null;

/**
 * An action's result as a form outcome. The server keys field errors by their path in the input
 * ("properties.customSecurityGroupId", "rules.1.cidr"); `prefix` strips the part the form does not name, and
 * `rename` maps what is left onto the form's field names.
 */
export function outcomeOf(out: ActionResult<unknown>, success: string, prefix?: string, rename: Record<string, string> = {}): FormOutcome {
  if (out.ok) return { ok: true, message: success };
  if (!out.fieldErrors) return { ok: false, message: actionError(out), reasons: out.reasons?.map((r) => r.message) };
  const fieldErrors: FieldErrors = {};
  for (const [path, list] of Object.entries(out.fieldErrors)) {
    const stripped = prefix && path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    const name = rename[stripped] ?? stripped;
    fieldErrors[name] = [...(fieldErrors[name] ?? []), ...list];
  }
  return { ok: false, message: out.error, fieldErrors };
}

/** Runs one directory or IP group action, keeps its outcome for the form, and refreshes the page on success. */
export function useDirectoryAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<FormOutcome>(null);
  const run = (
    act: () => Promise<ActionResult<unknown>>,
    success: string,
    options: { prefix?: string; rename?: Record<string, string>; after?: () => void } = {},
  ) =>
    start(async () => {
      const out = await act();
      setOutcome(outcomeOf(out, success, options.prefix, options.rename));
      if (out.ok) {
        options.after?.();
        router.refresh();
      }
    });
  return { pending, outcome, setOutcome, run };
}

/** The field errors of a failed outcome, for fieldProps / FieldError / useFocusFirstInvalid. */
export function errorsOf(outcome: FormOutcome): FieldErrors | undefined {
  return outcome && !outcome.ok ? outcome.fieldErrors : undefined;
}

/**
 * A refusal as the summary naming the fields (labels maps field names to what the form calls them), and listing
 * any fields the form does not show; a confirmation as a status line.
 */
export function OutcomeSummary({ formId, outcome, labels }: { formId: string; outcome: FormOutcome; labels: Record<string, string> }) {
  if (!outcome) return null;
  if (outcome.ok) return null;
  const unnamed = Object.entries(outcome.fieldErrors ?? {})
    .filter(([name, list]) => !labels[name] && list?.length)
    .flatMap(([, list]) => list ?? []);
  return (
    <div className="mb-3">
      <ErrorSummary
        formId={formId}
        message={outcome.message}
        errors={outcome.fieldErrors}
        labels={labels}
        reasons={[...(outcome.reasons ?? []), ...unnamed]}
      />
    </div>
  );
}

/** The confirmation after a successful save, beside the button that caused it. */
export function OutcomeStatus({ outcome }: { outcome: FormOutcome }) {
  return outcome?.ok ? <ActionMessage result={outcome} /> : null;
}

/** One section of a directory's or IP group's page, named by its heading so each can be found on its own. */
export function DirectorySection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={id} className="text-lg font-medium text-brand-900">
        {title}
      </h2>
      {hint && <p className="mt-0.5 text-sm text-slate-600">{hint}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}
