"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { startBulkAction, startBulkForFilterAction } from "@/lib/actions/admin-fleet";
import type { FleetFilter } from "@/lib/schemas/admin-fleet-filter";
import type { BulkParams } from "@/lib/schemas/admin";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";

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
  { value: "maintenance", label: "Maintenance mode" },
];

/** What admin maintenance means for owners, beside the choice (lib/domain/maintenance.ts holds the rule). */
const MAINTENANCE_HINT =
  "In maintenance nobody can sign in, the WorkSpace cannot be restarted, started, stopped, rebuilt, restored or " +
  "migrated, and AutoStop leaves it running. Owners see a banner; changes they ask for meanwhile wait until you end " +
  "the maintenance. Only ready WorkSpaces can enter it.";

/** What the summary calls each field the server may refuse. */
const FIELD_LABELS: Record<string, string> = {
  "params.bundleId": "Target bundle",
  "params.autoStopTimeoutMinutes": "AutoStop after (hours)",
  "params.tags.0.key": "Tag key",
  "params.tags.0.value": "Tag value",
};

const workspaces = (n: number) => `${n.toLocaleString("en")} WorkSpace${n === 1 ? "" : "s"}`;

/**
 * Fleet actions, in one of three places:
 * - `single`: the admin view of one WorkSpace ("Reboot WSAMZN-1");
 * - rows are selected: a bar that stays at the bottom of the screen, with the count and "Clear selection";
 * - nothing selected: a closed "every WorkSpace matching the filter" section, absent when nothing matches.
 * `exact` is false when the fleet page stopped counting at its cap: then "all matching" says so instead of a number.
 */
export function BulkPanel({
  filter,
  total = 0,
  exact = true,
  selectedIds = [],
  onClearSelection,
  single,
  migrationTargets = [],
}: {
  filter?: FleetFilter;
  total?: number;
  exact?: boolean;
  selectedIds?: string[];
  onClearSelection?: () => void;
  single?: { id: string; name: string };
  /** Bundles a WorkSpace can be migrated to, by name (values are ids). */
  migrationTargets?: { id: string; name: string }[];
}) {
  const mode = single ? "single" : selectedIds.length > 0 ? "selected" : "filter";
  if (mode === "filter" && (total === 0 || !filter)) return null;
  const howMany =
    mode === "single"
      ? single!.name
      : mode === "selected"
        ? workspaces(selectedIds.length)
        : exact
          ? `all ${workspaces(total)} matching`
          : `all ${total.toLocaleString("en")}+ WorkSpaces matching`;
  const form = (
    <BulkForm
      key={mode}
      howMany={howMany}
      migrationTargets={migrationTargets}
      start={(params, confirmed) =>
        mode === "filter"
          ? startBulkForFilterAction({ filter: filter!, params, confirmed })
          : startBulkAction({ workspaceIds: single ? [single.id] : selectedIds, params, confirmed })
      }
    />
  );

  if (mode === "single") return form;
  if (mode === "selected")
    return (
      <section
        aria-labelledby="bulk-heading"
        className="sticky bottom-0 z-20 mt-4 rounded-t-lg border border-brand-200 bg-white p-3 shadow-[0_-4px_12px_rgba(15,23,42,0.12)]"
      >
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="bulk-heading" className="text-base font-semibold text-brand-900" aria-live="polite">
            {workspaces(selectedIds.length)} selected
          </h2>
          {onClearSelection && (
            <button type="button" onClick={onClearSelection} className="text-sm text-brand-700 underline">
              Clear selection
            </button>
          )}
        </div>
        {form}
      </section>
    );
  return (
    <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-base font-medium text-brand-900">
        Act on {exact ? `all ${workspaces(total)}` : `all ${total.toLocaleString("en")}+ WorkSpaces`} matching the filter
      </summary>
      <p className="mt-2 text-sm text-slate-700">Or tick rows in the table to act on just those.</p>
      {form}
    </details>
  );
}

type Started = Awaited<ReturnType<typeof startBulkAction>>;

function BulkForm({
  howMany,
  migrationTargets,
  start: startOperation,
}: {
  howMany: string;
  migrationTargets: { id: string; name: string }[];
  start: (params: BulkParams, confirmed: boolean) => Promise<Started>;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [action, setAction] = useState<BulkParams["action"]>("reboot");
  const [bundleId, setBundleId] = useState("");
  const [runningMode, setRunningMode] = useState<"ALWAYS_ON" | "AUTO_STOP">("AUTO_STOP");
  const [timeoutHours, setTimeoutHours] = useState("1");
  const [tagKey, setTagKey] = useState("CostCenter");
  const [tagValue, setTagValue] = useState("");
  const [maintenanceState, setMaintenanceState] = useState<"ADMIN_MAINTENANCE" | "AVAILABLE">("ADMIN_MAINTENANCE");
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<{ message: string; errors?: FieldErrors; reasons: string[] } | null>(null);
  const [pending, start] = useTransition();
  useFocusFirstInvalid(formRef, failure?.errors);
  const chosen = ACTIONS.find((a) => a.value === action)!;
  const formId = "bulk";
  const errors = failure?.errors;

  const params = (): BulkParams => {
    switch (action) {
      case "migrate":
        return { action, bundleId };
      case "runningMode":
        return {
          action,
          runningMode,
          autoStopTimeoutMinutes: runningMode === "AUTO_STOP" ? Math.round(Number(timeoutHours) * 60) : undefined,
        };
      case "tags":
        return { action, tags: [{ key: tagKey.trim(), value: tagValue }] };
      case "maintenance":
        return { action, state: maintenanceState };
      default:
        return { action };
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.destructive && !confirmed) return;
    start(async () => {
      const out = await startOperation(params(), confirmed);
      if (!out.ok) {
        const fieldMessages = Object.entries(out.fieldErrors ?? {})
          .filter(([name]) => !FIELD_LABELS[name])
          .flatMap(([, list]) => list);
        return setFailure({
          message: out.error,
          errors: out.fieldErrors,
          reasons: [...fieldMessages, ...(out.reasons?.map((r) => r.message) ?? [])].filter((m) => m !== out.error),
        });
      }
      setFailure(null);
      router.push(`/admin/fleet/bulk/${out.data.operationId}`);
    });
  };

  const field = (name: string) => ({
    ...fieldProps(formId, name, errors),
    className: `rounded border border-slate-300 px-2 py-1${invalidClass(errors, name)}`,
  });

  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label="Bulk operation" className="mt-3">
      <ErrorSummary formId={formId} message={failure?.message} errors={errors} labels={FIELD_LABELS} reasons={failure?.reasons} />
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block text-slate-700">Action</span>
          <select
            value={action}
            onChange={(e) => {
              setAction(e.target.value as BulkParams["action"]);
              setConfirmed(false);
              setFailure(null);
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
          <div className="text-sm">
            <label htmlFor={`${formId}-params.bundleId`} className="block text-slate-700">
              Target bundle
            </label>
            <select {...field("params.bundleId")} value={bundleId} onChange={(e) => setBundleId(e.target.value)}>
              <option value="">Choose a bundle</option>
              {migrationTargets.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
            <FieldError formId={formId} name="params.bundleId" errors={errors} />
          </div>
        )}
        {action === "runningMode" && (
          <>
            <label className="text-sm">
              <span className="block text-slate-700">Running mode</span>
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
              <div className="text-sm">
                <label htmlFor={`${formId}-params.autoStopTimeoutMinutes`} className="block text-slate-700">
                  AutoStop after (hours)
                </label>
                <input
                  type="number"
                  step={1}
                  min={1}
                  {...field("params.autoStopTimeoutMinutes")}
                  value={timeoutHours}
                  onChange={(e) => setTimeoutHours(e.target.value)}
                  className={`w-24 ${field("params.autoStopTimeoutMinutes").className}`}
                />
                <FieldError formId={formId} name="params.autoStopTimeoutMinutes" errors={errors} />
              </div>
            )}
          </>
        )}
        {action === "tags" && (
          <>
            <div className="text-sm">
              <label htmlFor={`${formId}-params.tags.0.key`} className="block text-slate-700">
                Tag key
              </label>
              <input
                {...field("params.tags.0.key")}
                value={tagKey}
                onChange={(e) => setTagKey(e.target.value)}
                className={`w-36 ${field("params.tags.0.key").className}`}
              />
              <FieldError formId={formId} name="params.tags.0.key" errors={errors} />
            </div>
            <div className="text-sm">
              <label htmlFor={`${formId}-params.tags.0.value`} className="block text-slate-700">
                Tag value
              </label>
              <input
                {...field("params.tags.0.value")}
                value={tagValue}
                onChange={(e) => setTagValue(e.target.value)}
                className={`w-36 ${field("params.tags.0.value").className}`}
              />
              <FieldError formId={formId} name="params.tags.0.value" errors={errors} />
            </div>
          </>
        )}
        {action === "maintenance" && (
          <label className="text-sm">
            <span className="block text-slate-700">Maintenance</span>
            <select
              value={maintenanceState}
              onChange={(e) => setMaintenanceState(e.target.value as "ADMIN_MAINTENANCE" | "AVAILABLE")}
              aria-describedby={`${formId}-maintenance-hint`}
              className="rounded border border-slate-300 px-2 py-1"
            >
              <option value="ADMIN_MAINTENANCE">Start maintenance</option>
              <option value="AVAILABLE">End maintenance</option>
            </select>
          </label>
        )}
        <button
          type="submit"
          disabled={pending || (Boolean(chosen.destructive) && !confirmed)}
          aria-describedby={chosen.destructive && !confirmed ? `${formId}-confirm-hint` : undefined}
          className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {action === "maintenance"
            ? maintenanceState === "ADMIN_MAINTENANCE"
              ? "Start maintenance of"
              : "End maintenance of"
            : chosen.label}{" "}
          {howMany}
        </button>
      </div>
      {action === "maintenance" && (
        <p id={`${formId}-maintenance-hint`} className="mt-2 max-w-prose text-xs text-slate-700">
          {MAINTENANCE_HINT}
        </p>
      )}
      {chosen.destructive && (
        <label className="mt-3 flex items-start gap-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-900">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <span>
            {chosen.destructive} I understand, {chosen.label.toLowerCase()} {howMany}.
          </span>
        </label>
      )}
      {chosen.destructive && !confirmed && (
        <p id={`${formId}-confirm-hint`} className="mt-1 text-xs text-slate-700">
          {chosen.label} stays off until you tick the box above.
        </p>
      )}
    </form>
  );
}
