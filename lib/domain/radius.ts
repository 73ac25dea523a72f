// Multi-factor authentication through RADIUS is a directory's setting, not a person's: Directory Service offers
// it on AD Connector and AWS Managed Microsoft AD directories only, and everyone who signs in to a WorkSpace
// through such a directory is asked for the one-time code. People who need different MFA rules need different
// directories (the seed whitepaper's persona design does exactly that).

const RADIUS_CAPABLE = new Set(["ADConnector", "MicrosoftAD", "SharedMicrosoftAD", "AD_CONNECTOR"]);

/** Whether Directory Service can put RADIUS MFA on a directory of this type (its own or WorkSpaces' spelling). */
export function radiusAvailableFor(directoryType: string | null | undefined): boolean {
  return !!directoryType && RADIUS_CAPABLE.has(directoryType);
}

export const RADIUS_UNAVAILABLE =
  "Directory Service offers MFA through RADIUS for AD Connector and AWS Managed Microsoft AD directories only. " +
  "To give these people MFA, move them to a directory of one of those types.";

/** Whether a RADIUS status says AWS is still at work, so a page should look again shortly. */
export function radiusSettling(status: string | null | undefined): boolean {
  return status === "Creating";
}
