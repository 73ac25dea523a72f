import "server-only";
import { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { directoryCredentials } from "../schemas/sign-in";
import type { PortalConfig } from "../config";
import { logger } from "../logger";
import { authenticateWithDirectory, LdapSignInError, type LdapFailure } from "./ldap";
import { oidcProvider, provenFromOidcClaims } from "./oidc";
import { directoriesNamed, provisionPerson, ProvisioningRefused } from "./provisioning";

type Providers = NonNullable<NextAuthConfig["providers"]>;
type SignInCallback = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["signIn"]>;

/** The code reaches the sign-in page as ?code=…, which picks the message; it never says whether the user exists. */
class DirectorySignInFailed extends CredentialsSignin {
  constructor(reason: LdapFailure | "refused") {
    super();
    this.code = reason;
  }
}

// In memory: right for one portal process. With several web instances each counts on its own, so a
// shared store (rate-limiter-flexible's Redis or Postgres limiters) would be needed for an exact limit.
// Per user name, below Active Directory's usual lockout threshold, so a guesser cannot lock people out;
// per client address, so one machine cannot try many names.
const perUserName = new RateLimiterMemory({ keyPrefix: "ldap-user", points: 5, duration: 15 * 60 });
const perAddress = new RateLimiterMemory({ keyPrefix: "ldap-address", points: 30, duration: 15 * 60 });

async function withinRateLimit(userName: string, address: string): Promise<boolean> {
  try {
    await Promise.all([perUserName.consume(userName.trim().toLowerCase()), perAddress.consume(address)]);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/**
 * The client's address as the nearest proxy (the load balancer, or next start itself) appended it to
 * X-Forwarded-For: the last entry, because a client can write anything into the earlier ones.
 */
function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

async function ldapDirectoryIds(config: PortalConfig): Promise<string[] | undefined> {
  const ldap = config.auth.ldap!;
  if (ldap.directories.kind === "ids") return [...ldap.directories.ids];
  try {
    return await directoriesNamed(ldap.directories.dnsName, config.aws.regions);
  } catch (error) {
    // AWS being unreachable should not stop anyone signing in; their directory identities stay as they were.
    logger().warn({ err: error }, "Active Directory sign-in: the WorkSpaces directories could not be listed");
    return undefined;
  }
}

/** The providers each configured method adds beside demo sign-in. */
export function ssoProviders(config: PortalConfig): Providers {
  const providers: Providers = [];
  if (config.auth.oidc) providers.push(oidcProvider(config.auth.oidc));
  const ldap = config.auth.ldap;
  if (ldap) {
    providers.push(
      Credentials({
        id: "ldap",
        name: ldap.name,
        credentials: { username: { label: "User name" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = directoryCredentials.safeParse(raw);
          if (!parsed.success) throw new DirectorySignInFailed("wrong_credentials");
          const { username, password } = parsed.data;
          if (!(await withinRateLimit(username, clientAddress(request)))) throw new DirectorySignInFailed("rate_limited");
          try {
            const proven = await authenticateWithDirectory(ldap, username, password, await ldapDirectoryIds(config));
            const identity = await provisionPerson(proven, config.auth.groups);
            await perUserName.delete(username.trim().toLowerCase());
            return { id: identity.id, email: identity.email, name: identity.name, role: identity.role };
          } catch (error) {
            if (error instanceof LdapSignInError) {
              if (error.reason === "unreachable")
                logger().error({ err: error.cause }, "Active Directory sign-in: the directory could not be reached");
              throw new DirectorySignInFailed(error.reason);
            }
            if (error instanceof ProvisioningRefused) throw new DirectorySignInFailed("refused");
            throw error;
          }
        },
      }),
    );
  }
  return providers;
}

/**
 * Auth.js's signIn callback: an OIDC sign-in becomes a portal person here, after the library has
 * validated the ID token. The user object is the one the jwt callback receives next, so its id is set
 * to the portal person's.
 */
export function ssoSignIn(config: PortalConfig): SignInCallback {
  return async ({ user, account, profile }) => {
    if (account?.provider !== "oidc") return true;
    const oidc = config.auth.oidc;
    const proven = oidc && profile ? provenFromOidcClaims(profile as Record<string, unknown>, oidc) : null;
    if (!proven) return "/signin?error=oidc_claims";
    try {
      const identity = await provisionPerson(proven, config.auth.groups);
      Object.assign(user, { id: identity.id, email: identity.email, name: identity.name, role: identity.role });
      return true;
    } catch (error) {
      if (error instanceof ProvisioningRefused) return "/signin?error=oidc_refused";
      throw error;
    }
  };
}
