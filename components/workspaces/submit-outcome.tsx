/** Why a submission did not go through, announced at once to assistive technology. */
export function SubmitOutcome({ outcome, id }: { outcome: { error: string; reasons: string[] } | null; id?: string }) {
  return (
    <div id={id} aria-live="assertive">
      {outcome && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">{outcome.error}</p>
          {outcome.reasons.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {outcome.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
