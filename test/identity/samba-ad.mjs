#!/usr/bin/env node
// A real Active Directory domain controller for the tests: Samba (Debian package `samba`), provisioned
// into a directory of its own with `samba-tool domain provision`, serving LDAPS and StartTLS on this
// machine's loopback (ports 389 and 636, which Samba does not let us move) with a certificate made here.
// Needs root and the samba binaries; `sambaUnavailable()` says why not when they are missing.
//
// Run on its own: `node test/identity/samba-ad.mjs [dir]` prints the AUTH_LDAP_* settings and keeps running.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const AD_REALM = "corp.example.com";
export const AD_BASE_DN = "DC=corp,DC=example,DC=com";
export const AD_PASSWORD = "Corp-Passw0rd!";
const ADMIN_PASSWORD = "Adm1n-Passw0rd!";
export const AD_SERVICE = { dn: `CN=svc-portal,CN=Users,${AD_BASE_DN}`, password: "Svc-Passw0rd!42" };

/**
 * The test organisation. Groups nest: Team-Leads is a member of Portal-Managers, so Max is a manager
 * only through nesting. Grace is in no portal group but is Ada's manager (the `manager` attribute).
 */
export const AD_PEOPLE = [
  { login: "alan", given: "Alan", surname: "Turing", department: "IT", groups: ["Portal-Admins"] },
  { login: "grace", given: "Grace", surname: "Hopper", department: "Engineering", groups: [] },
  { login: "ada", given: "Ada", surname: "Lovelace", department: "Engineering", groups: ["Staff"], manager: "grace" },
  { login: "max", given: "Max", surname: "Planck", department: "Research", groups: ["Team-Leads"] },
  { login: "dora", given: "Dora", surname: "Disabled", department: "Sales", groups: [], disabled: true },
  { login: "pat", given: "Pat", surname: "Expired", department: "Sales", groups: [], mustChangePassword: true },
  { login: "lou", given: "Lou", surname: "Locked", department: "Sales", groups: [] },
];
export const AD_GROUPS = [
  { name: "Portal-Admins", members: [] },
  { name: "Portal-Managers", members: ["Team-Leads"] },
  { name: "Team-Leads", members: [] },
  { name: "Staff", members: [] },
];
export const adEmail = (login) => `${login}@${AD_REALM}`;

function which(binary) {
  for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/usr/bin"])) {
    if (existsSync(path.join(dir, binary))) return path.join(dir, binary);
  }
  return null;
}

/** Why Samba cannot run here, or null when it can. */
export function sambaUnavailable() {
  const missing = ["samba", "samba-tool", "openssl"].filter((b) => !which(b));
  if (missing.length) return `${missing.join(", ")} not installed (apt-get install -y samba)`;
  if (process.getuid?.() !== 0) return "Samba's domain controller needs root";
  return null;
}

function tls(dir) {
  mkdirSync(dir, { recursive: true });
  const run = (args) => execFileSync("openssl", args, { stdio: "pipe" });
  run([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Portal test CA",
    "-keyout",
    `${dir}/ca.key`,
    "-out",
    `${dir}/ca.pem`,
  ]);
  writeFileSync(`${dir}/server.ext`, "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:dc1.corp.example.com\nextendedKeyUsage=serverAuth\n");
  run([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=dc1.corp.example.com",
    "-keyout",
    `${dir}/server.key`,
    "-out",
    `${dir}/server.csr`,
  ]);
  run([
    "x509",
    "-req",
    "-in",
    `${dir}/server.csr`,
    "-CA",
    `${dir}/ca.pem`,
    "-CAkey",
    `${dir}/ca.key`,
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    `${dir}/server.ext`,
    "-out",
    `${dir}/server.pem`,
  ]);
  chmodSync(`${dir}/server.key`, 0o600);
  return { ca: `${dir}/ca.pem`, cert: `${dir}/server.pem`, key: `${dir}/server.key` };
}

// One Python process with Samba's own bindings writes the whole organisation into sam.ldb, before the
// server starts: much faster than a samba-tool call per person. Debian's python3, where those bindings live.
const POPULATE = String.raw`
import json, sys
from samba.samdb import SamDB
from samba.auth import system_session
from samba.param import LoadParm
import ldb
lp = LoadParm(); lp.load(sys.argv[1])
db = SamDB(url=sys.argv[2], session_info=system_session(), lp=lp)
org = json.loads(sys.argv[3])
base = str(db.domain_dn())
db.newuser("svc-portal", org["service_password"], givenname="Portal", surname="Service")
for g in org["groups"]:
    db.newgroup(g["name"])
for p in org["people"]:
    db.newuser(p["login"], org["password"], givenname=p["given"], surname=p["surname"],
               mailaddress=p["login"] + "@" + org["realm"], department=p["department"],
               force_password_change_at_next_login_req=bool(p.get("mustChangePassword")))
def dn_of(login):
    return str(db.search(base=base, expression="(sAMAccountName=%s)" % login, attrs=["dn"])[0].dn)
for p in org["people"]:
    if p.get("manager"):
        m = ldb.Message()
        m.dn = ldb.Dn(db, dn_of(p["login"]))
        m["manager"] = ldb.MessageElement(dn_of(p["manager"]), ldb.FLAG_MOD_REPLACE, "manager")
        db.modify(m)
    for g in p["groups"]:
        db.add_remove_group_members(g, [p["login"]], add_members_operation=True)
    if p.get("disabled"):
        db.disable_account("(sAMAccountName=%s)" % p["login"])
for g in org["groups"]:
    if g["members"]:
        db.add_remove_group_members(g["name"], g["members"], add_members_operation=True)
# Three wrong passwords lock an account for a minute, so a test can see Active Directory's lockout.
m = ldb.Message(); m.dn = ldb.Dn(db, base)
m["lockoutThreshold"] = ldb.MessageElement("3", ldb.FLAG_MOD_REPLACE, "lockoutThreshold")
m["lockoutDuration"] = ldb.MessageElement("-600000000", ldb.FLAG_MOD_REPLACE, "lockoutDuration")
m["lockOutObservationWindow"] = ldb.MessageElement("-600000000", ldb.FLAG_MOD_REPLACE, "lockOutObservationWindow")
db.modify(m)
`;

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve()));
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`Samba did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/**
 * Provisions a fresh domain in `dir` and starts its LDAP service. Resolves to the portal's AUTH_LDAP_*
 * settings, how long provisioning took, and stop().
 */
export async function startSambaAd({ dir = ".data/samba-ad" } = {}) {
  const why = sambaUnavailable();
  if (why) throw new Error(`Samba cannot run here: ${why}`);
  const root = path.resolve(dir);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const started = Date.now();
  const certs = tls(path.join(root, "tls"));
  const dc = path.join(root, "dc");
  execFileSync(
    "samba-tool",
    [
      "domain",
      "provision",
      `--targetdir=${dc}`,
      `--realm=${AD_REALM.toUpperCase()}`,
      "--domain=CORP",
      "--server-role=dc",
      "--dns-backend=NONE",
      `--adminpass=${ADMIN_PASSWORD}`,
      "--host-name=dc1",
      "--use-rfc2307",
      "--option=bind interfaces only=yes",
      "--option=interfaces=lo",
      "--option=server services=ldap",
      "--option=tls enabled=yes",
      `--option=tls keyfile=${certs.key}`,
      `--option=tls certfile=${certs.cert}`,
      `--option=tls cafile=${certs.ca}`,
      `--option=log file=${root}/samba.log`,
    ],
    { stdio: "pipe" },
  );
  const conf = path.join(dc, "etc", "smb.conf");
  const org = { realm: AD_REALM, password: AD_PASSWORD, service_password: AD_SERVICE.password, groups: AD_GROUPS, people: AD_PEOPLE };
  execFileSync(
    existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3",
    ["-c", POPULATE, conf, path.join(dc, "private", "sam.ldb"), JSON.stringify(org)],
    { stdio: "pipe" },
  );
  const provisionMs = Date.now() - started;

  const server = spawn("samba", ["-F", "-s", conf, "--debug-stdout", "-d", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  server.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    await Promise.race([
      Promise.all([waitForPort(636, 30_000), waitForPort(389, 30_000)]),
      exited.then(() => Promise.reject(new Error(`samba exited: ${stderr}`))),
    ]);
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }
  return {
    provisionMs,
    startMs: Date.now() - started,
    env: {
      AUTH_LDAP_URL: "ldaps://127.0.0.1",
      AUTH_LDAP_BIND_DN: AD_SERVICE.dn,
      AUTH_LDAP_BIND_PASSWORD: AD_SERVICE.password,
      AUTH_LDAP_BASE_DN: AD_BASE_DN,
      AUTH_LDAP_TLS_CA_FILE: certs.ca,
      AUTH_LDAP_NAME: "Corp Active Directory",
    },
    async stop() {
      if (server.exitCode === null) server.kill("SIGTERM");
      await exited;
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const ad = await startSambaAd({ dir: process.argv[2] });
  console.log(`Samba AD provisioned in ${ad.provisionMs} ms, listening in ${ad.startMs} ms`);
  for (const [k, v] of Object.entries(ad.env)) console.log(`${k}=${v}`);
  const stop = () => ad.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
