"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { submitChangeRequest } from "@/lib/actions/requests";
import type { ChangeRequestInput } from "@/lib/schemas/requests";
// The volume rules' own module, not the domain's barrel (lib/domain/client): the barrel would also bring its
// module-level work this form never uses (the example price table, money) into the page's browser code.
import { ROOT_VOLUME_SIZES_GB, userVolumeOptions, validCombination } from "@/lib/domain/validate/volumes";
import type { BundleCard, BundleText, CostCurveView, DirectoryStatus } from "@/lib/queries/new-workspace";
import { CostHoursChart } from "@/components/charts/cost-hours-chart";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { BundlePicker } from "./bundle-picker";
import { PreviewPanel } from "./preview-panel";
import { readSubmitResult } from "./submit-result";
import { usePreview } from "./use-preview";
import { RequiredTagInputs } from "@/components/tags/required-tag-inputs";

const COST_CENTRE_KEY = "CostCenter";

const TIMEOUT_HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48];
const FORM_ID = "request-workspace";
const FIELD_LABELS: Record<string, string> = {
  directory: "Directory",
  bundle: "Bundle",
  runningMode: "Running mode",
  timeout: "AutoStop timeout",
  rootVolume: "Root volume",
  userVolume: "User volume",
  costCenter: "Cost centre",
  justification: "Justification",
};

/** The server names fields by their place in the request ("change.tags.0.value"); the form by its own names. */
export function formFieldErrors(serverErrors: Record<string, string[]>): Record<string, string[]> {
  const names: [string, string][] = [
    ["change.directoryId", "directory"],
    ["change.bundleId", "bundle"],
    ["change.runningMode", "runningMode"],
    ["change.autoStopTimeoutMinutes", "timeout"],
    ["change.rootVolumeGb", "rootVolume"],
    ["change.userVolumeGb", "userVolume"],
    ["change.tags", "costCenter"],
    ["justification", "justification"],
  ];
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(serverErrors)) {
    const name = names.find(([prefix]) => key === prefix || key.startsWith(`${prefix}.`))?.[1] ?? key;
    out[name] = [...(out[name] ?? []), ...messages];
  }
  return out;
}

export interface RequestWorkspaceFormProps {
  directories: { id: string; name: string; type: string; region: string }[];
  /** Per directory: whether the person has a WorkSpace there and what stops a request. */
  directoryStatus?: Record<string, DirectoryStatus>;
  /** The directory the form opens on: one where the person may request. */
  defaultDirectoryId?: string | null;
  bundles: BundleCard[];
  /** Monthly cost against hours used, per bundle, for the running-mode chart. */
  curves?: Record<string, CostCurveView>;
  /** Each bundle's name and codes in the portal's labels. */
  bundleText?: Record<string, BundleText>;
  costCenter: string;
  ownerUserName: string;
  expectedAutoStopHours: number;
  /** An admin creating a WorkSpace for this person: every rule of theirs applies, only approval is skipped. */
  beneficiary?: { id: string; name: string };
  /** Tags the policy requires on every new WorkSpace; the cost centre field covers CostCenter. */
  requiredTagKeys?: string[];
}

export function RequestWorkspaceForm({
  directories,
  directoryStatus = {},
  defaultDirectoryId,
  bundles,
  curves = {},
  bundleText = {},
  costCenter: defaultCostCenter,
  ownerUserName,
  expectedAutoStopHours,
  beneficiary,
  requiredTagKeys = [],
}: RequestWorkspaceFormProps) {
  const router = useRouter();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [directoryId, setDirectoryId] = useState(
    (defaultDirectoryId && directories.some((d) => d.id === defaultDirectoryId) ? defaultDirectoryId : directories[0]?.id) ?? "",
  );
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
  const otherRequiredKeys = requiredTagKeys.filter((key) => key !== COST_CENTRE_KEY);
  const [requiredTags, setRequiredTags] = useState<Record<string, string>>({});
  const [justification, setJustification] = useState("");
  const [outcome, setOutcome] = useState<{ error: string; reasons: string[]; fieldErrors: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();

  function chooseBundle(id: string) {
    setBundleId(id);
    const b = bundles.find((x) => x.id === id);
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
          tags: [
            ...(costCenter.trim() ? [{ key: COST_CENTRE_KEY, value: costCenter.trim() }] : []),
            // A required tag without a value is left out, so the rules name it as missing.
            ...otherRequiredKeys.flatMap((key) => {
              const value = requiredTags[key]?.trim();
              return value ? [{ key, value }] : [];
            }),
          ],
        }
      : null;
  const forWhom = beneficiary ? { beneficiaryId: beneficiary.id } : {};
  const { preview, error, loading } = usePreview(change ? { change, ...forWhom } : null);
  const errors = outcome?.fieldErrors ?? null;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const directoryBlocker = directoryStatus[directoryId]?.blocker ?? null;
  // What stops the submit, in the words of the person it is for: the directory's own limit first, then the
  // rules the preview found (the confirmation a destructive change asks for is not a blocker here).
  const reasonText = (r: { code: string; message: string }) =>
    r.code === "ONE_WORKSPACE_PER_DIRECTORY" && directoryBlocker ? directoryBlocker : r.message;
  const blockers = directoryBlocker
    ? [directoryBlocker]
    : preview && !preview.allowed
      ? preview.reasons.filter((r) => r.code !== "CONFIRMATION_REQUIRED").map(reasonText)
      : [];
  const curve = curves[bundleId];

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
      else setOutcome({ ...result, fieldErrors: formFieldErrors(result.fieldErrors) });
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <form ref={formRef} id={FORM_ID} onSubmit={submit} noValidate className="min-w-0 space-y-5">
        <ErrorSummary formId={FORM_ID} message={outcome?.error} errors={errors} labels={FIELD_LABELS} reasons={outcome?.reasons} />
        <div>
          <label htmlFor={`${FORM_ID}-directory`} className={labelClass}>
            Directory
          </label>
          <select
            {...fieldProps(FORM_ID, "directory", errors, `${FORM_ID}-directory-hint`)}
            className={inputClass + invalidClass(errors, "directory")}
            value={directoryId}
            onChange={(e) => chooseDirectory(e.target.value)}
          >
            {directories.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} — {d.region}
                {directoryStatus[d.id]?.hasWorkspace ? (beneficiary ? " (has one)" : " (you have one)") : ""}
              </option>
            ))}
          </select>
          <p id={`${FORM_ID}-directory-hint`} className={hintClass}>
            {beneficiary
              ? `Only the directories offered to ${beneficiary.name} are listed; one WorkSpace per directory.`
              : "Where your account lives. Only the directories offered to you are listed; you can have one WorkSpace in each."}
          </p>
          <FieldError formId={FORM_ID} name="directory" errors={errors} />
        </div>
        <BundlePicker key={region} bundles={regionBundles} text={bundleText} value={bundleId} onChange={chooseBundle} />
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${FORM_ID}-runningMode`} className={labelClass}>
              Running mode
            </label>
            <select
              {...fieldProps(FORM_ID, "runningMode", errors, `${FORM_ID}-runningMode-hint`)}
              className={inputClass + invalidClass(errors, "runningMode")}
              value={runningMode}
              onChange={(e) => setRunningMode(e.target.value as "AUTO_STOP" | "ALWAYS_ON")}
            >
              <option value="AUTO_STOP">AutoStop — billed by the hour, stops when idle</option>
              <option value="ALWAYS_ON">AlwaysOn — fixed monthly price, always ready</option>
            </select>
            <p id={`${FORM_ID}-runningMode-hint`} className={hintClass}>
              {curves[bundleId]?.text.breakEven ?? "Pick AutoStop if you use it part-time."} Estimates assume {expectedAutoStopHours} hours
              a month.
            </p>
            <FieldError formId={FORM_ID} name="runningMode" errors={errors} />
          </div>
          <div>
            <label htmlFor={`${FORM_ID}-timeout`} className={labelClass}>
              AutoStop timeout
            </label>
            <select
              {...fieldProps(FORM_ID, "timeout", errors)}
              className={inputClass + invalidClass(errors, "timeout")}
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
            <FieldError formId={FORM_ID} name="timeout" errors={errors} />
          </div>
          <div>
            <label htmlFor={`${FORM_ID}-rootVolume`} className={labelClass}>
              Root volume
            </label>
            <select
              {...fieldProps(FORM_ID, "rootVolume", errors)}
              className={inputClass + invalidClass(errors, "rootVolume")}
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
            <FieldError formId={FORM_ID} name="rootVolume" errors={errors} />
          </div>
          <div>
            <label htmlFor={`${FORM_ID}-userVolume`} className={labelClass}>
              User volume
            </label>
            <select
              {...fieldProps(FORM_ID, "userVolume", errors, `${FORM_ID}-userVolume-hint`)}
              className={inputClass + invalidClass(errors, "userVolume")}
              value={userGb}
              onChange={(e) => setUserGb(Number(e.target.value))}
            >
              {[...new Set(userOptions)].map((u) => (
                <option key={u} value={u}>
                  {u} GB
                </option>
              ))}
            </select>
            <p id={`${FORM_ID}-userVolume-hint`} className={hintClass}>
              Only sizes that AWS accepts together are listed.
            </p>
            <FieldError formId={FORM_ID} name="userVolume" errors={errors} />
          </div>
        </div>
        {curve && (
          <section aria-labelledby={`${FORM_ID}-modes`} className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 id={`${FORM_ID}-modes`} className="text-sm font-semibold text-slate-800">
              AlwaysOn or AutoStop: cost by hours used
            </h2>
            <p className="mb-2 text-xs text-slate-600">For the chosen bundle with its own volumes.</p>
            <CostHoursChart id={`${FORM_ID}-chart`} curve={curve} text={curve.text} />
          </section>
        )}
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={encrypted} onChange={(e) => setEncrypted(e.target.checked)} />
          <span>
            <span className="font-medium">Encrypt volumes</span> — only possible now, at launch; an encrypted WorkSpace takes up to an hour
            to be ready.
          </span>
        </label>
        <div>
          <label htmlFor={`${FORM_ID}-costCenter`} className={labelClass}>
            Cost centre
          </label>
          <input
            {...fieldProps(
              FORM_ID,
              "costCenter",
              errors,
              requiredTagKeys.includes(COST_CENTRE_KEY) ? `${FORM_ID}-costCenter-hint` : undefined,
            )}
            className={inputClass + invalidClass(errors, "costCenter")}
            value={costCenter}
            onChange={(e) => setCostCenter(e.target.value)}
          />
          {requiredTagKeys.includes(COST_CENTRE_KEY) && (
            <p id={`${FORM_ID}-costCenter-hint`} className={hintClass}>
              Required: the AWS bill is split by cost centre.
            </p>
          )}
          <FieldError formId={FORM_ID} name="costCenter" errors={errors} />
        </div>
        <RequiredTagInputs
          formId={FORM_ID}
          keys={otherRequiredKeys}
          values={requiredTags}
          onChange={(key, value) => setRequiredTags({ ...requiredTags, [key]: value })}
          errors={errors}
        />
        <div>
          <label htmlFor={`${FORM_ID}-justification`} className={labelClass}>
            Justification
          </label>
          <textarea
            {...fieldProps(FORM_ID, "justification", errors, `${FORM_ID}-justification-hint`)}
            rows={3}
            className={inputClass + invalidClass(errors, "justification")}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
          />
          <p id={`${FORM_ID}-justification-hint`} className={hintClass}>
            {beneficiary ? "Kept with the request and in the audit log." : "Your approver reads this. A sentence is enough."}
          </p>
          <FieldError formId={FORM_ID} name="justification" errors={errors} />
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
          <button
            type="submit"
            className={`${primaryButton} shrink-0`}
            disabled={pending || !change || blockers.length > 0}
            aria-describedby={blockers.length > 0 ? `${FORM_ID}-blocker` : undefined}
          >
            {pending ? "Submitting…" : beneficiary ? `Create WorkSpace for ${beneficiary.name}` : "Submit request"}
          </button>
          {blockers.length > 0 && (
            <div id={`${FORM_ID}-blocker`} data-testid="submit-blocker" className="text-sm text-amber-900" aria-live="polite">
              {blockers.map((b) => (
                <p key={b}>{b}</p>
              ))}
            </div>
          )}
        </div>
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <PreviewPanel
          preview={preview}
          loading={loading}
          error={error}
          reasonText={reasonText}
          title={beneficiary ? "Cost and rules" : "Cost and approval"}
        />
      </div>
    </div>
  );
}
