"use server";

import { revalidatePath } from "next/cache";
import { addAccount, removeAccount, setAccountPolicy, updateAccount } from "../services/admin/accounts";
import { accountInput, accountPolicyInput, accountRef, updateAccountInput } from "../schemas/accounts";
import { authedAction } from "./client";

const done = <T>(value: T) => {
  // The accounts page, and the fleet and directories that show each WorkSpace's and directory's account.
  revalidatePath("/admin/accounts", "layout");
  revalidatePath("/admin/fleet", "layout");
  revalidatePath("/admin/directories", "layout");
  return value;
};

export const addAccountAction = authedAction({ name: "addAccountAction", role: "ADMIN", input: accountInput }, async ({ user, input }) =>
  done(await addAccount(user, input)),
);
export const updateAccountAction = authedAction(
  { name: "updateAccountAction", role: "ADMIN", input: updateAccountInput },
  async ({ user, input }) => done(await updateAccount(user, input)),
);
export const removeAccountAction = authedAction(
  { name: "removeAccountAction", role: "ADMIN", input: accountRef },
  async ({ user, input }) => done(await removeAccount(user, input)),
);
export const setAccountPolicyAction = authedAction(
  { name: "setAccountPolicyAction", role: "ADMIN", input: accountPolicyInput },
  async ({ user, input }) => done(await setAccountPolicy(user, input)),
);
