"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updatePricesAction } from "@/lib/actions/admin-users";
import type { PriceTable } from "@/lib/domain/client";
import { ActionMessage, actionError } from "./action-message";

const dollars = (cents: number) => (cents / 100).toFixed(2);
const toCents = (text: string) => Math.round(Number(text) * 100);

export function PriceEditor({ table }: { table: PriceTable }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; message: string } | null>(null);
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
  const [rows, setRows] = useState<Row[]>(
    table.compute.map((c) => ({
      region: c.region,
      computeType: c.computeType,
      operatingSystem: c.operatingSystem,
      licence: c.licence,
      runningMode: c.runningMode,
      confirmedAt: c.confirmedAt,
      monthly: dollars(c.monthlyCents),
      hourly: c.runningMode === "AUTO_STOP" ? dollars(c.hourlyCents) : "",
    })),
  );
  type StorageRow = { region: string; root: string; user: string; confirmedAt: string | null };
  const [storage, setStorage] = useState<StorageRow[]>(
    table.storage.map((st) => ({
      region: st.region,
      root: dollars(st.rootPerGbMonthCents),
      user: dollars(st.userPerGbMonthCents),
      confirmedAt: st.confirmedAt,
    })),
  );
  const setStorageRow = (i: number, patch: Partial<StorageRow>) => setStorage(storage.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const [filter, setFilter] = useState("");
  const today = new Date().toISOString().slice(0, 10);
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = () =>
    start(async () => {
      // The service validates the whole table with the domain schema; anything off comes back as a reason.
      const compute = rows.map(({ monthly, hourly, ...r }) =>
        r.runningMode === "AUTO_STOP"
          ? { ...r, monthlyCents: toCents(monthly), hourlyCents: toCents(hourly) }
          : { ...r, monthlyCents: toCents(monthly) },
      );
      const storagePrices = storage.map((st) => ({
        region: st.region,
        rootPerGbMonthCents: toCents(st.root),
        userPerGbMonthCents: toCents(st.user),
        confirmedAt: st.confirmedAt,
      }));
      const out = await updatePricesAction({ value: { ...table, compute, storage: storagePrices } });
      setMsg(out.ok ? { ok: true, message: "Prices saved. New estimates use them at once." } : { ok: false, message: actionError(out) });
      if (out.ok) router.refresh();
    });

  const cell = "px-2 py-1";
  const input = "w-24 rounded border border-slate-300 px-1 py-0.5";
  const shown = rows
    .map((r, i) => ({ r, i }))
    .filter(
      ({ r }) =>
        !filter ||
        `${r.region} ${r.computeType} ${r.operatingSystem} ${r.licence} ${r.runningMode}`.toLowerCase().includes(filter.toLowerCase()),
    );
  return (
    <div>
      <label className="mb-3 block text-sm">
        <span className="block text-slate-600">Show only</span>
        <input
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="eu-west-1 STANDARD"
          className="w-64 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <div
        className="max-h-[60vh] overflow-auto rounded-lg border border-slate-200 bg-white"
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
              const label = `${r.region} ${r.computeType} ${r.operatingSystem} ${r.licence} ${r.runningMode}`;
              return (
                <tr key={i} className="border-t border-slate-100">
                  <td className={cell}>{r.region}</td>
                  <td className={cell}>{r.computeType}</td>
                  <td className={cell}>{r.operatingSystem}</td>
                  <td className={cell}>{r.licence}</td>
                  <td className={cell}>{r.runningMode}</td>
                  <td className={cell}>
                    <input
                      aria-label={`Monthly price ${label}`}
                      value={r.monthly}
                      onChange={(e) => set(i, { monthly: e.target.value })}
                      className={input}
                    />
                  </td>
                  <td className={cell}>
                    {r.runningMode === "AUTO_STOP" ? (
                      <input
                        aria-label={`Hourly price ${label}`}
                        value={r.hourly}
                        onChange={(e) => set(i, { hourly: e.target.value })}
                        className={input}
                      />
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={cell}>
                    {r.confirmedAt ?? <span className="text-amber-700">example, unconfirmed</span>}{" "}
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
        className="mt-2 overflow-auto rounded-lg border border-slate-200 bg-white"
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
            {storage.map((st, i) => (
              <tr key={st.region} className="border-t border-slate-100">
                <td className={cell}>{st.region}</td>
                <td className={cell}>
                  <input
                    aria-label={`Root storage price ${st.region}`}
                    value={st.root}
                    onChange={(e) => setStorageRow(i, { root: e.target.value })}
                    className={input}
                  />
                </td>
                <td className={cell}>
                  <input
                    aria-label={`User storage price ${st.region}`}
                    value={st.user}
                    onChange={(e) => setStorageRow(i, { user: e.target.value })}
                    className={input}
                  />
                </td>
                <td className={cell}>
                  {st.confirmedAt ?? <span className="text-amber-700">example, unconfirmed</span>}{" "}
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
      <button
        type="button"
        disabled={pending}
        onClick={save}
        className="mt-3 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
      >
        Save prices
      </button>
      <ActionMessage result={msg} />
    </div>
  );
}
