"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelMyRequest } from "@/lib/actions/requests";
import { secondaryButton } from "@/components/ui/styles";

export function CancelRequestButton({ requestId }: { requestId: string }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      {!asking ? (
        <button type="button" className={secondaryButton} onClick={() => setAsking(true)}>
          Cancel request
        </button>
      ) : (
        <div
          role="group"
          aria-label="Confirm cancelling"
          className="flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm"
        >
          <span>Withdraw this request? Your approver is told.</span>
          <button
            type="button"
            className="rounded-md bg-amber-700 px-3 py-1.5 font-semibold text-white hover:bg-amber-800 disabled:opacity-60"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await cancelMyRequest({ requestId });
                if (result.ok) {
                  setMessage("The request was cancelled.");
                  setAsking(false);
                  router.refresh();
                } else setMessage(result.error);
              })
            }
          >
            {pending ? "Cancelling…" : "Yes, cancel it"}
          </button>
          <button type="button" className="underline" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </div>
      )}
      <p aria-live="polite" className="text-sm text-slate-700">
        {message}
      </p>
    </div>
  );
}
