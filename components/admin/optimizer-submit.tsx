"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createOptimizerRequestsAction } from "@/lib/actions/optimizer";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { ActionMessage, actionError } from "./action-message";

/** "Create requests" for the ticked rows of the form `formId`, or for every switch; the server re-checks each. */
export function OptimizerSubmit({ formId, switches }: { formId: string; switches: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const run = (all: boolean) =>
    start(async () => {
      const form = document.getElementById(formId) as HTMLFormElement | null;
      const ids = form ? new FormData(form).getAll("ws").map(String) : [];
      if (!all && ids.length === 0) return setResult({ ok: false, message: "Select at least one WorkSpace." });
      const out = await createOptimizerRequestsAction(all ? { all: true } : { workspaceIds: ids });
      setResult(out.ok ? { ok: true, message: out.data.message } : { ok: false, message: actionError(out) });
      if (out.ok) router.refresh();
    });
  return (
    <div className="my-3">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={primaryButton} disabled={pending} onClick={() => run(false)}>
          Create requests for the selected
        </button>
        <button type="button" className={secondaryButton} disabled={pending || switches === 0} onClick={() => run(true)}>
          Create requests for all {switches} recommended switches
        </button>
      </div>
      <ActionMessage result={result} />
    </div>
  );
}
