// Resetting a directory password: where the portal can, and what it says where it cannot.

/**
 * Whether the portal can reset a directory user's password: it can in Simple AD and AWS Managed Microsoft AD
 * (Directory Service's ResetUserPassword); an AD Connector only relays to the organisation's own Active Directory.
 */
export function portalResetsPassword(directoryType: string | null | undefined): boolean {
  return directoryType === "SIMPLE_AD" || directoryType === "MICROSOFT_AD";
}

/** Where the portal cannot reset a password, the organisation's own instructions (a setting per directory). */
export interface PasswordHelp {
  /** Plain text, a few sentences. */
  text: string;
  /** The organisation's password-reset page; https only. */
  url: string | null;
}

export const PASSWORD_HELP_LIMITS = { text: 1000, url: 500 } as const;

/** What an employee reads until an admin writes their organisation's instructions. */
export const DEFAULT_PASSWORD_HELP: PasswordHelp = {
  text:
    "Your password belongs to your organisation's own directory, which the portal cannot change. " +
    "Ask the IT service desk to reset your password, or use your organisation's usual password-reset page.",
  url: null,
};
