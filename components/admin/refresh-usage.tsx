"use client";

import { useState, useTransition } from "react";
import { refreshUsageAction } from "@/lib/actions/optimizer";
import { secondaryButton } from "@/components/ui/styles";
import { ActionMessage, actionError } from "./action-message";

/** Asks for a usage sync now instead of at its next run; the page shows the new "usage as of" once it is done. */
export function RefreshUsage() {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div>
      <button
        type="button"
        className={secondaryButton}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const out = await refreshUsageAction({});
            setResult(out.ok ? { ok: true, message: out.data.message } : { ok: false, message: actionError(out) });
          })
        }
      >
        Refresh usage now
      </button>
      <ActionMessage result={result} />
    </div>
  );
}
