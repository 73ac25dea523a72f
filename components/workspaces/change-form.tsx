"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { submitChangeRequest } from "@/lib/actions/requests";
import type { ChangeRequestInput } from "@/lib/schemas/requests";
import { ACTIONS, type ActionKind } from "@/lib/presentation/actions";
import { breakEvenSentence } from "@/lib/presentation/format";
import { rootVolumeOptions, userVolumeOptions } from "@/lib/domain/client";
import { errorClass, hintClass, inputClass, labelClass, primaryButton, dangerButton } from "@/components/ui/styles";
import { PreviewPanel } from "./preview-panel";
import { readSubmitResult } from "./submit-result";
import { SubmitOutcome } from "./submit-outcome";
import { usePreview } from "./use-preview";

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
    computeTypes: { value: string; label: string }[];
    migrationTargets: { id: string; name: string }[];
    breakEvenHours: number | null;
  };
}

type Change = ChangeRequestInput["change"];
const TIMEOUT_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48];

export function ChangeForm({ kind, workspace, options }: ChangeFormProps) {
  const router = useRouter();
  const action = ACTIONS.find((a) => a.kind === kind)!;
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [computeType, setComputeType] = useState(options.computeTypes.find((c) => c.value !== workspace.computeType)?.value ?? "");
  const userOptions = userVolumeOptions(workspace.rootVolumeGb, workspace.userVolumeGb);
  const rootOptions = rootVolumeOptions(workspace.rootVolumeGb, workspace.userVolumeGb);
  const [volume, setVolume] = useState<"user" | "root">(userOptions.length || !rootOptions.length ? "user" : "root");
  const [size, setSize] = useState<number>((volume === "user" ? userOptions[0] : rootOptions[0]) ?? 0);
  const [mode, setMode] = useState(workspace.runningMode === "AUTO_STOP" ? "ALWAYS_ON" : "AUTO_STOP");
  const [timeoutHours, setTimeoutHours] = useState(1);
  const [target, setTarget] = useState(options.migrationTargets[0]?.id ?? "");
  const [confirmed, setConfirmed] = useState(false);
  const [justification, setJustification] = useState("");
  const [outcome, setOutcome] = useState<{ error: string; reasons: string[]; fieldErrors: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();

  const change: Change | null = useMemo(() => {
    const workspaceId = workspace.id;
    switch (kind) {
      case "computeType":
        return computeType ? ({ type: "computeType", workspaceId, computeType } as Change) : null;
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
  }, [kind, workspace.id, computeType, volume, size, mode, timeoutHours, target]);

  const { preview, error, loading } = usePreview(change ? { change, confirmDestructive: action.destructive ? confirmed : false } : null);
  const field = (name: string) => outcome?.fieldErrors[name]?.[0];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!change || pending) return;
    startTransition(async () => {
      const result = readSubmitResult(await submitChangeRequest({ change, justification, confirmDestructive: confirmed, idempotencyKey }));
      if ("requestId" in result) router.push(`/requests/${result.requestId}?submitted=1`);
      else setOutcome(result);
    });
  }

  const sizes = volume === "user" ? userOptions : rootOptions;
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <form onSubmit={submit} noValidate className="space-y-4" aria-describedby="change-status">
        {kind === "computeType" && (
          <div>
            <label htmlFor="computeType" className={labelClass}>
              Compute type
            </label>
            <select id="computeType" className={inputClass} value={computeType} onChange={(e) => setComputeType(e.target.value)}>
              {options.computeTypes.map((c) => (
                <option key={c.value} value={c.value} disabled={c.value === workspace.computeType}>
                  {c.label}
                  {c.value === workspace.computeType ? " (current)" : ""}
                </option>
              ))}
            </select>
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
              <label htmlFor="size" className={labelClass}>
                New size
              </label>
              <select
                id="size"
                className={inputClass}
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
            </div>
          </>
        )}
        {kind === "runningMode" && (
          <>
            <div>
              <label htmlFor="runningMode" className={labelClass}>
                Running mode
              </label>
              <select id="runningMode" className={inputClass} value={mode} onChange={(e) => setMode(e.target.value)}>
                <option value="ALWAYS_ON">AlwaysOn — billed monthly, always ready</option>
                <option value="AUTO_STOP">AutoStop — billed by the hour, stops when idle</option>
              </select>
              {options.breakEvenHours && <p className={hintClass}>{breakEvenSentence(options.breakEvenHours)}</p>}
            </div>
            {mode === "AUTO_STOP" && (
              <div>
                <label htmlFor="timeout" className={labelClass}>
                  AutoStop timeout
                </label>
                <select id="timeout" className={inputClass} value={timeoutHours} onChange={(e) => setTimeoutHours(Number(e.target.value))}>
                  {TIMEOUT_HOURS.map((h) => (
                    <option key={h} value={h}>
                      {h} hour{h > 1 ? "s" : ""} idle
                    </option>
                  ))}
                </select>
              </div>
            )}
          </>
        )}
        {kind === "migrate" && (
          <div>
            <label htmlFor="target" className={labelClass}>
              Target bundle
            </label>
            <select id="target" className={inputClass} value={target} onChange={(e) => setTarget(e.target.value)}>
              {options.migrationTargets.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {action.destructive && (
          <div className="rounded-md border border-red-200 bg-red-50 p-3">
            <label className="flex items-start gap-2 text-sm text-red-900">
              <input type="checkbox" className="mt-1" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <span>
                <span className="font-semibold">I understand what is lost.</span> {preview?.loss ?? ""}
              </span>
            </label>
          </div>
        )}
        <div>
          <label htmlFor="justification" className={labelClass}>
            Justification
          </label>
          <textarea
            id="justification"
            name="justification"
            rows={3}
            className={inputClass}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            aria-invalid={Boolean(field("justification"))}
            aria-describedby="justification-hint"
          />
          <p id="justification-hint" className={hintClass}>
            Your approver reads this. A sentence is enough.
          </p>
          {field("justification") && <p className={errorClass}>{field("justification")}</p>}
        </div>
        <SubmitOutcome outcome={outcome} id="change-status" />
        <button
          type="submit"
          className={action.destructive ? dangerButton : primaryButton}
          disabled={
            pending ||
            !change ||
            (preview?.allowed === false && preview.reasons.some((r) => r.code !== "CONFIRMATION_REQUIRED")) ||
            (action.destructive && !confirmed)
          }
        >
          {pending ? "Submitting…" : "Submit request"}
        </button>
      </form>
      <PreviewPanel preview={preview} loading={loading} error={error} />
    </div>
  );
}
