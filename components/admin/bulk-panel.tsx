"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startBulkAction, startBulkForFilterAction } from "@/lib/actions/admin-fleet";
import type { FleetFilter } from "@/lib/schemas/admin-fleet-filter";
import type { BulkParams } from "@/lib/schemas/admin";
import { ActionMessage, actionError } from "./action-message";

const ACTIONS: { value: BulkParams["action"]; label: string; destructive?: string }[] = [
  { value: "reboot", label: "Reboot" },
  { value: "start", label: "Start" },
  { value: "stop", label: "Stop" },
  {
    value: "rebuild",
    label: "Rebuild",
    destructive: "Rebuilding recreates drive C from the bundle image; anything users saved there is lost.",
  },
  {
    value: "migrate",
    label: "Migrate",
    destructive: "Migrating recreates each WorkSpace from the target bundle; drive C and changes since the last snapshot are lost.",
  },
  { value: "runningMode", label: "Change running mode" },
  { value: "tags", label: "Tag" },
  { value: "terminate", label: "Terminate", destructive: "Terminating deletes the WorkSpaces and their users' data for good." },
];

/** `exact` is false when the fleet page stopped counting at its cap: then "all matching" says so instead of a number. */
export function BulkPanel({
  filter,
  total,
  exact = true,
  selectedIds,
}: {
  filter: FleetFilter;
  total: number;
  exact?: boolean;
  selectedIds: string[];
}) {
  const router = useRouter();
  const [scope, setScope] = useState<"selected" | "filter">("selected");
  const [action, setAction] = useState<BulkParams["action"]>("reboot");
  const [bundleId, setBundleId] = useState("");
  const [runningMode, setRunningMode] = useState<"ALWAYS_ON" | "AUTO_STOP">("AUTO_STOP");
  const [timeout, setTimeoutMinutes] = useState("60");
  const [tagKey, setTagKey] = useState("CostCenter");
  const [tagValue, setTagValue] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  const chosen = ACTIONS.find((a) => a.value === action)!;
  const count = scope === "selected" ? selectedIds.length : total;
  const howMany = scope === "filter" && !exact ? `all ${total.toLocaleString("en")}+ matching` : String(count);

  const params = (): BulkParams => {
    switch (action) {
      case "migrate":
        return { action, bundleId: bundleId.trim() };
      case "runningMode":
        return { action, runningMode, autoStopTimeoutMinutes: runningMode === "AUTO_STOP" ? Number(timeout) : undefined };
      case "tags":
        return { action, tags: [{ key: tagKey.trim(), value: tagValue }] };
      default:
        return { action };
    }
  };

  const run = () =>
    start(async () => {
      const out =
        scope === "selected"
          ? await startBulkAction({ workspaceIds: selectedIds, params: params(), confirmed })
          : await startBulkForFilterAction({ filter, params: params(), confirmed });
      if (!out.ok) return setMessage({ ok: false, message: actionError(out) });
      router.push(`/admin/fleet/bulk/${out.data.operationId}`);
    });

  return (
    <section aria-labelledby="bulk-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="bulk-heading" className="text-lg font-medium text-brand-900">
        Bulk operation
      </h2>
      <fieldset className="mt-2 flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">Which WorkSpaces</legend>
        <label>
          <input type="radio" name="scope" checked={scope === "selected"} onChange={() => setScope("selected")} />{" "}
          {`The ${selectedIds.length} selected`}
        </label>
        <label>
          <input type="radio" name="scope" checked={scope === "filter"} onChange={() => setScope("filter")} /> All{" "}
          {total.toLocaleString("en")}
          {exact ? "" : "+"} matching the filter
        </label>
      </fieldset>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block text-slate-600">Action</span>
          <select
            value={action}
            onChange={(e) => {
              setAction(e.target.value as BulkParams["action"]);
              setConfirmed(false);
            }}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        {action === "migrate" && (
          <label className="text-sm">
            <span className="block text-slate-600">Target bundle ID</span>
            <input
              value={bundleId}
              onChange={(e) => setBundleId(e.target.value)}
              placeholder="wsb-…"
              className="rounded border border-slate-300 px-2 py-1 font-mono"
            />
          </label>
        )}
        {action === "runningMode" && (
          <>
            <label className="text-sm">
              <span className="block text-slate-600">Running mode</span>
              <select
                value={runningMode}
                onChange={(e) => setRunningMode(e.target.value as "ALWAYS_ON" | "AUTO_STOP")}
                className="rounded border border-slate-300 px-2 py-1"
              >
                <option value="AUTO_STOP">AutoStop</option>
                <option value="ALWAYS_ON">AlwaysOn</option>
              </select>
            </label>
            {runningMode === "AUTO_STOP" && (
              <label className="text-sm">
                <span className="block text-slate-600">AutoStop after (minutes)</span>
                <input
                  type="number"
                  step={60}
                  min={60}
                  value={timeout}
                  onChange={(e) => setTimeoutMinutes(e.target.value)}
                  className="w-28 rounded border border-slate-300 px-2 py-1"
                />
              </label>
            )}
          </>
        )}
        {action === "tags" && (
          <>
            <label className="text-sm">
              <span className="block text-slate-600">Tag key</span>
              <input
                value={tagKey}
                onChange={(e) => setTagKey(e.target.value)}
                className="w-36 rounded border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="text-sm">
              <span className="block text-slate-600">Tag value</span>
              <input
                value={tagValue}
                onChange={(e) => setTagValue(e.target.value)}
                className="w-36 rounded border border-slate-300 px-2 py-1"
              />
            </label>
          </>
        )}
      </div>
      {chosen.destructive && (
        <label className="mt-3 flex items-start gap-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-900">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <span>
            {chosen.destructive} I understand, {chosen.label.toLowerCase()} {howMany} WorkSpaces.
          </span>
        </label>
      )}
      <button
        type="button"
        disabled={pending || count === 0 || (Boolean(chosen.destructive) && !confirmed)}
        onClick={run}
        className="mt-3 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        {chosen.label} {howMany} WorkSpaces
      </button>
      <ActionMessage result={message} />
    </section>
  );
}
