"use client";

import type { previewChange } from "@/lib/actions/requests";

export type Preview = Extract<Awaited<ReturnType<typeof previewChange>>, { ok: true }>["data"];

const STEP_NAMES: Record<string, string> = { MANAGER: "your manager", ADMIN: "an admin" };

function approvalText(p: Preview): string {
  if (p.approval.autoApproved) return "No approval needed — it starts as soon as you submit.";
  const who = p.approval.steps.map((s) => STEP_NAMES[s] ?? s).join(", then ");
  return `Needs approval from ${who}.`;
}

/** What the request will do, shown beside the form before anything is submitted. */
export function PreviewPanel({
  preview,
  loading,
  error,
  title = "Before you submit",
  reasonText = (r) => r.message,
}: {
  preview: Preview | null;
  loading: boolean;
  error: string | null;
  title?: string;
  /** How a refusal reads on this form (e.g. in "you" words); the rule's own message by default. */
  reasonText?: (reason: Preview["reasons"][number]) => string;
}) {
  return (
    <aside aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="preview-heading" className="flex items-center justify-between text-base font-semibold text-brand-900">
        {title}
        {loading && <span className="text-xs font-normal text-slate-500">Checking…</span>}
      </h2>
      <div aria-live="polite" aria-busy={loading} className="mt-3 space-y-3 text-sm">
        {error && <p className="text-red-700">{error}</p>}
        {!preview && !error && (
          <p className="text-slate-600">Fill in the form to see whether it is allowed, what it costs and who approves it.</p>
        )}
        {preview && (
          <>
            {preview.allowed ? (
              <p className="font-semibold text-emerald-800">✓ Allowed</p>
            ) : (
              <div>
                <p className="font-semibold text-red-800">Not allowed yet</p>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-red-900" data-testid="refusal-reasons">
                  {preview.reasons.map((r) => (
                    <li key={r.code + r.message}>{reasonText(r)}</li>
                  ))}
                </ul>
              </div>
            )}
            <div>
              <p className="font-medium text-slate-700">Monthly cost</p>
              {preview.monthlyDelta ? (
                <p className="text-lg font-semibold text-slate-900" data-testid="monthly-delta">
                  {preview.monthlyDelta.text}
                </p>
              ) : (
                <p className="text-amber-800">{preview.costProblem ?? "Cannot be estimated."}</p>
              )}
              {preview.monthlyDelta?.unconfirmedPrices && (
                <p className="text-xs text-slate-600">Estimated from example prices an admin has not confirmed yet.</p>
              )}
              {preview.monthlyDelta?.notes.map((n) => (
                <p key={n} className="text-xs text-slate-600">
                  {n}
                </p>
              ))}
            </div>
            <div>
              <p className="font-medium text-slate-700">Approval</p>
              <p data-testid="approval">{approvalText(preview)}</p>
              {!preview.approval.autoApproved && <p className="text-xs text-slate-600">{preview.approval.why}</p>}
            </div>
            <div>
              <p className="font-medium text-slate-700">Downtime</p>
              <p>{preview.downtime}</p>
            </div>
            {preview.loss && (
              <div className="rounded-md border border-red-200 bg-red-50 p-2 text-red-900">
                <p className="font-medium">What is lost</p>
                <p>{preview.loss}</p>
              </div>
            )}
          </>
        )}
      </div>
    </aside>
  );
}
