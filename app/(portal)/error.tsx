"use client";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-white p-6 text-center">
      <h1 className="text-xl font-semibold text-brand-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-700">Something went wrong on our side. Your requests are safe; try again in a moment.</p>
      {error.digest && <p className="mt-1 text-xs text-slate-500">Reference {error.digest}</p>}
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </div>
  );
}
