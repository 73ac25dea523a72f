import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { formatMoney } from "@/lib/domain/client";
import { utc } from "@/lib/presentation/format";
import { runningModeLabel } from "@/lib/presentation/labels";
import type { UsagePanel as UsagePanelData } from "@/lib/queries/optimizer";

/** This month's billable hours against the compute type's break-even line, drawn on the server (no JS). */
export function UsagePanel({ workspaceId, panel }: { workspaceId: string; panel: UsagePanelData }) {
  const { billableHours, thresholdHours, target, monthlyDeltaCents, usage } = panel;
  const scale = Math.max(billableHours, thresholdHours ?? 0, 1) * 1.2;
  const pct = (hours: number) => `${Math.min(100, (hours / scale) * 100).toFixed(1)}%`;
  const over = thresholdHours !== null && billableHours > thresholdHours;
  return (
    <section aria-labelledby="usage-heading" className={`${cardClass} mt-6`}>
      <h2 id="usage-heading" className="mb-2 text-lg font-semibold text-brand-900">
        This month&apos;s usage
      </h2>
      <p className="text-sm">
        {billableHours} billable hours so far
        {thresholdHours !== null ? `; AlwaysOn is cheaper above ${thresholdHours} hours a month for this compute type.` : "."}
      </p>
      {thresholdHours !== null && (
        <div className="relative mt-3 h-4 w-full rounded bg-slate-100" aria-hidden>
          <div className={`h-4 rounded ${over ? "bg-amber-500" : "bg-brand-500"}`} style={{ width: pct(billableHours) }} />
          <div className="absolute -top-1 h-6 w-0.5 bg-slate-800" style={{ left: pct(thresholdHours) }} title="Break-even" />
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600">Usage as of {usage.asOf ? utc(usage.asOf) : "— (not synced yet)"}.</p>
      {target && (
        <p className="mt-3 text-sm">
          {runningModeLabel(target)} would be cheaper for you
          {monthlyDeltaCents !== null && monthlyDeltaCents < 0
            ? ` (about ${formatMoney({ cents: -monthlyDeltaCents, currency: "USD" })} a month less)`
            : ""}
          .{" "}
          <Link href={`/workspaces/${workspaceId}?action=runningMode#action-form`} className="font-medium text-brand-600 underline">
            Ask to switch to {runningModeLabel(target)}
          </Link>
        </p>
      )}
    </section>
  );
}
