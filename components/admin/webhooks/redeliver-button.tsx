"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { redeliverWebhookAction } from "@/lib/actions/admin-webhooks";
import { ActionMessage, actionError } from "../action-message";

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const out = await redeliverWebhookAction({ deliveryId });
            setResult(out.ok ? { ok: true, message: "Queued to send again." } : { ok: false, message: actionError(out) });
            router.refresh();
          })
        }
        className="rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-50 disabled:opacity-50"
      >
        Redeliver
      </button>
      <ActionMessage result={result} />
    </div>
  );
}
