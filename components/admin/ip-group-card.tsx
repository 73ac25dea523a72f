"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  associateIpGroupAction,
  deleteIpGroupAction,
  disassociateIpGroupAction,
  replaceIpRulesAction,
} from "@/lib/actions/admin-ip-groups";
import type { ActionResult } from "@/lib/actions/client";
import type { DirectoryOption, IpGroupView } from "@/lib/queries/admin-ip-groups";
import { ActionMessage, actionError } from "./action-message";
import { ConfirmButton } from "./confirm-button";
import { RulesEditor, type RuleDraft } from "./rules-editor";

type Msg = { ok: boolean; message: string } | null;

/** One group: its rules, the directories it guards, and the controls for each, with the outcome beside each control. */
export function IpGroupCard({ group, directories }: { group: IpGroupView; directories: DirectoryOption[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [rules, setRules] = useState<RuleDraft[]>(group.rules.map((r) => ({ cidr: r.cidr, description: r.description ?? "" })));
  const candidates = directories.filter((d) => d.region === group.region && !group.usedBy.some((u) => u.directoryId === d.directoryId));
  const [directoryId, setDirectoryId] = useState(candidates[0]?.directoryId ?? "");
  const [rulesMsg, setRulesMsg] = useState<Msg>(null);
  const [assocMsg, setAssocMsg] = useState<Msg>(null);
  const [deleteMsg, setDeleteMsg] = useState<Msg>(null);
  const ref = { region: group.region, groupId: group.groupId };

  const run = (act: () => Promise<ActionResult<unknown>>, setMsg: (m: Msg) => void, success: string) =>
    start(async () => {
      const out = await act();
      setMsg(out.ok ? { ok: true, message: success } : { ok: false, message: actionError(out) });
      if (out.ok) router.refresh();
    });

  const headingId = `group-${group.groupId}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="font-medium text-brand-900">
        {group.name}{" "}
        <span className="text-sm font-normal text-slate-500">
          · {group.region} · {group.groupId}
        </span>
      </h3>
      {group.description && <p className="text-sm text-slate-600">{group.description}</p>}

      <div className="mt-3">
        <RulesEditor rules={rules} onChange={setRules} idPrefix={group.groupId} />
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => replaceIpRulesAction({ ...ref, rules }), setRulesMsg, "Rules saved.")}
          className="mt-2 rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Save rules
        </button>
        <ActionMessage result={rulesMsg} />
      </div>

      <div className="mt-4">
        <h4 className="text-sm font-medium text-slate-700">Used by</h4>
        {group.usedBy.length === 0 ? (
          <p className="text-sm text-slate-600">No directory.</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {group.usedBy.map((d) => (
              <li key={d.directoryId} className="flex items-center gap-2">
                <span>
                  {d.name} ({d.directoryId})
                </span>
                <button
                  type="button"
                  disabled={pending}
                  onClick={() =>
                    run(
                      () => disassociateIpGroupAction({ ...ref, directoryId: d.directoryId }),
                      setAssocMsg,
                      `Disassociated from ${d.name}.`,
                    )
                  }
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs"
                >
                  Disassociate<span className="sr-only"> from {d.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {candidates.length > 0 && (
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="block text-slate-600">Directory</span>
              <select
                value={directoryId}
                onChange={(e) => setDirectoryId(e.target.value)}
                className="rounded border border-slate-300 px-2 py-1"
              >
                {candidates.map((d) => (
                  <option key={d.directoryId} value={d.directoryId}>
                    {d.name} ({d.groupCount} of 25 groups)
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={pending || !directoryId}
              onClick={() => run(() => associateIpGroupAction({ ...ref, directoryId }), setAssocMsg, "Associated.")}
              className="rounded-md border border-brand-600 px-3 py-1.5 text-sm text-brand-700"
            >
              Associate
            </button>
          </div>
        )}
        <ActionMessage result={assocMsg} />
      </div>

      <div className="mt-4">
        <ConfirmButton
          label="Delete group"
          question={`Delete ${group.name}? Its rules are lost.`}
          confirmLabel="Delete"
          disabled={pending}
          onConfirm={() => run(() => deleteIpGroupAction(ref), setDeleteMsg, "Deleted.")}
        />
        <ActionMessage result={deleteMsg} />
      </div>
    </section>
  );
}
