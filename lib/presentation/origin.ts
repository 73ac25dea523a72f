// Who started a request when no person asked (Request.origin), in words for the request's pages.
const ORIGIN_LABELS: Record<string, string> = {
  optimizer: "Started by the running-mode optimizer",
  reclaim: "Started by the reclaim policy for unused WorkSpaces",
};

/** A short sentence naming the portal job that raised the request; null for a person's own request. */
export function requestOriginLabel(origin: string | null | undefined): string | null {
  return origin ? (ORIGIN_LABELS[origin] ?? `Started by ${origin}`) : null;
}
