import { describe, expect, it } from "vitest";
import type { ApprovalStep } from "./approval";
import {
  awaitingDecision,
  managerStepFor,
  mayDecide,
  parseApprovalSteps,
  rerouteManagerSteps,
  whoMayDecide,
  whyAsked,
  whyAskedSentence,
  type ApprovalFacts,
  type AwaitingDecision,
  type PersonWithRole,
} from "./approvers";

const MANAGER: ApprovalStep = { role: "MANAGER", approverId: "bob" };
const ADMIN: ApprovalStep = { role: "ADMIN" };
const onManagerStep: AwaitingDecision = { requesterId: "alice", step: MANAGER, escalated: false };
const onAdminStep: AwaitingDecision = { requesterId: "alice", step: ADMIN, escalated: false };
const escalated: AwaitingDecision = { ...onManagerStep, escalated: true };

const ORG: PersonWithRole[] = [
  { id: "alice", role: "EMPLOYEE" },
  { id: "bob", role: "MANAGER" },
  { id: "frank", role: "MANAGER" },
  { id: "carol", role: "ADMIN" },
  { id: "dan", role: "ADMIN" },
  { id: "erin", role: "EMPLOYEE" },
];
const facts = (
  patch: { roles?: Record<string, PersonWithRole["role"]>; delegations?: ApprovalFacts["delegations"] } = {},
): ApprovalFacts => ({
  people: ORG.map((p) => ({ id: p.id, role: patch.roles?.[p.id] ?? p.role })),
  delegations: patch.delegations ?? [],
});
const frankForBob = [{ approverId: "bob", delegateId: "frank" }];

describe("whoMayDecide and mayDecide", () => {
  const rows: {
    name: string;
    person: string;
    request: AwaitingDecision;
    facts: ApprovalFacts;
    ok: boolean;
    reason?: string;
    onBehalfOf?: string;
  }[] = [
    { name: "the named manager", person: "bob", request: onManagerStep, facts: facts(), ok: true },
    {
      name: "another manager",
      person: "frank",
      request: onManagerStep,
      facts: facts(),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    {
      name: "an employee on the manager step",
      person: "erin",
      request: onManagerStep,
      facts: facts(),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    {
      name: "an admin on a manager step not escalated",
      person: "carol",
      request: onManagerStep,
      facts: facts(),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    { name: "an admin once the manager step is escalated", person: "carol", request: escalated, facts: facts(), ok: true },
    { name: "the manager once escalated", person: "bob", request: escalated, facts: facts(), ok: true },
    { name: "an admin on the admin step", person: "carol", request: onAdminStep, facts: facts(), ok: true },
    {
      name: "a manager on the admin step",
      person: "bob",
      request: onAdminStep,
      facts: facts(),
      ok: false,
      reason: "This request is waiting for an admin.",
    },
    {
      name: "an admin on their own request",
      person: "carol",
      request: { ...onAdminStep, requesterId: "carol" },
      facts: facts(),
      ok: false,
      reason: "Nobody can approve or reject their own request.",
    },
    {
      name: "a manager named on their own request",
      person: "bob",
      request: { ...onManagerStep, requesterId: "bob" },
      facts: facts(),
      ok: false,
      reason: "Nobody can approve or reject their own request.",
    },
    {
      name: "the requester, even as an admin on an escalated request",
      person: "alice",
      request: escalated,
      facts: facts({ roles: { alice: "ADMIN" } }),
      ok: false,
      reason: "Nobody can approve or reject their own request.",
    },
    {
      name: "a delegate of the named manager",
      person: "frank",
      request: onManagerStep,
      facts: facts({ delegations: frankForBob }),
      ok: true,
      onBehalfOf: "bob",
    },
    {
      name: "a delegate of another manager",
      person: "frank",
      request: onManagerStep,
      facts: facts({ delegations: [{ approverId: "dan", delegateId: "frank" }] }),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    {
      name: "a delegate who is the requester",
      person: "alice",
      request: onManagerStep,
      facts: facts({ delegations: [{ approverId: "bob", delegateId: "alice" }] }),
      ok: false,
      reason: "Nobody can approve or reject their own request.",
    },
    { name: "the named manager, now an admin", person: "bob", request: onManagerStep, facts: facts({ roles: { bob: "ADMIN" } }), ok: true },
    // The finding: a manager made an employee could still approve through an email link.
    {
      name: "the named manager, now an employee",
      person: "bob",
      request: onManagerStep,
      facts: facts({ roles: { bob: "EMPLOYEE" } }),
      ok: false,
      reason: "This request is not waiting for you.",
    },
    {
      name: "a delegate of a manager now an employee",
      person: "frank",
      request: onManagerStep,
      facts: facts({ roles: { bob: "EMPLOYEE" }, delegations: frankForBob }),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    {
      name: "a delegate now an employee",
      person: "frank",
      request: onManagerStep,
      facts: facts({ roles: { frank: "EMPLOYEE" }, delegations: frankForBob }),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    {
      name: "an admin now a manager, on the admin step",
      person: "carol",
      request: onAdminStep,
      facts: facts({ roles: { carol: "MANAGER" } }),
      ok: false,
      reason: "This request is waiting for an admin.",
    },
    {
      name: "an admin now a manager, on an escalated request",
      person: "carol",
      request: escalated,
      facts: facts({ roles: { carol: "MANAGER" } }),
      ok: false,
      reason: "This request is waiting for the requester's manager.",
    },
    {
      name: "someone absent from the facts",
      person: "zoe",
      request: onAdminStep,
      facts: facts(),
      ok: false,
      reason: "This request is waiting for an admin.",
    },
    {
      name: "anyone, once no step is left",
      person: "carol",
      request: { ...onAdminStep, step: undefined },
      facts: facts(),
      ok: false,
      reason: "This request is not waiting for you.",
    },
  ];

  it.each(rows)("$name → $ok", ({ person, request, facts: f, ok, reason, onBehalfOf }) => {
    const right = mayDecide(person, request, f);
    expect(right).toEqual(ok ? (onBehalfOf ? { ok, onBehalfOf } : { ok }) : { ok, code: expect.any(String), reason });
    // Both answers come from one rule: whoever may decide is on the list, and nobody else is.
    expect(whoMayDecide(request, f).some((a) => a.userId === person)).toBe(ok);
  });

  it("lists the manager, their delegates and, once escalated, the admins, each once", () => {
    const withDelegates = facts({ delegations: [...frankForBob, { approverId: "bob", delegateId: "carol" }] });
    expect(whoMayDecide(onManagerStep, withDelegates)).toEqual([
      { userId: "bob" },
      { userId: "frank", onBehalfOf: "bob" },
      { userId: "carol", onBehalfOf: "bob" },
    ]);
    expect(whoMayDecide(escalated, withDelegates)).toEqual([
      { userId: "bob" },
      { userId: "frank", onBehalfOf: "bob" },
      { userId: "carol", onBehalfOf: "bob" },
      { userId: "dan" },
    ]);
    expect(whoMayDecide(onAdminStep, withDelegates)).toEqual([{ userId: "carol" }, { userId: "dan" }]);
  });

  it("judges one person from that person and their delegators alone", () => {
    const mine: ApprovalFacts = {
      people: [
        { id: "frank", role: "MANAGER" },
        { id: "bob", role: "MANAGER" },
      ],
      delegations: frankForBob,
    };
    expect(mayDecide("frank", onManagerStep, mine)).toEqual({ ok: true, onBehalfOf: "bob" });
    expect(mayDecide("frank", onAdminStep, mine).ok).toBe(false);
  });
});

describe("managerStepFor", () => {
  it.each([
    { name: "a manager", manager: { id: "frank", role: "MANAGER" }, step: { role: "MANAGER", approverId: "frank" } },
    { name: "an admin as manager", manager: { id: "carol", role: "ADMIN" }, step: { role: "MANAGER", approverId: "carol" } },
    { name: "an employee as manager", manager: { id: "erin", role: "EMPLOYEE" }, step: ADMIN },
    { name: "no manager", manager: null, step: ADMIN },
    { name: "the requester as own manager", manager: { id: "alice", role: "MANAGER" }, step: ADMIN },
  ] as const)("$name → $step.role", ({ manager, step }) => {
    expect(managerStepFor("alice", manager)).toEqual(step);
  });
});

describe("rerouteManagerSteps", () => {
  const FRANK: ApprovalStep = { role: "MANAGER", approverId: "frank" };
  it.each([
    { name: "manager step to a new manager", steps: [MANAGER], current: 0, to: FRANK, after: [FRANK] },
    { name: "manager then admin, to a new manager", steps: [MANAGER, ADMIN], current: 0, to: FRANK, after: [FRANK, ADMIN] },
    { name: "manager alone, to admins", steps: [MANAGER], current: 0, to: ADMIN, after: [ADMIN] },
    { name: "manager then admin, to admins: one admin step", steps: [MANAGER, ADMIN], current: 0, to: ADMIN, after: [ADMIN] },
    { name: "manager already decided", steps: [MANAGER, ADMIN], current: 1, to: FRANK, after: [MANAGER, ADMIN] },
    { name: "admin step only", steps: [ADMIN], current: 0, to: FRANK, after: [ADMIN] },
  ])("$name", ({ steps, current, to, after }) => {
    expect(rerouteManagerSteps(steps, current, to)).toEqual(after);
  });
});

describe("parseApprovalSteps", () => {
  it("reads the steps approvalPolicy stores", () => {
    expect(parseApprovalSteps([{ role: "MANAGER", approverId: "bob" }, { role: "ADMIN" }])).toEqual([MANAGER, ADMIN]);
    expect(parseApprovalSteps([])).toEqual([]);
  });

  it.each([
    { name: "not a list", json: { role: "ADMIN" } },
    { name: "null", json: null },
    { name: "a step that is not an object", json: ["ADMIN"] },
    { name: "an unknown role", json: [{ role: "OWNER" }] },
    { name: "a manager step without approver", json: [{ role: "MANAGER" }] },
    { name: "a manager step with an empty approver", json: [{ role: "MANAGER", approverId: "" }] },
    { name: "a manager step with a numeric approver", json: [{ role: "MANAGER", approverId: 7 }] },
    { name: "an admin step naming someone", json: [{ role: "ADMIN", approverId: "carol" }] },
  ])("refuses $name", ({ json }) => {
    expect(() => parseApprovalSteps(json)).toThrow(/approval step/);
  });

  it("gives the step a stored request waits for", () => {
    const stored = { requesterId: "alice", approvalSteps: [MANAGER, ADMIN], currentStep: 1, escalatedAt: null };
    expect(awaitingDecision(stored)).toEqual({ requesterId: "alice", step: ADMIN, escalated: false });
    expect(awaitingDecision({ ...stored, currentStep: 2, escalatedAt: new Date(0) })).toEqual({
      requesterId: "alice",
      step: undefined,
      escalated: true,
    });
  });
});

describe("whyAsked", () => {
  const names = { requester: "Alice", person: (id: string) => ({ bob: "Bob", frank: "Frank" })[id] ?? id };
  const sentence = (person: string, request: AwaitingDecision, f: ApprovalFacts) => {
    const why = whyAsked(person, request, f);
    return why && whyAskedSentence(why, names);
  };

  it("tells the manager the step names them", () => {
    expect(whyAsked("bob", onManagerStep, facts())).toEqual({ as: "MANAGER" });
    expect(sentence("bob", onManagerStep, facts())).toBe("You are asked because you are Alice's manager.");
  });

  it("tells a delegate whose approvals they stand in for", () => {
    expect(whyAsked("frank", onManagerStep, facts({ delegations: frankForBob }))).toEqual({ as: "DELEGATE", onBehalfOf: "bob" });
    expect(sentence("frank", onManagerStep, facts({ delegations: frankForBob }))).toBe(
      "You are asked because Bob delegated their approvals to you.",
    );
  });

  it("tells an admin whether the step is theirs or was escalated from the manager", () => {
    expect(sentence("carol", onAdminStep, facts())).toBe(
      "You are asked because you are an admin and this change needs an admin's approval.",
    );
    expect(whyAsked("carol", escalated, facts())).toEqual({ as: "ADMIN", escalatedFrom: "bob" });
    expect(sentence("carol", escalated, facts())).toBe(
      "You are asked because you are an admin and Bob, Alice's manager, has not decided in time.",
    );
  });

  it("is null for anyone who may not decide, and agrees with mayDecide", () => {
    expect(whyAsked("frank", onManagerStep, facts())).toBeNull();
    expect(whyAsked("carol", onManagerStep, facts())).toBeNull();
    expect(whyAsked("alice", onAdminStep, facts({ roles: { alice: "ADMIN" } }))).toBeNull();
    for (const person of ORG.map((p) => p.id))
      for (const request of [onManagerStep, onAdminStep, escalated])
        for (const f of [facts(), facts({ delegations: frankForBob })])
          expect(whyAsked(person, request, f) !== null, `${person}`).toBe(mayDecide(person, request, f).ok);
  });
});
