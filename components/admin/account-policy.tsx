"use client";

import { useRef, useState } from "react";
import { setAccountPolicyAction } from "@/lib/actions/admin-accounts";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, secondaryButton } from "@/components/ui/styles";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;
const LABELS = { managerThresholdCents: "Manager approves above", adminThresholdCents: "Manager and an admin approve above" };
const dollars = (cents: number | undefined) => (cents === undefined ? "" : String(cents / 100));

/**
 * The approval thresholds for WorkSpaces in one account, where they differ from the policy (a business unit with
 * its own budget). An empty field follows the policy.
 */
export function AccountPolicyForm({
  accountId,
  accountName,
  override,
  policy,
}: {
  accountId: string;
  accountName: string;
  override: { managerThresholdCents?: number; adminThresholdCents?: number } | null;
  policy: { managerThresholdCents: number; adminThresholdCents: number };
}) {
  const formId = `account-policy-${accountId}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [manager, setManager] = useState(dollars(override?.managerThresholdCents));
  const [admin, setAdmin] = useState(dollars(override?.adminThresholdCents));
  const [local, setLocal] = useState<FieldErrors | undefined>();
  const { pending, outcome, run, setOutcome } = useDirectoryAction();
  const errors = local ?? errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const checked: FieldErrors = {};
    const cents = (text: string, key: keyof typeof LABELS) => {
      if (!text.trim()) return null;
      if (!MONEY.test(text.trim())) {
        checked[key] = ["Give an amount in dollars, such as 25 or 25.50, or leave it empty to follow the policy."];
        return null;
      }
      return Math.round(Number(text.trim()) * 100);
    };
    const managerThresholdCents = cents(manager, "managerThresholdCents");
    const adminThresholdCents = cents(admin, "adminThresholdCents");
    if (Object.keys(checked).length) {
      setLocal(checked);
      setOutcome({ ok: false, message: "Some fields need attention.", fieldErrors: checked });
      return;
    }
    setLocal(undefined);
    run(
      () => setAccountPolicyAction({ accountId, managerThresholdCents, adminThresholdCents }),
      `Saved the approval thresholds for ${accountName}.`,
    );
  };

  const field = (key: keyof typeof LABELS, value: string, set: (v: string) => void, policyCents: number) => (
    <div>
      <label htmlFor={`${formId}-${key}`} className={labelClass}>
        {LABELS[key]} ($ a month)
      </label>
      <input
        {...fieldProps(formId, key, errors, `${formId}-${key}-hint`)}
        inputMode="decimal"
        value={value}
        onChange={(e) => set(e.target.value)}
        className={`${inputClass}${invalidClass(errors, key)}`}
      />
      <p id={`${formId}-${key}-hint`} className={hintClass}>
        Empty: as the policy, ${policyCents / 100}.
      </p>
      <FieldError formId={formId} name={key} errors={errors} />
    </div>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="mt-3 space-y-3 border-t border-slate-100 pt-3">
      <h3 className="text-sm font-semibold">Approval thresholds in this account</h3>
      <OutcomeSummary formId={formId} outcome={outcome} labels={LABELS} />
      <div className="grid gap-3 sm:grid-cols-2">
        {field("managerThresholdCents", manager, setManager, policy.managerThresholdCents)}
        {field("adminThresholdCents", admin, setAdmin, policy.adminThresholdCents)}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={secondaryButton}>
          Save thresholds
        </button>
        <OutcomeStatus outcome={outcome} />
      </div>
    </form>
  );
}
