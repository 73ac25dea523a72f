"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/lib/presentation/status";
import { revokeApiTokenAction } from "@/lib/actions/admin-api-tokens";
import type { ApiTokenStatus } from "@/lib/domain/client";
import { ActionMessage, actionError } from "../action-message";
import { ConfirmButton } from "../confirm-button";
import { DataTable, type DataColumn } from "../data-table";

/** One token as the page shows it: dates already written out on the server, never the hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: { scope: string; label: string }[];
  mayActForPeople: boolean;
  createdBy: string;
  createdAt: string;
  createdAtText: string;
  expiresAt: string;
  expiresAtText: string;
  lastUsedAt: string | null;
  lastUsedText: string;
  status: ApiTokenStatus;
  statusLabel: string;
}

const TONE: Record<ApiTokenStatus, Tone> = { ACTIVE: "success", EXPIRES_SOON: "warning", EXPIRED: "muted", REVOKED: "danger" };

function RevokeButton({ token }: { token: ApiTokenView }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  if (token.status === "REVOKED") return <span className="text-sm text-slate-600">Revoked</span>;
  return (
    <>
      <ConfirmButton
        label="Revoke"
        question={`Revoke ${token.name}? Calls with it fail at once.`}
        confirmLabel="Revoke token"
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            const out = await revokeApiTokenAction({ tokenId: token.id });
            if (!out.ok) return setResult({ ok: false, message: actionError(out) });
            setResult({ ok: true, message: `${token.name} is revoked.` });
            router.refresh();
          })
        }
      />
      <ActionMessage result={result} />
    </>
  );
}

const columns: DataColumn<ApiTokenView>[] = [
  {
    id: "name",
    header: "Name",
    sortValue: (t) => t.name,
    cell: (t) => (
      <>
        <span className="font-medium text-slate-900">{t.name}</span>
        <code className="block text-xs text-slate-600">{t.prefix}…</code>
      </>
    ),
  },
  {
    id: "status",
    header: "Status",
    sortValue: (t) => t.statusLabel,
    cell: (t) => <Badge tone={TONE[t.status]}>{t.statusLabel}</Badge>,
  },
  {
    id: "scopes",
    header: "Scopes",
    sortValue: (t) => t.scopes.map((s) => s.scope).join(", "),
    cell: (t) => (
      <ul className="space-y-0.5">
        {t.scopes.map((s) => (
          <li key={s.scope}>
            <code className="text-xs">{s.scope}</code>
            <span className="block text-xs text-slate-600">{s.label}</span>
          </li>
        ))}
      </ul>
    ),
  },
  { id: "onBehalf", header: "Acts for people", sortValue: (t) => (t.mayActForPeople ? "Yes" : "No") },
  {
    id: "created",
    header: "Created",
    sortValue: (t) => t.createdAt,
    cell: (t) => (
      <>
        {t.createdAtText}
        <span className="block text-xs text-slate-600">by {t.createdBy}</span>
      </>
    ),
  },
  { id: "expires", header: "Expires", sortValue: (t) => t.expiresAt, cell: (t) => t.expiresAtText },
  { id: "lastUsed", header: "Last used", sortValue: (t) => t.lastUsedAt ?? "", cell: (t) => t.lastUsedText },
  { id: "revoke", header: <span className="sr-only">Revoke</span>, cell: (t) => <RevokeButton token={t} /> },
];

export function ApiTokenTable({ tokens }: { tokens: ApiTokenView[] }) {
  return (
    <DataTable
      label="API tokens"
      data={tokens}
      columns={columns}
      getRowId={(t) => t.id}
      empty="No API tokens yet. Create one above for each system that calls the API."
    />
  );
}
