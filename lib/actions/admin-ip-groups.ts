"use server";

import { revalidatePath } from "next/cache";
import { associateIpGroup, createIpGroup, deleteIpGroup, disassociateIpGroup, replaceIpRules } from "../services/admin/ip-groups";
import { createIpGroupInput, ipGroupAssociationInput, ipGroupRef, replaceIpRulesInput } from "../schemas/admin";
import { authedAction } from "./client";

const done = <T>(value: T) => {
  // The list, each group's page, and the directories whose groups may have changed.
  revalidatePath("/admin/ip-groups", "layout");
  revalidatePath("/admin/directories", "layout");
  return value;
};

export const createIpGroupAction = authedAction(
  { name: "createIpGroupAction", role: "ADMIN", input: createIpGroupInput },
  async ({ user, input }) => done(await createIpGroup(user, input)),
);
export const deleteIpGroupAction = authedAction(
  { name: "deleteIpGroupAction", role: "ADMIN", input: ipGroupRef },
  async ({ user, input }) => done(await deleteIpGroup(user, input)),
);
export const replaceIpRulesAction = authedAction(
  { name: "replaceIpRulesAction", role: "ADMIN", input: replaceIpRulesInput },
  async ({ user, input }) => done(await replaceIpRules(user, input)),
);
export const associateIpGroupAction = authedAction(
  { name: "associateIpGroupAction", role: "ADMIN", input: ipGroupAssociationInput },
  async ({ user, input }) => done(await associateIpGroup(user, input)),
);
export const disassociateIpGroupAction = authedAction(
  { name: "disassociateIpGroupAction", role: "ADMIN", input: ipGroupAssociationInput },
  async ({ user, input }) => done(await disassociateIpGroup(user, input)),
);
