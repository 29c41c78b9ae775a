/**
 * Photos a judge takes on the visit, kept on the device until the server has them (the same
 * promise as scores: nothing is lost to a weak connection). Each photo goes into the browser's
 * IndexedDB the moment it is chosen, then is sent; it leaves the device only when the server
 * answered that it is stored. A refusal (wrong type, too large) stays listed with the server's
 * message until the judge discards it; a network failure is retried when the connection returns.
 *
 * Browser-only: nothing here runs on the server (IndexedDB does not exist there).
 */

const DB_NAME = "juara-visit-photos";
const STORE = "pending";

export interface PendingPhoto {
  id: number;
  /** the upload endpoint, e.g. /judge/<slug>/<code>/photos */
  endpoint: string;
  /** the indicator the photo proves, or "" for the entry as a whole */
  indicator: string;
  file: Blob;
  name: string;
  addedAt: string;
  /** the server's message when it refused the photo; absent while it is only waiting */
  refused?: string;
}

type NewPhoto = Omit<PendingPhoto, "id" | "addedAt" | "refused">;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      store.createIndex("endpoint", "endpoint");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        // resolve once the transaction is durable, not when the request alone succeeded
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
        tx.onabort = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

/** Keeps a photo on the device; resolves with its id once it is written. */
export function keepPhoto(photo: NewPhoto): Promise<number> {
  const record = { ...photo, addedAt: new Date().toISOString() };
  return run("readwrite", (store) => store.add(record)).then((id) => Number(id));
}

export function listPhotos(endpoint: string): Promise<PendingPhoto[]> {
  return run("readonly", (store) => store.index("endpoint").getAll(endpoint)) as Promise<
    PendingPhoto[]
  >;
}

export function forgetPhoto(id: number): Promise<undefined> {
  return run("readwrite", (store) => store.delete(id));
}

function markRefused(photo: PendingPhoto, message: string): Promise<IDBValidKey> {
  return run("readwrite", (store) => store.put({ ...photo, refused: message }));
}

export type SendOutcome = "sent" | "refused" | "offline";

/**
 * Sends one kept photo. 2xx: stored, forgotten here. 4xx: refused for good (the message is
 * kept beside it). Anything else, or no answer: kept as it is, to be sent again later.
 */
export async function sendPhoto(photo: PendingPhoto): Promise<SendOutcome> {
  const body = new FormData();
  body.set("intent", "photo");
  body.set("indicator", photo.indicator);
  body.set("photo", new File([photo.file], photo.name, { type: photo.file.type }));
  let response: Response;
  try {
    response = await fetch(photo.endpoint, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return "offline";
  }
  if (response.ok) {
    await forgetPhoto(photo.id);
    return "sent";
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 408) {
    let message = response.statusText;
    try {
      const data = (await response.json()) as { message?: unknown };
      if (typeof data.message === "string") message = data.message;
    } catch {
      // not JSON: the status text says enough
    }
    await markRefused(photo, message);
    return "refused";
  }
  return "offline";
}

/** Sends every waiting photo of one endpoint, in the order they were taken. */
export async function sendWaiting(endpoint: string): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  for (const photo of await listPhotos(endpoint)) {
    if (photo.refused) continue;
    const outcome = await sendPhoto(photo);
    outcomes.push(outcome);
    // no connection: the rest would fail the same way; try again when it returns
    if (outcome === "offline") break;
  }
  return outcomes;
}
