const TONES = {
  error: "border-red-200 bg-red-50 text-red-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  info: "border-brand-100 bg-brand-50 text-brand-900",
};

export function Alert({
  tone,
  title,
  children,
  role,
}: {
  tone: keyof typeof TONES;
  title?: string;
  children?: React.ReactNode;
  role?: "alert" | "status";
}) {
  return (
    <div role={role} className={`rounded-md border p-3 text-sm ${TONES[tone]}`}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? "mt-1" : ""}>{children}</div>}
    </div>
  );
}
