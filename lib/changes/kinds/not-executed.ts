import "server-only";
import type { EncryptionChange, ResetPasswordChange } from "../../domain";
import { changeSchemaFor } from "../schema";
import type { ChangeKind } from "../types";
import { costDelta, validate } from "./shared";

// Kinds of change a person may ask about but that never reach the executor: a password reset is done at
// once without storing the password (services/password.ts), and encrypting an existing WorkSpace is
// refused by the domain with the reason (AWS encrypts only at creation).

export const resetPassword = {
  type: "resetPassword",
  schema: changeSchemaFor<ResetPasswordChange>("resetPassword"),
  validate,
  costDelta,
  execution: null,
} satisfies ChangeKind<ResetPasswordChange>;
export const encryption = {
  type: "encryption",
  schema: changeSchemaFor<EncryptionChange>("encryption"),
  validate,
  costDelta,
  execution: null,
} satisfies ChangeKind<EncryptionChange>;
