import {
  AssociateConnectionAliasCommand,
  CreateConnectionAliasCommand,
  DeleteConnectionAliasCommand,
  DescribeConnectionAliasesCommand,
  DescribeConnectionAliasPermissionsCommand,
  DisassociateConnectionAliasCommand,
  UpdateConnectionAliasPermissionCommand,
} from "@aws-sdk/client-workspaces";
import { beforeAll, describe, expect, it } from "vitest";
import { awsErrorName, lookupSeed, sandboxPerFile, type SeedLookup } from "./test-helpers";

const t = sandboxPerFile();
let us: SeedLookup;
let eu: SeedLookup;
beforeAll(async () => {
  us = await lookupSeed(t, "us-east-1");
  eu = await lookupSeed(t, "eu-west-1");
});

const describeAlias = async (id: string, region = "us-east-1") =>
  (await t.ws(region).send(new DescribeConnectionAliasesCommand({ AliasIds: [id] }))).ConnectionAliases?.[0];

// Each transition (CREATING, PENDING_ASSOCIATION, PENDING_DISASSOCIATION, DELETING) lasts one sandbox minute.
const settle = () => t.control("/__sandbox/clock", { advanceMinutes: 1 });

describe("connection aliases", () => {
  it("runs the pair's life cycle in two Regions: create, associate, disassociate, delete", async () => {
    const { AliasId: usId } = await t.ws("us-east-1").send(new CreateConnectionAliasCommand({ ConnectionString: "desktop.example.com" }));
    const { AliasId: euId } = await t.ws("eu-west-1").send(new CreateConnectionAliasCommand({ ConnectionString: "desktop.example.com" }));
    expect(usId).toMatch(/^wsca-[0-9a-z]{8,63}$/);
    expect(euId).not.toBe(usId);
    expect(await describeAlias(usId!)).toEqual({
      AliasId: usId,
      ConnectionString: "desktop.example.com",
      State: "CREATING",
      OwnerAccountId: "123456789012",
    });
    // Each Region lists only its own alias.
    expect(await describeAlias(euId!, "us-east-1")).toBeUndefined();
    expect(await awsErrorName(t.ws().send(new AssociateConnectionAliasCommand({ AliasId: usId!, ResourceId: us.employees })))).toBe(
      "InvalidResourceStateException",
    );
    await settle();
    expect((await describeAlias(usId!))?.State).toBe("CREATED");

    const { ConnectionIdentifier } = await t.ws().send(new AssociateConnectionAliasCommand({ AliasId: usId!, ResourceId: us.employees }));
    expect(ConnectionIdentifier).toMatch(/^[a-zA-Z0-9]{1,20}$/);
    await t.ws("eu-west-1").send(new AssociateConnectionAliasCommand({ AliasId: euId!, ResourceId: eu.employees }));
    expect((await describeAlias(usId!))?.Associations).toEqual([
      {
        AssociationStatus: "PENDING_ASSOCIATION",
        AssociatedAccountId: "123456789012",
        ResourceId: us.employees,
        ConnectionIdentifier,
      },
    ]);
    await settle();
    expect((await describeAlias(usId!))?.Associations?.[0]?.AssociationStatus).toBe("ASSOCIATED_WITH_OWNER_ACCOUNT");
    const byDirectory = await t.ws().send(new DescribeConnectionAliasesCommand({ ResourceId: us.employees }));
    expect(byDirectory.ConnectionAliases?.map((a) => a.AliasId)).toEqual([usId]);

    // Associated: deleting is refused; so is a second association of the alias or of the directory.
    expect(await awsErrorName(t.ws().send(new DeleteConnectionAliasCommand({ AliasId: usId! })))).toBe("ResourceAssociatedException");
    expect(await awsErrorName(t.ws().send(new AssociateConnectionAliasCommand({ AliasId: usId!, ResourceId: us.labs })))).toBe(
      "ResourceAssociatedException",
    );
    await settle();
    const { AliasId: otherId } = await t.ws().send(new CreateConnectionAliasCommand({ ConnectionString: "other.example.com" }));
    await settle();
    expect(await awsErrorName(t.ws().send(new AssociateConnectionAliasCommand({ AliasId: otherId!, ResourceId: us.employees })))).toBe(
      "ResourceAssociatedException",
    );
    // A directory must be registered in the alias's own Region.
    expect(await awsErrorName(t.ws().send(new AssociateConnectionAliasCommand({ AliasId: otherId!, ResourceId: eu.employees })))).toBe(
      "ResourceNotFoundException",
    );

    await t.ws().send(new DisassociateConnectionAliasCommand({ AliasId: usId! }));
    expect((await describeAlias(usId!))?.Associations?.[0]?.AssociationStatus).toBe("PENDING_DISASSOCIATION");
    expect(await awsErrorName(t.ws().send(new DeleteConnectionAliasCommand({ AliasId: usId! })))).toBe("ResourceAssociatedException");
    await settle();
    expect((await describeAlias(usId!))?.Associations).toBeUndefined();
    expect(await awsErrorName(t.ws().send(new DisassociateConnectionAliasCommand({ AliasId: usId! })))).toBe(
      "InvalidResourceStateException",
    );
    await t.ws().send(new DeleteConnectionAliasCommand({ AliasId: usId! }));
    expect((await describeAlias(usId!))?.State).toBe("DELETING");
    await settle();
    expect(await describeAlias(usId!)).toBeUndefined();
    expect(await awsErrorName(t.ws().send(new DeleteConnectionAliasCommand({ AliasId: usId! })))).toBe("ResourceNotFoundException");
  });

  it("refuses a connection string that is not an FQDN, or one already used in the Region", async () => {
    for (const bad of ["desktop", "-bad.example.com", "desk..example.com", "example.123"])
      expect(await awsErrorName(t.ws().send(new CreateConnectionAliasCommand({ ConnectionString: bad })))).toBe(
        "InvalidParameterValuesException",
      );
    // The model's pattern refuses other characters before any rule does.
    expect(await awsErrorName(t.ws().send(new CreateConnectionAliasCommand({ ConnectionString: "desk_top.example.com" })))).toBe(
      "ValidationException",
    );
    await t.ws().send(new CreateConnectionAliasCommand({ ConnectionString: "once.example.com" }));
    expect(await awsErrorName(t.ws().send(new CreateConnectionAliasCommand({ ConnectionString: "ONCE.example.com" })))).toBe(
      "ResourceAlreadyExistsException",
    );
    await t.ws("eu-west-1").send(new CreateConnectionAliasCommand({ ConnectionString: "once.example.com" }));
  });

  it("shares an alias with another account, and refuses deleting it while shared", async () => {
    const { AliasId } = await t.ws().send(new CreateConnectionAliasCommand({ ConnectionString: "shared.example.com" }));
    const permission = (SharedAccountId: string, AllowAssociation: boolean) =>
      t.ws().send(
        new UpdateConnectionAliasPermissionCommand({
          AliasId: AliasId!,
          ConnectionAliasPermission: { SharedAccountId, AllowAssociation },
        }),
      );
    expect(await awsErrorName(permission("210987654321", true))).toBe("InvalidResourceStateException");
    await settle();
    expect(
      (await t.ws().send(new DescribeConnectionAliasPermissionsCommand({ AliasId: AliasId! }))).ConnectionAliasPermissions,
    ).toBeUndefined();
    await permission("210987654321", true);
    expect((await t.ws().send(new DescribeConnectionAliasPermissionsCommand({ AliasId: AliasId! }))).ConnectionAliasPermissions).toEqual([
      { SharedAccountId: "210987654321", AllowAssociation: true },
    ]);
    expect(await awsErrorName(permission("123456789012", true))).toBe("InvalidParameterValuesException");
    expect(await awsErrorName(t.ws().send(new DeleteConnectionAliasCommand({ AliasId: AliasId! })))).toBe("ResourceAssociatedException");
    await permission("210987654321", false);
    await t.ws().send(new DeleteConnectionAliasCommand({ AliasId: AliasId! }));
    expect(await awsErrorName(t.ws().send(new DescribeConnectionAliasPermissionsCommand({ AliasId: "wsca-doesnotexist" })))).toBe(
      "ResourceNotFoundException",
    );
  });

  it("pages with Limit and NextToken", async () => {
    const region = "ap-southeast-2";
    for (const n of [1, 2, 3]) await t.ws(region).send(new CreateConnectionAliasCommand({ ConnectionString: `page${n}.example.com` }));
    const first = await t.ws(region).send(new DescribeConnectionAliasesCommand({ Limit: 2 }));
    expect(first.ConnectionAliases).toHaveLength(2);
    const second = await t.ws(region).send(new DescribeConnectionAliasesCommand({ Limit: 2, NextToken: first.NextToken }));
    expect(second.ConnectionAliases?.map((a) => a.ConnectionString)).toEqual(["page3.example.com"]);
    expect(second.NextToken).toBeUndefined();
  });
});
