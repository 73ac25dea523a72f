import "server-only";
export interface MailContent {
  greetingName: string;
  title: string;
  body: string;
  link?: string;
  actions?: { label: string; url: string; tone: "primary" | "danger" }[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const BODY_STYLE = "font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;max-width:560px;margin:0 auto;padding:24px";
const BUTTON_STYLE =
  "display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;color:#fff;text-decoration:none;font-weight:600";
const BUTTON_BACKGROUND = { primary: "#1f5fbf", danger: "#b42318" } as const;

/** Plain, inline-styled HTML (mail clients ignore stylesheets) and a text part with the same content. */
export function renderMail(content: MailContent): { text: string; html: string } {
  const actions = content.actions ?? [];
  const text = [
    `Hello ${content.greetingName},`,
    "",
    content.body,
    "",
    ...actions.map((a) => `${a.label}: ${a.url}`),
    ...(content.link ? [`Open in the portal: ${content.link}`] : []),
    "",
    "— WorkSpaces Portal",
  ].join("\n");
  const button = (a: { label: string; url: string; tone: "primary" | "danger" }) =>
    `<a href="${escapeHtml(a.url)}" style="${BUTTON_STYLE};background:${BUTTON_BACKGROUND[a.tone]}">${escapeHtml(a.label)}</a>`;
  const html = `<!doctype html><html><body style="${BODY_STYLE}">
<h1 style="font-size:20px;color:#0f2c57">${escapeHtml(content.title)}</h1>
<p>Hello ${escapeHtml(content.greetingName)},</p>
<p style="white-space:pre-line">${escapeHtml(content.body)}</p>
${actions.length ? `<p>${actions.map(button).join("")}</p>` : ""}
${content.link ? `<p><a href="${escapeHtml(content.link)}" style="color:#1f5fbf">Open in the portal</a></p>` : ""}
<p style="color:#64748b;font-size:12px">WorkSpaces Portal</p>
</body></html>`;
  return { text, html };
}
