import { useEffect, useRef } from "react";

/**
 * Empties a form's password fields after each answer of its action. The server never echoes a
 * password, but with JavaScript the browser keeps what was typed in the field: after a wrong
 * password the visitor would retype into a field that already holds the rejected one.
 */
export function useClearPasswords<T>(actionData: T) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!actionData || !form) return;
    let first: HTMLInputElement | null = null;
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) {
      input.value = "";
      first ??= input;
    }
    // back to the field to retype, unless the visitor has moved on elsewhere meanwhile
    const active = document.activeElement;
    if (first && (!active || active === document.body || form.contains(active))) first.focus();
  }, [actionData]);
  return formRef;
}
