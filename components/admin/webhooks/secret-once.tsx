"use client";

/** A signing secret, shown this once: the portal keeps it only encrypted and cannot show it again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <div role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-900">Copy the signing secret now. It is shown only this once.</p>
      <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900">{secret}</code>
      <p className="mt-1 text-amber-900">The receiver uses it to check the Portal-Signature header of every delivery.</p>
      <button type="button" onClick={onDone} className="mt-2 rounded border border-amber-400 bg-white px-2 py-1 text-amber-900">
        I have copied it
      </button>
    </div>
  );
}
