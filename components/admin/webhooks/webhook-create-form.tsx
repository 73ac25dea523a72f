"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createWebhookAction } from "@/lib/actions/admin-webhooks";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/domain/client";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { ActionMessage, actionError } from "../action-message";
import { SecretOnce } from "./secret-once";

export function WebhookCreateForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((current) => (on ? [...current, type] : current.filter((t) => t !== type)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const out = await createWebhookAction({ name, url, events });
      if (!out.ok) return setResult({ ok: false, message: actionError(out) });
      setResult({ ok: true, message: `Added ${name}.` });
      setSecret(out.data.secret);
      setName("");
      setUrl("");
      setEvents([]);
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="new-webhook" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-webhook" className="mb-3 text-lg font-medium text-brand-900">
        New endpoint
      </h2>
      <form onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <label className={labelClass}>
            Name
            <input required value={name} onChange={(e) => setName(e.target.value)} className={inputClass} placeholder="ServiceNow" />
          </label>
          <label className={labelClass}>
            Address
            <input
              required
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              className={inputClass}
              placeholder="https://itsm.example.com/hooks/workspaces"
            />
            <span className={hintClass}>https; checked against the network rules when you save.</span>
          </label>
        </div>
        <fieldset>
          <legend className={labelClass}>Events</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-start gap-2 text-sm">
                <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} className="mt-1" />
                <span>
                  <span className="font-mono text-xs text-slate-700">{type}</span>
                  <span className="block text-slate-600">{WEBHOOK_EVENT_LABELS[type]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Adding…" : "Add endpoint"}
        </button>
      </form>
      <ActionMessage result={result} />
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
    </section>
  );
}
