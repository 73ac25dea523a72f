import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInAs } from "./helpers";
import { advanceSandbox } from "./journey-helpers";

// An ITSM integration as it really runs: an admin issues a token in the portal, and from then on a plain HTTP client
// (no browser, no cookies) finds a person's WorkSpace, submits a change for them, records their manager's approval,
// and follows the request to success. Bob's WorkSpace gets the next larger compute type: it costs more, and Bob has no
// manager, so an admin (Carol) approves it. (The journeys use Alice's WorkSpace; this spec leaves it alone.)

const COMPUTE_ORDER = ["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"];

test("an ITSM tool drives a request from creation to success over plain HTTP", async ({ page, playwright, baseURL }, testInfo) => {
  test.setTimeout(240_000);

  // The admin issues a token: shown once.
  await signInAs(page, "carol", "/admin/api-tokens");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`ITSM e2e ${testInfo.retry}`);
  for (const scope of ["workspaces:read", "requests:read", "requests:write", "decisions:write"])
    await page.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await page.getByRole("checkbox", { name: /May act on behalf of people/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByLabel("New API token");
  await expect(secret).toHaveValue(/^wsp_/);
  const token = await secret.inputValue();
  await page.screenshot({ path: testInfo.outputPath("api-token-created.png"), fullPage: true });

  const api: APIRequestContext = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}`, accept: "application/json" },
  });
  const as = (email: string) => ({ "x-on-behalf-of": email });

  // The document describes the API; no token needed for it.
  const doc = await (await api.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toMatch(/^3\.1/);
  expect(Object.keys(doc.paths)).toContain("/api/v1/requests");

  // Without a token: a problem document, not a sign-in page.
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get("/api/v1/workspaces");
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  await anonymous.dispose();

  // Bob's WorkSpace, as he sees it.
  const listed = await api.get("/api/v1/workspaces?limit=10", { headers: as("bob@example.com") });
  expect(listed.status()).toBe(200);
  const workspaces = (await listed.json()).data as { id: string; state: string; computeType: string | null }[];
  const workspace = workspaces.find(
    (w) => w.state === "AVAILABLE" && COMPUTE_ORDER.indexOf(w.computeType ?? "") < COMPUTE_ORDER.length - 1,
  );
  expect(workspace, "Bob has an available WorkSpace that can grow").toBeTruthy();
  const larger = COMPUTE_ORDER[COMPUTE_ORDER.indexOf(workspace!.computeType!) + 1]!;

  // Bob asks through the ITSM tool for more compute; it costs more, so the policy sends it to an admin.
  const key = randomUUID();
  const body = {
    change: { type: "computeType", workspaceId: workspace!.id, computeType: larger },
    justification: "Builds are slow (ticket RITM0012345).",
  };
  const created = await api.post("/api/v1/requests", { headers: { ...as("bob@example.com"), "idempotency-key": key }, data: body });
  expect(created.status(), await created.text()).toBe(201);
  const request = await created.json();
  expect(request.status).toBe("PENDING_APPROVAL");
  expect(created.headers().location).toContain(`/api/v1/requests/${request.id}`);

  // The ITSM tool retries after a timeout: the same key and body answer the first request again.
  const replay = await api.post("/api/v1/requests", { headers: { ...as("bob@example.com"), "idempotency-key": key }, data: body });
  expect(replay.status()).toBe(201);
  expect((await replay.json()).id).toBe(request.id);
  expect(replay.headers()["idempotent-replayed"]).toBe("true");

  // Bob cannot approve his own request, whatever channel carries it.
  const own = await api.post(`/api/v1/requests/${request.id}/decisions`, {
    headers: { ...as("bob@example.com"), "idempotency-key": randomUUID() },
    data: { decision: "APPROVED" },
  });
  expect(own.status()).toBe(403);
  expect((await own.json()).code).toBe("OWN_REQUEST");

  // Carol approved in the ITSM tool; the tool records it for her.
  const approved = await api.post(`/api/v1/requests/${request.id}/decisions`, {
    headers: { ...as("carol@example.com"), "idempotency-key": randomUUID() },
    data: { decision: "APPROVED", comment: "Approved in the service desk." },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  expect(["APPROVED", "EXECUTING", "SUCCEEDED"]).toContain((await approved.json()).status);

  // The tool polls until the change is done, as an integration would.
  let status = "";
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    await advanceSandbox(30);
    const polled = await api.get(`/api/v1/requests/${request.id}`);
    expect(polled.status()).toBe(200);
    const current = await polled.json();
    status = current.status;
    if (["SUCCEEDED", "FAILED"].includes(status)) {
      expect(current.timeline.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(["request.submitted", "request.approved", "request.succeeded"]),
      );
      break;
    }
    await page.waitForTimeout(2000);
  }
  expect(status).toBe("SUCCEEDED");
  const after = await (await api.get(`/api/v1/workspaces/${workspace!.id}`)).json();
  expect(after.computeType).toBe(larger);

  // The request page in the portal shows the decision came through the API.
  await page.goto(`/requests/${request.id}`);
  await expect(page.locator("main")).toContainText("Approved by Carol Smith through the API");
  await expect(page.locator("main")).toContainText(`via API token "ITSM e2e`);
  await page.screenshot({ path: testInfo.outputPath("api-request-page.png"), fullPage: true });
  await api.dispose();
});
