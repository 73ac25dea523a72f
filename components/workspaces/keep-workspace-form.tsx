"use client";

import { useRef, useState, useTransition } from "react";
import { keepWorkspaceAction } from "@/lib/actions/reclaim";
import { RECLAIM_LIMITS } from "@/lib/domain/client";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";

const { min, max } = RECLAIM_LIMITS.justification;
const LABELS = { justification: "Why you still need it" };

/** "Keep it": why the WorkSpace is still needed; the server checks the length and who is asking. */
export function KeepWorkspaceForm({ workspaceId }: { workspaceId: string }) {
  const formId = "keep";
  const formRef = useRef<HTMLFormElement>(null);
  const [justification, setJustification] = useState("");
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [kept, setKept] = useState(false);
  const [pending, startTransition] = useTransition();
  const errors = failure?.fieldErrors ?? null;
  useFocusFirstInvalid(formRef, errors);
  return (
    <form
      ref={formRef}
      id={formId}
      noValidate
      className="mt-3 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const out = await keepWorkspaceAction({ workspaceId, justification });
          if (out.ok) {
            setFailure(null);
            setKept(true);
          } else setFailure({ error: out.error, fieldErrors: out.fieldErrors ?? {} });
        });
      }}
    >
      <ErrorSummary formId={formId} message={failure?.error} errors={errors} labels={LABELS} />
      <label htmlFor={`${formId}-justification`} className={labelClass}>
        Why do you still need it?
      </label>
      <textarea
        {...fieldProps(formId, "justification", errors, "keep-hint")}
        rows={2}
        maxLength={max}
        value={justification}
        onChange={(event) => setJustification(event.target.value)}
        className={inputClass + invalidClass(errors, "justification")}
      />
      <p id="keep-hint" className={hintClass}>
        {min} to {max} characters.
      </p>
      <FieldError formId={formId} name="justification" errors={errors} />
      <button type="submit" disabled={pending} className={primaryButton}>
        Keep it
      </button>
      <p aria-live="polite" className="text-sm text-emerald-800">
        {kept ? "Kept. The idle period starts again today." : ""}
      </p>
    </form>
  );
}
