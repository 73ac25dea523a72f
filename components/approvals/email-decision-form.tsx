"use client";

import { useState, useTransition } from "react";
import { decideFromEmail } from "@/lib/actions/approvals";

export function EmailDecisionForm({ token, action }: { token: string; action: "APPROVED" | "REJECTED" }) {
  const [comment, setComment] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const approving = action === "APPROVED";
  const buttonColors = approving ? "bg-brand-600 hover:bg-brand-700" : "bg-red-700 hover:bg-red-800";
  return (
    <form
      className="mt-6 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await decideFromEmail({ token, comment: comment || undefined });
          if (result.ok)
            setMessage({
              tone: "ok",
              text: approving ? "Approved. The requester has been told." : "Rejected. The requester has been told.",
            });
          else setMessage({ tone: "error", text: result.fieldErrors?.comment?.[0] ?? result.error });
        });
      }}
    >
      <label className="block text-sm font-medium" htmlFor="comment">
        Comment {approving ? "(optional)" : "(required: the requester sees it)"}
      </label>
      <textarea
        id="comment"
        name="comment"
        required={!approving}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={3}
        className="w-full rounded-md border border-slate-300 p-2 text-sm"
      />
      <button
        type="submit"
        disabled={pending || message?.tone === "ok"}
        className={`rounded-md px-4 py-2 text-sm font-medium text-white disabled:opacity-60 ${buttonColors}`}
      >
        {pending ? "Saving…" : approving ? "Approve" : "Reject"}
      </button>
      <p aria-live="polite" className={message?.tone === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}>
        {message?.text}
      </p>
    </form>
  );
}
