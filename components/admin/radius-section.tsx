import type { DirectoryView } from "@/lib/queries/admin-directories";
import { radiusAvailableFor, radiusSettling, RADIUS_UNAVAILABLE } from "@/lib/domain/radius";
import { directoryTypeLabel, personaLabel, radiusProtocolLabel, radiusStatusLabel } from "@/lib/presentation/labels";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { DirectorySection } from "./directory-action";
import { RadiusForm } from "./radius-form";

const STATUS_SENTENCE: Record<string, string> = {
  Creating: "AWS is setting MFA up and checking that it can reach your RADIUS servers; this page looks again every few seconds.",
  Completed: "People signing in to a WorkSpace in this directory are asked for their one-time code as well as their password.",
  Failed:
    "AWS could not reach the RADIUS servers or they refused it. Check that they accept the directory's subnets on the port, " +
    "and that the shared secret matches.",
};

const NEUTRAL_TONE = "border-slate-200 bg-slate-50";
const STATUS_TONE: Record<string, string> = {
  Creating: "border-amber-200 bg-amber-50 text-amber-900",
  Completed: "border-emerald-200 bg-emerald-50 text-emerald-900",
  Failed: "border-red-200 bg-red-50 text-red-900",
};

/** "Employees" or "the Employee and Contractor personas", or who else may request in the directory. */
function whoSignsIn(personas: string[]): string {
  if (personas.length === 0) return "No persona is offered this directory in the policy yet.";
  const names = personas.map(personaLabel);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `Used by the ${list} persona${names.length === 1 ? "" : "s"} (the policy's catalog).`;
}

/**
 * MFA for one directory: the status Directory Service reports, the persona(s) it applies to, and the form. MFA is a
 * directory's setting, so everyone who signs in through the directory gets it.
 */
export function RadiusSection({
  region,
  directoryId,
  directoryType,
  radius,
  personas,
}: {
  region: string;
  directoryId: string;
  /** Directory Service's type (ADConnector…); undefined when it did not describe the directory. */
  directoryType?: string;
  radius?: DirectoryView["radius"];
  /** Personas whose catalog entry offers this directory. */
  personas: string[];
}) {
  const hint =
    "Multi-factor authentication applies to everyone who signs in through this directory: the one-time code is checked " +
    "before the password reaches your directory. People who need other MFA rules need a directory of their own.";
  return (
    <DirectorySection id="mfa" title="MFA (RADIUS)" hint={hint}>
      <p className="mb-3 text-sm text-slate-700">{whoSignsIn(personas)}</p>
      {!radius ? (
        <p role="status" className="text-sm text-slate-700">
          Directory Service did not describe this directory, so its MFA settings are unknown; try again in a moment.
        </p>
      ) : !radiusAvailableFor(directoryType) ? (
        <p className="text-sm text-slate-700">
          This is a {directoryTypeLabel(directoryType)} directory. {RADIUS_UNAVAILABLE}
        </p>
      ) : (
        <>
          <AutoRefresh active={radiusSettling(radius.status)} />
          <div
            data-testid="radius-status"
            className={`mb-3 rounded-md border p-3 text-sm ${(radius.enabled && STATUS_TONE[radius.status ?? ""]) || NEUTRAL_TONE}`}
          >
            <p className="font-medium">
              {radius.enabled ? `MFA is on · ${radiusStatusLabel(radius.status)}` : "MFA is off: people sign in with their password alone."}
            </p>
            {radius.enabled && (
              <p className="mt-0.5">
                {STATUS_SENTENCE[radius.status ?? ""] ?? ""} {radius.servers.length} server{radius.servers.length === 1 ? "" : "s"} (
                {radius.servers.join(", ")}) on port {radius.port ?? "—"}, {radiusProtocolLabel(radius.protocol)}.
              </p>
            )}
          </div>
          <RadiusForm
            region={region}
            directoryId={directoryId}
            current={{
              enabled: radius.enabled,
              servers: radius.servers,
              port: radius.port,
              timeoutSeconds: radius.timeoutSeconds,
              retries: radius.retries,
              protocol: radius.protocol,
              displayLabel: radius.displayLabel,
              useSameUsername: radius.useSameUsername,
            }}
          />
        </>
      )}
    </DirectorySection>
  );
}
