import { describe, expect, it } from "vitest";
import { APPROVAL_RULES, CHANGE_TYPES, COMPUTE_TYPES, WORKSPACE_STATES } from "../domain/client";
import {
  approvalRuleLabel,
  bundleNameLabel,
  changeTypeLabel,
  licenceLabel,
  personaLabel,
  computeTypeLabel,
  computeTypeRank,
  directoryStateLabel,
  directoryTypeLabel,
  imageStateLabel,
  radiusProtocolLabel,
  radiusStatusLabel,
  operatingSystemLabel,
  protocolLabel,
  runningModeLabel,
  runningModeWithTimeout,
  workspaceDisplayName,
  workspaceStateLabel,
} from "./labels";

const CODE = /^[A-Z0-9_]+$/;

describe("labels", () => {
  it("names every compute type and state without showing the code", () => {
    for (const t of COMPUTE_TYPES) expect(computeTypeLabel(t)).not.toMatch(CODE);
    for (const s of WORKSPACE_STATES) expect(workspaceStateLabel(s)).not.toMatch(CODE);
    expect(workspaceStateLabel("AVAILABLE")).toBe("Ready");
    // An admin's ModifyWorkspaceState, distinct from AWS's own MAINTENANCE ("Maintenance").
    expect(workspaceStateLabel("ADMIN_MAINTENANCE")).toBe("In maintenance");
    expect(workspaceStateLabel("ADMIN_MAINTENANCE")).not.toBe(workspaceStateLabel("MAINTENANCE"));
    expect(computeTypeLabel("GRAPHICS_G4DN")).toBe("Graphics.g4dn");
  });

  it("names every image state without showing the code", () => {
    for (const s of ["AVAILABLE", "PENDING", "ERROR"]) expect(imageStateLabel(s)).not.toMatch(CODE);
    expect(imageStateLabel("PENDING")).toBe("Being made");
    expect(imageStateLabel("ERROR")).toBe("Failed");
  });

  it("sorts compute types by size, not by text", () => {
    const sorted = [...COMPUTE_TYPES].sort((a, b) => computeTypeRank(a) - computeTypeRank(b));
    expect(sorted.slice(0, 5)).toEqual(["VALUE", "STANDARD", "PERFORMANCE", "POWER", "POWERPRO"]);
    expect(computeTypeRank("SOMETHING_NEW")).toBeGreaterThan(computeTypeRank("GRAPHICSPRO_G4DN"));
  });

  it("reads running modes and protocols as people say them", () => {
    expect(runningModeLabel("AUTO_STOP")).toBe("AutoStop");
    expect(runningModeLabel("ALWAYS_ON")).toBe("AlwaysOn");
    expect(runningModeWithTimeout("AUTO_STOP", 120)).toBe("AutoStop (stops after 2 h idle)");
    expect(runningModeWithTimeout("ALWAYS_ON", 60)).toBe("AlwaysOn");
    expect(protocolLabel("WSP")).toBe("DCV");
    expect(operatingSystemLabel("WINDOWS_SERVER_2022")).toBe("Windows");
    expect(operatingSystemLabel("UBUNTU_22_04")).toBe("Ubuntu");
  });

  it("names a WorkSpace by its computer name, falling back to the bundle and only then the id", () => {
    expect(
      workspaceDisplayName({
        id: "ws-abc",
        computerName: "WSAMZN-LLQWLC2M",
        computeType: "STANDARD",
        operatingSystem: "WINDOWS_SERVER_2022",
      }),
    ).toBe("WSAMZN-LLQWLC2M (Standard, Windows)");
    expect(workspaceDisplayName({ id: "ws-abc", bundleName: "Standard with Windows 10" })).toBe("Standard with Windows 10 WorkSpace");
    expect(workspaceDisplayName({ id: "ws-abc" })).toBe("ws-abc");
  });
});

describe("directory labels", () => {
  it("names a directory's type the same from WorkSpaces' and Directory Service's codes", () => {
    expect(directoryTypeLabel("AD_CONNECTOR")).toBe("AD Connector");
    expect(directoryTypeLabel("ADConnector")).toBe("AD Connector");
    expect(directoryTypeLabel("SIMPLE_AD")).toBe("Simple AD");
    expect(directoryTypeLabel("SimpleAD")).toBe("Simple AD");
    expect(directoryTypeLabel("MicrosoftAD")).toBe("AWS Managed Microsoft AD");
    expect(directoryTypeLabel(undefined)).toBe("—");
    expect(directoryTypeLabel("SOMETHING_NEW")).toBe("SOMETHING_NEW");
    expect(radiusStatusLabel("Creating")).toBe("Being set up");
    expect(radiusStatusLabel("Completed")).toBe("Working");
    expect(radiusStatusLabel("Failed")).toBe("Failed");
    expect(radiusStatusLabel(undefined)).toBe("—");
    expect(radiusProtocolLabel("MS-CHAPv2")).toBe("MS-CHAP v2");
    expect(radiusProtocolLabel("PAP")).toBe("PAP");
  });

  it("reads a directory's registration state as a word", () => {
    for (const s of ["REGISTERING", "REGISTERED", "DEREGISTERING", "DEREGISTERED", "ERROR"])
      expect(directoryStateLabel(s)).not.toMatch(CODE);
    expect(directoryStateLabel("REGISTERED")).toBe("Registered");
  });
});

describe("policy and price labels", () => {
  it("names every change type and approval rule in words", () => {
    for (const t of CHANGE_TYPES) expect(changeTypeLabel(t)).toMatch(/^[A-Z][a-z]+( [A-Za-z]+)*$/);
    expect(changeTypeLabel("computeType")).toBe("Compute type changes");
    expect(changeTypeLabel("terminate")).toBe("Requests to give a WorkSpace back");
    expect(APPROVAL_RULES.map(approvalRuleLabel)).toEqual(["Automatic", "Manager", "Manager + admin"]);
  });

  it("reads personas and licences as words", () => {
    expect(personaLabel("EMPLOYEE")).toBe("Employee");
    expect(personaLabel("SALES_ENGINEER")).toBe("Sales engineer");
    expect(personaLabel("Field staff")).toBe("Field staff");
    expect(licenceLabel("INCLUDED")).toBe("Licence included");
    expect(licenceLabel("BYOL")).toBe("Bring your own licence");
  });
});

describe("bundle names", () => {
  it("reads the protocol code in AWS's bundle names as its label, and leaves other names alone", () => {
    expect(bundleNameLabel("Standard with Windows 10 (Server 2019 based) (PCOIP)")).toBe(
      "Standard with Windows 10 (Server 2019 based) (PCoIP)",
    );
    expect(bundleNameLabel("Performance with Amazon Linux 2 (WSP)")).toBe("Performance with Amazon Linux 2 (DCV)");
    expect(bundleNameLabel("Engineering image (WSP build)")).toBe("Engineering image (WSP build)");
    expect(bundleNameLabel("wsb-0123abcd")).toBe("wsb-0123abcd");
    expect(bundleNameLabel(null)).toBe("—");
  });
});

describe("connection alias labels", () => {
  it("reads an alias's state and association status as words", async () => {
    const { aliasAssociationLabel, aliasStateLabel } = await import("./labels");
    expect(["CREATING", "CREATED", "DELETING"].map(aliasStateLabel)).toEqual(["Being created", "Ready", "Being deleted"]);
    expect(
      [
        "NOT_ASSOCIATED",
        "ASSOCIATED_WITH_OWNER_ACCOUNT",
        "ASSOCIATED_WITH_SHARED_ACCOUNT",
        "PENDING_ASSOCIATION",
        "PENDING_DISASSOCIATION",
      ].map(aliasAssociationLabel),
    ).toEqual(["No directory", "Associated", "Associated by a shared account", "Being associated", "Being disassociated"]);
    expect(aliasAssociationLabel(undefined)).toBe("No directory");
  });
});
