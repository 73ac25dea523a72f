"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { errorClass, hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { BundlePicker } from "@/components/workspaces/bundle-picker";
import { PreviewPanel } from "@/components/workspaces/preview-panel";
import { readSubmitResult } from "@/components/workspaces/submit-result";
import { usePreview } from "@/components/workspaces/use-preview";
import { submitChangeRequest } from "@/lib/actions/requests";
import type { ChangeRequestInput } from "@/lib/actions/requests.validation";
import { launchVolumeOptions } from "@/lib/presentation/volumes";
import type { BundleCard } from "@/lib/queries/new-workspace";

const TIMEOUT_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48];

export interface OnBehalfFormProps {
  beneficiary: { id: string; name: string; directoryUserName: string; costCenter: string };
  directories: { id: string; name: string; region: string }[];
  bundles: BundleCard[];
}

/**
 * An admin creates a WorkSpace for someone else. The server applies the beneficiary's offering and every
 * launch rule (one per directory, valid volumes, …); only the manager's approval is skipped.
 */
export function OnBehalfForm({ beneficiary, directories, bundles }: OnBehalfFormProps) {
  const router = useRouter();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [directoryId, setDirectoryId] = useState(directories[0]?.id ?? "");
  const region = directories.find((d) => d.id === directoryId)?.region;
  const offered = useMemo(() => bundles.filter((b) => b.region === region), [bundles, region]);
  const [bundleId, setBundleId] = useState(offered[0]?.id ?? "");
  const bundle = offered.find((b) => b.id === bundleId);
  const volumeChoices = bundle ? launchVolumeOptions(bundle.defaultRootVolumeGb, bundle.defaultUserVolumeGb) : [];
  const [volumes, setVolumes] = useState(0);
  const chosenVolumes = volumeChoices[volumes] ?? volumeChoices[0];
  const [runningMode, setRunningMode] = useState<"AUTO_STOP" | "ALWAYS_ON">("AUTO_STOP");
  const [timeoutHours, setTimeoutHours] = useState(1);
  const [encrypted, setEncrypted] = useState(false);
  const [costCenter, setCostCenter] = useState(beneficiary.costCenter);
  const [justification, setJustification] = useState("");
  const [outcome, setOutcome] = useState<{ error: string; reasons: string[]; fieldErrors: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();

  const chooseDirectory = (id: string) => {
    setDirectoryId(id);
    const nextRegion = directories.find((d) => d.id === id)?.region;
    setBundleId(bundles.find((b) => b.region === nextRegion)?.id ?? "");
    setVolumes(0);
  };

  const change: ChangeRequestInput["change"] | null =
    bundle && directoryId && chosenVolumes
      ? {
          type: "create",
          ownerUserName: beneficiary.directoryUserName,
          directoryId,
          bundleId,
          runningMode,
          ...(runningMode === "AUTO_STOP" ? { autoStopTimeoutMinutes: timeoutHours * 60 } : {}),
          rootVolumeGb: chosenVolumes.rootGb,
          userVolumeGb: chosenVolumes.userGb,
          rootVolumeEncrypted: encrypted,
          userVolumeEncrypted: encrypted,
          tags: costCenter.trim() ? [{ key: "CostCenter", value: costCenter.trim() }] : [],
        }
      : null;
  const { preview, error, loading } = usePreview(change ? { change, beneficiaryId: beneficiary.id } : null);
  const fieldError = (name: string) => outcome?.fieldErrors[name]?.[0];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!change || pending) return;
    startTransition(async () => {
      const result = readSubmitResult(await submitChangeRequest({ change, justification, idempotencyKey, beneficiaryId: beneficiary.id }));
      if ("requestId" in result) router.push(`/admin/users/${beneficiary.id}?created=${encodeURIComponent(result.requestId)}`);
      else setOutcome(result);
    });
  }

  const refused = preview?.allowed === false && preview.reasons.some((r) => r.code !== "CONFIRMATION_REQUIRED");
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <form onSubmit={submit} noValidate className="min-w-0 space-y-5">
        <div>
          <label htmlFor="directory" className={labelClass}>Directory</label>
          <select id="directory" className={inputClass} value={directoryId} onChange={(e) => chooseDirectory(e.target.value)}>
            {directories.map((d) => <option key={d.id} value={d.id}>{d.name} — {d.region}</option>)}
          </select>
          <p className={hintClass}>The directories {beneficiary.name}&apos;s persona and groups are offered. The WorkSpace is for directory user {beneficiary.directoryUserName}.</p>
        </div>
        <BundlePicker bundles={offered} value={bundleId} onChange={(id) => { setBundleId(id); setVolumes(0); }} />
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="runningMode" className={labelClass}>Running mode</label>
            <select id="runningMode" className={inputClass} value={runningMode} onChange={(e) => setRunningMode(e.target.value as "AUTO_STOP" | "ALWAYS_ON")}>
              <option value="AUTO_STOP">AutoStop — billed by the hour, stops when idle</option>
              <option value="ALWAYS_ON">AlwaysOn — fixed monthly price</option>
            </select>
          </div>
          <div>
            <label htmlFor="timeout" className={labelClass}>AutoStop timeout</label>
            <select id="timeout" className={inputClass} value={timeoutHours} disabled={runningMode !== "AUTO_STOP"} onChange={(e) => setTimeoutHours(Number(e.target.value))}>
              {TIMEOUT_HOURS.map((h) => <option key={h} value={h}>After {h} hour{h > 1 ? "s" : ""} idle</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="volumes" className={labelClass}>Volumes</label>
            <select id="volumes" className={inputClass} value={volumes} onChange={(e) => setVolumes(Number(e.target.value))}>
              {volumeChoices.map((v, i) => <option key={`${v.rootGb}/${v.userGb}`} value={i}>Root {v.rootGb} GB, user {v.userGb} GB</option>)}
            </select>
            <p className={hintClass}>Only combinations AWS accepts for this bundle.</p>
          </div>
          <div>
            <label htmlFor="costCenter" className={labelClass}>Cost centre</label>
            <input id="costCenter" className={inputClass} value={costCenter} onChange={(e) => setCostCenter(e.target.value)} maxLength={255} />
          </div>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={encrypted} onChange={(e) => setEncrypted(e.target.checked)} />
          <span><span className="font-medium">Encrypt volumes</span> — only possible at launch.</span>
        </label>
        <div>
          <label htmlFor="justification" className={labelClass}>Justification</label>
          <textarea id="justification" rows={3} className={inputClass} value={justification} onChange={(e) => setJustification(e.target.value)} aria-invalid={Boolean(fieldError("justification"))} />
          <p className={hintClass}>Recorded in the audit log and shown to {beneficiary.name}.</p>
          {fieldError("justification") && <p className={errorClass}>{fieldError("justification")}</p>}
        </div>
        <div aria-live="assertive">
          {outcome && (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              <p className="font-semibold">{outcome.error}</p>
              {outcome.reasons.length > 0 && <ul className="mt-1 list-disc pl-5">{outcome.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
            </div>
          )}
        </div>
        <button type="submit" className={primaryButton} disabled={pending || !change || refused}>
          {pending ? "Creating…" : `Create WorkSpace for ${beneficiary.name}`}
        </button>
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <PreviewPanel preview={preview} loading={loading} error={error} title="Cost and rules" />
      </div>
    </div>
  );
}
