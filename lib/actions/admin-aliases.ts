"use server";

import { revalidatePath } from "next/cache";
import {
  associateConnectionAlias,
  createConnectionAlias,
  deleteConnectionAlias,
  disassociateConnectionAlias,
  setConnectionAliasPermission,
  setPrimaryRegion,
} from "../services/admin/aliases";
import { aliasPermissionInput, aliasRef, associateAliasInput, createAliasInput, primaryRegionInput } from "../schemas/aliases";
import { authedAction } from "./client";

const done = <T>(value: T) => {
  // The aliases' pages, and the directories' pages, which name their alias.
  revalidatePath("/admin/aliases", "layout");
  revalidatePath("/admin/directories", "layout");
  return value;
};

export const createConnectionAliasAction = authedAction(
  { name: "createConnectionAliasAction", role: "ADMIN", input: createAliasInput },
  async ({ user, input }) => done(await createConnectionAlias(user, input)),
);
export const associateConnectionAliasAction = authedAction(
  { name: "associateConnectionAliasAction", role: "ADMIN", input: associateAliasInput },
  async ({ user, input }) => done(await associateConnectionAlias(user, input)),
);
export const disassociateConnectionAliasAction = authedAction(
  { name: "disassociateConnectionAliasAction", role: "ADMIN", input: aliasRef },
  async ({ user, input }) => done(await disassociateConnectionAlias(user, input)),
);
export const deleteConnectionAliasAction = authedAction(
  { name: "deleteConnectionAliasAction", role: "ADMIN", input: aliasRef },
  async ({ user, input }) => done(await deleteConnectionAlias(user, input)),
);
export const setConnectionAliasPermissionAction = authedAction(
  { name: "setConnectionAliasPermissionAction", role: "ADMIN", input: aliasPermissionInput },
  async ({ user, input }) => done(await setConnectionAliasPermission(user, input)),
);
export const setPrimaryRegionAction = authedAction(
  { name: "setPrimaryRegionAction", role: "ADMIN", input: primaryRegionInput },
  async ({ user, input }) => done(await setPrimaryRegion(user, input)),
);
