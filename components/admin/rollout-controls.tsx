"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { continueRolloutAction, retryRolloutAction, stopRolloutAction } from "@/lib/actions/admin-rollouts";
import { ActionMessage, actionError } from "./action-message";

/** Continue after the canary, Stop, and Retry failed items; AWS's or the portal's refusal shows beside them. */
export function RolloutControls({
  rolloutId,
  canContinue,
  canStop,
  canRetry,
  failed,
  live,
}: {
  rolloutId: string;
  canContinue: boolean;
  canStop: boolean;
  canRetry: boolean;
  failed: number;
  /** Look again every few seconds while WorkSpaces are under way or a wave is due. */
  live: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [live, router]);

  const run = (what: () => Promise<{ ok: true; data: unknown } | { ok: false; error: string }>, done: (data: unknown) => string) =>
    start(async () => {
      const out = await what();
      setMessage(out.ok ? { ok: true, message: done(out.data) } : { ok: false, message: actionError(out) });
      router.refresh();
    });

  if (!canContinue && !canStop && !canRetry) return null;
  const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50";
  return (
    <div className="mb-4">
      <div className="flex flex-wrap gap-2">
        {canContinue && (
          <button
            type="button"
            disabled={pending}
            className={`${button} bg-brand-600 text-white`}
            onClick={() =>
              run(
                () => continueRolloutAction({ rolloutId }),
                () => "The next wave starts once the pause has passed.",
              )
            }
          >
            Continue
          </button>
        )}
        {canRetry && (
          <button
            type="button"
            disabled={pending}
            className={`${button} border border-slate-300 hover:bg-slate-100`}
            onClick={() =>
              run(
                () => retryRolloutAction({ rolloutId }),
                (d) => {
                  const n = (d as { retried: number }).retried;
                  return `Trying ${n} failed WorkSpace${n === 1 ? "" : "s"} again.`;
                },
              )
            }
          >
            Retry failed items ({failed})
          </button>
        )}
        {canStop && (
          <button
            type="button"
            disabled={pending}
            className={`${button} border border-red-300 text-red-800 hover:bg-red-50`}
            onClick={() =>
              run(
                () => stopRolloutAction({ rolloutId }),
                () => "Stopped: no further WorkSpace is sent to AWS.",
              )
            }
          >
            Stop the rollout
          </button>
        )}
      </div>
      <ActionMessage result={message} />
    </div>
  );
}
