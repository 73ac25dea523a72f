"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { registerDirectoryAction } from "@/lib/actions/admin-directories";
import type { UnregisteredDirectory } from "@/lib/queries/admin-directories";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";

const FORM_ID = "register";
const LABELS = { directory: "Directory", subnetA: "First subnet", subnetB: "Second subnet" };
// Where the server's paths land on this form: the pair's own refusal (two equal subnets) is shown on the second.
const RENAME = { "subnetIds.0": "subnetA", "subnetIds.1": "subnetB", subnetIds: "subnetB", directoryId: "directory", region: "directory" };

/** A directory the form offers, with its type already in words (labelled on the server, so no label tables ship here). */
export type RegisterCandidate = Omit<UnregisteredDirectory, "type"> & { typeLabel: string };

/**
 * Registers a Directory Service directory with WorkSpaces, in two subnets of different Availability Zones, then
 * opens the directory's page.
 */
export function DirectoryRegisterForm({ candidates }: { candidates: RegisterCandidate[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [key, setKey] = useState("");
  const [subnetA, setSubnetA] = useState("");
  const [subnetB, setSubnetB] = useState("");
  const [selfService, setSelfService] = useState(false);
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);
  const chosen = candidates.find((c) => `${c.region}/${c.directoryId}` === key);
  useUnsavedChanges(!outcome?.ok && Boolean(key || subnetA.trim() || subnetB.trim()));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!chosen)
      return setOutcome({ ok: false, message: "Some fields need attention.", fieldErrors: { directory: ["Choose a directory."] } });
    run(
      () =>
        registerDirectoryAction({
          region: chosen.region,
          directoryId: chosen.directoryId,
          subnetIds: [subnetA, subnetB],
          enableSelfService: selfService,
        }),
      `Registered ${chosen.name}.`,
      { rename: RENAME, after: () => router.push(`/admin/directories/${chosen.directoryId}?registered=1`) },
    );
  };

  if (candidates.length === 0)
    return (
      <p className="text-sm text-slate-600">
        Every Directory Service directory in the managed Regions is already registered with WorkSpaces.
      </p>
    );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="max-w-xl space-y-4">
      <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={LABELS} />
      <div>
        <label htmlFor={`${FORM_ID}-directory`} className={labelClass}>
          {LABELS.directory}
        </label>
        <select
          {...fieldProps(FORM_ID, "directory", errors)}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          className={`${inputClass}${invalidClass(errors, "directory")}`}
        >
          <option value="">Choose a directory…</option>
          {candidates.map((c) => (
            <option key={`${c.region}/${c.directoryId}`} value={`${c.region}/${c.directoryId}`}>
              {c.name} · {c.region} · {c.typeLabel}
            </option>
          ))}
        </select>
        <FieldError formId={FORM_ID} name="directory" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${FORM_ID}-subnetA`} className={labelClass}>
          {LABELS.subnetA}
        </label>
        <input
          {...fieldProps(FORM_ID, "subnetA", errors, `${FORM_ID}-subnet-hint`)}
          value={subnetA}
          onChange={(e) => setSubnetA(e.target.value)}
          placeholder="subnet-0123456789abcdef0"
          className={`${inputClass} font-mono text-xs${invalidClass(errors, "subnetA")}`}
        />
        <FieldError formId={FORM_ID} name="subnetA" errors={errors} />
      </div>
      <div>
        <label htmlFor={`${FORM_ID}-subnetB`} className={labelClass}>
          {LABELS.subnetB}
        </label>
        <input
          {...fieldProps(FORM_ID, "subnetB", errors, `${FORM_ID}-subnet-hint`)}
          value={subnetB}
          onChange={(e) => setSubnetB(e.target.value)}
          placeholder="subnet-0123456789abcdef1"
          className={`${inputClass} font-mono text-xs${invalidClass(errors, "subnetB")}`}
        />
        <p id={`${FORM_ID}-subnet-hint`} className={hintClass}>
          Two subnets of the directory&apos;s VPC, in different Availability Zones: subnet- followed by 8 or 17 hexadecimal digits.
        </p>
        <FieldError formId={FORM_ID} name="subnetB" errors={errors} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enableSelfService"
          checked={selfService}
          onChange={(e) => setSelfService(e.target.checked)}
          className="size-4 accent-brand-600"
        />
        Enable self-service
      </label>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Registering…" : "Register directory"}
      </button>
      <OutcomeStatus outcome={outcome} />
    </form>
  );
}
