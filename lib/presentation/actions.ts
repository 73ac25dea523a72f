// The actions of the WorkSpace page, in the order shown. Shared by the server query and the client forms.
export const ACTIONS = [
  { kind: "reboot", label: "Reboot", parameterised: false, destructive: false },
  { kind: "start", label: "Start", parameterised: false, destructive: false },
  { kind: "stop", label: "Stop", parameterised: false, destructive: false },
  { kind: "computeType", label: "Change compute type", parameterised: true, destructive: false },
  { kind: "volumes", label: "Increase volumes", parameterised: true, destructive: false },
  { kind: "runningMode", label: "Change running mode", parameterised: true, destructive: false },
  { kind: "rebuild", label: "Rebuild", parameterised: false, destructive: true },
  { kind: "restore", label: "Restore", parameterised: false, destructive: true },
  { kind: "migrate", label: "Migrate", parameterised: true, destructive: true },
  { kind: "terminate", label: "Give back", parameterised: false, destructive: true },
] as const;

export type ActionKind = (typeof ACTIONS)[number]["kind"];

export function actionLabel(kind: string): string {
  return ACTIONS.find((a) => a.kind === kind)?.label ?? kind;
}
