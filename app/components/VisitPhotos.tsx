import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import type { MessageKey } from "~/i18n";
import { useLang, useT } from "~/i18n/useT";
import { formatDateTime } from "~/lib/format";
import { forgetPhoto, keepPhoto, listPhotos, sendWaiting } from "~/lib/photo-queue";
import { useHydrated } from "~/lib/use-hydrated";

/** A file larger than this is refused by the server: said at once, never queued. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** A stored visit photo, as the sheet's loader sends it (app/models/visit-photos.server.ts). */
export interface VisitPhotoView {
  id: number;
  indicatorCode: string | null;
  name: string;
  fileUrl: string;
  thumbUrl: string | null;
  takenAt: string | null;
  gps: { lat: number; lon: number } | null;
}

/** What a plain form's upload came back with (the sheet's query). */
export interface VisitPhotoNotice {
  stored: number;
  refused: { key: MessageKey; name: string }[];
}

/** A photo on this device: waiting, being sent, sent, or refused with the server's message. */
interface DevicePhoto {
  /** the queue's id; null for a photo refused here before it was kept */
  id: number | null;
  key: string;
  name: string;
  state: "waiting" | "sending" | "sent" | "refused";
  message?: string;
}

/**
 * The visit photos of a judge's sheet. Without JavaScript a plain multipart form posts the chosen
 * photos to the photos endpoint and the sheet comes back. With it, each chosen photo goes into the
 * device's queue (app/lib/photo-queue.ts) at once and is sent from there: now, when the connection
 * returns, and when the page is opened again; it leaves the device only once the server has it.
 */
export function VisitPhotos({
  endpoint,
  indicators,
  photos,
  uploadable,
  notice,
}: {
  endpoint: string;
  indicators: { code: string; name: string }[];
  photos: VisitPhotoView[];
  uploadable: boolean;
  notice: VisitPhotoNotice | null;
}) {
  const t = useT();
  const lang = useLang();
  const hydrated = useHydrated();
  const [device, setDevice] = useState<DevicePhoto[]>([]);
  // the device cannot keep photos (no IndexedDB): the plain form does the work
  const [plain, setPlain] = useState(false);
  const indicator = useRef<HTMLSelectElement>(null);
  const busy = useRef(false);
  const again = useRef(false);

  /** The queue as it is now; photos that left it since the last look were sent. */
  const refresh = useCallback(async () => {
    const queued = await listPhotos(endpoint);
    setDevice((before) => {
      const now: DevicePhoto[] = before
        .filter((p) => p.id === null || p.state === "sent" || !queued.some((q) => q.id === p.id))
        .map((p) => (p.id === null || p.state === "sent" ? p : { ...p, state: "sent" as const }));
      for (const q of queued)
        now.push({
          id: q.id,
          key: `q${q.id}`,
          name: q.name,
          state: q.refused ? "refused" : "waiting",
          message: q.refused,
        });
      return now.sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }));
    });
  }, [endpoint]);

  /** Sends what waits, one run at a time (two at once would send a photo twice). */
  const flush = useCallback(async () => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    try {
      do {
        again.current = false;
        setDevice((before) =>
          before.map((p) => (p.state === "waiting" ? { ...p, state: "sending" } : p)),
        );
        await sendWaiting(endpoint);
        await refresh();
      } while (again.current);
    } catch {
      // the device's storage failed: what is kept stays kept, and is tried again later
    } finally {
      busy.current = false;
    }
  }, [endpoint, refresh]);

  useEffect(() => {
    if (typeof indexedDB === "undefined") {
      setPlain(true);
      return;
    }
    refresh().then(flush, () => setPlain(true));
    const online = () => void flush();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [refresh, flush]);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    if (plain) return;
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    const forWhat = indicator.current?.value ?? "";
    try {
      for (const file of files) {
        if (file.size > MAX_PHOTO_BYTES) {
          setDevice((before) => [
            ...before,
            {
              id: null,
              key: `z${Date.now()}-${before.length}`,
              name: file.name,
              state: "refused",
              message: t("judge.photos.error.tooLarge", { name: file.name }),
            },
          ]);
          continue;
        }
        await keepPhoto({ endpoint, indicator: forWhat, file, name: file.name });
      }
    } catch {
      // could not keep them here: the form sends them as it is
      setPlain(true);
      return;
    }
    input.value = "";
    await refresh();
    void flush();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    if (!hydrated || plain) return;
    event.preventDefault();
    void flush();
  }

  async function discard(photo: DevicePhoto) {
    if (photo.id !== null) await forgetPhoto(photo.id);
    setDevice((before) => before.filter((p) => p.key !== photo.key));
  }

  const refusedHere = notice?.refused ?? [];
  return (
    <section id="visit-photos" className="visit-photos" aria-labelledby="visit-photos-heading">
      <h2 id="visit-photos-heading">{t("judge.photos.heading")}</h2>
      {notice && notice.stored > 0 ? (
        <p className="notice" role="status">
          {t("judge.photos.storedNotice", { count: notice.stored })}
        </p>
      ) : null}
      {uploadable ? (
        <form
          method="post"
          action={endpoint}
          encType="multipart/form-data"
          noValidate
          onSubmit={submit}
        >
          <p>{t("judge.photos.intro")}</p>
          <input type="hidden" name="intent" value="photo" />
          {indicators.length > 0 ? (
            <p>
              <label htmlFor="visit-photo-indicator">{t("judge.photos.indicator")}</label>{" "}
              <select id="visit-photo-indicator" name="indicator" ref={indicator}>
                <option value="">{t("judge.photos.wholeEntry")}</option>
                {indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} · {i.name}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          <p>
            <label htmlFor="visit-photo-input">{t("judge.photos.choose")}</label>{" "}
            <input
              id="visit-photo-input"
              type="file"
              name="photo"
              accept="image/*"
              capture="environment"
              multiple
              onChange={(e) => void choose(e)}
              aria-describedby={refusedHere.length > 0 ? "visit-photo-errors" : undefined}
            />
          </p>
          {refusedHere.length > 0 ? (
            <ul id="visit-photo-errors" className="field-errors" role="alert">
              {refusedHere.map((r, i) => (
                <li key={`${r.key}-${i}`}>{t(r.key, { name: r.name })}</li>
              ))}
            </ul>
          ) : null}
          {!hydrated || plain ? (
            <button type="submit" className="button">
              {t("judge.photos.upload")}
            </button>
          ) : null}
        </form>
      ) : (
        <p className="notice">{t("judge.photos.closed")}</p>
      )}
      {device.length > 0 ? (
        <>
          <h3>{t("judge.photos.device")}</h3>
          <ul className="visit-photos-device">
            {device.map((p) => (
              <li key={p.key} data-photo-state={p.state}>
                {p.name} —{" "}
                {p.state === "refused"
                  ? t("judge.photos.refused", { message: p.message ?? "" })
                  : t(`judge.photos.${p.state}` as MessageKey)}
                {p.state === "refused" ? (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="button small"
                      aria-label={t("judge.photos.discardLabel", { name: p.name })}
                      onClick={() => void discard(p)}
                    >
                      {t("judge.photos.discard")}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t("judge.photos.stored")}</h3>
      {photos.length === 0 ? (
        <p>{t("judge.photos.none")}</p>
      ) : (
        <VisitPhotoList photos={photos} lang={lang} />
      )}
    </section>
  );
}

/** Stored visit photos: each thumbnail opens the photo; where and when it was taken, if known. */
export function VisitPhotoList({
  photos,
  lang,
  caption,
}: {
  photos: VisitPhotoView[];
  lang: ReturnType<typeof useLang>;
  caption?: (photo: VisitPhotoView) => string;
}) {
  const t = useT();
  return (
    <ul className="claim-evidence visit-photos-stored">
      {photos.map((p) => (
        <li key={p.id} data-testid={`visit-photo-${p.id}`}>
          <a href={p.fileUrl}>
            {p.thumbUrl ? (
              <img src={p.thumbUrl} alt={p.name} loading="lazy" />
            ) : (
              t("judge.photos.open", { name: p.name })
            )}
          </a>
          <small>
            {caption ? (
              <>
                {caption(p)}
                <br />
              </>
            ) : null}
            {p.indicatorCode ? (
              <>
                {t("judge.photos.forIndicator", { code: p.indicatorCode })}
                <br />
              </>
            ) : null}
            {p.takenAt ? (
              <>
                {t("judge.photos.takenAt", { time: formatDateTime(p.takenAt, lang) })}
                <br />
              </>
            ) : null}
            {p.gps
              ? t("judge.photos.gps", { lat: p.gps.lat.toFixed(5), lon: p.gps.lon.toFixed(5) })
              : null}
          </small>
        </li>
      ))}
    </ul>
  );
}
