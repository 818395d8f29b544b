import { createHash } from 'node:crypto';
import { AVATAR_MAX_BYTES, MEDIA_MIN_BYTES, MEDIA_TTL_MS, sniffImage } from '../wecom/kf-limits';
import type { SimClock } from './clock';
import { ApiFailure, Errcode } from './errcodes';
import { randomId } from './ids';

/**
 * media/upload (temporary media) as the kf avatar needs it: `type=image`, a multipart part named
 * `media` holding a JPG or PNG of 6 bytes to 2 MiB; the media_id lasts 3 days on the simulator clock.
 */

/** A file part of a multipart body. JSON shows its name, type and size, never its bytes (call records). */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly bytes: Uint8Array,
  ) {}

  toJSON() {
    return { filename: this.filename, content_type: this.contentType, size: this.bytes.length };
  }
}

/** A multipart/form-data request as an object: file parts as UploadedFile, text parts as strings. */
export async function readMultipart(request: Request): Promise<Record<string, unknown>> {
  const form = await request.formData();
  const out: Record<string, unknown> = {};
  for (const [name, value] of form) {
    out[name] = typeof value === 'string' ? value : new UploadedFile(value.name, value.type, new Uint8Array(await value.arrayBuffer()));
  }
  return out;
}

interface Media {
  expiresAt: number;
  /** Where the platform would serve the image (what kf/account/list answers as `avatar`). */
  url: string;
}

export class MediaStore {
  private readonly media = new Map<string, Media>();

  constructor(private readonly clock: SimClock) {}

  upload(type: string | undefined, body: Record<string, unknown>): Record<string, unknown> {
    if (type !== 'image') throw new ApiFailure(Errcode.invalidUploadType, `invalid media type: ${String(type)} (the simulator plays images only)`);
    const file = body.media;
    if (!(file instanceof UploadedFile)) throw new ApiFailure(Errcode.emptyMedia, 'media data missing: no multipart part named media');
    if (file.bytes.length < MEDIA_MIN_BYTES) throw new ApiFailure(Errcode.invalidFileSize, 'invalid file size: a file must be larger than 5 bytes');
    if (file.bytes.length > AVATAR_MAX_BYTES) throw new ApiFailure(Errcode.invalidImageSize, `invalid image size: over ${AVATAR_MAX_BYTES} bytes`);
    if (!sniffImage(file.bytes)) throw new ApiFailure(Errcode.invalidMediaType, 'invalid media type: an image must be a JPG or PNG');
    const mediaId = `3${randomId(63)}`;
    const digest = createHash('sha1').update(file.bytes).digest('hex');
    this.media.set(mediaId, { expiresAt: this.clock.now() + MEDIA_TTL_MS, url: `https://wework.qpic.cn/wwpic/${digest}/0` });
    return { type: 'image', media_id: mediaId, created_at: String(this.clock.nowSeconds()) };
  }

  /** The image behind a media_id still within its 3 days; 40007 otherwise. */
  imageUrl(mediaId: unknown): string {
    const m = typeof mediaId === 'string' ? this.media.get(mediaId) : undefined;
    if (!m || m.expiresAt <= this.clock.now()) throw new ApiFailure(Errcode.invalidMediaId, 'invalid media_id: unknown, or older than 3 days');
    return m.url;
  }
}
