"use client";

import { useState, useTransition } from "react";
import { keepWorkspaceAction } from "@/lib/actions/reclaim";
import { RECLAIM_LIMITS } from "@/lib/domain/client";
import { ActionMessage, actionError } from "@/components/admin/action-message";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";

const { min, max } = RECLAIM_LIMITS.justification;

/** "Keep it": why the WorkSpace is still needed; the server checks the length and who is asking. */
export function KeepWorkspaceForm({ workspaceId }: { workspaceId: string }) {
  const [justification, setJustification] = useState("");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="mt-3 space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const out = await keepWorkspaceAction({ workspaceId, justification });
          setResult(out.ok ? { ok: true, message: "Kept. The idle period starts again today." } : { ok: false, message: actionError(out) });
        });
      }}
    >
      <label htmlFor="keep-justification" className={labelClass}>
        Why do you still need it?
      </label>
      <textarea
        id="keep-justification"
        rows={2}
        maxLength={max}
        value={justification}
        onChange={(event) => setJustification(event.target.value)}
        aria-describedby="keep-hint keep-result"
        className={inputClass}
      />
      <p id="keep-hint" className={hintClass}>
        {min} to {max} characters.
      </p>
      <button type="submit" disabled={pending} className={primaryButton}>
        Keep it
      </button>
      <ActionMessage id="keep-result" result={result} />
    </form>
  );
}
