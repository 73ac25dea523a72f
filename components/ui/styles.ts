// Shared class names, so every form control and button looks and focuses the same way.
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 disabled:bg-slate-100";
export const labelClass = "block text-sm font-medium text-slate-800";
export const hintClass = "mt-1 text-xs text-slate-600";
export const errorClass = "mt-1 text-sm text-red-700";
export const primaryButton = [
  "inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2",
  "text-sm font-semibold text-white shadow-sm",
  "hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60",
].join(" ");
export const dangerButton = [
  "inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2",
  "text-sm font-semibold text-white shadow-sm",
  "hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60",
].join(" ");
export const secondaryButton = [
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2",
  "text-sm font-medium text-slate-800",
  "hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60",
].join(" ");
export const cardClass = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5";
