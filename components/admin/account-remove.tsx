"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { removeAccountAction } from "@/lib/actions/admin-accounts";
import { ActionMessage, actionError } from "./action-message";
import { ConfirmButton } from "./confirm-button";

/** Stops managing an account; AWS is not touched, its WorkSpaces leave the fleet. Refusals show beside the button. */
export function AccountRemove({ accountId, name }: { accountId: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div>
      <ConfirmButton
        label={`Remove ${name}`}
        question={`Stop managing ${name}? Its WorkSpaces keep running in AWS but leave the fleet.`}
        confirmLabel="Remove"
        disabled={pending}
        onConfirm={() =>
          start(async () => {
            const out = await removeAccountAction({ accountId });
            setResult(out.ok ? { ok: true, message: `Removed ${name}.` } : { ok: false, message: actionError(out) });
            if (out.ok) router.refresh();
          })
        }
      />
      <ActionMessage result={result} />
    </div>
  );
}
