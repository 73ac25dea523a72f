"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setWebhookNetworkAction } from "@/lib/actions/admin-webhooks";
import { ActionMessage, actionError } from "../action-message";

/** The "Allow webhooks to private network addresses" setting. */
export function WebhookNetworkForm({ allowPrivate }: { allowPrivate: boolean }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  const change = (next: boolean) =>
    start(async () => {
      const out = await setWebhookNetworkAction({ allowPrivate: next });
      setResult(
        out.ok
          ? { ok: true, message: next ? "Private addresses are allowed." : "Private addresses are refused." }
          : { ok: false, message: actionError(out) },
      );
      router.refresh();
    });
  return (
    <section aria-labelledby="webhook-network" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="webhook-network" className="mb-2 text-lg font-medium text-brand-900">
        Network
      </h2>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={allowPrivate} disabled={pending} onChange={(e) => change(e.target.checked)} className="mt-1" />
        <span>
          <span className="font-medium text-slate-900">Allow webhooks to private network addresses</span>
          <span className="block text-slate-600">
            For ITSM servers on your own network (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7). Loopback and
            link-local addresses, such as the cloud metadata service, stay refused.
          </span>
        </span>
      </label>
      <ActionMessage result={result} />
    </section>
  );
}
