import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, labelLines } from "./bar-chart";
import { LineChart } from "./line-chart";

const format = (v: number) => `$${v}`;
const text = { id: "c1", title: "Cost by Region", description: "Two Regions, us-east-1 the larger." };

function widths(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<rect x="(\d+)" y="[^"]*" width="([\d.]+)" height="[^"]*" fill="[^"]*" data-value="([\d.]+)"/g))
    out[m[3]!] = Number(m[2]);
  return out;
}

describe("BarChart", () => {
  it("is an image named by its title and described by its summary", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, { ...text, categories: ["a"], series: [{ name: "Cost", values: [5] }], format }),
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c1-title c1-desc"');
    expect(html).toContain('<title id="c1-title">Cost by Region</title>');
    expect(html).toContain('<desc id="c1-desc">Two Regions, us-east-1 the larger.</desc>');
  });

  it("draws bar lengths in proportion to the values", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, { ...text, categories: ["a", "b", "c"], series: [{ name: "Cost", values: [100, 50, 25] }], format }),
    );
    const w = widths(html);
    expect(w["100"]).toBeGreaterThan(0);
    expect(w["50"]! / w["100"]!).toBeCloseTo(0.5, 5);
    expect(w["25"]! / w["100"]!).toBeCloseTo(0.25, 5);
  });

  it("puts a target line where its value falls on the same scale", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        ...text,
        categories: ["d1"],
        series: [{ name: "p95", values: [200] }],
        format,
        target: { value: 100, label: "Target 100 ms" },
      }),
    );
    const bar = widths(html)["200"]!;
    const x = Number(/data-target="100"><line x1="([\d.]+)"/.exec(html)![1]);
    const barStart = Number(/<rect x="([\d.]+)"/.exec(html)![1]);
    expect(x - barStart).toBeCloseTo(bar / 2, 5);
    expect(html).toContain("Target 100 ms");
  });

  it("shows a plain message instead of an empty chart", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, { ...text, categories: [], series: [], format, emptyMessage: "No WorkSpaces." }),
    );
    expect(html).not.toContain("<svg");
    expect(html).toContain("No WorkSpaces.");
    expect(html).toContain('aria-label="Cost by Region"');
  });
});

describe("bar labels", () => {
  it("keep short names whole and break long ones at a word onto two lines, the full name in a tooltip", () => {
    expect(labelLines("AlwaysOn")).toEqual(["AlwaysOn"]);
    expect(labelLines("Graphics.g4dn with Windows 10 (Server 2019 based) (WSP)")).toEqual([
      "Graphics.g4dn with Windows 10",
      "(Server 2019 based) (WSP)",
    ]);
    const long = "Performance with Amazon Linux 2 and a very long custom image name";
    const html = renderToStaticMarkup(
      createElement(BarChart, { ...text, categories: [long], series: [{ name: "Cost", values: [1] }], format }),
    );
    expect(html).toContain(`<title>${long}</title>`);
    expect(html.match(/<tspan/g)).toHaveLength(2);
  });
});

describe("LineChart", () => {
  it("is a named image with a point per value, higher values drawn higher", () => {
    const html = renderToStaticMarkup(
      createElement(LineChart, {
        ...text,
        labels: ["2026-01", "2026-02", "2026-03"],
        series: [{ name: "Cost", values: [10, 40, null] }],
        format,
      }),
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="c1-title">Cost by Region</title>');
    const points = [...html.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="3" fill="[^"]*" data-value="([\d.]+)"/g)];
    expect(points.map((p) => p[3])).toEqual(["10", "40"]);
    expect(Number(points[1]![2])).toBeLessThan(Number(points[0]![2]));
    expect(Number(points[1]![1])).toBeGreaterThan(Number(points[0]![1]));
    expect(html).toMatch(/<path d="M[^"]+L[^"]+"/);
  });

  it("shows a plain message when there are no values", () => {
    const html = renderToStaticMarkup(
      createElement(LineChart, { ...text, labels: ["a"], series: [{ name: "x", values: [null] }], format }),
    );
    expect(html).not.toContain("<svg");
    expect(html).toContain("Nothing to show yet.");
  });
});
