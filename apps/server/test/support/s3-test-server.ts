import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import type { AppConfig } from '../../src/platform/config.js';
import type { FileStorage } from '../../src/platform/files/file-storage.js';
import { storedPath } from '../../src/platform/files/file-store.js';
import { LocalFileStorage } from '../../src/platform/files/local-file-storage.js';
import { S3FileStorage } from '../../src/platform/files/s3-file-storage.js';

/** A real S3 API server (s3rver) on a free loopback port, keeping its objects in a temporary folder. */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps the bucket's objects (each object a file `<key>._S3rver_object`). */
  directory: string;
  client: S3Client;
  close(): Promise<void>;
}

export const S3_TEST_BUCKET = 'sagsgang-test';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3TestServer(bucket = S3_TEST_BUCKET): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsgang-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  return {
    endpoint,
    bucket,
    directory,
    client,
    close: async () => {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The app settings that put its file store in the test server's bucket (under `prefix`, e.g. `node-a/`). */
export function s3StoreConfig(s3: S3TestServer, prefix = ''): Pick<AppConfig, 'fileStore'> {
  return {
    fileStore: {
      kind: 's3',
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      ...CREDENTIALS,
      forcePathStyle: true,
      prefix,
    },
  };
}

/**
 * A file store under test with what a test needs to look at it from outside: whether a file is there, a damaged
 * copy, an older last-modified time (standing in for hours passing), and upload temporaries left behind.
 */
export interface StoreUnderTest {
  kind: 'local' | 's3';
  storage: FileStorage;
  /** The app settings that use this store. */
  config: Partial<AppConfig>;
  has(sha256: string): Promise<boolean>;
  damage(sha256: string, bytes: Buffer): Promise<void>;
  age(sha256: string, hours: number): void;
  partials(): Promise<string[]>;
  /** Leaves an upload temporary as a process that stopped mid-upload would, last written `hours` ago. */
  leavePartial(hours: number): Promise<void>;
  /** Writes (or with undefined removes) an entry at the top of the store, as another program would. */
  setEntry(name: string, body: string | undefined): Promise<void>;
}

export function localStoreUnderTest(dir: string): StoreUnderTest {
  const tmp = path.join(dir, 'tmp');
  return {
    kind: 'local',
    storage: new LocalFileStorage(dir),
    config: { fileDir: dir, fileStore: { kind: 'local' } },
    has: async (sha) => fs.existsSync(storedPath(dir, sha)),
    damage: async (sha, bytes) => fs.writeFileSync(storedPath(dir, sha), bytes),
    age: (sha, hours) => {
      const then = new Date(Date.now() - hours * 3600_000);
      fs.utimesSync(storedPath(dir, sha), then, then);
    },
    partials: async () => (fs.existsSync(tmp) ? fs.readdirSync(tmp) : []),
    setEntry: async (name, body) => {
      if (body === undefined) fs.rmSync(path.join(dir, name), { force: true });
      else fs.writeFileSync(path.join(dir, name), body);
    },
    leavePartial: async (hours) => {
      fs.mkdirSync(tmp, { recursive: true });
      const file = path.join(tmp, `4242-${crypto.randomUUID()}`);
      fs.writeFileSync(file, '%PDF-half');
      const then = new Date(Date.now() - hours * 3600_000);
      fs.utimesSync(file, then, then);
    },
  };
}

export function s3StoreUnderTest(s3: S3TestServer, prefix: string): StoreUnderTest {
  const config = s3StoreConfig(s3, prefix);
  const storage = new S3FileStorage({ ...(config.fileStore as Extract<AppConfig['fileStore'], { kind: 's3' }>) });
  const key = (sha: string) => storage.keyOf(sha);
  return {
    kind: 's3',
    storage,
    config: { ...config, fileDir: path.join(s3.directory, 'unused-local-folder') },
    has: async (sha) => {
      try {
        await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key(sha) }));
        return true;
      } catch {
        return false;
      }
    },
    damage: async (sha, bytes) => {
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key(sha), Body: bytes }));
    },
    // S3 sets LastModified itself; s3rver takes it from its object file's mtime, which stands in for time passing.
    age: (sha, hours) => {
      const then = new Date(Date.now() - hours * 3600_000);
      fs.utimesSync(path.join(s3.directory, s3.bucket, `${key(sha)}._S3rver_object`), then, then);
    },
    partials: async () => {
      const entries = fs.readdirSync(path.join(s3.directory, s3.bucket), { recursive: true }) as string[];
      return entries.filter((e) => e.startsWith(`${prefix}tmp/`) && e.endsWith('._S3rver_object'));
    },
    setEntry: async (name, body) => {
      const Key = `${prefix}${name}`;
      if (body === undefined) await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }));
      else await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: body }));
    },
    leavePartial: async (hours) => {
      const partial = `${prefix}tmp/4242-${crypto.randomUUID()}`;
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: partial, Body: '%PDF-half' }));
      const then = new Date(Date.now() - hours * 3600_000);
      fs.utimesSync(path.join(s3.directory, s3.bucket, `${partial}._S3rver_object`), then, then);
    },
  };
}

export const STORE_KINDS = ['local', 's3'] as const;

/**
 * A store of `kind` for a describe block: a fresh local folder, or a prefix in the bucket of an s3rver started for
 * the block (stopped after it).
 */
export function useStoreUnderTest(kind: StoreUnderTest['kind'], label: string): () => StoreUnderTest {
  let s3: S3TestServer | undefined;
  let store: StoreUnderTest | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sagsgang-${label}-`));
  beforeAll(async () => {
    if (kind === 'local') store = localStoreUnderTest(dir);
    else {
      s3 = await startS3TestServer();
      store = s3StoreUnderTest(s3, `${label}/`);
    }
  });
  afterAll(async () => {
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!store) throw new Error('store not ready yet');
    return store;
  };
}
