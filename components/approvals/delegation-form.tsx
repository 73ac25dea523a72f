"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { delegateApprovals, endDelegation } from "@/lib/actions/delegations";
import { errorClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";

export function DelegationForm({ candidates, today }: { candidates: { id: string; name: string }[]; today: string }) {
  const router = useRouter();
  const [delegateId, setDelegateId] = useState(candidates[0]?.id ?? "");
  const [startsAt, setStartsAt] = useState(today);
  const [endsAt, setEndsAt] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      noValidate
      className="grid gap-4 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await delegateApprovals({ delegateId, startsAt, endsAt: endsAt ? `${endsAt}T23:59:59Z` : "" });
          if (result.ok) {
            setMessage({ ok: true, text: "Delegation saved. Your delegate has been told." });
            setErrors({});
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage({ ok: false, text: result.error });
          }
        });
      }}
    >
      <div>
        <label htmlFor="delegate" className={labelClass}>
          Delegate
        </label>
        <select id="delegate" className={inputClass} value={delegateId} onChange={(e) => setDelegateId(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="startsAt" className={labelClass}>
          From
        </label>
        <input id="startsAt" type="date" className={inputClass} value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        {errors.startsAt && <p className={errorClass}>{errors.startsAt[0]}</p>}
      </div>
      <div>
        <label htmlFor="endsAt" className={labelClass}>
          Until (inclusive)
        </label>
        <input id="endsAt" type="date" className={inputClass} value={endsAt} min={startsAt} onChange={(e) => setEndsAt(e.target.value)} />
        {errors.endsAt && <p className={errorClass}>{errors.endsAt[0]}</p>}
      </div>
      <div className="sm:col-span-3">
        <button type="submit" className={primaryButton} disabled={pending || !delegateId}>
          {pending ? "Saving…" : "Delegate my approvals"}
        </button>
        <p aria-live="polite" className={`mt-2 text-sm ${message?.ok ? "text-emerald-800" : "text-red-700"}`}>
          {message?.text}
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
