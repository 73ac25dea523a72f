/** The outcome of an admin action, shown beside the control that caused it; refusals are announced. */
export function ActionMessage({ result, id }: { result: { ok: boolean; message: string } | null; id?: string }) {
  if (!result) return null;
  return (
    <p id={id} role={result.ok ? "status" : "alert"} className={`mt-2 text-sm ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
      {result.message}
    </p>
  );
}

export function actionError(result: {
  ok: false;
  error: string;
  fieldErrors?: Record<string, string[]>;
  reasons?: { message: string }[];
}): string {
  const details = result.fieldErrors ? Object.values(result.fieldErrors).flat() : (result.reasons?.map((r) => r.message) ?? []);
  const extra = details.filter((d) => d !== result.error);
  return extra.length ? `${result.error} ${extra.join(" ")}` : result.error;
}
