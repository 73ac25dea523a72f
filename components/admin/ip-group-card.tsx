"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import {
  associateIpGroupAction,
  deleteIpGroupAction,
  disassociateIpGroupAction,
  replaceIpRulesAction,
} from "@/lib/actions/admin-ip-groups";
import type { DirectoryOption, IpGroupView } from "@/lib/queries/admin-ip-groups";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { ActionMessage } from "./action-message";
import { ConfirmButton } from "./confirm-button";
import { DirectorySection, OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";
import { IpGroupRules, ruleFieldLabels, type RuleDraft } from "./ip-group-rules";

type GroupRef = { region: string; groupId: string };
const refOf = (group: IpGroupView): GroupRef => ({ region: group.region, groupId: group.groupId });

/** The group's rules, replaced as a whole by one Save; a bad CIDR is outlined and focused. */
export function IpGroupRulesForm({ group }: { group: IpGroupView }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [rules, setRules] = useState<RuleDraft[]>(group.rules.map((r) => ({ cidr: r.cidr, description: r.description ?? "" })));
  const { pending, outcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const formId = "rules-form";
  const saved = group.rules.map((r) => `${r.cidr} ${r.description ?? ""}`).join("|");
  useUnsavedChanges(rules.map((r) => `${r.cidr.trim()} ${r.description.trim()}`).join("|") !== saved);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    run(() => replaceIpRulesAction({ ...refOf(group), rules }), "Rules saved.");
  };

  return (
    <DirectorySection id="rules" title="Rules" hint="The networks this group lets in. Saving replaces every rule of the group.">
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-3">
        <OutcomeSummary formId={formId} outcome={outcome} labels={ruleFieldLabels(rules)} />
        <IpGroupRules formId={formId} rules={rules} onChange={setRules} errors={errors} />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save rules"}
        </button>
        <OutcomeStatus outcome={outcome} />
      </form>
    </DirectorySection>
  );
}

const ASSOCIATE_FORM = "associate-directory";

/** The directories the group guards, by name, each with Disassociate, and a chooser that starts empty. */
export function IpGroupDirectories({ group, candidates }: { group: IpGroupView; candidates: DirectoryOption[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [directoryId, setDirectoryId] = useState("");
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const ref = refOf(group);

  const associate = (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = candidates.find((d) => d.directoryId === directoryId);
    if (!chosen)
      return setOutcome({ ok: false, message: "Choose a directory to associate.", fieldErrors: { directoryId: ["Choose a directory."] } });
    run(() => associateIpGroupAction({ ...ref, directoryId: chosen.directoryId }), `Associated with ${chosen.name}.`, {
      after: () => setDirectoryId(""),
    });
  };

  return (
    <DirectorySection
      id="directories"
      title="Directories"
      hint={`Registered directories of ${group.region} whose WorkSpaces this group guards.`}
    >
      {group.usedBy.length === 0 ? (
        <p className="text-sm text-slate-600">No directory yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {group.usedBy.map((d) => (
            <li key={d.directoryId} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span className="min-w-0">
                <Link href={`/admin/directories/${d.directoryId}`} className="text-brand-700 underline">
                  {d.name}
                </Link>{" "}
                <code data-raw-id className="text-xs text-slate-600">
                  {d.directoryId}
                </code>
              </span>
              <button
                type="button"
                disabled={pending}
                onClick={() =>
                  run(() => disassociateIpGroupAction({ ...ref, directoryId: d.directoryId }), `Disassociated from ${d.name}.`)
                }
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
              >
                Disassociate<span className="sr-only"> from {d.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length === 0 ? (
        <>
          <p className="mt-3 text-sm text-slate-600">Every registered directory of {group.region} uses this group already.</p>
          {outcome && !outcome.ok && <OutcomeSummary formId={ASSOCIATE_FORM} outcome={outcome} labels={{}} />}
        </>
      ) : (
        <form ref={formRef} onSubmit={associate} noValidate className="mt-3">
          <OutcomeSummary formId={ASSOCIATE_FORM} outcome={outcome} labels={{ directoryId: "Directory" }} />
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 grow sm:grow-0">
              <label htmlFor={`${ASSOCIATE_FORM}-directoryId`} className={labelClass}>
                Directory
              </label>
              <select
                {...fieldProps(ASSOCIATE_FORM, "directoryId", errors)}
                value={directoryId}
                onChange={(e) => setDirectoryId(e.target.value)}
                className={`${inputClass} sm:w-80${invalidClass(errors, "directoryId")}`}
              >
                <option value="">Choose a directory…</option>
                {candidates.map((d) => (
                  <option key={d.directoryId} value={d.directoryId}>
                    {d.name} ({d.groupCount} of 25 groups)
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={pending} className={secondaryButton}>
              Associate
            </button>
          </div>
          <FieldError formId={ASSOCIATE_FORM} name="directoryId" errors={errors} />
        </form>
      )}
      <OutcomeStatus outcome={outcome} />
    </DirectorySection>
  );
}

/** Deleting asks first and is refused while a directory uses the group; once deleted, the list opens. */
export function IpGroupDelete({ group }: { group: IpGroupView }) {
  const router = useRouter();
  const { pending, outcome, run } = useDirectoryAction();
  return (
    <section aria-labelledby="delete" className="scroll-mt-4 rounded-lg border border-red-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="delete" className="text-lg font-medium text-brand-900">
        Delete
      </h2>
      <p className="mt-0.5 mb-3 text-sm text-slate-600">Refused while a directory still uses the group.</p>
      <ConfirmButton
        label="Delete group"
        question={`Delete ${group.name}? Its rules are lost.`}
        confirmLabel="Delete"
        disabled={pending}
        onConfirm={() =>
          run(() => deleteIpGroupAction(refOf(group)), `Deleted ${group.name}.`, { after: () => router.push("/admin/ip-groups") })
        }
      />
      <ActionMessage result={outcome} />
    </section>
  );
}
