import { formatMoney } from "@/lib/domain/client";
import { gb, relativeTime, utc } from "@/lib/presentation/format";
import { bundleNameLabel, computeTypeLabel, directoryTypeLabel, runningModeLabel } from "@/lib/presentation/labels";
import type { WorkspaceView } from "@/lib/queries/workspaces";

export function monthlyCostText(ws: WorkspaceView): string {
  if (!ws.monthlyCost) return "Cannot be estimated";
  const hours =
    ws.runningMode === "AUTO_STOP" && ws.projectedHoursThisMonth !== null
      ? `, at this month's pace of about ${ws.projectedHoursThisMonth} hours (${ws.billableHoursThisMonth} so far)`
      : "";
  return `about ${formatMoney(ws.monthlyCost)} / month${hours}${ws.unconfirmedPrices ? " (example prices)" : ""}`;
}

export function runningModeText(ws: Pick<WorkspaceView, "runningMode" | "autoStopTimeoutMinutes">): string {
  if (!ws.runningMode) return "—";
  const name = runningModeLabel(ws.runningMode);
  return ws.runningMode === "AUTO_STOP" && ws.autoStopTimeoutMinutes
    ? `${name} (stops after ${ws.autoStopTimeoutMinutes / 60} h idle)`
    : name;
}

export function lastConnectionText(ws: WorkspaceView, now: Date): string {
  if (ws.lastConnectedAt) return `${relativeTime(ws.lastConnectedAt, now)} (${utc(ws.lastConnectedAt)})`;
  return ws.connectionState === "CONNECTED" ? "Connected now" : "Never";
}

/** The facts shown on a card and the WorkSpace page, in one order. */
export function workspaceFacts(ws: WorkspaceView, now: Date): [string, React.ReactNode][] {
  return [
    ["Bundle", bundleNameLabel(ws.bundleName)],
    ["Compute", ws.computeType ? computeTypeLabel(ws.computeType) : "—"],
    ["Volumes", `Root ${gb(ws.rootVolumeGb)} · User ${gb(ws.userVolumeGb)}`],
    ["Running mode", runningModeText(ws)],
    ["Region", ws.region],
    ["Directory", `${ws.directoryName} (${directoryTypeLabel(ws.directoryType)})`],
    [
      "Registration code",
      ws.registrationCode ? (
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-sm">{ws.registrationCode}</code>
      ) : (
        "Not available"
      ),
    ],
    ["IP address", ws.ipAddress ?? "Not assigned yet"],
    ["Last connection", lastConnectionText(ws, now)],
    ["Estimated cost", monthlyCostText(ws)],
  ];
}
