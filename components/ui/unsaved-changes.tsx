"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";

// Unsaved edits are never lost silently. While a form holds edits that were not saved:
// - leaving the page (reload, closing the tab, typing an address, a plain link) asks the browser's own
//   "Leave site?" question (beforeunload);
// - clicking a link inside the portal (next/link navigates without unloading the page) asks
//   "You have unsaved changes. Leave this page and lose them?"; Cancel keeps the person on the page.
//
// Three ways to use it, pick the one that fits the form:
// 1. The form keeps its values in React state and knows whether they differ from what was saved:
//      useUnsavedChanges(dirty);
// 2. An uncontrolled form (defaultValue, server actions): compare the form's fields with how they were
//      const dirty = useFormDirty(formRef, resetKey); useUnsavedChanges(dirty);
//    `resetKey` is anything that changes after a successful save (the saved result, a timestamp): the
//    fields as they are then become the new baseline.
// 3. The same as a drop-in element anywhere on the page: <UnsavedChangesGuard formId="my-form" resetKey={saved} />
//
// In-page anchors (#…), new tabs, downloads and modified clicks (Ctrl, ⌘, Shift) never ask.

export const UNSAVED_CHANGES_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

function leavesPage(anchor: HTMLAnchorElement, event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.hasAttribute("download")) return false;
  const target = anchor.getAttribute("target");
  if (target && target !== "_self") return false;
  const href = anchor.getAttribute("href");
  if (!href) return false;
  let url: URL;
  try {
    url = new URL(href, window.location.href);
  } catch {
    return false;
  }
  const here = window.location;
  // A jump within this page (the error summary's links to fields) is not leaving it.
  return !(url.origin === here.origin && url.pathname === here.pathname && url.search === here.search && url.hash !== "");
}

/** Warns before the page is left while `dirty` is true; nothing happens while it is false. */
export function useUnsavedChanges(dirty: boolean, message: string = UNSAVED_CHANGES_MESSAGE): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    // Capture phase on window: this runs before next/link's own click handler, which would navigate.
    const click = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest?.("a");
      if (!anchor || !leavesPage(anchor, event)) return;
      if (window.confirm(message)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("click", click, true);
    };
  }, [dirty, message]);
}

/** Every field's value (or checked state) in document order; buttons and fields without a name or id are skipped. */
function snapshot(form: HTMLElement): string {
  const fields = form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea");
  const parts: string[] = [];
  fields.forEach((field, index) => {
    if (field instanceof HTMLInputElement && ["button", "submit", "reset", "image", "file"].includes(field.type)) return;
    const key = field.name || field.id || String(index);
    const value =
      field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")
        ? String(field.checked)
        : field instanceof HTMLSelectElement && field.multiple
          ? [...field.selectedOptions].map((o) => o.value).join(",")
          : field.value;
    parts.push(`${key}=${value}`);
  });
  return JSON.stringify(parts);
}

/**
 * Whether the fields of `formRef` differ from how they were when the form appeared (or when `resetKey` last
 * changed). Re-checked on every input and change event inside the form.
 */
export function useFormDirty(formRef: RefObject<HTMLElement | null>, resetKey?: unknown): boolean {
  const baseline = useRef<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const check = useCallback(() => {
    const form = formRef.current;
    if (!form || baseline.current === null) return;
    setDirty(snapshot(form) !== baseline.current);
  }, [formRef]);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    baseline.current = snapshot(form);
    setDirty(false);
    form.addEventListener("input", check);
    form.addEventListener("change", check);
    return () => {
      form.removeEventListener("input", check);
      form.removeEventListener("change", check);
    };
  }, [formRef, check, resetKey]);
  return dirty;
}

/** Drop-in guard for the form with id `formId`: warns before leaving while its fields differ from the baseline. */
export function UnsavedChangesGuard({ formId, resetKey, message }: { formId: string; resetKey?: unknown; message?: string }) {
  const formRef = useRef<HTMLElement | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    formRef.current = document.getElementById(formId);
    setReady(formRef.current !== null);
  }, [formId]);
  // A new baseline once the form is found, and again whenever resetKey changes.
  const key = useMemo(() => ({ ready, resetKey }), [ready, resetKey]);
  const dirty = useFormDirty(formRef, key);
  useUnsavedChanges(dirty, message);
  return null;
}
