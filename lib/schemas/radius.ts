import { z } from "zod";
import { directoryRef } from "./admin-directories";
import { isRadiusServer, RADIUS_LIMITS, RADIUS_PROTOCOLS } from "./radius.options";

// RADIUS (MFA) settings of an AD Connector or Managed Microsoft AD directory: the form, the action and the
// service share these. The shared secret is a separate member so that the settings can be audited and shown
// as they are, and the secret only ever travels to AWS. No message here repeats what was typed into it.

export { isRadiusServer, RADIUS_LIMITS, RADIUS_PROTOCOLS, radiusServerList } from "./radius.options";

// The model's pattern for RadiusSharedSecret: letters, digits, ASCII punctuation and spaces.
const SECRET = /^[\p{L}\p{Nd}!-/:-@[-`{-~ ]+$/u;

const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: `Give the ${what} as a whole number.` })
    .int(`Give the ${what} as a whole number.`)
    .min(min, `The ${what} is at least ${min}.`)
    .max(max, `The ${what} is at most ${max}.`);

export const radiusSettingsInput = z.object({
  servers: z
    .array(z.string().trim().refine(isRadiusServer, "Each RADIUS server is an IPv4 address or a fully qualified domain name."))
    .min(1, "List at least one RADIUS server.")
    .max(RADIUS_LIMITS.servers, `List at most ${RADIUS_LIMITS.servers} RADIUS servers.`)
    .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, "A RADIUS server is listed twice."),
  port: whole("port", RADIUS_LIMITS.port.min, RADIUS_LIMITS.port.max),
  timeoutSeconds: whole("timeout", RADIUS_LIMITS.timeoutSeconds.min, RADIUS_LIMITS.timeoutSeconds.max),
  retries: whole("number of retries", RADIUS_LIMITS.retries.min, RADIUS_LIMITS.retries.max),
  protocol: z.enum(RADIUS_PROTOCOLS, { error: "Choose the protocol your RADIUS server speaks." }),
  displayLabel: z
    .string()
    .trim()
    .max(RADIUS_LIMITS.displayLabel, `The label has at most ${RADIUS_LIMITS.displayLabel} characters.`)
    .optional()
    .transform((v) => v || undefined),
  useSameUsername: z.boolean().default(true),
});

const sharedSecret = z
  .string()
  .optional()
  .transform((v) => v || undefined)
  .refine(
    (v) => v === undefined || v.length >= RADIUS_LIMITS.secret.min,
    `The shared secret has at least ${RADIUS_LIMITS.secret.min} characters.`,
  )
  .refine(
    (v) => v === undefined || v.length <= RADIUS_LIMITS.secret.max,
    `The shared secret has at most ${RADIUS_LIMITS.secret.max} characters.`,
  )
  .refine(
    (v) => v === undefined || SECRET.test(v),
    "The shared secret may hold letters, digits, spaces and the punctuation on a US keyboard, nothing else.",
  );

/** Turn RADIUS on, or change it. The secret is needed to turn it on; when changing, empty keeps the one AWS holds. */
export const radiusInput = directoryRef.extend({
  settings: radiusSettingsInput,
  sharedSecret,
});

export const disableRadiusInput = directoryRef;

export type RadiusInput = z.input<typeof radiusInput>;
