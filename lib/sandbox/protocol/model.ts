import workspacesJson from "../models/workspaces-2015-04-08.json";
import dsJson from "../models/ds-2015-04-16.json";
import monitoringJson from "../models/monitoring-2010-08-01.json";

// The models are the official AWS service-2 files with documentation stripped; everything the sandbox
// enforces about shapes (required members, enums, limits, patterns, error names) is read from them.
export interface MemberRef {
  shape: string;
}
export interface Shape {
  type: string;
  // Query-protocol error code (CloudWatch's errors), sent in the x-amzn-query-error header.
  error?: { code: string; senderFault?: boolean };
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  exception?: boolean;
  /** A secret (a password, a RADIUS shared secret): AWS never echoes its value in an error. */
  sensitive?: boolean;
}
export interface Operation {
  name: string;
  input?: MemberRef;
  output?: MemberRef;
  errors?: MemberRef[];
}
export interface ServiceModel {
  metadata: { targetPrefix: string; endpointPrefix: string; apiVersion: string; jsonVersion: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export type ServiceKey = "workspaces" | "ds" | "cloudwatch";

export const models: Record<ServiceKey, ServiceModel> = {
  workspaces: workspacesJson as unknown as ServiceModel,
  ds: dsJson as unknown as ServiceModel,
  // CloudWatch's official model is written for the query protocol; the copy's metadata says AWS JSON
  // 1.0 with the target prefix today's SDKs use (the shapes and error names are the same).
  cloudwatch: monitoringJson as unknown as ServiceModel,
};

// Where today's AWS accepts less than the 2015 model demands. Current SDKs no longer send
// RegisterWorkspaceDirectory's EnableWorkDocs (WorkDocs was retired), and the service accepts that.
const relaxedRequired: [ServiceKey, string, string][] = [["workspaces", "RegisterWorkspaceDirectoryRequest", "EnableWorkDocs"]];
for (const [service, shapeName, member] of relaxedRequired) {
  const shape = models[service].shapes[shapeName];
  if (shape?.required) shape.required = shape.required.filter((m) => m !== member);
}

export function serviceForTargetPrefix(prefix: string): ServiceKey | undefined {
  if (prefix === models.workspaces.metadata.targetPrefix) return "workspaces";
  if (prefix === models.ds.metadata.targetPrefix) return "ds";
  if (prefix === models.cloudwatch.metadata.targetPrefix) return "cloudwatch";
  return undefined;
}

export function isMutatingOperation(name: string): boolean {
  return !/^(Describe|Get|List)/.test(name);
}
