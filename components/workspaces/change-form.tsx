"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { submitChangeRequest } from "@/lib/actions/requests";
import type { ChangeRequestInput } from "@/lib/schemas/requests";
import { ACTIONS, type ActionKind } from "@/lib/presentation/actions";
import { breakEvenSentence } from "@/lib/presentation/format";
import { rootVolumeOptions, userVolumeOptions } from "@/lib/domain/client";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton, dangerButton } from "@/components/ui/styles";
import { PreviewPanel } from "./preview-panel";
import { readSubmitResult } from "./submit-result";
import { usePreview } from "./use-preview";

interface ComputeOption {
  value: string;
  label: string;
}

export interface ChangeFormProps {
  kind: ActionKind;
  workspace: {
    id: string;
    computeType: string | null;
    rootVolumeGb: number;
    userVolumeGb: number;
    runningMode: string | null;
    autoStopTimeoutMinutes: number | null;
  };
  options: {
    /** The current type (where the form starts), then larger and smaller ones, each with size and monthly difference. */
    compute: { current: ComputeOption; upgrades: ComputeOption[]; downgrades: ComputeOption[] } | null;
    migrationTargets: { id: string; name: string }[];
    breakEvenHours: number | null;
  };
}

type Change = ChangeRequestInput["change"];
const TIMEOUT_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48];

/** What the error summary calls each field. */
const FIELD_LABELS: Record<string, string> = {
  computeType: "Compute type",
  size: "New size",
  runningMode: "Running mode",
  timeout: "AutoStop timeout",
  target: "Target bundle",
  confirmDestructive: "Confirmation",
  justification: "Justification",
};

// The server names a change's fields by their path ("change.computeType"); the form by the field.
const SERVER_FIELDS: Record<string, string> = {
  "change.computeType": "computeType",
  "change.userVolumeGb": "size",
  "change.rootVolumeGb": "size",
  "change.runningMode": "runningMode",
  "change.autoStopTimeoutMinutes": "timeout",
  "change.targetBundleId": "target",
};

function fieldErrorsOf(server: Record<string, string[]>): FieldErrors {
  return Object.fromEntries(Object.entries(server).map(([key, list]) => [SERVER_FIELDS[key] ?? key, list]));
}

export function ChangeForm({ kind, workspace, options }: ChangeFormProps) {
  const router = useRouter();
  const formId = `change-${kind}`;
  const formRef = useRef<HTMLFormElement>(null);
  const action = ACTIONS.find((a) => a.kind === kind)!;
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [computeType, setComputeType] = useState(options.compute?.current.value ?? "");
  const userOptions = userVolumeOptions(workspace.rootVolumeGb, workspace.userVolumeGb);
  const rootOptions = rootVolumeOptions(workspace.rootVolumeGb, workspace.userVolumeGb);
  const [volume, setVolume] = useState<"user" | "root">(userOptions.length || !rootOptions.length ? "user" : "root");
  const [size, setSize] = useState<number>((volume === "user" ? userOptions[0] : rootOptions[0]) ?? 0);
  const [mode, setMode] = useState(workspace.runningMode === "AUTO_STOP" ? "ALWAYS_ON" : "AUTO_STOP");
  const [timeoutHours, setTimeoutHours] = useState(1);
  const [target, setTarget] = useState(options.migrationTargets[0]?.id ?? "");
  const [confirmed, setConfirmed] = useState(false);
  const [justification, setJustification] = useState("");
  const [outcome, setOutcome] = useState<{ error: string; reasons: string[]; fieldErrors: FieldErrors } | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = outcome?.fieldErrors ?? null;
  useFocusFirstInvalid(formRef, errors);

  const isCurrent = kind === "computeType" && computeType === workspace.computeType;
  const change: Change | null = useMemo(() => {
    const workspaceId = workspace.id;
    switch (kind) {
      case "computeType":
        return computeType && computeType !== workspace.computeType ? ({ type: "computeType", workspaceId, computeType } as Change) : null;
      case "volumes":
        return size
          ? volume === "user"
            ? { type: "volumes", workspaceId, userVolumeGb: size }
            : { type: "volumes", workspaceId, rootVolumeGb: size }
          : null;
      case "runningMode":
        return mode === "AUTO_STOP"
          ? { type: "runningMode", workspaceId, runningMode: "AUTO_STOP", autoStopTimeoutMinutes: timeoutHours * 60 }
          : ({ type: "runningMode", workspaceId, runningMode: mode } as Change);
      case "migrate":
        return target ? { type: "migrate", workspaceId, targetBundleId: target } : null;
      default:
        return { type: kind, workspaceId } as Change;
    }
  }, [kind, workspace.id, workspace.computeType, computeType, volume, size, mode, timeoutHours, target]);

  const { preview, error, loading } = usePreview(change ? { change, confirmDestructive: action.destructive ? confirmed : false } : null);

  /** The portal's own checks before anything is sent, in the order the fields appear. */
  function check(): FieldErrors {
    const found: FieldErrors = {};
    if (kind === "computeType" && (!computeType || isCurrent)) found.computeType = ["Choose a compute type other than the current one."];
    if (kind === "volumes" && !size) found.size = ["No larger size fits; grow the other volume first."];
    if (kind === "migrate" && !target) found.target = ["Choose the bundle to migrate to."];
    if (action.destructive && !confirmed) found.confirmDestructive = ["Confirm that you understand what is lost."];
    if (justification.trim().length < 3) found.justification = ["Say briefly why you need this."];
    return found;
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found = check();
    if (Object.keys(found).length > 0 || !change) {
      setOutcome({ error: "The request was not submitted: some fields need attention.", reasons: [], fieldErrors: found });
      return;
    }
    startTransition(async () => {
      const result = readSubmitResult(await submitChangeRequest({ change, justification, confirmDestructive: confirmed, idempotencyKey }));
      if ("requestId" in result) router.push(`/requests/${result.requestId}?submitted=1`);
      else setOutcome({ ...result, fieldErrors: fieldErrorsOf(result.fieldErrors) });
    });
  }

  const sizes = volume === "user" ? userOptions : rootOptions;
  const field = (name: string, hintId?: string) => fieldProps(formId, name, errors, hintId);
  const option = (c: ComputeOption) => (
    <option key={c.value} value={c.value}>
      {c.label}
    </option>
  );
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <form ref={formRef} id={formId} onSubmit={submit} noValidate className="space-y-4" aria-describedby={`${formId}-status`}>
        <div id={`${formId}-status`}>
          <ErrorSummary formId={formId} message={outcome?.error} errors={errors} labels={FIELD_LABELS} reasons={outcome?.reasons} />
        </div>
        {kind === "computeType" && options.compute && (
          <div>
            <label htmlFor={`${formId}-computeType`} className={labelClass}>
              Compute type
            </label>
            <select
              {...field("computeType", `${formId}-computeType-hint`)}
              className={inputClass + invalidClass(errors, "computeType")}
              value={computeType}
              onChange={(e) => setComputeType(e.target.value)}
            >
              <option value={options.compute.current.value}>{options.compute.current.label}</option>
              {options.compute.upgrades.length > 0 && <optgroup label="Upgrades">{options.compute.upgrades.map(option)}</optgroup>}
              {options.compute.downgrades.length > 0 && <optgroup label="Downgrades">{options.compute.downgrades.map(option)}</optgroup>}
            </select>
            <p id={`${formId}-computeType-hint`} className={hintClass}>
              {isCurrent
                ? "This is the type the WorkSpace has now; choose an upgrade or a downgrade."
                : "Differences are per month, against what the WorkSpace costs now."}
            </p>
            <FieldError formId={formId} name="computeType" errors={errors} />
          </div>
        )}
        {kind === "volumes" && (
          <>
            <fieldset>
              <legend className={labelClass}>Volume to grow</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                {(["user", "root"] as const).map((v) => (
                  <label key={v} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="volume"
                      value={v}
                      checked={volume === v}
                      onChange={() => {
                        setVolume(v);
                        setSize((v === "user" ? userOptions : rootOptions)[0] ?? 0);
                      }}
                    />
                    {v === "user" ? `User volume (now ${workspace.userVolumeGb} GB)` : `Root volume (now ${workspace.rootVolumeGb} GB)`}
                  </label>
                ))}
              </div>
              <p className={hintClass}>Volumes only grow, one at a time, and each at most once every 6 hours.</p>
            </fieldset>
            <div>
              <label htmlFor={`${formId}-size`} className={labelClass}>
                New size
              </label>
              <select
                {...field("size")}
                className={inputClass + invalidClass(errors, "size")}
                value={size}
                onChange={(e) => setSize(Number(e.target.value))}
                disabled={!sizes.length}
              >
                {sizes.map((s) => (
                  <option key={s} value={s}>
                    {s} GB
                  </option>
                ))}
              </select>
              {!sizes.length && <p className={hintClass}>No larger size fits the other volume; grow the other volume first.</p>}
              <FieldError formId={formId} name="size" errors={errors} />
            </div>
          </>
        )}
        {kind === "runningMode" && (
          <>
            <div>
              <label htmlFor={`${formId}-runningMode`} className={labelClass}>
                Running mode
              </label>
              <select
                {...field("runningMode", options.breakEvenHours ? `${formId}-runningMode-hint` : undefined)}
                className={inputClass + invalidClass(errors, "runningMode")}
                value={mode}
                onChange={(e) => setMode(e.target.value)}
              >
                <option value="ALWAYS_ON">AlwaysOn — billed monthly, always ready</option>
                <option value="AUTO_STOP">AutoStop — billed by the hour, stops when idle</option>
              </select>
              {options.breakEvenHours && (
                <p id={`${formId}-runningMode-hint`} className={hintClass}>
                  {breakEvenSentence(options.breakEvenHours)}
                </p>
              )}
              <FieldError formId={formId} name="runningMode" errors={errors} />
            </div>
            {mode === "AUTO_STOP" && (
              <div>
                <label htmlFor={`${formId}-timeout`} className={labelClass}>
                  AutoStop timeout
                </label>
                <select
                  {...field("timeout")}
                  className={inputClass + invalidClass(errors, "timeout")}
                  value={timeoutHours}
                  onChange={(e) => setTimeoutHours(Number(e.target.value))}
                >
                  {TIMEOUT_HOURS.map((h) => (
                    <option key={h} value={h}>
                      {h} hour{h > 1 ? "s" : ""} idle
                    </option>
                  ))}
                </select>
                <FieldError formId={formId} name="timeout" errors={errors} />
              </div>
            )}
          </>
        )}
        {kind === "migrate" && (
          <div>
            <label htmlFor={`${formId}-target`} className={labelClass}>
              Target bundle
            </label>
            <select
              {...field("target")}
              className={inputClass + invalidClass(errors, "target")}
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              {options.migrationTargets.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
            <FieldError formId={formId} name="target" errors={errors} />
          </div>
        )}
        {action.destructive && (
          <div className="rounded-md border border-red-200 bg-red-50 p-3">
            <label className="flex items-start gap-2 text-sm text-red-900">
              <input
                type="checkbox"
                {...field("confirmDestructive")}
                className={"mt-1" + invalidClass(errors, "confirmDestructive")}
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
              />
              <span>
                <span className="font-semibold">I understand what is lost.</span> {preview?.loss ?? ""}
              </span>
            </label>
            <FieldError formId={formId} name="confirmDestructive" errors={errors} />
          </div>
        )}
        <div>
          <label htmlFor={`${formId}-justification`} className={labelClass}>
            Justification
          </label>
          <textarea
            {...field("justification", `${formId}-justification-hint`)}
            rows={3}
            className={inputClass + invalidClass(errors, "justification")}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
          <p id={`${formId}-justification-hint`} className={hintClass}>
            Your approver reads this. A sentence is enough.
          </p>
          <FieldError formId={formId} name="justification" errors={errors} />
        </div>
        <button type="submit" className={action.destructive ? dangerButton : primaryButton} disabled={pending}>
          {pending ? "Submitting…" : "Submit request"}
        </button>
      </form>
      <PreviewPanel preview={preview} loading={loading} error={error} />
    </div>
  );
}
