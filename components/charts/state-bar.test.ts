import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProgressBar } from "./progress-bar";
import { StateBar } from "./state-bar";

describe("StateBar", () => {
  const html = renderToStaticMarkup(
    createElement(StateBar, {
      counts: [
        { state: "AVAILABLE", count: 30 },
        { state: "STOPPED", count: 10 },
      ],
      hrefFor: (state: string) => `/admin/fleet?state=${state}`,
      current: "STOPPED",
      clearHref: "/admin/fleet",
    }),
  );

  it("draws one link per state, named by its label and count, leading to the table filtered by it", () => {
    expect(html).toContain('href="/admin/fleet?state=AVAILABLE" aria-label="Ready: 30 WorkSpaces (75%)"');
    expect(html).toContain('href="/admin/fleet?state=STOPPED" aria-label="Stopped: 10 WorkSpaces (25%)" aria-current="true"');
    expect(html).toContain('<title id="fleet-states-title">WorkSpaces by state: Ready 30, Stopped 10</title>');
  });

  it("writes the counts out in text, never the codes", () => {
    expect(html).toContain("40 WorkSpaces by state");
    expect(html).toMatch(/Ready 30<\/span><span[^>]*>\(75%\)/);
    expect(html).not.toMatch(/>[^<]*(AVAILABLE|STOPPED)[^<]*</);
    expect(html).toContain('href="/admin/fleet"');
  });

  it("draws nothing for an empty fleet", () => {
    expect(renderToStaticMarkup(createElement(StateBar, { counts: [], hrefFor: () => "/" }))).toBe("");
  });
});

describe("ProgressBar", () => {
  it("is a progressbar of finished over total, with the counts in words", () => {
    const html = renderToStaticMarkup(
      createElement(ProgressBar, { label: "Reboot progress", counts: { done: 10, failed: 2, pending: 18 } }),
    );
    expect(html).toContain('role="progressbar" aria-label="Reboot progress" aria-valuemin="0" aria-valuemax="30" aria-valuenow="12"');
    expect(html).toContain('aria-valuetext="12 of 30 finished: 10 done, 2 failed, 18 pending"');
    expect(html).toContain("40% · 12 of 30 finished");
  });
});
