"use client";

import { useEffect, useRef, useState } from "react";
import { previewChange } from "@/lib/actions/requests";
import type { ChangeRequestInput } from "@/lib/schemas/requests";
import type { Preview } from "./preview-panel";

/** Asks the server what the change would do, a moment after the user stops typing; stale answers are dropped. */
export function usePreview(input: Omit<ChangeRequestInput, "justification" | "idempotencyKey"> | null, delayMs = 250) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const key = input ? JSON.stringify(input) : "";
  useEffect(() => {
    if (!key) return;
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const result = await previewChange(JSON.parse(key));
        if (mine !== seq.current) return;
        if (result.ok) {
          setPreview(result.data);
          setError(null);
        } else {
          setPreview(null);
          setError(result.reasons?.map((r) => r.message).join(" ") || Object.values(result.fieldErrors ?? {}).flat()[0] || result.error);
        }
      } catch {
        if (mine === seq.current) setError("The estimate could not be loaded. Check your connection and try again.");
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return { preview, error, loading: loading || (Boolean(key) && preview === null && error === null) };
}
