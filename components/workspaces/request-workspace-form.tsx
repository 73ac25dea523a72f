"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { submitChangeRequest } from "@/lib/actions/requests";
import type { ChangeRequestInput } from "@/lib/schemas/requests";
import { breakEvenSentence } from "@/lib/presentation/format";
import { ROOT_VOLUME_SIZES_GB, userVolumeOptions, validCombination } from "@/lib/domain/client";
import type { BundleCard } from "@/lib/queries/new-workspace";
import { errorClass, hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { BundlePicker } from "./bundle-picker";
import { PreviewPanel } from "./preview-panel";
import { readSubmitResult } from "./submit-result";
import { SubmitOutcome } from "./submit-outcome";
import { usePreview } from "./use-preview";

const TIMEOUT_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48];

export interface RequestWorkspaceFormProps {
  directories: { id: string; name: string; type: string; region: string }[];
  bundles: BundleCard[];
  costCenter: string;
  ownerUserName: string;
  expectedAutoStopHours: number;
  /** An admin creating a WorkSpace for this person: every rule of theirs applies, only approval is skipped. */
  beneficiary?: { id: string; name: string };
}

export function RequestWorkspaceForm({
  directories,
  bundles,
  costCenter: defaultCostCenter,
  ownerUserName,
  expectedAutoStopHours,
  beneficiary,
}: RequestWorkspaceFormProps) {
  const router = useRouter();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [directoryId, setDirectoryId] = useState(directories[0]?.id ?? "");
  const region = directories.find((d) => d.id === directoryId)?.region;
  const regionBundles = useMemo(() => bundles.filter((b) => b.region === region), [bundles, region]);
  const [bundleId, setBundleId] = useState(regionBundles[0]?.id ?? "");
  const bundle = regionBundles.find((b) => b.id === bundleId);
  const [runningMode, setRunningMode] = useState<"AUTO_STOP" | "ALWAYS_ON">("AUTO_STOP");
  const [timeoutHours, setTimeoutHours] = useState(1);
  const [rootGb, setRootGb] = useState(bundle?.defaultRootVolumeGb ?? 80);
  const [userGb, setUserGb] = useState(bundle?.defaultUserVolumeGb ?? 50);
  const [encrypted, setEncrypted] = useState(false);
  const [costCenter, setCostCenter] = useState(defaultCostCenter);
  const [justification, setJustification] = useState("");
  const [outcome, setOutcome] = useState<{ error: string; reasons: string[]; fieldErrors: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();

  function chooseBundle(id: string) {
    setBundleId(id);
    const b = regionBundles.find((x) => x.id === id);
    if (b) {
      setRootGb(b.defaultRootVolumeGb);
      setUserGb(b.defaultUserVolumeGb);
    }
  }
  function chooseDirectory(id: string) {
    setDirectoryId(id);
    const r = directories.find((d) => d.id === id)?.region;
    const first = bundles.find((b) => b.region === r && b.id === bundleId) ?? bundles.find((b) => b.region === r);
    if (first) chooseBundle(first.id);
  }

  const rootOptions = ROOT_VOLUME_SIZES_GB.filter((r) => r >= (bundle?.defaultRootVolumeGb ?? 0));
  // Never below the bundle's own user volume: the rules refuse a smaller one.
  const smallestUser = bundle?.defaultUserVolumeGb ?? userGb;
  const userOptionsFor = (root: number) =>
    [smallestUser, ...userVolumeOptions(root, smallestUser)].filter((u) => validCombination(root, u));
  const userOptions = userOptionsFor(rootGb);

  const change: ChangeRequestInput["change"] | null =
    bundle && directoryId
      ? {
          type: "create",
          ownerUserName,
          directoryId,
          bundleId,
          runningMode,
          ...(runningMode === "AUTO_STOP" ? { autoStopTimeoutMinutes: timeoutHours * 60 } : {}),
          rootVolumeGb: rootGb,
          userVolumeGb: userGb,
          rootVolumeEncrypted: encrypted,
          userVolumeEncrypted: encrypted,
          tags: costCenter.trim() ? [{ key: "CostCenter", value: costCenter.trim() }] : [],
        }
      : null;
  const forWhom = beneficiary ? { beneficiaryId: beneficiary.id } : {};
  const { preview, error, loading } = usePreview(change ? { change, ...forWhom } : null);
  const field = (name: string) => outcome?.fieldErrors[name]?.[0];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!change || pending) return;
    startTransition(async () => {
      const result = readSubmitResult(await submitChangeRequest({ change, justification, idempotencyKey, ...forWhom }));
      if ("requestId" in result)
        router.push(
          beneficiary
            ? `/admin/users/${beneficiary.id}?created=${encodeURIComponent(result.requestId)}`
            : `/requests/${result.requestId}?submitted=1`,
        );
      else setOutcome(result);
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <form onSubmit={submit} noValidate className="min-w-0 space-y-5">
        <div>
          <label htmlFor="directory" className={labelClass}>
            Directory
          </label>
          <select id="directory" className={inputClass} value={directoryId} onChange={(e) => chooseDirectory(e.target.value)}>
            {directories.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} — {d.region}
              </option>
            ))}
          </select>
          <p className={hintClass}>
            {beneficiary
              ? `Only the directories offered to ${beneficiary.name} are listed.`
              : "Where your account lives. Only the directories offered to you are listed."}
          </p>
        </div>
        <BundlePicker bundles={regionBundles} value={bundleId} onChange={chooseBundle} />
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="runningMode" className={labelClass}>
              Running mode
            </label>
            <select
              id="runningMode"
              className={inputClass}
              value={runningMode}
              onChange={(e) => setRunningMode(e.target.value as "AUTO_STOP" | "ALWAYS_ON")}
            >
              <option value="AUTO_STOP">AutoStop — billed by the hour, stops when idle</option>
              <option value="ALWAYS_ON">AlwaysOn — fixed monthly price, always ready</option>
            </select>
            <p className={hintClass}>
              {breakEvenSentence(bundle?.breakEvenHours ?? undefined) ?? "Pick AutoStop if you use it part-time."} Estimates assume{" "}
              {expectedAutoStopHours} hours a month.
            </p>
          </div>
          <div>
            <label htmlFor="timeout" className={labelClass}>
              AutoStop timeout
            </label>
            <select
              id="timeout"
              className={inputClass}
              value={timeoutHours}
              disabled={runningMode !== "AUTO_STOP"}
              onChange={(e) => setTimeoutHours(Number(e.target.value))}
            >
              {TIMEOUT_HOURS.map((h) => (
                <option key={h} value={h}>
                  After {h} hour{h > 1 ? "s" : ""} idle
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="rootVolume" className={labelClass}>
              Root volume
            </label>
            <select
              id="rootVolume"
              className={inputClass}
              value={rootGb}
              onChange={(e) => {
                const r = Number(e.target.value);
                setRootGb(r);
                if (!validCombination(r, userGb)) setUserGb(userOptionsFor(r)[0] ?? userGb);
              }}
            >
              {rootOptions.map((r) => (
                <option key={r} value={r}>
                  {r} GB
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="userVolume" className={labelClass}>
              User volume
            </label>
            <select id="userVolume" className={inputClass} value={userGb} onChange={(e) => setUserGb(Number(e.target.value))}>
              {[...new Set(userOptions)].map((u) => (
                <option key={u} value={u}>
                  {u} GB
                </option>
              ))}
            </select>
            <p className={hintClass}>Only sizes that AWS accepts together are listed.</p>
          </div>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={encrypted} onChange={(e) => setEncrypted(e.target.checked)} />
          <span>
            <span className="font-medium">Encrypt volumes</span> — only possible now, at launch; an encrypted WorkSpace takes up to an hour
            to be ready.
          </span>
        </label>
        <div>
          <label htmlFor="costCenter" className={labelClass}>
            Cost centre
          </label>
          <input
            id="costCenter"
            className={inputClass}
            value={costCenter}
            onChange={(e) => setCostCenter(e.target.value)}
            maxLength={255}
          />
        </div>
        <div>
          <label htmlFor="justification" className={labelClass}>
            Justification
          </label>
          <textarea
            id="justification"
            rows={3}
            className={inputClass}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            aria-invalid={Boolean(field("justification"))}
          />
          <p className={hintClass}>
            {beneficiary ? "Kept with the request and in the audit log." : "Your approver reads this. A sentence is enough."}
          </p>
          {field("justification") && <p className={errorClass}>{field("justification")}</p>}
        </div>
        <SubmitOutcome outcome={outcome} />
        <button
          type="submit"
          className={primaryButton}
          disabled={pending || !change || (preview?.allowed === false && preview.reasons.some((r) => r.code !== "CONFIRMATION_REQUIRED"))}
        >
          {pending ? "Submitting…" : beneficiary ? `Create WorkSpace for ${beneficiary.name}` : "Submit request"}
        </button>
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <PreviewPanel preview={preview} loading={loading} error={error} title={beneficiary ? "Cost and rules" : "Cost and approval"} />
      </div>
    </div>
  );
}
