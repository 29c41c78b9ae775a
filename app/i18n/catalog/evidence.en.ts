import type { Messages } from "../define";
import type id from "./evidence.id";

/** English for evidence.id.ts: the type makes it list exactly the Indonesian keys. */
export default {
  "evidence.title": "Evidence — {competition}",
  "evidence.back": "Back to the entry",
  "evidence.intro":
    "Upload photos (JPEG, PNG, WebP) or PDF documents as evidence for each indicator. At most 10 MB a file and 100 MB for all evidence. Photos are made smaller and the details inside them (location, camera) are removed; judges still see where and when a photo was taken.",
  "evidence.closed":
    "The evidence cannot be changed: the self-assessment was submitted or is not open.",
  "evidence.indicators": "Evidence per indicator",
  "evidence.noIndicators": "This competition's criteria have no indicators yet.",
  "evidence.claimed": "value reported",
  "evidence.field": "Add files for {code}",
  "evidence.fieldHint": "JPEG, PNG, WebP or PDF; several files at once are fine.",
  "evidence.none": "No evidence yet.",
  "evidence.video.heading": "Profile video",
  "evidence.video.label": "Profile video link (YouTube or Google Drive)",
  "evidence.video.hint":
    "An https link to youtube.com, youtu.be or drive.google.com. Videos are not uploaded here.",
  "evidence.video.current": "Link on file:",
  "evidence.submit": "Save evidence",
  "evidence.remove": "Remove",
  "evidence.removeLabel": "Remove {name}",
  "evidence.open": "Open {name}",
  "evidence.pdf": "PDF",
  "evidence.stored": "Evidence saved.",
  "evidence.storedSome": "Some evidence was saved; the files below were refused.",
  "evidence.removed": "Evidence removed.",
  "evidence.error.type":
    "{name}: not a JPEG, PNG or WebP photo or a PDF document (judged by its content, not its name). The file was not saved.",
  "evidence.error.tooLarge": "{name}: larger than 10 MB. The file was not saved.",
  "evidence.error.entryFull":
    "{name}: this entry's evidence space (100 MB) is not enough. Remove other evidence first.",
  "evidence.error.pixels":
    "{name}: the image is too large (more than 50 megapixels). The file was not saved.",
  "evidence.error.corrupt":
    "{name}: the file is damaged or cut short and cannot be read. The file was not saved.",
  "evidence.error.empty": "{name}: the file is empty.",
  "evidence.error.name":
    "{name}: the file name holds control characters. Rename the file and upload it again.",
  "evidence.error.video":
    "The video link must be an https link to YouTube (youtube.com, youtu.be) or Google Drive (drive.google.com), at most 500 characters.",
  "evidence.error.closed":
    "{name}: the evidence can no longer be changed (the self-assessment was submitted or is not open).",
  "evidence.error.indicator": "{name}: this competition has no such indicator.",
  "evidence.error.nothing": "Choose a file or enter a video link first.",
  "evidence.error.bodyTooLarge": "The form's fields are too long.",
} satisfies Messages<typeof id>;
