import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filterBundles, parseBundleFilter } from "@/lib/presentation/bundle-filter";
import { createTestWorld, type TestWorld } from "@/test/world";
import { getBundle, listBundles } from "./admin-bundles";
import { getUserDetail } from "./admin-users";

// The bundles page filters by operating system and protocol, and a person's page names their WorkSpaces:
// the queries give what those need.
describe("the bundles and people queries", () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await createTestWorld();
  }, 120_000);
  afterAll(() => world.close());

  it("gives each bundle its operating system and protocol, so the list filters by them", async () => {
    const { bundles } = await listBundles();
    expect(bundles.length).toBeGreaterThan(2);
    expect(new Set(bundles.map((b) => b.operatingSystem))).toEqual(new Set(["WINDOWS", "LINUX"]));
    const linux = filterBundles(bundles, parseBundleFilter({ os: "LINUX" }));
    expect(linux.length).toBeGreaterThan(0);
    expect(linux.every((b) => /linux|ubuntu|rocky|red hat/i.test(`${b.name} ${b.description ?? ""} ${b.imageName ?? ""}`))).toBe(true);
    const custom = filterBundles(bundles, parseBundleFilter({ owner: "CUSTOM", q: "Corp-Standard-Win10" }));
    expect(custom.map((b) => b.region).sort()).toContain("us-east-1");
    const one = await getBundle(custom[0]!.bundleId, custom[0]!.region);
    expect(one.bundle?.name).toBe("Corp-Standard-Win10");
    expect(one.images.every((i) => i.region === custom[0]!.region)).toBe(true);
    expect((await getBundle("wsb-doesnotexist")).bundle).toBeNull();
  });

  it("names a person's WorkSpaces, their bundles and directories, and titles their requests", async () => {
    const detail = (await getUserDetail(world.people.alice.id))!;
    expect(detail.workspaces.length).toBeGreaterThan(0);
    for (const w of detail.workspaces) {
      expect(w.name).not.toBe(w.id);
      expect(w.name).toMatch(/\((Value|Standard|Performance|Power|PowerPro|Graphics[^,)]*)(, (Windows|Linux|Ubuntu)[^)]*)?\)$/);
      expect(w.directoryName).toBe("corp.example.com");
    }
    expect(detail.workspaces.some((w) => w.bundleName)).toBe(true);
    for (const r of detail.requests) expect(r.title).not.toMatch(/\bws-[a-z0-9]{8,}/);
  });
});
