"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { associateDirectoryIpGroupAction, disassociateDirectoryIpGroupAction } from "@/lib/actions/admin-directories";
import type { IpGroupOption } from "@/lib/queries/admin-directories";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { inputClass, labelClass, secondaryButton } from "@/components/ui/styles";
import { DirectorySection, OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";

const FORM_ID = "associate-ip-group";
const LABELS = { groupId: "IP group" };
const MAX_IP_GROUPS_PER_DIRECTORY = 25;

/** The groups guarding this directory, each with Disassociate, and a chooser (empty until one is picked) to add another. */
export function DirectoryIpGroups({
  region,
  directoryId,
  associated,
  others,
}: {
  region: string;
  directoryId: string;
  associated: IpGroupOption[];
  others: IpGroupOption[];
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [groupId, setGroupId] = useState("");
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const ref = { region, directoryId };
  const full = associated.length >= MAX_IP_GROUPS_PER_DIRECTORY;

  const associate = (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = others.find((g) => g.groupId === groupId);
    if (!chosen)
      return setOutcome({ ok: false, message: "Choose a group to associate.", fieldErrors: { groupId: ["Choose an IP group."] } });
    run(() => associateDirectoryIpGroupAction({ ...ref, groupId: chosen.groupId }), `Associated ${chosen.name}.`, {
      after: () => setGroupId(""),
    });
  };

  return (
    <DirectorySection
      id="ip-groups"
      title="IP access control groups"
      hint={`Networks this directory's WorkSpaces accept connections from (${associated.length} of ${MAX_IP_GROUPS_PER_DIRECTORY}).`}
    >
      {associated.length === 0 ? (
        <p className="text-sm text-slate-600">None: connections are accepted from any network.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {associated.map((g) => (
            <li key={g.groupId} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span className="min-w-0">
                <Link href={`/admin/ip-groups/${g.groupId}`} className="text-brand-700 underline">
                  {g.name}
                </Link>{" "}
                <code data-raw-id className="text-xs text-slate-600">
                  {g.groupId}
                </code>
              </span>
              <button
                type="button"
                disabled={pending}
                onClick={() => run(() => disassociateDirectoryIpGroupAction({ ...ref, groupId: g.groupId }), `Disassociated ${g.name}.`)}
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
              >
                Disassociate<span className="sr-only"> {g.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          Every IP group of {region} guards this directory already.{" "}
          <Link href="/admin/ip-groups/new" className="text-brand-700 underline">
            Create a group
          </Link>
        </p>
      ) : full ? (
        <p className="mt-3 text-sm text-slate-600">A directory takes at most {MAX_IP_GROUPS_PER_DIRECTORY} groups.</p>
      ) : (
        <form ref={formRef} onSubmit={associate} noValidate className="mt-3">
          <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={LABELS} />
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 grow sm:grow-0">
              <label htmlFor={`${FORM_ID}-groupId`} className={labelClass}>
                Associate an IP group
              </label>
              <select
                {...fieldProps(FORM_ID, "groupId", errors)}
                value={groupId}
                onChange={(e) => setGroupId(e.target.value)}
                className={`${inputClass} sm:w-72${invalidClass(errors, "groupId")}`}
              >
                <option value="">Choose an IP group…</option>
                {others.map((g) => (
                  <option key={g.groupId} value={g.groupId}>
                    {g.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={pending} className={secondaryButton}>
              Associate
            </button>
          </div>
          <FieldError formId={FORM_ID} name="groupId" errors={errors} />
        </form>
      )}
      <OutcomeStatus outcome={outcome} />
      {outcome && !outcome.ok && (others.length === 0 || full) && <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={{}} />}
    </DirectorySection>
  );
}
