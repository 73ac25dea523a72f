"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { delegateApprovals, endDelegation } from "@/lib/actions/delegations";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { inputClass, labelClass, primaryButton } from "@/components/ui/styles";

const FORM_ID = "delegation";
const LABELS = { delegateId: "Delegate", startsAt: "From", endsAt: "Until (inclusive)" };

export function DelegationForm({ candidates, today }: { candidates: { id: string; name: string }[]; today: string }) {
  const router = useRouter();
  const [delegateId, setDelegateId] = useState(candidates[0]?.id ?? "");
  const [startsAt, setStartsAt] = useState(today);
  const [endsAt, setEndsAt] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  useFocusFirstInvalid(formRef, errors);
  return (
    <form
      ref={formRef}
      noValidate
      className="grid gap-4 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await delegateApprovals({ delegateId, startsAt, endsAt: endsAt ? `${endsAt}T23:59:59Z` : "" });
          if (result.ok) {
            setMessage({ ok: true, text: "Delegation saved. Your delegate has been told." });
            setErrors(null);
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage({ ok: false, text: result.error });
          }
        });
      }}
    >
      <div className="sm:col-span-3">
        <ErrorSummary formId={FORM_ID} message={message && !message.ok ? message.text : null} errors={errors} labels={LABELS} />
      </div>
      <div>
        <label htmlFor={`${FORM_ID}-delegateId`} className={labelClass}>
          Delegate
        </label>
        <select
          {...fieldProps(FORM_ID, "delegateId", errors)}
          className={inputClass + invalidClass(errors, "delegateId")}
          value={delegateId}
          onChange={(e) => setDelegateId(e.target.value)}
        >
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError formId={FORM_ID} name="delegateId" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${FORM_ID}-startsAt`} className={labelClass}>
          From
        </label>
        <input
          {...fieldProps(FORM_ID, "startsAt", errors)}
          type="date"
          className={inputClass + invalidClass(errors, "startsAt")}
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
        />
        <FieldError formId={FORM_ID} name="startsAt" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${FORM_ID}-endsAt`} className={labelClass}>
          Until (inclusive)
        </label>
        <input
          {...fieldProps(FORM_ID, "endsAt", errors)}
          type="date"
          className={inputClass + invalidClass(errors, "endsAt")}
          value={endsAt}
          min={startsAt}
          onChange={(e) => setEndsAt(e.target.value)}
        />
        <FieldError formId={FORM_ID} name="endsAt" errors={errors} />
      </div>
      <div className="sm:col-span-3">
        <button type="submit" className={primaryButton} disabled={pending || !delegateId}>
          {pending ? "Saving…" : "Delegate my approvals"}
        </button>
        <p aria-live="polite" role="status" className="mt-2 text-sm text-emerald-800">
          {message?.ok ? message.text : null}
        </p>
      </div>
    </form>
  );
}

export function EndDelegationButton({ delegationId }: { delegationId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="text-sm font-medium text-red-700 underline disabled:opacity-60"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await endDelegation({ delegationId });
          router.refresh();
        })
      }
    >
      {pending ? "Ending…" : "End now"}
    </button>
  );
}
