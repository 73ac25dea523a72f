"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { readDirectoryPasswordHelpAction, updateDirectoryPasswordHelpAction } from "@/lib/actions/admin-directory-password-help";
import { PASSWORD_HELP_LIMITS } from "@/lib/domain/password-help";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";

const LABELS = { text: "Instructions", url: "Password-reset page" };

/**
 * An admin edits what employees of one directory read where the portal cannot reset their password (an AD
 * Connector): a few sentences and, optionally, the organisation's own password-reset page (https).
 */
export function DirectoryPasswordHelp({ directoryId }: { directoryId: string }) {
  const formId = `password-help-${directoryId}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [loaded, setLoaded] = useState<{ custom: boolean } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [outcome, setOutcome] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = outcome?.fieldErrors ?? null;
  useFocusFirstInvalid(formRef, errors);

  useEffect(() => {
    let live = true;
    readDirectoryPasswordHelpAction({ directoryId }).then((result) => {
      if (!live) return;
      if (!result.ok) return setLoadError(result.error);
      setText(result.data.text);
      setUrl(result.data.url ?? "");
      setLoaded({ custom: result.data.custom });
    });
    return () => {
      live = false;
    };
  }, [directoryId]);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(null);
    const found: FieldErrors = {};
    if (!text.trim()) found.text = ["Write a sentence or two telling people how to reset their password."];
    if (url.trim() && !/^https:\/\/\S+$/i.test(url.trim()))
      found.url = ["Enter a full https address, such as https://password.example.com."];
    if (Object.keys(found).length) return setOutcome({ error: "The instructions were not saved.", fieldErrors: found });
    startTransition(async () => {
      const result = await updateDirectoryPasswordHelpAction({ directoryId, text, url });
      if (result.ok) {
        setOutcome(null);
        setLoaded({ custom: true });
        setSaved("Saved. Employees of this directory now read these instructions.");
      } else {
        const fromReasons = Object.fromEntries((result.reasons ?? []).filter((r) => r.code in LABELS).map((r) => [r.code, [r.message]]));
        setOutcome({ error: result.error, fieldErrors: { ...fromReasons, ...(result.fieldErrors ?? {}) } });
      }
    });
  }

  if (loadError) return <p className="text-sm text-red-700">{loadError}</p>;
  if (!loaded) return <p className="text-sm text-slate-600">Loading…</p>;
  return (
    <form ref={formRef} id={formId} onSubmit={submit} noValidate className="space-y-3">
      <p className="text-sm text-slate-700">
        Where the portal cannot reset a password (an AD Connector directory), employees read these instructions instead.
        {loaded.custom ? "" : " Until you save your own, they read the default sentence below."}
      </p>
      <ErrorSummary formId={formId} message={outcome?.error} errors={errors} labels={LABELS} />
      <div>
        <label htmlFor={`${formId}-text`} className={labelClass}>
          {LABELS.text}
        </label>
        <textarea
          {...fieldProps(formId, "text", errors, `${formId}-text-hint`)}
          rows={3}
          maxLength={PASSWORD_HELP_LIMITS.text}
          className={inputClass + invalidClass(errors, "text")}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${formId}-text-hint`} className={hintClass}>
          Plain text, at most {PASSWORD_HELP_LIMITS.text} characters.
        </p>
        <FieldError formId={formId} name="text" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${formId}-url`} className={labelClass}>
          {LABELS.url} (optional)
        </label>
        <input
          type="url"
          inputMode="url"
          {...fieldProps(formId, "url", errors, `${formId}-url-hint`)}
          maxLength={PASSWORD_HELP_LIMITS.url}
          className={inputClass + invalidClass(errors, "url")}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://password.example.com"
        />
        <p id={`${formId}-url-hint`} className={hintClass}>
          Your organisation&apos;s own password-reset page; https only.
        </p>
        <FieldError formId={formId} name="url" errors={errors} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButton} disabled={pending}>
          {pending ? "Saving…" : "Save instructions"}
        </button>
        <p aria-live="polite" className="text-sm text-slate-700">
          {saved}
        </p>
      </div>
    </form>
  );
}
