import type { WorkspaceRecord } from "./types";

const seconds = (ms: number) => ms / 1000;
export { seconds };

export function presentWorkspace(ws: WorkspaceRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    WorkspaceId: ws.WorkspaceId,
    DirectoryId: ws.DirectoryId,
    UserName: ws.UserName,
    State: ws.State,
    BundleId: ws.BundleId,
    SubnetId: ws.SubnetId,
    UserVolumeEncryptionEnabled: ws.UserVolumeEncryptionEnabled,
    RootVolumeEncryptionEnabled: ws.RootVolumeEncryptionEnabled,
    WorkspaceProperties: {
      RunningMode: ws.RunningMode,
      ...(ws.RunningMode === "AUTO_STOP" ? { RunningModeAutoStopTimeoutInMinutes: ws.AutoStopTimeout ?? 60 } : {}),
      RootVolumeSizeGib: ws.RootVolumeSizeGib,
      UserVolumeSizeGib: ws.UserVolumeSizeGib,
      ComputeTypeName: ws.ComputeTypeName,
      Protocols: ws.Protocols,
      ...(ws.OperatingSystemName ? { OperatingSystemName: ws.OperatingSystemName } : {}),
    },
    ModificationStates: ws.modification ? [{ Resource: ws.modification.Resource, State: "UPDATE_IN_PROGRESS" }] : [],
  };
  if (ws.IpAddress) out.IpAddress = ws.IpAddress;
  if (ws.ComputerName) out.ComputerName = ws.ComputerName;
  if (ws.VolumeEncryptionKey) out.VolumeEncryptionKey = ws.VolumeEncryptionKey;
  if (ws.ErrorCode) out.ErrorCode = ws.ErrorCode;
  if (ws.ErrorMessage) out.ErrorMessage = ws.ErrorMessage;
  return out;
}
