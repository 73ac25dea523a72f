"use client";

import { useRef, useState, useTransition } from "react";
import { decideFromEmail } from "@/lib/actions/approvals";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";

const FORM_ID = "email-decision";
const REASON_NEEDED = "Say why you reject the request; the requester sees your reason.";

export function EmailDecisionForm({ token, action }: { token: string; action: "APPROVED" | "REJECTED" }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string; errors: FieldErrors } | null>(null);
  const [pending, startTransition] = useTransition();
  useFocusFirstInvalid(formRef, failure?.errors);
  const approving = action === "APPROVED";
  const buttonColors = approving ? "bg-brand-600 hover:bg-brand-700" : "bg-red-700 hover:bg-red-800";
  const errors = failure?.errors ?? null;
  return (
    <form
      ref={formRef}
      noValidate
      className="mt-6 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!approving && !comment.trim()) {
          setFailure({ message: "The decision was not saved.", errors: { comment: [REASON_NEEDED] } });
          return;
        }
        startTransition(async () => {
          const result = await decideFromEmail({ token, comment: comment.trim() || undefined });
          if (result.ok) {
            setFailure(null);
            setDone(approving ? "Approved. The requester has been told." : "Rejected. The requester has been told.");
          } else {
            const errors = result.fieldErrors?.comment ? { comment: result.fieldErrors.comment } : {};
            setFailure({ message: result.error, errors });
          }
        });
      }}
    >
      <ErrorSummary formId={FORM_ID} message={failure?.message} errors={errors} labels={{ comment: "Comment" }} />
      <label className="block text-sm font-medium" htmlFor={`${FORM_ID}-comment`}>
        Comment {approving ? "(optional)" : "(required: the requester sees it)"}
      </label>
      <textarea
        {...fieldProps(FORM_ID, "comment", errors)}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={3}
        className={`w-full rounded-md border border-slate-300 p-2 text-sm${invalidClass(errors, "comment")}`}
      />
      <FieldError formId={FORM_ID} name="comment" errors={errors} />
      <button
        type="submit"
        disabled={pending || done !== null}
        className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${buttonColors}`}
      >
        {pending ? "Saving…" : approving ? "Approve" : "Reject"}
      </button>
      <p aria-live="polite" role="status" className="text-sm text-green-800">
        {done}
      </p>
    </form>
  );
}
