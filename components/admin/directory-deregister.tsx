"use client";

import { useRouter } from "next/navigation";
import { deregisterDirectoryAction } from "@/lib/actions/admin-directories";
import { ActionMessage } from "./action-message";
import { ConfirmButton } from "./confirm-button";
import { useDirectoryAction } from "./directory-action";

// Apart from the register form (directory-register.tsx), so a directory's page ships only this button's code.

/** Deregistering asks first; once done, the directory's page has nothing left to show, so the list opens. */
export function DirectoryDeregister({ region, directoryId, name }: { region: string; directoryId: string; name: string }) {
  const router = useRouter();
  const { pending, outcome, run } = useDirectoryAction();
  return (
    <div>
      <ConfirmButton
        label="Deregister directory"
        question={`Deregister ${name} from WorkSpaces? Nobody can launch WorkSpaces in it until it is registered again.`}
        confirmLabel="Deregister"
        disabled={pending}
        onConfirm={() =>
          run(() => deregisterDirectoryAction({ region, directoryId }), `Deregistered ${name}.`, {
            after: () => router.push("/admin/directories"),
          })
        }
      />
      <ActionMessage result={outcome} />
    </div>
  );
}
