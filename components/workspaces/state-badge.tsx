import { Badge } from "@/components/ui/badge";
import { progressHint, stateTone } from "@/lib/presentation/status";

/** The WorkSpace's state in words, announced politely when a refresh changes it. */
export function StateBadge({ state, label, tone, withHint = true }: { state: string; label: string; tone: string; withHint?: boolean }) {
  const hint = progressHint(state);
  return (
    <span aria-live="polite" className="inline-flex flex-wrap items-center gap-2">
      <Badge tone={stateTone(tone)}>
        {hint && <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-current" />}
        {label}
      </Badge>
      {withHint && hint && <span className="text-xs text-slate-600">{hint}</span>}
    </span>
  );
}
