"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, useTransition } from "react";
import { updatePricesAction } from "@/lib/actions/admin-users";
import type { PriceTable } from "@/lib/domain/client";
import { computeTypeLabel, licenceLabel, operatingSystemLabel, runningModeLabel } from "@/lib/presentation/labels";
import { ErrorSummary, FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { primaryButton } from "@/components/ui/styles";
import { useUnsavedChanges } from "@/components/ui/unsaved-changes";
import { ActionMessage } from "./action-message";

const FORM_ID = "prices";
const dollars = (cents: number) => (cents / 100).toFixed(2);
const toCents = (text: string) => Math.round(Number(text) * 100);
const MONEY = /^\d+(\.\d{1,2})?$/;
const MONEY_MESSAGE = "Give a price in dollars with at most two decimals, such as 7.25.";

type Row = {
  region: string;
  computeType: string;
  operatingSystem: string;
  licence: string;
  runningMode: string;
  confirmedAt: string | null;
  monthly: string;
  hourly: string;
};
type StorageRow = { region: string; root: string; user: string; confirmedAt: string | null };
type Draft = { rows: Row[]; storage: StorageRow[] };

const toDraft = (table: PriceTable): Draft => ({
  rows: table.compute.map((c) => ({
    region: c.region,
    computeType: c.computeType,
    operatingSystem: c.operatingSystem,
    licence: c.licence,
    runningMode: c.runningMode,
    confirmedAt: c.confirmedAt,
    monthly: dollars(c.monthlyCents),
    hourly: c.runningMode === "AUTO_STOP" ? dollars(c.hourlyCents) : "",
  })),
  storage: table.storage.map((st) => ({
    region: st.region,
    root: dollars(st.rootPerGbMonthCents),
    user: dollars(st.userPerGbMonthCents),
    confirmedAt: st.confirmedAt,
  })),
});

/** "Standard · Windows · Licence included · AutoStop in us-east-1": a compute price's row, in words. */
const rowName = (r: Row) =>
  `${computeTypeLabel(r.computeType)} · ${operatingSystemLabel(r.operatingSystem)} · ${licenceLabel(r.licence)} · ` +
  `${runningModeLabel(r.runningMode)} in ${r.region}`;

/** Each field's name in the form and in the error summary. */
function fieldLabels(draft: Draft): Record<string, string> {
  const labels: Record<string, string> = {};
  draft.rows.forEach((r, i) => {
    labels[`monthly-${i}`] = `Monthly price, ${rowName(r)}`;
    if (r.runningMode === "AUTO_STOP") labels[`hourly-${i}`] = `Hourly price, ${rowName(r)}`;
  });
  draft.storage.forEach((st, i) => {
    labels[`root-${i}`] = `Root storage price, ${st.region}`;
    labels[`user-${i}`] = `User storage price, ${st.region}`;
  });
  return labels;
}

function checkDraft(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  const check = (name: string, value: string) => {
    if (!MONEY.test(value.trim())) errors[name] = [MONEY_MESSAGE];
  };
  draft.rows.forEach((r, i) => {
    check(`monthly-${i}`, r.monthly);
    if (r.runningMode === "AUTO_STOP") check(`hourly-${i}`, r.hourly);
  });
  draft.storage.forEach((st, i) => {
    check(`root-${i}`, st.root);
    check(`user-${i}`, st.user);
  });
  return errors;
}

/** The server's reason codes ("compute.3.monthlyCents") as the form's fields ("monthly-3"). */
const SERVER_FIELDS: Record<string, string> = {
  "compute.monthlyCents": "monthly",
  "compute.hourlyCents": "hourly",
  "storage.rootPerGbMonthCents": "root",
  "storage.userPerGbMonthCents": "user",
};

/** The price table behind every estimate, one row per price, in words; leaving with unsaved edits asks first. */
export function PriceEditor({ table }: { table: PriceTable }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [saved, setSaved] = useState<Draft>(() => toDraft(table));
  const [draft, setDraft] = useState<Draft>(saved);
  const [failure, setFailure] = useState<{ message: string; errors: FieldErrors; reasons: string[] } | null>(null);
  const [done, setDone] = useState<{ ok: boolean; message: string } | null>(null);
  const [filter, setFilter] = useState("");
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  useUnsavedChanges(dirty);
  const errors = failure?.errors ?? null;
  useFocusFirstInvalid(formRef, errors);
  const labels = useMemo(() => fieldLabels(draft), [draft]);
  const today = new Date().toISOString().slice(0, 10);

  const set = (i: number, patch: Partial<Row>) => {
    setDraft({ ...draft, rows: draft.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
    setDone(null);
  };
  const setStorageRow = (i: number, patch: Partial<StorageRow>) => {
    setDraft({ ...draft, storage: draft.storage.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
    setDone(null);
  };

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const local = checkDraft(draft);
    if (Object.keys(local).length > 0) {
      setFilter("");
      setFailure({ message: "The prices were not saved: some prices need attention.", errors: local, reasons: [] });
      return;
    }
    const submitted = draft;
    start(async () => {
      // The service validates the whole table with the domain schema; anything off comes back as a reason.
      const compute = submitted.rows.map(({ monthly, hourly, ...r }) =>
        r.runningMode === "AUTO_STOP"
          ? { ...r, monthlyCents: toCents(monthly), hourlyCents: toCents(hourly) }
          : { ...r, monthlyCents: toCents(monthly) },
      );
      const storage = submitted.storage.map((st) => ({
        region: st.region,
        rootPerGbMonthCents: toCents(st.root),
        userPerGbMonthCents: toCents(st.user),
        confirmedAt: st.confirmedAt,
      }));
      const out = await updatePricesAction({ value: { ...table, compute, storage } });
      if (out.ok) {
        setFailure(null);
        setSaved(submitted);
        setDone({ ok: true, message: "Prices saved. New estimates use them at once." });
        router.refresh();
        return;
      }
      const fromServer: FieldErrors = {};
      const rest: string[] = [];
      for (const r of out.reasons ?? []) {
        const [list, index, field] = r.code.split(".");
        const prefix = SERVER_FIELDS[`${list}.${field}`];
        if (prefix && index !== undefined) (fromServer[`${prefix}-${index}`] ??= []).push(r.message);
        else rest.push(r.message);
      }
      setFilter("");
      setFailure({ message: out.error, errors: fromServer, reasons: rest });
      setDone(null);
    });
  };

  const cell = "px-2 py-1";
  const input = "w-24 rounded border border-slate-300 px-1 py-0.5";
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = draft.rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => words.every((w) => `${rowName(r)} ${r.region}`.toLowerCase().includes(w)));
  const priceInput = (name: string, value: string, onChange: (v: string) => void, ariaLabel: string) => (
    <>
      <input
        {...fieldProps(FORM_ID, name, errors)}
        aria-label={ariaLabel}
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${input}${invalidClass(errors, name)}`}
      />
      <FieldError formId={FORM_ID} name={name} errors={errors} />
    </>
  );
  return (
    <form ref={formRef} id={FORM_ID} noValidate onSubmit={save}>
      <ErrorSummary formId={FORM_ID} message={failure?.message} errors={errors} labels={labels} reasons={failure?.reasons} />
      <div className="mb-3 mt-3">
        <label htmlFor={`${FORM_ID}-filter`} className="block text-sm text-slate-600">
          Show only
        </label>
        <input
          id={`${FORM_ID}-filter`}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="eu-west-1 Standard"
          className="w-64 max-w-full rounded border border-slate-300 px-2 py-1"
        />
      </div>
      <div
        className="relative max-h-[60vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        role="region"
        aria-label="Compute prices"
        tabIndex={0}
      >
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              {["Region", "Compute", "OS", "Licence", "Mode", "Monthly $", "Hourly $", "Last confirmed"].map((h) => (
                <th key={h} scope="col" className={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ r, i }) => {
              // The fields' names read in words too: "Monthly price us-east-1 Standard Windows Licence included AutoStop".
              const label = `${r.region} ${computeTypeLabel(r.computeType)} ${operatingSystemLabel(r.operatingSystem)} ${licenceLabel(
                r.licence,
              )} ${runningModeLabel(r.runningMode)}`;
              return (
                <tr key={i} className="border-t border-slate-100">
                  <td className={cell}>{r.region}</td>
                  <td className={cell}>{computeTypeLabel(r.computeType)}</td>
                  <td className={cell}>{operatingSystemLabel(r.operatingSystem)}</td>
                  <td className={cell}>{licenceLabel(r.licence)}</td>
                  <td className={cell}>{runningModeLabel(r.runningMode)}</td>
                  <td className={cell}>{priceInput(`monthly-${i}`, r.monthly, (v) => set(i, { monthly: v }), `Monthly price ${label}`)}</td>
                  <td className={cell}>
                    {r.runningMode === "AUTO_STOP"
                      ? priceInput(`hourly-${i}`, r.hourly, (v) => set(i, { hourly: v }), `Hourly price ${label}`)
                      : "—"}
                  </td>
                  <td className={cell}>
                    {r.confirmedAt ?? <span className="text-amber-800">example, unconfirmed</span>}{" "}
                    <button type="button" onClick={() => set(i, { confirmedAt: today })} className="text-xs text-brand-700 underline">
                      Confirm today<span className="sr-only"> for {label}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2 className="mt-6 text-base font-medium">Storage beyond a bundle&rsquo;s volumes</h2>
      <div
        className="relative mt-2 overflow-auto rounded-lg border border-slate-200 bg-white"
        role="region"
        aria-label="Storage prices"
        tabIndex={0}
      >
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50">
            <tr>
              {["Region", "Root $ per GB-month", "User $ per GB-month", "Last confirmed"].map((h) => (
                <th key={h} scope="col" className={cell}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.storage.map((st, i) => (
              <tr key={st.region} className="border-t border-slate-100">
                <td className={cell}>{st.region}</td>
                <td className={cell}>
                  {priceInput(`root-${i}`, st.root, (v) => setStorageRow(i, { root: v }), `Root storage price ${st.region}`)}
                </td>
                <td className={cell}>
                  {priceInput(`user-${i}`, st.user, (v) => setStorageRow(i, { user: v }), `User storage price ${st.region}`)}
                </td>
                <td className={cell}>
                  {st.confirmedAt ?? <span className="text-amber-800">example, unconfirmed</span>}{" "}
                  <button
                    type="button"
                    onClick={() => setStorageRow(i, { confirmedAt: today })}
                    className="text-xs text-brand-700 underline"
                  >
                    Confirm today<span className="sr-only"> for storage in {st.region}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : "Save prices"}
        </button>
        {dirty && !pending && <span className="text-sm text-amber-800">Unsaved changes</span>}
      </div>
      <ActionMessage result={done} />
    </form>
  );
}
