import { TONE_CLASSES, type Tone } from "@/lib/presentation/status";

const BADGE_CLASS = "inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset";

export function Badge({ tone, children, className = "" }: { tone: Tone; children: React.ReactNode; className?: string }) {
  return <span className={`${BADGE_CLASS} ${TONE_CLASSES[tone]} ${className}`}>{children}</span>;
}
