"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { changeManagerAction, changeRoleAction } from "@/lib/actions/admin-users";
import { ActionMessage, actionError } from "./action-message";

type Role = "EMPLOYEE" | "MANAGER" | "ADMIN";
type Msg = { ok: boolean; message: string } | null;

const ROLE_LABEL: Record<Role, string> = { EMPLOYEE: "Employee", MANAGER: "Manager", ADMIN: "Admin" };

export function UserAccessForm({
  userId,
  role,
  managerId,
  people,
  roleSource = null,
}: {
  userId: string;
  role: Role;
  managerId: string | null;
  people: { id: string; name: string; role: Role }[];
  /** Set when the identity provider decides the role: it is shown, not offered for change. */
  roleSource?: string | null;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [nextRole, setNextRole] = useState<Role>(role);
  const [nextManager, setNextManager] = useState(managerId ?? "");
  const [roleMsg, setRoleMsg] = useState<Msg>(null);
  const [managerMsg, setManagerMsg] = useState<Msg>(null);

  return (
    <div className="flex flex-wrap gap-6 rounded-lg border border-slate-200 bg-white p-4">
      {roleSource ? (
        <div className="text-sm">
          <span className="block text-slate-600">Role</span>
          <span className="font-medium">{ROLE_LABEL[role]}</span>
          <span className="block text-slate-600">
            From {roleSource}. It changes with the person&apos;s groups at the identity provider.
          </span>
        </div>
      ) : (
        <div>
          <label className="text-sm">
            <span className="block text-slate-600">Role</span>
            <select
              value={nextRole}
              onChange={(e) => setNextRole(e.target.value as Role)}
              className="rounded border border-slate-300 px-2 py-1"
            >
              <option value="EMPLOYEE">Employee</option>
              <option value="MANAGER">Manager</option>
              <option value="ADMIN">Admin</option>
            </select>
          </label>{" "}
          <button
            type="button"
            disabled={pending || nextRole === role}
            onClick={() =>
              start(async () => {
                const out = await changeRoleAction({ userId, role: nextRole });
                setRoleMsg(out.ok ? { ok: true, message: "Role saved." } : { ok: false, message: actionError(out) });
                if (out.ok) router.refresh();
              })
            }
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-50"
          >
            Save role
          </button>
          <ActionMessage result={roleMsg} />
        </div>
      )}
      <div>
        <label className="text-sm">
          <span className="block text-slate-600">Manager</span>
          <select
            value={nextManager}
            onChange={(e) => setNextManager(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">No manager</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <button
          type="button"
          disabled={pending || nextManager === (managerId ?? "")}
          onClick={() =>
            start(async () => {
              const out = await changeManagerAction({ userId, managerId: nextManager || null });
              setManagerMsg(out.ok ? { ok: true, message: "Manager saved." } : { ok: false, message: actionError(out) });
              if (out.ok) router.refresh();
            })
          }
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-50"
        >
          Save manager
        </button>
        <ActionMessage result={managerMsg} />
      </div>
    </div>
  );
}
