"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { requestWorkspaceTagsAction } from "@/lib/actions/tags";
// The tag rules' own modules, not the domain's barrel, so the page's browser code stays small.
import { tagsEdit } from "@/lib/domain/tags";
import { tagRefusals } from "@/lib/domain/validate/tags";
import type { WorkspaceTagPanel } from "@/lib/queries/tags";
import { cardClass, hintClass, inputClass, primaryButton, secondaryButton } from "@/components/ui/styles";

const FORM_ID = "workspace-tags";

type Outcome = { ok: true; message: string; requestId: string } | { ok: false; message: string; reasons: string[] } | null;

/**
 * A WorkSpace's tags, and the values its viewer may change: the keys the policy opens to employees (any key
 * for an admin). Saving asks for the change as a request; the policy decides whether it needs approval.
 */
export function WorkspaceTags({ workspaceId, panel }: { workspaceId: string; panel: WorkspaceTagPanel }) {
  const router = useRouter();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const initial = Object.fromEntries([...panel.tags.map((t) => [t.key, t.value]), ...panel.addableKeys.map((k) => [k, ""])]);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [removed, setRemoved] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const editable = new Set([...panel.tags.filter((t) => t.editable).map((t) => t.key), ...panel.addableKeys]);
  const anyEditable = editable.size > 0;

  const current = panel.tags.map(({ key, value }) => ({ key, value }));
  const desired = [
    ...panel.tags.filter((t) => !removed.includes(t.key)).map((t) => ({ key: t.key, value: t.editable ? (values[t.key] ?? "") : t.value })),
    // A key the WorkSpace does not carry yet is added only when given a value.
    ...panel.addableKeys.filter((k) => (values[k] ?? "").trim() !== "").map((k) => ({ key: k, value: values[k]! })),
  ];
  const edit = tagsEdit(current, desired, (key) => editable.has(key));
  const changed = edit.set.length + edit.remove.length > 0;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending || !changed) return;
    // AWS's tag rules are checked here first, and again by the server.
    const local = tagRefusals(edit.set).filter((r) => r.code !== "TAG_LIMIT");
    if (local.length) return setOutcome({ ok: false, message: "The tags were not saved.", reasons: local.map((r) => r.message) });
    startTransition(async () => {
      const out = await requestWorkspaceTagsAction({ workspaceId, set: edit.set, remove: edit.remove, idempotencyKey });
      if (out.ok && out.data.ok) {
        const approved = out.data.status === "APPROVED";
        setOutcome({
          ok: true,
          requestId: out.data.requestId,
          message: approved ? "Tag change requested and approved; it is applied in a moment." : `Tag change requested. ${out.data.why}`,
        });
        setIdempotencyKey(crypto.randomUUID());
        setRemoved([]);
        router.refresh();
      } else if (out.ok && !out.data.ok) {
        setOutcome({ ok: false, message: "The tags were not saved.", reasons: out.data.reasons.map((r) => r.message) });
      } else if (!out.ok) {
        const details = [...(out.reasons?.map((r) => r.message) ?? []), ...Object.values(out.fieldErrors ?? {}).flat()];
        setOutcome({ ok: false, message: out.error, reasons: details });
      }
    });
  }

  return (
    <section aria-labelledby={`${FORM_ID}-heading`} className={`${cardClass} mt-6`}>
      <h2 id={`${FORM_ID}-heading`} className="mb-1 text-lg font-semibold text-brand-900">
        Tags
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Tags are name and value labels AWS keeps with the WorkSpace. Cost reports group spending by them, for example by cost centre or
        project, so a wrong tag charges the wrong budget.
        {anyEditable ? " A change is asked for like any other request; your policy decides whether someone approves it." : ""}
      </p>
      <form id={FORM_ID} noValidate onSubmit={submit}>
        {panel.tags.length === 0 && panel.addableKeys.length === 0 ? (
          <p className="text-sm text-slate-700">This WorkSpace has no tags.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {panel.tags.map((tag, index) => (
              <li key={tag.key} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:gap-3">
                {tag.editable && !removed.includes(tag.key) ? (
                  <>
                    <label htmlFor={`${FORM_ID}-${index}`} className="font-medium break-all text-slate-800 sm:w-48 sm:shrink-0">
                      {tag.key}
                      {tag.required && <span className="font-normal text-slate-600"> (required)</span>}
                    </label>
                    <input
                      id={`${FORM_ID}-${index}`}
                      className={`${inputClass} sm:max-w-xs`}
                      value={values[tag.key] ?? ""}
                      disabled={Boolean(panel.blockedBy)}
                      onChange={(e) => {
                        setValues({ ...values, [tag.key]: e.target.value });
                        setOutcome(null);
                      }}
                    />
                    {!tag.required && (
                      <button
                        type="button"
                        className={secondaryButton}
                        disabled={Boolean(panel.blockedBy)}
                        onClick={() => setRemoved([...removed, tag.key])}
                        aria-label={`Remove the tag ${tag.key}`}
                      >
                        Remove
                      </button>
                    )}
                  </>
                ) : (
                  <>
                    <span className="font-medium break-all text-slate-800 sm:w-48 sm:shrink-0">{tag.key}</span>
                    {removed.includes(tag.key) ? (
                      <span className="flex items-center gap-2 text-slate-600">
                        <s>{tag.value || "(no value)"}</s> removed when saved
                        <button
                          type="button"
                          className="text-brand-700 underline"
                          onClick={() => setRemoved(removed.filter((k) => k !== tag.key))}
                        >
                          Keep it
                        </button>
                      </span>
                    ) : (
                      <span className="break-all text-slate-700">{tag.value || "(no value)"}</span>
                    )}
                  </>
                )}
              </li>
            ))}
            {panel.addableKeys.map((key, index) => (
              <li key={key} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:gap-3">
                <label htmlFor={`${FORM_ID}-new-${index}`} className="font-medium break-all text-slate-800 sm:w-48 sm:shrink-0">
                  {key}
                </label>
                <input
                  id={`${FORM_ID}-new-${index}`}
                  className={`${inputClass} sm:max-w-xs`}
                  value={values[key] ?? ""}
                  placeholder="Not set"
                  aria-describedby={`${FORM_ID}-new-hint`}
                  disabled={Boolean(panel.blockedBy)}
                  onChange={(e) => {
                    setValues({ ...values, [key]: e.target.value });
                    setOutcome(null);
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {panel.addableKeys.length > 0 && (
          <p id={`${FORM_ID}-new-hint`} className={hintClass}>
            A tag the WorkSpace does not have yet is added when you give it a value.
          </p>
        )}
        {!anyEditable && panel.tags.length > 0 && (
          <p className="mt-2 text-sm text-slate-600">Only IT can change these tags; ask them if one is wrong.</p>
        )}
        {anyEditable && (
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
            <button type="submit" className={`${primaryButton} shrink-0`} disabled={pending || !changed || Boolean(panel.blockedBy)}>
              {pending ? "Saving…" : "Save tags"}
            </button>
            <div aria-live="polite" className="text-sm">
              {panel.blockedBy && !outcome?.ok && <p className="text-amber-900">{panel.blockedBy}</p>}
              {outcome?.ok && (
                <p role="status" className="text-emerald-800">
                  {outcome.message}{" "}
                  <Link href={`/requests/${outcome.requestId}`} className="text-brand-700 underline">
                    See the request
                  </Link>
                </p>
              )}
              {outcome && !outcome.ok && (
                <div role="alert" className="text-red-800">
                  <p className="font-medium">{outcome.message}</p>
                  {outcome.reasons.map((r) => (
                    <p key={r}>{r}</p>
                  ))}
                </div>
              )}
            </div>
          </div>
        )}
      </form>
    </section>
  );
}
