// The directory settings' keys in AWS's own words. Zod-free, so the settings forms (client components)
// can list them without shipping the validation schemas; admin-directories.validation.ts re-exports them.

export const SELF_SERVICE_PERMISSIONS = [
  "RestartWorkspace",
  "IncreaseVolumeSize",
  "ChangeComputeType",
  "SwitchRunningMode",
  "RebuildWorkspace",
] as const;
export const DEVICE_TYPES = [
  "DeviceTypeWindows",
  "DeviceTypeOsx",
  "DeviceTypeWeb",
  "DeviceTypeIos",
  "DeviceTypeAndroid",
  "DeviceTypeChromeOs",
  "DeviceTypeZeroClient",
  "DeviceTypeLinux",
] as const;
export const CLIENT_PROPERTIES = ["ReconnectEnabled", "LogUploadEnabled"] as const;
