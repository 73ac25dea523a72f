import { z } from "zod";

// The reports' filters live in the URL, so a view can be shared and each table downloaded as it is shown.
export const REPORT_PERIODS = ["3m", "6m", "12m"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const PERIOD_MONTHS: Record<ReportPeriod, number> = { "3m": 3, "6m": 6, "12m": 12 };

const empty = (v: unknown) => (v === "" ? undefined : v);

export const reportFilterSchema = z
  .object({
    period: z.preprocess(empty, z.enum(REPORT_PERIODS, { error: "The period must be 3m, 6m or 12m (months of trend)." }).default("12m")),
    region: z.preprocess(
      empty,
      z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "The Region must look like us-east-1.")
        .optional(),
    ),
    directory: z.preprocess(
      empty,
      z
        .string()
        .regex(/^d-[0-9a-f]{8,63}$/, "The directory must be a directory id such as d-1234567890.")
        .optional(),
    ),
  })
  .strict();
export type ReportFilter = z.infer<typeof reportFilterSchema>;

export type ParsedReportFilter = { ok: true; value: ReportFilter } | { ok: false; error: string };

/** The filter from the URL, or every problem with it as one plain sentence. */
export function parseReportFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): ParsedReportFilter {
  const flat: Record<string, unknown> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) flat[k] = Array.isArray(v) ? v[0] : v;
  const parsed = reportFilterSchema.safeParse(flat);
  if (parsed.success) return { ok: true, value: parsed.data };
  const messages = parsed.error.issues.map((i) =>
    i.code === "unrecognized_keys" ? "Only the period, region and directory filters exist." : i.message,
  );
  return { ok: false, error: messages.join(" ") };
}
