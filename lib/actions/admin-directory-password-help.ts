"use server";

import { revalidatePath } from "next/cache";
import { directoryPasswordHelp, updateDirectoryPasswordHelp } from "../services/admin/directory-password-help";
import { directoryPasswordHelpInput, directoryPasswordHelpRef } from "../schemas/directory-password-help";
import { authedAction } from "./client";

export const readDirectoryPasswordHelpAction = authedAction(
  { name: "readDirectoryPasswordHelpAction", role: "ADMIN", input: directoryPasswordHelpRef },
  async ({ user, input }) => directoryPasswordHelp(user, input),
);

export const updateDirectoryPasswordHelpAction = authedAction(
  { name: "updateDirectoryPasswordHelpAction", role: "ADMIN", input: directoryPasswordHelpInput },
  async ({ user, input }) => {
    await updateDirectoryPasswordHelp(user, input);
    revalidatePath("/admin/directories");
    return { saved: true };
  },
);
