import Link from "next/link";
import { ACTIONS, type ActionKind } from "@/lib/presentation/actions";
import type { ActionAvailability } from "@/lib/queries/workspace-actions";

const SELECTED = "border-brand-600 bg-brand-50 text-brand-900";
const DESTRUCTIVE = "border-red-200 bg-white text-red-800 hover:bg-red-50";
const PLAIN = "border-slate-300 bg-white text-slate-800 hover:bg-slate-50";

const HELD = "Waits for the open request above.";

/** Every action, as a link when it can be asked for and as a disabled button with the reason when not. */
export function ActionList({
  workspaceId,
  availability,
  selected,
}: {
  workspaceId: string;
  availability: ActionAvailability[];
  selected: ActionKind | null;
}) {
  return (
    <ul className="grid gap-2 sm:grid-cols-2">
      {ACTIONS.map((a) => {
        const state = availability.find((x) => x.kind === a.kind);
        const reasonId = `why-${a.kind}`;
        const base = "flex w-full items-center justify-between rounded-md border px-3 py-2 text-left text-sm font-medium";
        return (
          <li key={a.kind}>
            {state?.available ? (
              <Link
                href={`/workspaces/${workspaceId}?action=${a.kind}#action-form`}
                aria-current={selected === a.kind ? "true" : undefined}
                className={`${base} ${selected === a.kind ? SELECTED : a.destructive ? DESTRUCTIVE : PLAIN}`}
              >
                {a.label}
                <span aria-hidden>→</span>
              </Link>
            ) : state?.heldByOpenRequest && state.reasons.length === 0 ? (
              // Held back only by the open request the banner above tells of: quietly disabled, the reason on hover
              // and for screen readers, not another warning.
              <>
                <button
                  type="button"
                  disabled
                  aria-describedby={reasonId}
                  title={HELD}
                  className={`${base} cursor-not-allowed border-slate-200 bg-slate-50 text-slate-600`}
                >
                  {a.label}
                </button>
                <span id={reasonId} className="sr-only">
                  {HELD}
                </span>
              </>
            ) : (
              <>
                <button
                  type="button"
                  disabled
                  aria-describedby={reasonId}
                  className={`${base} cursor-not-allowed border-slate-200 bg-slate-50 text-slate-600`}
                >
                  {a.label}
                </button>
                <p id={reasonId} className="mt-1 text-xs text-slate-600">
                  {state?.reasons.join(" ") || "Not available."}
                </p>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
