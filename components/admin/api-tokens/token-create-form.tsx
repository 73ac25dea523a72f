"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { createApiTokenAction } from "@/lib/actions/admin-api-tokens";
import { API_SCOPE_LABELS, API_SCOPES, API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, type ApiScope } from "@/lib/domain/client";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton, secondaryButton } from "@/components/ui/styles";

const FORM_ID = "api-token";
const FIELD_LABELS = { name: "Name", expiresInDays: "Lifetime in days", scopes: "Scopes", mayActForPeople: "May act on behalf of people" };
interface Created {
  name: string;
  token: string;
  expiresAt: string;
}

/** The new secret, shown once: it is in this component's memory only, and gone when the admin closes it. */
function SecretPanel({ created, onDone }: { created: Created; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950">
      <p className="font-semibold">Token {created.name} is ready. Copy it now: you will not see it again.</p>
      <p className="mt-1">
        It works until {created.expiresAt.slice(0, 10)}. Store it in the calling system&apos;s secret store; the portal keeps only a
        fingerprint of it.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-api-token" className="sr-only">
          New API token
        </label>
        <input
          id="new-api-token"
          readOnly
          value={created.token}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full max-w-xl rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <button type="button" onClick={copy} className={secondaryButton}>
          Copy
        </button>
        <button type="button" onClick={onDone} className={secondaryButton}>
          I have stored it
        </button>
      </div>
      {copied !== null && (
        <p className="mt-2" role={copied ? "status" : "alert"}>
          {copied ? "Copied to the clipboard." : "The browser did not allow copying; select the token and copy it by hand."}
        </p>
      )}
    </div>
  );
}

export function ApiTokenCreateForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [days, setDays] = useState(String(API_TOKEN_DEFAULT_DAYS));
  const [mayActForPeople, setMayActForPeople] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, start] = useTransition();

  const toggle = (scope: ApiScope, on: boolean) =>
    setScopes((current) => (on ? API_SCOPES.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const out = await createApiTokenAction({ name, scopes, expiresInDays: Number(days), mayActForPeople });
      if (!out.ok) {
        const byField: Record<string, string[]> = {};
        const add = (field: string, message: string) => (byField[field.split(".")[0]!] ??= []).push(message);
        for (const [field, messages] of Object.entries(out.fieldErrors ?? {})) for (const m of messages) add(field, m);
        for (const reason of out.reasons ?? []) add(reason.code, reason.message);
        setErrors(byField);
        setFailure(out.error);
        return;
      }
      setErrors(null);
      setFailure(null);
      setCreated({ name: name.trim(), token: out.data.token, expiresAt: out.data.expiresAt });
      setName("");
      setScopes([]);
      setDays(String(API_TOKEN_DEFAULT_DAYS));
      setMayActForPeople(false);
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="new-api-token-heading" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-api-token-heading" className="mb-3 text-lg font-medium text-brand-900">
        New token
      </h2>
      {created && <SecretPanel created={created} onDone={() => setCreated(null)} />}
      <form ref={formRef} onSubmit={submit} className="space-y-4" noValidate>
        <ErrorSummary formId={FORM_ID} message={failure} errors={errors} labels={FIELD_LABELS} />
        <div className="flex flex-wrap gap-4">
          <div className="w-72">
            <label htmlFor="api-token-name" className={labelClass}>
              Name
            </label>
            <input
              {...fieldProps(FORM_ID, "name", errors, "api-token-name-hint")}
              maxLength={80}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={`mt-1 ${inputClass}${invalidClass(errors, "name")}`}
            />
            <p id="api-token-name-hint" className={hintClass}>
              The system that uses it, e.g. “ServiceNow production”.
            </p>
            <FieldError formId={FORM_ID} name="name" errors={errors} />
          </div>
          <div className="w-40">
            <label htmlFor="api-token-expiresInDays" className={labelClass}>
              Lifetime in days
            </label>
            <input
              {...fieldProps(FORM_ID, "expiresInDays", errors, "api-token-days-hint")}
              type="number"
              inputMode="numeric"
              min={1}
              max={API_TOKEN_MAX_DAYS}
              step={1}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              className={`mt-1 ${inputClass}${invalidClass(errors, "expiresInDays")}`}
            />
            <p id="api-token-days-hint" className={hintClass}>
              At most {API_TOKEN_MAX_DAYS}.
            </p>
            <FieldError formId={FORM_ID} name="expiresInDays" errors={errors} />
          </div>
        </div>
        <fieldset>
          <legend className={labelClass}>Scopes</legend>
          <p id="api-token-scopes-hint" className={hintClass}>
            Give the token only what the integration needs.
          </p>
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {API_SCOPES.map((scope, i) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  {...fieldProps(FORM_ID, "scopes", errors, "api-token-scopes-hint")}
                  id={i === 0 ? `${FORM_ID}-scopes` : `${FORM_ID}-scopes-${scope}`}
                  type="checkbox"
                  value={scope}
                  className="mt-1"
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                <span>
                  <code className="text-xs">{scope}</code>
                  <span className="block text-slate-700">{API_SCOPE_LABELS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError formId={FORM_ID} name="scopes" errors={errors} />
        </fieldset>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={mayActForPeople} onChange={(e) => setMayActForPeople(e.target.checked)} />
          <span>
            <span className="font-medium text-slate-800">May act on behalf of people</span>
            <span className="block text-slate-600">
              Lets the integration name a person in the <code>X-On-Behalf-Of</code> header: submit requests for them, or record the decision
              of an approver it collected. Every rule still applies to that person. Without it, the token acts only as its own service
              account.
            </span>
          </span>
        </label>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </section>
  );
}
