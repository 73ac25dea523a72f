"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { createWebhookAction } from "@/lib/actions/admin-webhooks";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/domain/client";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { ActionMessage } from "../action-message";
import { SecretOnce } from "./secret-once";

const FORM_ID = "webhook";
const FIELD_LABELS = { name: "Name", url: "Address", events: "Events" };

export function WebhookCreateForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const toggle = (type: WebhookEventType, on: boolean) =>
    setEvents((current) => (on ? [...current, type] : current.filter((t) => t !== type)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const out = await createWebhookAction({ name, url, events });
      if (!out.ok) {
        const byField: Record<string, string[]> = {};
        const add = (field: string, message: string) => (byField[field.split(".")[0]!] ??= []).push(message);
        for (const [field, messages] of Object.entries(out.fieldErrors ?? {})) for (const m of messages) add(field, m);
        for (const reason of out.reasons ?? []) add(reason.code, reason.message);
        setResult(null);
        setErrors(byField);
        setFailure(out.error);
        return;
      }
      setErrors(null);
      setFailure(null);
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
      <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
        <ErrorSummary formId={FORM_ID} message={failure} errors={errors} labels={FIELD_LABELS} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor={`${FORM_ID}-name`} className={labelClass}>
              Name
            </label>
            <input
              {...fieldProps(FORM_ID, "name", errors)}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={`mt-1 ${inputClass}${invalidClass(errors, "name")}`}
              placeholder="ServiceNow"
            />
            <FieldError formId={FORM_ID} name="name" errors={errors} />
          </div>
          <div>
            <label htmlFor={`${FORM_ID}-url`} className={labelClass}>
              Address
            </label>
            <input
              {...fieldProps(FORM_ID, "url", errors, `${FORM_ID}-url-hint`)}
              type="url"
              inputMode="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              className={`mt-1 ${inputClass}${invalidClass(errors, "url")}`}
              placeholder="https://itsm.example.com/hooks/workspaces"
            />
            <p id={`${FORM_ID}-url-hint`} className={hintClass}>
              https; checked against the network rules when you save.
            </p>
            <FieldError formId={FORM_ID} name="url" errors={errors} />
          </div>
        </div>
        <fieldset>
          <legend className={labelClass}>Events</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {WEBHOOK_EVENT_TYPES.map((type, i) => (
              <label key={type} className="flex items-start gap-2 text-sm">
                <input
                  {...fieldProps(FORM_ID, "events", errors)}
                  id={i === 0 ? `${FORM_ID}-events` : `${FORM_ID}-events-${type}`}
                  type="checkbox"
                  value={type}
                  checked={events.includes(type)}
                  onChange={(e) => toggle(type, e.target.checked)}
                  className="mt-1"
                />
                <span>
                  <span className="font-mono text-xs text-slate-700">{type}</span>
                  <span className="block text-slate-600">{WEBHOOK_EVENT_LABELS[type]}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError formId={FORM_ID} name="events" errors={errors} />
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
