#!/usr/bin/env node
// A real OpenID Provider (the certified `oidc-provider` package) for the end-to-end tests and the sign-in
// benchmark: a login page that checks passwords, a few people with groups, and one client for the portal.
// Run on its own: `node test/identity/oidc-provider.mjs` (OIDC_PORT, PORTAL_URL); it prints its issuer.
//
// The test control endpoint POST /__test/people/<login> {"groups":[…]} changes someone's groups, as an
// administrator would in the company's identity provider.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import Provider from "oidc-provider";

export const OIDC_CLIENT = { clientId: "workspaces-portal", clientSecret: "portal-test-secret-0123456789abcdef" };

/** The people of the test organisation. Passwords are the same for everyone: the tests are about groups. */
export const OIDC_PASSWORD = "Corp-Passw0rd!";
export function oidcPeople() {
  return new Map(
    [
      { login: "priya", name: "Priya Raman", groups: ["Portal-Admins", "Everyone"], department: "IT" },
      { login: "sam", name: "Sam Okafor", groups: ["Portal-Managers", "Everyone"], department: "Engineering" },
      { login: "mia", name: "Mia Torres", groups: ["Portal-Managers"], department: "Finance" },
      { login: "emil", name: "Emil Novak", groups: ["Everyone"], department: "Engineering", manager: "sam" },
      { login: "connie", name: "Connie Lund", groups: ["Contractors"], department: "Engineering", manager: "sam" },
      { login: "bench", name: "Bench Runner", groups: ["Everyone"], department: "IT" },
    ].map((p) => [p.login, p]),
  );
}

export const emailOf = (login) => `${login}@sso.example.test`;

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, message) {
  return `<!doctype html><html><head><title>Corp sign-in</title></head><body>
<h1>Corp identity provider</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" required></label>
<button type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** Starts the provider on 127.0.0.1:<port>; resolves to { issuer, people, close }. */
export async function startOidcProvider({ port = 4701, portalUrl = "http://127.0.0.1:3100" } = {}) {
  const issuer = `http://127.0.0.1:${port}`;
  const people = oidcPeople();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.clientSecret,
        redirect_uris: [`${portalUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    // The portal reads the groups and the other claims from the ID token, as Entra ID and Okta send them.
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username", "department", "manager_email"],
      groups: ["groups"],
    },
    scopes: ["openid", "email", "profile", "groups"],
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: emailOf(id),
            email_verified: true,
            name: person.name,
            preferred_username: `${id}@corp.example.test`,
            department: person.department,
            ...(person.manager ? { manager_email: emailOf(person.manager) } : {}),
            groups: [...person.groups],
          };
        },
      };
    },
    // The portal is a first-party application: no consent screen.
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = "html";
      const reason = `${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? "")}`;
      ctx.body = `<!doctype html><h1>Identity provider error</h1><p>${reason}</p>`;
    },
  });
  provider.on("server_error", (_ctx, error) => console.error("oidc-provider:", error));
  for (const event of ["grant.error", "authorization.error"]) {
    provider.on(event, (ctx, error) =>
      console.error(
        `oidc-provider ${event}: ${error.message} ${error.error_detail ?? ""} ${ctx.oidc?.params?.redirect_uri ?? ""} ` +
          (ctx.oidc?.entities?.AuthorizationCode?.redirectUri ?? ""),
      ),
    );
  }
  const callback = provider.callback();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
      if (interaction && req.method === "GET" && !interaction[2]) {
        const details = await provider.interactionDetails(req, res);
        res.writeHead(200, { "content-type": "text/html" }).end(loginPage(details.uid));
        return;
      }
      if (interaction && req.method === "POST" && interaction[2]) {
        const details = await provider.interactionDetails(req, res);
        const form = await readForm(req);
        const login = String(form.get("login") ?? "")
          .trim()
          .toLowerCase();
        if (!people.has(login) || form.get("password") !== OIDC_PASSWORD) {
          res.writeHead(200, { "content-type": "text/html" }).end(loginPage(details.uid, "Wrong username or password."));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
        return;
      }
      const person = /^\/__test\/people\/(\w+)$/.exec(url.pathname);
      if (person && req.method === "POST") {
        let body = "";
        for await (const chunk of req) body += chunk;
        const entry = people.get(person[1]);
        if (!entry) return void res.writeHead(404).end();
        Object.assign(entry, JSON.parse(body));
        res.writeHead(204).end();
        return;
      }
      callback(req, res);
    } catch (error) {
      console.error("oidc-provider:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end(String(error?.message ?? error));
    }
  });
  await new Promise((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  return { issuer, people, close: () => new Promise((resolve) => server.close(resolve)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { issuer } = await startOidcProvider({
    port: Number(process.env.OIDC_PORT ?? 4701),
    portalUrl: process.env.PORTAL_URL ?? "http://127.0.0.1:3100",
  });
  console.log(`OIDC provider listening: ${issuer}`);
}
