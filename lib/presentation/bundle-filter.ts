import { COMPUTE_TYPES } from "../domain/client";

// The bundles page's search and filters, read from the URL and applied to the list. Pure and client-safe.

export interface BundleFilter {
  /** Words in the name, description, display name or id. */
  q?: string;
  os?: "WINDOWS" | "LINUX";
  protocol?: "PCOIP" | "WSP";
  compute?: string;
  owner?: "AMAZON" | "CUSTOM";
  /** In the employees' catalog (offered to a persona or group) or not. */
  catalog?: "offered" | "not-offered";
  region?: string;
}

export interface FilterableBundle {
  bundleId: string;
  name: string;
  description?: string;
  region: string;
  custom: boolean;
  computeType?: string;
  operatingSystem: "WINDOWS" | "LINUX";
  protocol: "PCOIP" | "WSP";
  offeredTo: readonly string[];
  display?: { displayName: string };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) => (allowed.includes(v as T) ? (v as T) : undefined);

/** What the URL asks for; anything unknown is dropped rather than refused, as on the other admin lists. */
export function parseBundleFilter(params: Record<string, string | string[] | undefined>): BundleFilter {
  const q = one(params.q)?.slice(0, 100);
  return {
    ...(q ? { q } : {}),
    ...(pick(one(params.os), ["WINDOWS", "LINUX"] as const) ? { os: one(params.os) as BundleFilter["os"] } : {}),
    ...(pick(one(params.protocol), ["PCOIP", "WSP"] as const) ? { protocol: one(params.protocol) as BundleFilter["protocol"] } : {}),
    ...(pick(one(params.compute), COMPUTE_TYPES) ? { compute: one(params.compute) } : {}),
    ...(pick(one(params.owner), ["AMAZON", "CUSTOM"] as const) ? { owner: one(params.owner) as BundleFilter["owner"] } : {}),
    ...(pick(one(params.catalog), ["offered", "not-offered"] as const) ? { catalog: one(params.catalog) as BundleFilter["catalog"] } : {}),
    ...(one(params.region) && /^[a-z]{2}(-[a-z]+)+-\d$/.test(one(params.region)!) ? { region: one(params.region) } : {}),
  };
}

export function filterBundles<T extends FilterableBundle>(bundles: readonly T[], f: BundleFilter): T[] {
  const words = f.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  return bundles.filter((b) => {
    if (f.os && b.operatingSystem !== f.os) return false;
    if (f.protocol && b.protocol !== f.protocol) return false;
    if (f.compute && b.computeType !== f.compute) return false;
    if (f.owner && (f.owner === "CUSTOM") !== b.custom) return false;
    if (f.catalog && (f.catalog === "offered") !== b.offeredTo.length > 0) return false;
    if (f.region && b.region !== f.region) return false;
    if (words.length) {
      const text = [b.name, b.description, b.display?.displayName, b.bundleId].filter(Boolean).join(" ").toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** Whether any filter is set (the page then says how many of how many it shows). */
export const isFiltered = (f: BundleFilter) => Object.values(f).some(Boolean);

const PERSONAS: Record<string, string> = { EMPLOYEE: "employees", CONTRACTOR: "contractors" };

/** "Employees, group Designers": who is offered a bundle, in words ("Not offered" when nobody is). */
export function offeredToText(offeredTo: readonly string[]): string {
  if (offeredTo.length === 0) return "Not offered";
  return offeredTo
    .map((o) => (o.startsWith("persona ") ? (PERSONAS[o.slice(8)] ?? o.slice(8).toLowerCase()) : o))
    .join(", ")
    .replace(/^./, (c) => c.toUpperCase());
}
