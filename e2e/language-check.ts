import { expect, type Locator, type Page } from "@playwright/test";

// The portal speaks one language: things are called by their names and states by their labels. These checks
// read what a person sees in the page's main content and fail when an AWS id or code shows where a name or a
// label belongs. The one place an id may show is secondary, copyable text marked `data-raw-id`
// (components/ui/raw-id.tsx); option values, hidden inputs and other hidden text are not read.

/** Raw AWS ids: WorkSpaces, bundles, directories. */
export const RAW_ID_PATTERNS: RegExp[] = [/\bws-[a-z0-9]{8,}/g, /\bwsb-[a-z0-9]{8,}/g, /\bd-[a-f0-9]{10}\b/g, /\bwsca-[a-z0-9]{8,}/g];

/** AWS's and the portal's codes for states, running modes, compute types, protocols and statuses. */
// prettier-ignore
const CODES = [
  // WorkSpace states
  "AVAILABLE", "PENDING", "STARTING", "REBOOTING", "REBUILDING", "RESTORING", "STOPPING", "STOPPED", "SUSPENDED",
  "TERMINATING", "TERMINATED", "UNHEALTHY", "IMPAIRED", "UPDATING", "MAINTENANCE", "ADMIN_MAINTENANCE", "ERROR",
  // running modes
  "AUTO_STOP", "ALWAYS_ON", "MANUAL",
  // compute types
  "VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO", "GRAPHICS", "GRAPHICSPRO", "GRAPHICS_G4DN",
  "GRAPHICSPRO_G4DN", "GENERALPURPOSE_4XLARGE", "GENERALPURPOSE_8XLARGE",
  // protocols and operating systems
  "PCOIP", "WSP", "WINDOWS", "LINUX", "WINDOWS_SERVER_2019", "WINDOWS_SERVER_2022", "AMAZON_LINUX_2", "UBUNTU_22_04",
  // directory types and states, in either API's spelling
  "SIMPLE_AD", "AD_CONNECTOR", "CUSTOMER_MANAGED", "SimpleAD", "ADConnector", "MicrosoftAD", "SharedMicrosoftAD",
  "REGISTERING", "REGISTERED", "DEREGISTERING", "DEREGISTERED",
  // request statuses, roles and personas
  "PENDING_APPROVAL", "APPROVED", "EXECUTING", "SUCCEEDED", "FAILED", "REJECTED", "CANCELLED", "EXPIRED",
  "EMPLOYEE", "MANAGER", "ADMIN", "CONTRACTOR",
  // connection alias states and association statuses
  "CREATING", "DELETING", "NOT_ASSOCIATED", "ASSOCIATED_WITH_OWNER_ACCOUNT", "ASSOCIATED_WITH_SHARED_ACCOUNT",
  "PENDING_ASSOCIATION", "PENDING_DISASSOCIATION",
  // change types as the code names them
  "computeType", "runningMode", "resetPassword",
];
export const AWS_CODE_PATTERN = new RegExp(`\\b(${CODES.join("|")})\\b`, "g");

export type LanguageOffence = { kind: "raw id" | "AWS code"; match: string; snippet: string };

/** The visible text of `root`, one string per text node, without what is hidden or marked `data-raw-id`. */
export async function visibleTexts(root: Locator): Promise<string[]> {
  return root.evaluate((element) => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const hidden = new Map<Element, boolean>();
    const isHidden = (el: Element | null): boolean => {
      if (!el || el === element.parentElement) return false;
      const known = hidden.get(el);
      if (known !== undefined) return known;
      let result: boolean;
      if (el.closest("[data-raw-id]")) result = true;
      else if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(el.tagName)) result = true;
      else {
        const style = getComputedStyle(el);
        result =
          el.hasAttribute("hidden") ||
          el.getAttribute("aria-hidden") === "true" ||
          style.display === "none" ||
          style.visibility === "hidden" ||
          isHidden(el.parentElement);
      }
      hidden.set(el, result);
      return result;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.replace(/\s+/g, " ").trim();
      if (!text || !parent || isHidden(parent)) continue;
      // An <option>'s visible text is what a person reads in the select; its value attribute is not a text node.
      if (parent.tagName === "OPTION" || parent.closest("select")) {
        texts.push(text);
        continue;
      }
      // A closed <details> shows only its summary.
      const details = parent.closest("details");
      if (details && !details.open && !parent.closest("summary")) continue;
      texts.push(text);
    }
    return texts;
  });
}

/** Finds raw ids and AWS codes in the given texts; `allow` lists patterns whose matches are accepted. */
export function findLanguageOffences(texts: string[], allow: RegExp[] = []): LanguageOffence[] {
  const offences: LanguageOffence[] = [];
  const allowed = (snippet: string) => allow.some((a) => new RegExp(a.source, a.flags.replace("g", "")).test(snippet));
  for (const text of texts) {
    const found: { kind: LanguageOffence["kind"]; match: string; index: number }[] = [];
    for (const pattern of RAW_ID_PATTERNS)
      for (const m of text.matchAll(pattern)) {
        // An id inside a web address ("Open in the portal: https://…/workspaces/ws-…" in a plain-text mail) is part
        // of the link a person follows, not the name of a thing.
        if (text[(m.index ?? 0) - 1] === "/") continue;
        found.push({ kind: "raw id", match: m[0], index: m.index ?? 0 });
      }
    for (const m of text.matchAll(AWS_CODE_PATTERN)) found.push({ kind: "AWS code", match: m[0], index: m.index ?? 0 });
    for (const f of found) {
      const snippet = text.slice(Math.max(0, f.index - 40), f.index + f.match.length + 40);
      if (!allowed(snippet)) offences.push({ kind: f.kind, match: f.match, snippet });
    }
  }
  return offences;
}

/**
 * Fails when the page's main content shows a raw id (ws-…, wsb-…, d-…) or an AWS code (AVAILABLE, AUTO_STOP,
 * GRAPHICS_G4DN…) outside `[data-raw-id]`, listing each offending snippet. The page title counts too. `soft`
 * records the failure and goes on, so a journey lists every page that fails.
 */
export async function expectPlainLanguage(
  page: Page,
  { allow = [], where = "", soft = false }: { allow?: RegExp[]; where?: string; soft?: boolean } = {},
) {
  const main = page.locator("main").first();
  await expect(main).toBeVisible();
  const texts = await visibleTexts(main);
  texts.push(await page.title());
  const offences = findLanguageOffences(texts, allow);
  const label = where || new URL(page.url()).pathname;
  expect
    .configure({ soft })(
      offences.map((o) => `${o.kind} ${o.match} in "…${o.snippet}…"`),
      `${label} shows raw ids or AWS codes where names and labels belong`,
    )
    .toEqual([]);
}

/**
 * After a failed submit: focus is on the first invalid field of the form (`aria-invalid="true"`), and that
 * field names a visible message through `aria-describedby`.
 */
export async function expectFocusOnFirstInvalid(page: Page, { soft = false }: { soft?: boolean } = {}) {
  const check = expect.configure({ soft });
  const form = page.locator("main form").filter({ has: page.locator('[aria-invalid="true"]') });
  await check(form.first(), "a field is marked invalid after the failed submit").toBeVisible();
  if (!(await form.count())) return;
  await check
    .poll(
      async () =>
        form.first().evaluate((f) => {
          const first = f.querySelector('[aria-invalid="true"]');
          const active = document.activeElement;
          if (!first) return "no field is marked aria-invalid";
          if (active !== first)
            return `focus is on ${active?.tagName.toLowerCase()}#${active?.id || "?"}, not on the first invalid field #${first.id}`;
          const ids = (first.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
          const messages = ids.map((id) => document.getElementById(id)?.textContent?.trim()).filter(Boolean);
          if (messages.length === 0) return `#${first.id} is not linked to its message by aria-describedby`;
          return "ok";
        }),
      { message: "focus lands on the first invalid field, which names its message" },
    )
    .toBe("ok");
}

/**
 * A pending request shows as ONE banner in the page's main content, not as a warning beside every action:
 * exactly one visible banner (an alert, a status or an element whose test id ends in "banner") mentions it,
 * and the old per-action warning ("already has a request in progress") is nowhere else.
 */
export async function expectSingleBanner(
  page: Page,
  { text = /waiting for|pending/i, soft = false }: { text?: RegExp; soft?: boolean } = {},
) {
  const check = expect.configure({ soft });
  const main = page.locator("main").first();
  const summary = await main.evaluate(
    (element, source) => {
      const pattern = new RegExp(source.source, source.flags);
      const visible = (el: Element) => {
        const box = (el as HTMLElement).getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
      };
      const candidates = [...element.querySelectorAll('[role="alert"], [role="status"], [data-testid$="banner"]')].filter(
        (el) => visible(el) && pattern.test(el.textContent ?? ""),
      );
      // A status inside the banner is part of it, not a second banner.
      const banners = candidates.filter((el) => !candidates.some((other) => other !== el && other.contains(el)));
      const warnings = [...element.querySelectorAll("*")].filter(
        (el) =>
          visible(el) &&
          el.children.length === 0 &&
          /already has a request in progress/i.test(el.textContent ?? "") &&
          !banners.some((banner) => banner.contains(el)),
      );
      return {
        banners: banners.map((el) => (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 120)),
        warnings: warnings.map((el) => (el.textContent ?? "").trim().slice(0, 120)),
      };
    },
    { source: text.source, flags: text.flags },
  );
  check(summary.banners, "exactly one banner tells of the pending request").toHaveLength(1);
  check(summary.warnings, "no per-action warnings repeat the pending request").toEqual([]);
}

/**
 * Every admin area a persona journey visits, with the pattern of a link to one of its items (its own page), so
 * the accessibility and language journeys cover the same pages. "new" and "register" are forms, not items.
 */
export const ADMIN_AREAS: readonly (readonly [path: string, name: string, item: RegExp | null])[] = [
  ["/admin/bundles", "carol-bundles", /^\/admin\/bundles\/(?!new$)[^/]+$/],
  ["/admin/images", "carol-images", /^\/admin\/images\/(?!new$)[^/]+$/],
  ["/admin/prices", "carol-prices", null],
  ["/admin/policies", "carol-policies", null],
  ["/admin/directories", "carol-directories", /^\/admin\/directories\/(?!register$)[^/]+$/],
  ["/admin/ip-groups", "carol-ip-groups", /^\/admin\/ip-groups\/(?!new$)[^/]+$/],
  ["/admin/aliases", "carol-aliases", /^\/admin\/aliases\/[^/]+$/],
  ["/admin/rollouts", "carol-rollouts", /^\/admin\/rollouts\/(?!new$)[^/]+$/],
  ["/admin/audit", "carol-audit", null],
  ["/admin/users", "carol-users", /^\/admin\/users\/[^/]+$/],
  ["/admin/accounts", "carol-accounts", null],
  ["/admin/optimizer", "carol-optimizer", null],
  ["/admin/api-tokens", "carol-api-tokens", null],
  ["/admin/webhooks", "carol-webhooks", /^\/admin\/webhooks\/[^/]+$/],
  ["/admin/mail", "carol-mail", /^\/admin\/mail\/[^/]+$/],
];
