"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { editResourceTagsAction } from "@/lib/actions/tags";
import { resourceTagRefusals, tagsEdit } from "@/lib/domain/tags";
import type { Tag } from "@/lib/domain/types";
import { ActionMessage } from "@/components/admin/action-message";
import { inputClass, primaryButton, secondaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";

type Row = { id: number; key: string; value: string };
type Outcome = { ok: boolean; message: string; reasons?: string[] } | null;

/**
 * The tags of a custom bundle or an IP access control group, edited as a list: names and values, Remove, Add a
 * tag. Save sends what changed to AWS (DeleteTags, CreateTags); AWS's refusal is shown beside the button.
 */
export function ResourceTags({
  region,
  resourceId,
  what,
  tags,
  readError,
  readOnlyReason,
}: {
  region: string;
  resourceId: string;
  /** "bundle" or "IP group", for the sentences. */
  what: string;
  tags: Tag[];
  /** Why AWS's tags could not be read; the editor is not offered then. */
  readError: string | null;
  /** Why these tags cannot be changed (Amazon's public bundles). */
  readOnlyReason?: string;
}) {
  const router = useRouter();
  const formId = `tags-${resourceId}`;
  const toRows = (list: readonly Tag[]) => list.map((t, i) => ({ id: i, key: t.key, value: t.value }));
  const [rows, setRows] = useState<Row[]>(() => toRows(tags));
  const [nextId, setNextId] = useState(tags.length);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const desired = rows.filter((r) => r.key.trim() !== "" || r.value.trim() !== "").map((r) => ({ key: r.key, value: r.value }));
  const edit = tagsEdit(tags, desired);
  const changed = edit.set.length + edit.remove.length > 0;
  useUnsavedChanges(changed);
  const editable = !readError && !readOnlyReason;

  const update = (id: number, field: "key" | "value", text: string) => {
    setRows(rows.map((r) => (r.id === id ? { ...r, [field]: text } : r)));
    setOutcome(null);
  };

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (pending || !changed) return;
    const refusals = resourceTagRefusals(tags, edit);
    if (refusals.length) return setOutcome({ ok: false, message: "The tags were not saved.", reasons: refusals.map((r) => r.message) });
    startTransition(async () => {
      const out = await editResourceTagsAction({ region, resourceId, set: edit.set, remove: edit.remove });
      if (out.ok) {
        setOutcome({ ok: true, message: "Tags saved in AWS." });
        setRows(toRows(out.data.tags));
        setNextId(out.data.tags.length);
        router.refresh();
      } else {
        const reasons = [...(out.reasons?.map((r) => r.message) ?? []), ...Object.values(out.fieldErrors ?? {}).flat()];
        setOutcome({ ok: false, message: out.error, reasons: reasons.filter((r) => r !== out.error) });
      }
    });
  }

  return (
    <section aria-labelledby={`${formId}-heading`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={`${formId}-heading`} className="text-lg font-medium text-brand-900">
        Tags
      </h2>
      <p className="mt-0.5 text-sm text-slate-600">
        Name and value labels AWS keeps with the {what}; cost allocation reports and your own scripts can group by them. Names are
        case-sensitive; names starting with “aws:” belong to AWS.
      </p>
      {readError ? (
        <p role="alert" className="mt-3 text-sm text-red-800">
          The tags could not be read from AWS: {readError}
        </p>
      ) : !editable ? (
        <>
          <TagList tags={tags} />
          <p className="mt-2 text-sm text-slate-700">{readOnlyReason}</p>
        </>
      ) : (
        <form id={formId} noValidate onSubmit={save} className="mt-3 space-y-2">
          {rows.length === 0 && <p className="text-sm text-slate-700">No tags yet.</p>}
          {rows.map((row, index) => (
            <fieldset key={row.id} className="grid grid-cols-1 gap-2 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
              <legend className="sr-only">Tag {index + 1}</legend>
              <div className="min-w-0">
                <label htmlFor={`${formId}-key-${row.id}`} className="block text-xs font-medium text-slate-700">
                  Name
                </label>
                <input
                  id={`${formId}-key-${row.id}`}
                  className={inputClass}
                  value={row.key}
                  onChange={(e) => update(row.id, "key", e.target.value)}
                />
              </div>
              <div className="min-w-0">
                <label htmlFor={`${formId}-value-${row.id}`} className="block text-xs font-medium text-slate-700">
                  Value
                </label>
                <input
                  id={`${formId}-value-${row.id}`}
                  className={inputClass}
                  value={row.value}
                  onChange={(e) => update(row.id, "value", e.target.value)}
                />
              </div>
              <button
                type="button"
                className={secondaryButton}
                aria-label={`Remove tag ${index + 1}${row.key ? ` (${row.key})` : ""}`}
                onClick={() => {
                  setRows(rows.filter((r) => r.id !== row.id));
                  setOutcome(null);
                }}
              >
                Remove
              </button>
            </fieldset>
          ))}
          <div className="flex flex-wrap items-center gap-2 pt-1">
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                setRows([...rows, { id: nextId, key: "", value: "" }]);
                setNextId(nextId + 1);
              }}
            >
              Add a tag
            </button>
            <button type="submit" className={primaryButton} disabled={pending || !changed}>
              {pending ? "Saving…" : "Save tags"}
            </button>
          </div>
          <ActionMessage result={outcome} />
          {outcome && !outcome.ok && outcome.reasons && outcome.reasons.length > 0 && (
            <ul className="list-disc pl-5 text-sm text-red-700">
              {outcome.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </form>
      )}
    </section>
  );
}

function TagList({ tags }: { tags: readonly Tag[] }) {
  if (tags.length === 0) return <p className="mt-3 text-sm text-slate-700">No tags.</p>;
  return (
    <dl className="mt-3 grid grid-cols-[minmax(0,11rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {tags.map((t) => (
        <div key={t.key} className="contents">
          <dt className="break-words text-slate-600">{t.key}</dt>
          <dd className="break-words">{t.value || "(no value)"}</dd>
        </div>
      ))}
    </dl>
  );
}
