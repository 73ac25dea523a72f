import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return {
    log: createLogger("info", stream),
    text: () => lines.join(""),
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const SECRETS = [
  "S3cret!",
  "hunter2",
  "tok-123456",
  "cookie-value",
  "Bearer abc.def",
  "wJalrXUtnFEMI",
  "AKIAEXAMPLE",
  "sess-789",
  "api-000",
];

describe("logger", () => {
  it("redacts a password nested in an AWS error's input", () => {
    const { log, text, entries } = capture();
    log.warn(
      {
        err: {
          name: "InvalidParameterValuesException",
          $metadata: { httpStatusCode: 400, requestId: "req-1", attempts: 1 },
          input: { Workspaces: [{ DirectoryId: "d-1", UserName: "alice", NewPassword: "S3cret!" }] },
        },
      },
      "job attempt failed",
    );
    expect(text()).not.toContain("S3cret!");
    const err = entries()[0]!.err as { $metadata: { requestId: string }; input: { Workspaces: Record<string, string>[] } };
    expect(err.$metadata.requestId).toBe("req-1");
    expect(err.input.Workspaces[0]).toEqual({ DirectoryId: "d-1", UserName: "alice", NewPassword: "[redacted]" });
  });

  it("redacts inside a real Error: its own fields, its cause and an aggregate's errors", () => {
    const { log, text, entries } = capture();
    const cause = Object.assign(new Error("directory refused"), { request: { password: "hunter2" } });
    const error = Object.assign(new Error("ResetPassword failed", { cause }), {
      name: "ClientException",
      $metadata: { httpStatusCode: 400 },
      input: { DirectoryId: "d-1", UserName: "bob", NewPassword: "S3cret!" },
    });
    log.error({ err: error });
    log.error({ err: new AggregateError([Object.assign(new Error("one"), { token: "tok-123456" })], "several failed") });
    expect(text()).not.toMatch(/S3cret!|hunter2|tok-123456/);
    const [first, second] = entries() as { err: Record<string, unknown> }[];
    expect(first!.err).toMatchObject({
      type: "ClientException",
      message: "ResetPassword failed",
      input: { UserName: "bob" },
      cause: { message: "directory refused" },
    });
    expect(first!.err.stack).toEqual(expect.stringContaining("ResetPassword failed"));
    expect(second!.err).toMatchObject({ type: "AggregateError", errors: [{ message: "one", token: "[redacted]" }] });
  });

  it("redacts whatever the key's case or spelling, at any depth", () => {
    const { log, text, entries } = capture();
    log.info({
      request: {
        headers: {
          Authorization: "Bearer abc.def",
          Cookie: "cookie-value",
          "set-cookie": ["a=cookie-value"],
          "X-Amz-Security-Token": "tok-123456",
          "x-api-key": "api-000",
        },
        body: {
          password: "hunter2",
          PASSWORD: "hunter2",
          confirmPassword: "hunter2",
          user: { profile: { settings: { NewPassword: "S3cret!" } } },
        },
      },
      aws: {
        credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI" },
        SecretAccessKey: "wJalrXUtnFEMI",
        AWS_ACCESS_KEY_ID: "AKIAEXAMPLE",
      },
      session: { sessionToken: "sess-789", AUTH_SECRET: "hunter2", apiToken: "api-000", emailLinkToken: "tok-123456" },
      list: [[{ secret: "S3cret!" }], { deeper: [{ Password: "hunter2" }] }],
      requestId: "r-1",
      workspaceId: "ws-1",
    });
    const out = text();
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    const entry = entries()[0]!;
    expect(entry).toMatchObject({ requestId: "r-1", workspaceId: "ws-1", session: { sessionToken: "[redacted]" } });
    expect((entry.request as { headers: Record<string, string> }).headers.Authorization).toBe("[redacted]");
  });

  it("redacts secrets inside text: URL credentials, query tokens and mail links", () => {
    const { log, text } = capture();
    log.info({
      smtp: "smtp://mailer:hunter2@smtp.example.com:587",
      link: "https://portal.example.com/approvals/email/cm1x.1767225600.tok-123456",
      callback: "https://portal.example.com/cb?code=1&token=tok-123456&X-Amz-Signature=S3cret!",
    });
    const out = text();
    for (const secret of ["hunter2", "tok-123456", "S3cret!"]) expect(out).not.toContain(secret);
    expect(out).toContain("smtp://mailer:[redacted]@smtp.example.com:587");
    expect(out).toContain("/approvals/email/[redacted]");
  });

  it("survives cycles, shared values and very deep objects", () => {
    const { log, text, entries } = capture();
    const loop: Record<string, unknown> = { name: "loop", password: "hunter2" };
    loop.self = loop;
    const shared = { region: "us-east-1" };
    let deep: Record<string, unknown> = { NewPassword: "S3cret!" };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    log.info({ loop, a: shared, b: shared, deep });
    expect(text()).not.toMatch(/hunter2|S3cret!/);
    const entry = entries()[0]!;
    expect(entry.loop).toEqual({ name: "loop", password: "[redacted]", self: "[circular]" });
    expect(entry.b).toEqual({ region: "us-east-1" });
    expect(text()).toContain("[truncated]");
  });

  it("redacts child bindings too, and leaves the logged object untouched", () => {
    const { log, text } = capture();
    const logged = { headers: { cookie: "cookie-value" } };
    log.child({ requestId: "r-2", authorization: "Bearer abc.def" }).info(logged, "request");
    expect(text()).not.toMatch(/cookie-value|abc\.def/);
    expect(text()).toContain('"requestId":"r-2"');
    expect(logged.headers.cookie).toBe("cookie-value");
    log.child({ requestId: "r-3" }).child({ jobId: "j-1", sessionToken: "sess-789" }).info("grandchild");
    const last = text().trim().split("\n").at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ requestId: "r-3", jobId: "j-1", sessionToken: "[redacted]" });
  });

  it("keeps requestLogger working outside a request", async () => {
    process.env.PORTAL_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "portal-logger-"));
    process.env.LOG_LEVEL = "silent";
    const log = await requestLogger();
    expect(typeof log.info).toBe("function");
    expect(() => log.info({ password: "hunter2" }, "outside a request")).not.toThrow();
  });
});
