"use client";

import { useRef, useState } from "react";
import { disableRadiusAction, saveRadiusAction } from "@/lib/actions/admin-radius";
import { radiusProtocolLabel } from "@/lib/presentation/labels";
import { isRadiusServer, RADIUS_LIMITS, RADIUS_PROTOCOLS, radiusServerList } from "@/lib/schemas/radius.options";
import { FieldError, fieldProps, invalidClass, useFocusFirstInvalid, type FieldErrors } from "@/components/ui/form-errors";
import { hintClass, inputClass, labelClass, primaryButton } from "@/components/ui/styles";
import { ConfirmButton } from "./confirm-button";
import { OutcomeStatus, OutcomeSummary, errorsOf, useDirectoryAction } from "./directory-action";

/** What the form starts from: the settings AWS reports (never the shared secret, which AWS does not return). */
export interface RadiusFormValues {
  enabled: boolean;
  servers: string[];
  port?: number;
  timeoutSeconds?: number;
  retries?: number;
  protocol?: string;
  displayLabel?: string;
  useSameUsername?: boolean;
}

const FORM_ID = "radius";
const LABELS = {
  servers: "RADIUS servers",
  port: "Port",
  timeoutSeconds: "Timeout (seconds)",
  retries: "Retries",
  protocol: "Protocol",
  displayLabel: "Label",
  sharedSecret: "Shared secret",
};
// The server names list items by position ("servers.2"); the form has one box for them all.
const RENAME = Object.fromEntries(Array.from({ length: RADIUS_LIMITS.servers + 1 }, (_, i) => [`servers.${i}`, "servers"]));

const whole = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** Turns MFA on for a directory, changes its RADIUS settings, or turns it off. The secret field always starts empty. */
export function RadiusForm({ region, directoryId, current }: { region: string; directoryId: string; current: RadiusFormValues }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [servers, setServers] = useState(current.servers.join("\n"));
  const [port, setPort] = useState(String(current.port ?? RADIUS_LIMITS.port.default));
  const [timeout, setTimeoutText] = useState(String(current.timeoutSeconds ?? RADIUS_LIMITS.timeoutSeconds.default));
  const [retries, setRetries] = useState(String(current.retries ?? RADIUS_LIMITS.retries.default));
  const [protocol, setProtocol] = useState(current.protocol ?? "PAP");
  const [label, setLabel] = useState(current.displayLabel ?? "");
  const [sameUsername, setSameUsername] = useState(current.useSameUsername ?? true);
  const [secret, setSecret] = useState("");
  const { pending, outcome, setOutcome, run } = useDirectoryAction();
  const errors = errorsOf(outcome);
  useFocusFirstInvalid(formRef, errors);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // What the browser can tell at once is said beside the fields; the server checks everything again.
    const list = radiusServerList(servers);
    const local: FieldErrors = {};
    const bad = list.find((s) => !isRadiusServer(s));
    if (list.length === 0) local.servers = ["List at least one RADIUS server."];
    else if (bad) local.servers = [`${bad} is neither an IPv4 address nor a fully qualified domain name.`];
    if (!current.enabled && !secret)
      local.sharedSecret = ["Enter the shared secret your RADIUS servers expect: AWS needs it to turn MFA on."];
    if (Object.keys(local).length > 0) return setOutcome({ ok: false, message: "Some fields need attention.", fieldErrors: local });
    const sent = secret;
    run(
      () =>
        saveRadiusAction({
          region,
          directoryId,
          settings: {
            servers: list,
            port: whole(port),
            timeoutSeconds: whole(timeout),
            retries: whole(retries),
            protocol: protocol as (typeof RADIUS_PROTOCOLS)[number],
            displayLabel: label,
            useSameUsername: sameUsername,
          },
          sharedSecret: sent || undefined,
        }),
      current.enabled
        ? "MFA settings sent to AWS. The status reads “Being set up” until AWS has applied them."
        : "MFA is being turned on. The status reads “Being set up” until AWS has reached your RADIUS servers.",
      { prefix: "settings", rename: RENAME, after: () => setSecret("") },
    );
  };

  const disable = () =>
    run(() => disableRadiusAction({ region, directoryId }), "MFA is off: people sign in with their password alone.", {
      after: () => setSecret(""),
    });

  const field = (name: keyof typeof LABELS, hint: string, input: React.ReactNode) => (
    <div>
      <label htmlFor={`${FORM_ID}-${name}`} className={labelClass}>
        {LABELS[name]}
      </label>
      {input}
      <p id={`${FORM_ID}-${name}-hint`} className={hintClass}>
        {hint}
      </p>
      <FieldError formId={FORM_ID} name={name} errors={errors} />
    </div>
  );
  const number = (name: "port" | "timeoutSeconds" | "retries", value: string, set: (v: string) => void) => (
    <input
      {...fieldProps(FORM_ID, name, errors, `${FORM_ID}-${name}-hint`)}
      inputMode="numeric"
      value={value}
      onChange={(e) => set(e.target.value)}
      className={`${inputClass}${invalidClass(errors, name)}`}
    />
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-3" aria-label="MFA (RADIUS) settings">
      <OutcomeSummary formId={FORM_ID} outcome={outcome} labels={LABELS} />
      {field(
        "servers",
        "IP addresses or fully qualified domain names of your RADIUS servers (or their load balancer), one per line. " +
          "They must accept traffic from the directory's subnets on the port below.",
        <textarea
          {...fieldProps(FORM_ID, "servers", errors, `${FORM_ID}-servers-hint`)}
          rows={2}
          value={servers}
          onChange={(e) => setServers(e.target.value)}
          placeholder="10.0.50.10"
          className={`${inputClass} font-mono text-xs${invalidClass(errors, "servers")}`}
        />,
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        {field(
          "port",
          `${RADIUS_LIMITS.port.min}–${RADIUS_LIMITS.port.max}; RADIUS usually listens on 1812.`,
          number("port", port, setPort),
        )}
        {field(
          "timeoutSeconds",
          `${RADIUS_LIMITS.timeoutSeconds.min}–${RADIUS_LIMITS.timeoutSeconds.max} seconds to wait for an answer.`,
          number("timeoutSeconds", timeout, setTimeoutText),
        )}
        {field(
          "retries",
          `${RADIUS_LIMITS.retries.min}–${RADIUS_LIMITS.retries.max} more tries before a sign-in fails.`,
          number("retries", retries, setRetries),
        )}
      </div>
      {field(
        "protocol",
        "The protocol your RADIUS server expects.",
        <select
          {...fieldProps(FORM_ID, "protocol", errors, `${FORM_ID}-protocol-hint`)}
          value={protocol}
          onChange={(e) => setProtocol(e.target.value)}
          className={`${inputClass}${invalidClass(errors, "protocol")}`}
        >
          {RADIUS_PROTOCOLS.map((p) => (
            <option key={p} value={p}>
              {radiusProtocolLabel(p)}
            </option>
          ))}
        </select>,
      )}
      {field(
        "displayLabel",
        `Optional, at most ${RADIUS_LIMITS.displayLabel} characters: a name for this RADIUS set-up ` +
          "(AWS keeps it but shows it nowhere yet).",
        <input
          {...fieldProps(FORM_ID, "displayLabel", errors, `${FORM_ID}-displayLabel-hint`)}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          className={`${inputClass}${invalidClass(errors, "displayLabel")}`}
        />,
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={sameUsername}
          onChange={(e) => setSameUsername(e.target.checked)}
          className="size-4 accent-brand-600"
        />
        The RADIUS user name is the same as the directory user name
      </label>
      {field(
        "sharedSecret",
        current.enabled
          ? "Leave empty to keep the secret AWS holds. What you type goes to AWS only: the portal never shows, logs or stores it."
          : "Needed to turn MFA on. What you type goes to AWS only: the portal never shows, logs or stores it.",
        <input
          {...fieldProps(FORM_ID, "sharedSecret", errors, `${FORM_ID}-sharedSecret-hint`)}
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          className={`${inputClass}${invalidClass(errors, "sharedSecret")}`}
        />,
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Sending to AWS…" : current.enabled ? "Save MFA settings" : "Turn on MFA"}
        </button>
        {current.enabled && (
          <ConfirmButton
            label="Turn off MFA"
            question="People will sign in with their password alone. Turn MFA off?"
            confirmLabel="Yes, turn off MFA"
            onConfirm={disable}
            disabled={pending}
          />
        )}
      </div>
      <OutcomeStatus outcome={outcome} />
    </form>
  );
}
