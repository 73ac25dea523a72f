"use client";

import { useState } from "react";
import { associateDirectoryIpGroupAction, disassociateDirectoryIpGroupAction } from "@/lib/actions/admin-directories";
import type { IpGroupOption } from "@/lib/queries/admin-directories";
import { secondaryButton } from "@/components/ui/styles";
import { ActionMessage } from "./action-message";
import { DirectorySection, useDirectoryAction } from "./directory-action";

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
  const [groupId, setGroupId] = useState(others[0]?.groupId ?? "");
  const { pending, message, run } = useDirectoryAction();
  const ref = { region, directoryId };
  const id = `${directoryId}-ipgroups`;
  const chosen = others.some((g) => g.groupId === groupId) ? groupId : (others[0]?.groupId ?? "");
  return (
    <DirectorySection
      id={id}
      title="IP access control groups"
      hint={`Networks this directory's WorkSpaces accept connections from (${associated.length} of 25).`}
    >
      {associated.length === 0 ? (
        <p className="text-sm text-slate-600">None: connections are accepted from any network.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {associated.map((g) => (
            <li key={g.groupId} className="flex items-center justify-between gap-2">
              <span>
                {g.name} <span className="font-mono text-xs text-slate-500">{g.groupId}</span>
              </span>
              <button
                type="button"
                disabled={pending}
                onClick={() => run(() => disassociateDirectoryIpGroupAction({ ...ref, groupId: g.groupId }), `Disassociated ${g.name}.`)}
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
              >
                Disassociate<span className="sr-only"> {g.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block text-slate-700">IP group</span>
            <select value={chosen} onChange={(e) => setGroupId(e.target.value)} className="rounded border border-slate-300 px-2 py-1">
              {others.map((g) => (
                <option key={g.groupId} value={g.groupId}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={pending || !chosen}
            onClick={() => run(() => associateDirectoryIpGroupAction({ ...ref, groupId: chosen }), "Associated.")}
            className={`${secondaryButton} px-3 py-1.5`}
          >
            Associate
          </button>
        </div>
      )}
      <ActionMessage result={message} />
    </DirectorySection>
  );
}
