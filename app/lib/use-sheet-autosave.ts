import { useEffect, useReducer, useState } from "react";
import type { SheetIntent, SheetState, SheetValues } from "./sheet-contract";
import { readDeviceCopy } from "./sheet-device-copy";
import { SaveQueue, type AutosaveView, type ViewChange } from "./sheet-save-queue";

export { oneTimeKey, type AutosaveStatus, type SheetConflict } from "./sheet-save-queue";

/**
 * Autosave for the score sheet (JavaScript on). Nothing a judge types may be lost:
 * - every change is written at once to the browser's local storage, then sent a moment later;
 * - a send that gets no answer (offline, dropped connection) is resent with the same one-time
 *   key, so if the first one did arrive the server answers it again instead of saving twice;
 * - when the connection returns (or the page is reopened later) the kept copy is sent;
 * - a sheet saved elsewhere meanwhile is never overwritten: the judge sees both and chooses.
 * The parts: the device copy (./sheet-device-copy), the send queue and what it shows
 * (./sheet-save-queue); this hook holds the view and connects the queue to the page.
 */
export function useSheetAutosave(options: {
  storageKey: string;
  endpoint: string;
  server: SheetState;
  initialValues: SheetValues;
  editable: boolean;
  onSubmitted: () => void;
}) {
  const { storageKey, endpoint, server, editable, onSubmitted } = options;
  const [values, setValues] = useState<SheetValues>(options.initialValues);
  const [view, show] = useReducer(changeView, {
    status: "idle",
    savedAt: server.updatedAt,
    serverErrors: {},
    conflict: null,
    failedCode: null,
  });
  const host = { endpoint, storageKey, editable, show, setValues, onSubmitted };
  const [queue] = useState(() => new SaveQueue(host, options.initialValues, server.version));
  queue.host = host;

  useEffect(() => {
    queue.resume(readDeviceCopy(storageKey), server);
    // run once per page (sheet); later server data arrives through the queue's own answers
  }, [storageKey]);

  useEffect(() => {
    const online = () => queue.online();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      queue.stop();
    };
  }, [queue]);

  const { conflict } = view;
  return {
    ...view,
    values,
    setField: (name: string, value: string) => queue.edit(name, value),
    send: (intent?: SheetIntent) => queue.send(intent),
    keepMine: (chosen?: SheetValues) => conflict && queue.keepMine(conflict.current, chosen),
    takeServer: () => conflict && queue.takeServer(conflict.current),
  };
}

function changeView(view: AutosaveView, change: ViewChange): AutosaveView {
  return { ...view, ...(typeof change === "function" ? change(view) : change) };
}
