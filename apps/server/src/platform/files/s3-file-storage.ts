import crypto from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkedAgainstHash, hashingTap, worthKeeping, type StoredFile } from './file-store.js';
import { FILE_STORE_MARKER } from './file-store-identity.js';
import type { FileStorage, RemovalGuard, StoredEntry, TidyResult } from './file-storage.js';
import type { S3Settings } from '../config.js';

const HASH_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})$/;
const PARTIAL_KEY = /^tmp\/\d+-[0-9a-f-]{36}$/;
// Each write of a stored object carries a fresh generation: the discard of a failed upload removes only the copy
// that upload wrote, and a later upload of the same content (which writes the object again) keeps it.
const GENERATION = 'generation';

const isMissing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * An S3-compatible bucket, shared by every node: `<prefix><first two hex digits>/<sha256>`, uploads in flight under
 * `<prefix>tmp/`. An upload streams to a temporary object while it is hashed (in parts, so memory stays flat), and is
 * then copied under its hash inside the bucket.
 *
 * S3 has no atomic rename, so a removal cannot move the object aside first as the folder store does: it checks the
 * object's generation (or age) and the references, checks the generation again, and deletes. An upload of the same
 * content that lands in the last round trip before the delete can lose its object; the window is one request long.
 */
export class S3FileStorage implements FileStorage {
  readonly setting = 'S3_BUCKET / S3_PREFIX';
  private readonly client: S3Client;

  constructor(private readonly s3: S3Settings) {
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      // Checksums only where S3 asks for them: many S3-compatible services refuse the SDK's newer default ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials:
        s3.accessKeyId && s3.secretAccessKey
          ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey }
          : undefined,
    });
  }

  get location(): string {
    return `s3://${this.s3.bucket}/${this.s3.prefix}`;
  }

  /** The key of a stored file. */
  keyOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 hex digest');
    return `${this.s3.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async store(source: Readable, isTruncated: () => boolean): Promise<StoredFile> {
    const tmpKey = `${this.s3.prefix}tmp/${process.pid}-${crypto.randomUUID()}`;
    const { tap, done } = hashingTap();
    // pipeline destroys the tap when the source fails (an upload cut off), which fails the S3 upload in turn.
    const body = pipeline(source, tap, () => undefined);
    try {
      await new Upload({ client: this.client, params: { Bucket: this.s3.bucket, Key: tmpKey, Body: body } }).done();
      // The source's own error (a client gone) is what the caller judges by, not the upload's.
      if (source.errored) throw source.errored;
      const result = done(isTruncated);
      if (!worthKeeping(result)) return result;
      const key = this.keyOf(result.sha256);
      const existed = (await this.head(key)) !== undefined;
      const generation = crypto.randomUUID();
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.s3.bucket,
          Key: key,
          CopySource: `${this.s3.bucket}/${tmpKey.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'REPLACE',
          Metadata: { [GENERATION]: generation },
          ContentType: 'application/octet-stream',
        }),
      );
      return existed ? result : { ...result, createdVersion: generation };
    } catch (err) {
      if (source.errored) throw source.errored;
      // The store failed, not the sender: read the rest of the upload so the request can be answered.
      source.unpipe(tap);
      source.resume();
      throw err;
    } finally {
      await this.deleteKey(tmpKey).catch(() => undefined); // else the sweep removes it after the grace period
    }
  }

  async read(sha256: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: this.keyOf(sha256) }));
    const bytes = Buffer.from(await res.Body!.transformToByteArray());
    return checkedAgainstHash(bytes, sha256);
  }

  async readMarker(): Promise<string | undefined> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.s3.bucket, Key: `${this.s3.prefix}${FILE_STORE_MARKER}` }),
      );
      return (await res.Body!.transformToString()).trim();
    } catch (err) {
      if (isMissing(err) && (err as { name?: string }).name !== 'NoSuchBucket') return undefined;
      throw err;
    }
  }

  async writeMarkerIfAbsent(id: string): Promise<string | undefined> {
    const found = await this.readMarker();
    if (found !== undefined) return found;
    try {
      // Where the service honours If-None-Match (AWS does, s3rver does not), two nodes claiming at once cannot
      // both write; elsewhere the last of them wins and the other is refused at its next start or readiness check.
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.s3.bucket,
          Key: `${this.s3.prefix}${FILE_STORE_MARKER}`,
          Body: `${id}\n`,
          IfNoneMatch: '*',
        }),
      );
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 412 && status !== 409) throw err;
    }
    return this.readMarker();
  }

  async exists(): Promise<boolean> {
    return true;
  }

  async tidy(before: number): Promise<TidyResult> {
    let removedPartial = 0;
    for await (const objects of this.listKeys(`${this.s3.prefix}tmp/`)) {
      for (const o of objects) {
        if (!PARTIAL_KEY.test(o.key) || o.modifiedMs >= before) continue;
        await this.deleteKey(`${this.s3.prefix}${o.key}`);
        removedPartial++;
      }
    }
    return { removedPartial, restored: 0 };
  }

  async *list(signal?: AbortSignal): AsyncIterable<StoredEntry[]> {
    for await (const objects of this.listKeys(this.s3.prefix)) {
      signal?.throwIfAborted();
      const page: StoredEntry[] = [];
      for (const o of objects) {
        const m = HASH_KEY.exec(o.key);
        if (m && m[2].startsWith(m[1])) page.push({ sha256: m[2], modifiedMs: o.modifiedMs });
      }
      yield page;
    }
  }

  async removeUnlessUsed(sha256: string, guard: RemovalGuard, isUsed: () => Promise<boolean>): Promise<number | null> {
    const key = this.keyOf(sha256);
    const before = await this.head(key);
    if (!before || !holds(guard, before)) return null;
    if (await isUsed()) return null;
    const now = await this.head(key);
    if (!now || now.generation !== before.generation || now.modifiedMs !== before.modifiedMs) return null;
    await this.deleteKey(key);
    return now.size;
  }

  private async head(key: string): Promise<{ generation?: string; modifiedMs: number; size: number } | undefined> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.s3.bucket, Key: key }));
      return {
        generation: res.Metadata?.[GENERATION],
        modifiedMs: res.LastModified?.getTime() ?? 0,
        size: res.ContentLength ?? 0,
      };
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  private async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: key }));
  }

  /** Keys under `prefix` (given relative to the store's prefix) with their LastModified, a page at a time. */
  private async *listKeys(prefix: string): AsyncIterable<{ key: string; modifiedMs: number }[]> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.s3.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      yield (res.Contents ?? []).map((o) => ({
        key: (o.Key ?? '').slice(this.s3.prefix.length),
        modifiedMs: o.LastModified?.getTime() ?? 0,
      }));
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }
}

function holds(guard: RemovalGuard, o: { generation?: string; modifiedMs: number }): boolean {
  return 'version' in guard ? o.generation === guard.version : o.modifiedMs < guard.olderThanMs;
}
