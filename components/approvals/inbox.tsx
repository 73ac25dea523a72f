"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { approveMany, decide } from "@/lib/actions/approvals";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError, fieldInputId, fieldProps, invalidClass, type FieldErrors } from "@/components/ui/form-errors";
import { dangerButton, inputClass, primaryButton, secondaryButton } from "@/components/ui/styles";

export interface InboxItem {
  id: string;
  requesterName: string;
  what: string;
  justification: string;
  monthly: string;
  annual: string;
  approvalReason: string;
  age: string;
  deadline: string;
  delegatedFrom: string | null;
  stepLabel: string;
  /** "You are asked because you are Alice's manager." */
  whyAsked: string;
}

function Row({
  item,
  selected,
  onSelect,
  onDone,
}: {
  item: InboxItem;
  selected: boolean;
  onSelect: (v: boolean) => void;
  onDone: (text: string) => void;
}) {
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const formId = `decision-${item.id}`;
  const focusComment = () => document.getElementById(fieldInputId(formId, "comment"))?.focus();
  function run(decision: "APPROVED" | "REJECTED") {
    if (decision === "REJECTED" && !comment.trim()) {
      setErrors({ comment: ["Say why you reject the request; the requester sees your reason."] });
      setError(null);
      focusComment();
      return;
    }
    startTransition(async () => {
      const result = await decide({ requestId: item.id, decision, comment: comment.trim() || undefined });
      if (result.ok) onDone(`${decision === "APPROVED" ? "Approved" : "Rejected"}: ${item.what} for ${item.requesterName}.`);
      else if (result.fieldErrors?.comment) {
        setErrors({ comment: result.fieldErrors.comment });
        focusComment();
      } else setError(result.error);
    });
  }
  return (
    <li aria-labelledby={`title-${item.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1.5 h-4 w-4"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select ${item.what} for ${item.requesterName}`}
        />
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`title-${item.id}`} className="font-semibold text-slate-900">
              <Link href={`/requests/${item.id}`} className="hover:underline">
                {item.requesterName}: {item.what}
              </Link>
            </h2>
            <span className="text-sm font-semibold text-slate-900">
              {item.monthly} <span className="font-normal text-slate-600">({item.annual})</span>
            </span>
          </div>
          <p className="text-sm text-slate-800">
            <span className="font-medium">Justification:</span> {item.justification}
          </p>
          {item.whyAsked && (
            <p className="text-sm font-medium text-slate-800" data-testid="why-asked">
              {item.whyAsked}
            </p>
          )}
          <p className="text-sm text-slate-700">
            <span className="font-medium">Why it needs approval:</span> {item.approvalReason}
          </p>
          <p className="text-xs text-slate-600">
            {item.stepLabel} · submitted {item.age} · {item.deadline}
          </p>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <div className="flex-1">
              <label htmlFor={fieldInputId(formId, "comment")} className="text-xs font-medium text-slate-700">
                Comment (required to reject)
              </label>
              <input
                {...fieldProps(formId, "comment", errors)}
                className={inputClass + invalidClass(errors, "comment")}
                value={comment}
                onChange={(e) => {
                  setComment(e.target.value);
                  setErrors(null);
                  setError(null);
                }}
              />
              {/* A live region from the start, so the message is announced when a reject without a reason puts it here. */}
              <div role="alert">
                <FieldError formId={formId} name="comment" errors={errors} />
              </div>
            </div>
            <div className="flex gap-2">
              <button type="button" className={primaryButton} disabled={pending} onClick={() => run("APPROVED")}>
                Approve
              </button>
              <button type="button" className={dangerButton} disabled={pending} onClick={() => run("REJECTED")}>
                Reject
              </button>
            </div>
          </div>
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
      </div>
    </li>
  );
}

export function ApprovalInbox({ items }: { items: InboxItem[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [pending, startTransition] = useTransition();
  const done = (text: string) => {
    setStatus(text);
    router.refresh();
  };
  function approveSelected() {
    startTransition(async () => {
      const result = await approveMany({ requestIds: selected });
      if (!result.ok) return setStatus(result.error);
      const failed = result.data.filter((r) => !r.ok);
      const approved = result.data.length - failed.length;
      const failures = failed.length ? ` ${failed.length} could not be approved: ${failed.map((f) => f.error).join(" ")}` : "";
      setStatus(`Approved ${approved} request${approved === 1 ? "" : "s"}.${failures}`);
      setSelected([]);
      router.refresh();
    });
  }
  // The status line stays mounted when the last row goes, so the decision is still announced.
  if (items.length === 0) {
    return (
      <div className="space-y-4">
        <p aria-live="polite" role="status" className="text-sm font-medium text-emerald-800">
          {status}
        </p>
        <EmptyState title="Nothing is waiting for you">
          New requests from your team appear here, and you get a notification and an email.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={selected.length === items.length && items.length > 0}
            onChange={(e) => setSelected(e.target.checked ? items.map((i) => i.id) : [])}
          />
          Select all
        </label>
        <button type="button" className={secondaryButton} disabled={selected.length === 0 || pending} onClick={approveSelected}>
          {pending ? "Approving…" : `Approve selected (${selected.length})`}
        </button>
      </div>
      <p aria-live="polite" role="status" className="text-sm font-medium text-emerald-800">
        {status}
      </p>
      <ul className="space-y-3">
        {items.map((item) => (
          <Row
            key={item.id}
            item={item}
            selected={selected.includes(item.id)}
            onSelect={(v) => setSelected((s) => (v ? [...s, item.id] : s.filter((x) => x !== item.id)))}
            onDone={done}
          />
        ))}
      </ul>
    </div>
  );
}
