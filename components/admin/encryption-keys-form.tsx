"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { updateEncryptionKeysAction } from "@/lib/actions/admin-encryption-keys";
import { DEFAULT_VOLUME_ENCRYPTION_KEY, KMS_KEY_HINT, type VolumeEncryptionKeys } from "@/lib/domain/encryption";
import { personaLabel } from "@/lib/presentation/labels";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { cardClass, hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";

const FORM_ID = "encryption";

interface DirectoryChoice {
  id: string;
  name: string;
  detail: string;
}

/**
 * The KMS key for new WorkSpaces whose volumes are encrypted, per directory and per persona. An empty box means
 * the next level decides: the directory's key, else the persona's, else the AWS managed key.
 */
export function EncryptionKeysForm({
  keys,
  directories,
  personas,
}: {
  keys: VolumeEncryptionKeys | undefined;
  directories: DirectoryChoice[];
  personas: string[];
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [byDirectory, setByDirectory] = useState<Record<string, string>>(keys?.byDirectory ?? {});
  const [byPersona, setByPersona] = useState<Record<string, string>>(keys?.byPersona ?? {});
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string; errors?: FieldErrors } | null>(null);
  useFocusFirstInvalid(formRef, result?.errors);

  // Directories and personas the policy names a key for but the lists no longer show are kept, not dropped.
  const directoryRows = [
    ...directories,
    ...Object.keys(byDirectory)
      .filter((id) => !directories.some((d) => d.id === id))
      .map((id) => ({ id, name: id, detail: "not found in the managed Regions" })),
  ];
  const personaRows = [...new Set([...personas, ...Object.keys(byPersona)])];
  const labels: Record<string, string> = {
    ...Object.fromEntries(directoryRows.map((d) => [`byDirectory.${d.id}`, `Key for ${d.name}`])),
    ...Object.fromEntries(personaRows.map((p) => [`byPersona.${p}`, `Key for the ${personaLabel(p)} persona`])),
  };

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const out = await updateEncryptionKeysAction({ byDirectory, byPersona });
      if (out.ok) {
        setResult({ ok: true, message: "Encryption keys saved. New WorkSpace requests from now on use them." });
        router.refresh();
      } else setResult({ ok: false, message: out.error, errors: out.fieldErrors });
    });
  };

  const row = (group: "byDirectory" | "byPersona", id: string, label: string, detail: string) => {
    const name = `${group}.${id}`;
    const values = group === "byDirectory" ? byDirectory : byPersona;
    const set = group === "byDirectory" ? setByDirectory : setByPersona;
    return (
      <div key={name}>
        <label htmlFor={`${FORM_ID}-${name}`} className={labelClass}>
          {label} <span className="font-normal text-slate-600">· {detail}</span>
        </label>
        <input
          {...fieldProps(FORM_ID, name, result?.errors)}
          value={values[id] ?? ""}
          onChange={(e) => set({ ...values, [id]: e.target.value })}
          placeholder={group === "byDirectory" ? "The persona's key" : `${DEFAULT_VOLUME_ENCRYPTION_KEY} (the AWS managed key)`}
          className={`${inputClass} font-mono text-xs${invalidClass(result?.errors, name)}`}
        />
        <FieldError formId={FORM_ID} name={name} errors={result?.errors} />
      </div>
    );
  };

  return (
    <section aria-labelledby="encryption-keys" className={`${cardClass} mt-6 scroll-mt-4`}>
      <h2 id="encryption-keys" className="text-lg font-medium text-brand-900">
        Encryption keys
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        When someone asks for a WorkSpace with encrypted volumes, it is encrypted with the key of its directory, else the key of their
        persona, else the AWS managed key ({DEFAULT_VOLUME_ENCRYPTION_KEY}). Encryption is chosen when a WorkSpace is created and cannot be
        changed or removed later, and no image can be made from an encrypted WorkSpace. A key must be a symmetric KMS key in the
        directory&apos;s Region that WorkSpaces is allowed to use.
      </p>
      <form ref={formRef} onSubmit={save} noValidate className="mt-3 space-y-4">
        {result && !result.ok && (
          <ErrorSummary formId={FORM_ID} message={result.message} errors={result.errors} labels={labels} reasons={[]} />
        )}
        <p className={hintClass}>{KMS_KEY_HINT} Leave a box empty to use the next level.</p>
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-semibold text-slate-800">By directory</legend>
          {directoryRows.length === 0 ? (
            <p className="text-sm text-slate-600">No directory is known yet.</p>
          ) : (
            directoryRows.map((d) => row("byDirectory", d.id, `Key for ${d.name}`, d.detail))
          )}
        </fieldset>
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-semibold text-slate-800">By persona</legend>
          {personaRows.map((p) => row("byPersona", p, `Key for the ${personaLabel(p)} persona`, "when the directory has none"))}
        </fieldset>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save encryption keys"}
        </button>
        {result?.ok && <ActionMessage result={result} />}
      </form>
    </section>
  );
}
