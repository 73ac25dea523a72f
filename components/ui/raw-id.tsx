"use client";

import { useState } from "react";

/**
 * An AWS id (ws-…, wsb-…, d-…) shown as secondary text beside the thing's name, with a button that copies it.
 * `data-raw-id` marks it as the one place a raw id may appear: the language checks in e2e/ skip these elements.
 */
export function RawId({ value, label = "id" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <span data-raw-id className="inline-flex items-center gap-1 text-xs text-slate-600">
      <code className="select-all">{value}</code>
      <button
        type="button"
        onClick={copy}
        className="rounded px-1 text-slate-600 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2"
        aria-label={`Copy ${label} ${value}`}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}
