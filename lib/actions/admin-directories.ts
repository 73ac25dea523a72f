"use server";

import { revalidatePath } from "next/cache";
import {
  associateDirectoryIpGroup,
  deregisterDirectory,
  disassociateDirectoryIpGroup,
  registerDirectory,
  updateAccessProperties,
  updateClientProperties,
  updateCreationProperties,
  updateDirectoryRequesters,
  updateSelfServicePermissions,
} from "../services/admin/directories";
import {
  accessPropertiesInput,
  clientPropertiesInput,
  creationPropertiesInput,
  directoryIpGroupInput,
  directoryRef,
  directoryRequestersInput,
  registerDirectoryInput,
  selfServiceInput,
} from "../schemas/admin-directories";
import { authedAction } from "./client";

const done = async (change: Promise<void>): Promise<null> => {
  await change;
  // The list, each directory's page, and the IP groups whose "used by" may have changed.
  revalidatePath("/admin/directories", "layout");
  revalidatePath("/admin/ip-groups", "layout");
  return null;
};

export const updateSelfServicePermissionsAction = authedAction(
  { name: "updateSelfServicePermissionsAction", role: "ADMIN", input: selfServiceInput },
  ({ user, input }) => done(updateSelfServicePermissions(user, input)),
);
export const updateCreationPropertiesAction = authedAction(
  { name: "updateCreationPropertiesAction", role: "ADMIN", input: creationPropertiesInput },
  ({ user, input }) => done(updateCreationProperties(user, input)),
);
export const updateAccessPropertiesAction = authedAction(
  { name: "updateAccessPropertiesAction", role: "ADMIN", input: accessPropertiesInput },
  ({ user, input }) => done(updateAccessProperties(user, input)),
);
export const updateClientPropertiesAction = authedAction(
  { name: "updateClientPropertiesAction", role: "ADMIN", input: clientPropertiesInput },
  ({ user, input }) => done(updateClientProperties(user, input)),
);
export const associateDirectoryIpGroupAction = authedAction(
  { name: "associateDirectoryIpGroupAction", role: "ADMIN", input: directoryIpGroupInput },
  ({ user, input }) => done(associateDirectoryIpGroup(user, input)),
);
export const disassociateDirectoryIpGroupAction = authedAction(
  { name: "disassociateDirectoryIpGroupAction", role: "ADMIN", input: directoryIpGroupInput },
  ({ user, input }) => done(disassociateDirectoryIpGroup(user, input)),
);
export const updateDirectoryRequestersAction = authedAction(
  { name: "updateDirectoryRequestersAction", role: "ADMIN", input: directoryRequestersInput },
  ({ user, input }) => done(updateDirectoryRequesters(user, input)),
);
export const registerDirectoryAction = authedAction(
  { name: "registerDirectoryAction", role: "ADMIN", input: registerDirectoryInput },
  ({ user, input }) => done(registerDirectory(user, input)),
);
export const deregisterDirectoryAction = authedAction(
  { name: "deregisterDirectoryAction", role: "ADMIN", input: directoryRef },
  ({ user, input }) => done(deregisterDirectory(user, input)),
);
