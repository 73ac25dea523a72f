"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { startRolloutAction } from "@/lib/actions/admin-rollouts";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";

const FORM_ID = "rollout";
const LABELS: Record<string, string> = {
  imageId: "Image to roll out",
  canarySize: "WorkSpaces in the canary wave",
  pauseMinutes: "Pause between waves",
  failureThresholdPercent: "Stop when more than this share of a wave fails",
  confirmed: "Confirmation",
  sourceBundleId: "Bundle to migrate from",
};

const input = "mt-1 w-full max-w-xs rounded border border-slate-300 px-2 py-1";

/** Starts a staged rollout: the image, the canary's size, the pause and the failure threshold, and the admin's confirmation. */
export function RolloutForm({
  region,
  bundleId,
  method,
  sourceBundleId,
  images,
  currentImageId,
  total,
  defaults,
}: {
  region: string;
  bundleId: string;
  method: "rebuild" | "migrate";
  sourceBundleId?: string;
  images: { imageId: string; name: string }[];
  currentImageId?: string;
  total: number;
  defaults: { canarySize: number; pauseMinutes: number; failureThresholdPercent: number };
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; fields?: FieldErrors; reasons?: string[] } | null>(null);
  useFocusFirstInvalid(formRef, error?.fields);
  const errs = error?.fields;
  const number = (value: FormDataEntryValue | null) => (value === null || value === "" ? Number.NaN : Number(value));

  return (
    <form
      id={FORM_ID}
      ref={formRef}
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        start(async () => {
          const out = await startRolloutAction({
            region,
            bundleId,
            method,
            sourceBundleId,
            imageId: String(data.get("imageId") ?? ""),
            canarySize: number(data.get("canarySize")),
            pauseMinutes: number(data.get("pauseMinutes")),
            failureThresholdPercent: number(data.get("failureThresholdPercent")),
            confirmed: (data.get("confirmed") === "on") as true,
          });
          if (out.ok) {
            router.push(`/admin/rollouts/${out.data.rolloutId}`);
            return;
          }
          setError({ message: out.error, fields: out.fieldErrors, reasons: out.reasons?.map((r) => r.message) });
        });
      }}
    >
      <ErrorSummary formId={FORM_ID} message={error?.message} errors={errs} labels={LABELS} reasons={error?.reasons} />
      <div>
        <label htmlFor={`${FORM_ID}-imageId`} className="block text-sm font-medium text-slate-800">
          {LABELS.imageId}
        </label>
        <select
          {...fieldProps(FORM_ID, "imageId", errs, `${FORM_ID}-imageId-hint`)}
          defaultValue={images.find((i) => i.imageId !== currentImageId)?.imageId ?? currentImageId ?? ""}
          className={input + invalidClass(errs, "imageId")}
        >
          {images.map((i) => (
            <option key={i.imageId} value={i.imageId}>
              {i.name}
              {i.imageId === currentImageId ? " (the bundle's image now)" : ""}
            </option>
          ))}
        </select>
        <p id={`${FORM_ID}-imageId-hint`} className="mt-1 text-xs text-slate-600">
          Only images whose state is Available. If it differs from the bundle&apos;s image, the bundle is updated first; new WorkSpaces get
          it at once.
        </p>
        <FieldError formId={FORM_ID} name="imageId" errors={errs} />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${FORM_ID}-canarySize`} className="block text-sm font-medium text-slate-800">
            {LABELS.canarySize}
          </label>
          <input
            {...fieldProps(FORM_ID, "canarySize", errs)}
            type="number"
            inputMode="numeric"
            min={1}
            max={25}
            defaultValue={Math.min(defaults.canarySize, Math.max(1, total))}
            className={input + invalidClass(errs, "canarySize")}
          />
          <FieldError formId={FORM_ID} name="canarySize" errors={errs} />
        </div>
        <div>
          <label htmlFor={`${FORM_ID}-pauseMinutes`} className="block text-sm font-medium text-slate-800">
            {LABELS.pauseMinutes} (minutes)
          </label>
          <input
            {...fieldProps(FORM_ID, "pauseMinutes", errs)}
            type="number"
            inputMode="numeric"
            min={0}
            defaultValue={defaults.pauseMinutes}
            className={input + invalidClass(errs, "pauseMinutes")}
          />
          <FieldError formId={FORM_ID} name="pauseMinutes" errors={errs} />
        </div>
        <div>
          <label htmlFor={`${FORM_ID}-failureThresholdPercent`} className="block text-sm font-medium text-slate-800">
            {LABELS.failureThresholdPercent} (%)
          </label>
          <input
            {...fieldProps(FORM_ID, "failureThresholdPercent", errs)}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            defaultValue={defaults.failureThresholdPercent}
            className={input + invalidClass(errs, "failureThresholdPercent")}
          />
          <FieldError formId={FORM_ID} name="failureThresholdPercent" errors={errs} />
        </div>
      </div>
      <div>
        <label className="flex items-start gap-2 text-sm">
          <input {...fieldProps(FORM_ID, "confirmed", errs)} type="checkbox" className="mt-1" />
          <span>
            I understand that {total === 1 ? "this WorkSpace loses" : `these ${total} WorkSpaces lose`} what is listed above, and that their
            owners are told before their wave.
          </span>
        </label>
        <FieldError formId={FORM_ID} name="confirmed" errors={errs} />
        <FieldError formId={FORM_ID} name="sourceBundleId" errors={errs} />
      </div>
      <button
        type="submit"
        disabled={pending || total === 0 || images.length === 0}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
      >
        {pending ? "Starting…" : "Start the rollout"}
      </button>
    </form>
  );
}
