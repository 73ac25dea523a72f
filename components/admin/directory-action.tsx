"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/client";
import { actionError } from "./action-message";

export type DirectoryMessage = { ok: boolean; message: string } | null;

/** Runs one directory action, keeps its outcome for the message beside its control, and refreshes the page on success. */
export function useDirectoryAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<DirectoryMessage>(null);
  const run = (act: () => Promise<ActionResult<unknown>>, success: string, after?: () => void) =>
    start(async () => {
      const out = await act();
      setMessage(out.ok ? { ok: true, message: success } : { ok: false, message: actionError(out) });
      if (out.ok) {
        after?.();
        router.refresh();
      }
    });
  return { pending, message, run };
}

/** A small section inside a directory card, named by its heading so each can be found on its own. */
export function DirectorySection({ id, title, hint, children }: { id: string; title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-md border border-slate-200 p-3">
      <h3 id={id} className="text-sm font-semibold text-slate-800">
        {title}
      </h3>
      {hint && <p className="mt-0.5 text-xs text-slate-600">{hint}</p>}
      <div className="mt-2">{children}</div>
    </section>
  );
}
