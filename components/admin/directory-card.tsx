import Link from "next/link";
import type { DirectoryView } from "@/lib/queries/admin-directories";
import { directoryStateLabel, directoryTypeLabel, radiusProtocolLabel, radiusStatusLabel } from "@/lib/presentation/labels";
import { SELF_SERVICE_PERMISSIONS } from "@/lib/schemas/admin-directories.options";
import { DefinitionList } from "@/components/ui/definition-list";

/** "AD Connector" from Directory Service's type when it described the directory, else from WorkSpaces'. */
export function directoryKind(d: Pick<DirectoryView, "dsType" | "type">): string {
  return directoryTypeLabel(d.dsType ?? d.type);
}

/** MFA at a glance: "On", "On · being set up", "On · failed", "Off", or "Unknown" when Directory Service did not describe it. */
export function mfaShort(d: Pick<DirectoryView, "radius">): string {
  if (!d.radius) return "Unknown";
  if (!d.radius.enabled) return "Off";
  if (d.radius.status === "Creating" || d.radius.status === "Failed") return `On · ${radiusStatusLabel(d.radius.status).toLowerCase()}`;
  return "On";
}

/** MFA in full: "On · Completed · 2 RADIUS servers on port 1812 · PAP". */
export function mfaDetail(d: Pick<DirectoryView, "radius">): string {
  if (!d.radius) return "Unknown (Directory Service did not describe this directory)";
  if (!d.radius.enabled) return "Off";
  const servers = `${d.radius.servers.length} RADIUS server${d.radius.servers.length === 1 ? "" : "s"}`;
  const port = d.radius.port ? ` on port ${d.radius.port}` : "";
  const protocol = d.radius.protocol ? ` · ${radiusProtocolLabel(d.radius.protocol)}` : "";
  return `On · ${d.radius.status ? radiusStatusLabel(d.radius.status) : "status unknown"} · ${servers}${port}${protocol}`;
}

/** "4 of 5 allowed": how many self-service permissions users have. */
export function selfServiceShort(d: Pick<DirectoryView, "selfservicePermissions">): string {
  const values = d.selfservicePermissions as Record<string, string | undefined>;
  const on = SELF_SERVICE_PERMISSIONS.filter((k) => values[k] === "ENABLED").length;
  return on === 0 ? "None" : `${on} of ${SELF_SERVICE_PERMISSIONS.length} allowed`;
}

const PERSONA_LABELS: Record<string, string> = { EMPLOYEE: "Employees", CONTRACTOR: "Contractors" };

/** "Employees, Contractors and 2 groups", or "Nobody yet". */
export function requestersShort(d: Pick<DirectoryView, "requesters">): string {
  const parts = d.requesters.personas.map((p) => PERSONA_LABELS[p] ?? p);
  const groups = d.requesters.groups.length;
  if (groups) parts.push(`${groups} group${groups === 1 ? "" : "s"}`);
  if (parts.length === 0) return "Nobody yet";
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** What a directory is and how it is set up, read-only: the top of its page. */
export function DirectoryOverview({ directory: d }: { directory: DirectoryView }) {
  return (
    <section aria-labelledby="overview" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="overview" className="sr-only">
        Overview
      </h2>
      <DefinitionList
        items={[
          ["Type", directoryKind(d)],
          ["State", directoryStateLabel(d.state)],
          ["Region", d.region],
          [
            "WorkSpaces",
            d.workspaceCount > 0 ? (
              <Link href={`/admin/fleet?directory=${encodeURIComponent(d.directoryId)}`} className="text-brand-700 underline">
                {d.workspaceCount} in the fleet
              </Link>
            ) : (
              "None yet"
            ),
          ],
          ["MFA (RADIUS)", mfaDetail(d)],
          ["Registration code", d.registrationCode ? <code className="text-xs">{d.registrationCode}</code> : "—"],
          ["Subnets", d.subnetIds.length ? <code className="break-all text-xs">{d.subnetIds.join(", ")}</code> : "—"],
          ["Security group", d.securityGroupId ? <code className="text-xs">{d.securityGroupId}</code> : "—"],
        ]}
      />
    </section>
  );
}
