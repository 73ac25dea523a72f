"use client";

import { useState } from "react";

/** A destructive action in two steps: the first click asks, naming what will happen; the second does it. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => setAsking(true)}
        className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50"
      >
        {label}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label="Confirm"
      className="inline-flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 px-2 py-1 text-sm"
    >
      <span className="text-red-800">{question}</span>
      <button
        type="button"
        autoFocus
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        className="rounded bg-red-700 px-2 py-1 font-medium text-white hover:bg-red-800"
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-300 bg-white px-2 py-1">
        Cancel
      </button>
    </span>
  );
}
