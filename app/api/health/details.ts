import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether this request may see the health details (AWS mode, Regions, endpoints, database): a signed-in
 * admin, or a monitor that sends `Authorization: Bearer <HEALTH_DETAILS_TOKEN>`. Anonymous callers
 * learn only whether the portal is up.
 */
export async function mayReadHealthDetails(
  request: Request,
  options: { detailsToken: string | undefined; isAdmin: () => Promise<boolean> },
): Promise<boolean> {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  if (bearer && options.detailsToken && sameSecret(bearer, options.detailsToken)) return true;
  return options.isAdmin();
}

function sameSecret(given: string, expected: string): boolean {
  // Equal-length digests, so the comparison takes the same time however much of the token is right.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
