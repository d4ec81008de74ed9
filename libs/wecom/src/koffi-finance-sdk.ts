import { existsSync } from 'node:fs';
import * as koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import { FinanceSdkError, MAX_CHAT_DATA_LIMIT, type ChatDataBatch, type FinanceSdk, type MediaChunk } from './finance-sdk';

export interface KoffiFinanceSdkOptions {
  /** Path to the vendor's libWeWorkFinanceSdk_C.so. */
  libraryPath: string;
  corpId: string;
  /** The chat-archive secret (会话内容存档 Secret), not an application secret. */
  secret: string;
  /** e.g. socks5://10.0.0.1:8081 or http://10.0.0.1:8081 */
  proxy?: string;
  /** user:password for the proxy */
  proxyPassword?: string;
  defaultTimeoutSec?: number;
}

/** The vendor library is missing or is not the WeCom finance SDK. */
export class FinanceSdkLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FinanceSdkLoadError';
  }
}

type NativeFunction = ReturnType<LibraryHandle['func']>;

/** Signatures from WeWorkFinanceSdk_C.h. Returned buffers are read as pointers plus lengths: media is binary and may hold NUL bytes. */
const SIGNATURES = {
  NewSdk: 'void* NewSdk()',
  Init: 'int Init(void* sdk, const char* corpid, const char* secret)',
  DestroySdk: 'void DestroySdk(void* sdk)',
  GetChatData: 'int GetChatData(void* sdk, unsigned long long seq, unsigned int limit, const char* proxy, const char* passwd, int timeout, void* chatDatas)',
  GetMediaData: 'int GetMediaData(void* sdk, const char* indexbuf, const char* sdkFileid, const char* proxy, const char* passwd, int timeout, void* media_data)',
  DecryptData: 'int DecryptData(const char* encrypt_key, const char* encrypt_msg, void* msg)',
  NewSlice: 'void* NewSlice()',
  FreeSlice: 'void FreeSlice(void* slice)',
  GetContentFromSlice: 'void* GetContentFromSlice(void* slice)',
  GetSliceLen: 'int GetSliceLen(void* slice)',
  NewMediaData: 'void* NewMediaData()',
  FreeMediaData: 'void FreeMediaData(void* media_data)',
  GetOutIndexBuf: 'const char* GetOutIndexBuf(void* media_data)',
  GetData: 'void* GetData(void* media_data)',
  GetDataLen: 'int GetDataLen(void* media_data)',
  IsMediaDataFinish: 'int IsMediaDataFinish(void* media_data)',
} as const;

type Bindings = Record<keyof typeof SIGNATURES, NativeFunction>;

/**
 * The vendor SDK through koffi. Network calls run on koffi's worker threads so a 10 s pull does not
 * stall the event loop, one at a time because the SDK handle is not documented as thread-safe.
 */
export class KoffiFinanceSdk implements FinanceSdk {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly native: Bindings,
    private readonly sdk: unknown,
    private readonly options: KoffiFinanceSdkOptions,
  ) {}

  static async open(options: KoffiFinanceSdkOptions): Promise<KoffiFinanceSdk> {
    const native = bind(options.libraryPath);
    const sdk = native.NewSdk();
    if (!sdk) throw new FinanceSdkLoadError(`NewSdk() in ${options.libraryPath} returned NULL`);
    const rc = (await callAsync(native.Init, sdk, options.corpId, options.secret)) as number;
    if (rc !== 0) {
      native.DestroySdk(sdk);
      throw FinanceSdkError.fromCode(rc, 'Init', 'check the corp id and the chat-archive secret');
    }
    return new KoffiFinanceSdk(native, sdk, options);
  }

  getChatData(seq: number, limit: number, timeoutSec?: number): Promise<ChatDataBatch> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHAT_DATA_LIMIT) {
      return Promise.reject(FinanceSdkError.fromCode(10000, 'GetChatData', `limit ${limit} is outside 1..${MAX_CHAT_DATA_LIMIT}`));
    }
    return this.serial(async () => {
      const body = await this.withSlice('GetChatData', (slice) =>
        callAsync(this.native.GetChatData, this.sdk, seq, limit, this.options.proxy ?? null, this.options.proxyPassword ?? null, this.timeout(timeoutSec), slice),
      );
      const parsed = JSON.parse(body) as { errcode?: number; errmsg?: string; chatdata?: ChatDataBatch['chatdata'] };
      if (parsed.errcode) throw new FinanceSdkError(parsed.errcode, `GetChatData was refused by WeCom with ${parsed.errcode}: ${parsed.errmsg ?? ''}`);
      return { chatdata: parsed.chatdata ?? [] };
    });
  }

  getMediaData(sdkFileId: string, indexBuf: string, timeoutSec?: number): Promise<MediaChunk> {
    return this.serial(async () => {
      const media = this.native.NewMediaData();
      try {
        const rc = (await callAsync(
          this.native.GetMediaData,
          this.sdk,
          indexBuf,
          sdkFileId,
          this.options.proxy ?? null,
          this.options.proxyPassword ?? null,
          this.timeout(timeoutSec),
          media,
        )) as number;
        if (rc !== 0) throw FinanceSdkError.fromCode(rc, 'GetMediaData', `sdkfileid ${sdkFileId.slice(0, 24)}…`);
        return {
          outIndexBuf: (this.native.GetOutIndexBuf(media) as string | null) ?? '',
          isFinish: this.native.IsMediaDataFinish(media) === 1,
          data: copyOut(this.native.GetData(media), this.native.GetDataLen(media) as number),
        };
      } finally {
        this.native.FreeMediaData(media);
      }
    });
  }

  decryptData(randomKey: string, encryptChatMsg: string): Promise<string> {
    // DecryptData is pure computation on its inputs and does not touch the SDK handle: no queue.
    if (this.closed) return Promise.reject(closedError());
    return this.withSlice('DecryptData', (slice) => callAsync(this.native.DecryptData, randomKey, encryptChatMsg, slice));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.serial(async () => {
      this.closed = true;
      this.native.DestroySdk(this.sdk);
    });
  }

  private timeout(timeoutSec: number | undefined): number {
    return timeoutSec ?? this.options.defaultTimeoutSec ?? 10;
  }

  private async withSlice(operation: string, call: (slice: unknown) => Promise<unknown>): Promise<string> {
    const slice = this.native.NewSlice();
    try {
      const rc = (await call(slice)) as number;
      const content = copyOut(this.native.GetContentFromSlice(slice), this.native.GetSliceLen(slice) as number).toString('utf8');
      // On failure the slice may carry WeCom's error JSON, the only place the cause is visible.
      if (rc !== 0) throw FinanceSdkError.fromCode(rc, operation, content.slice(0, 300));
      return content;
    } finally {
      this.native.FreeSlice(slice);
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(closedError());
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function closedError(): FinanceSdkLoadError {
  return new FinanceSdkLoadError('the finance SDK was closed');
}

function bind(libraryPath: string): Bindings {
  if (!existsSync(libraryPath)) {
    throw new FinanceSdkLoadError(`WeCom finance SDK not found at ${libraryPath}: download libWeWorkFinanceSdk_C.so from the WeCom admin console and set its path`);
  }
  let library: LibraryHandle;
  try {
    library = koffi.load(libraryPath);
  } catch (error) {
    throw new FinanceSdkLoadError(`cannot load ${libraryPath} as a shared library: ${(error as Error).message}`, { cause: error });
  }
  const bindings: Partial<Bindings> = {};
  for (const [name, signature] of Object.entries(SIGNATURES) as [keyof Bindings, string][]) {
    try {
      bindings[name] = library.func(signature);
    } catch (error) {
      throw new FinanceSdkLoadError(`${libraryPath} has no usable ${name}(): is it the WeCom finance SDK? (${(error as Error).message})`, { cause: error });
    }
  }
  return bindings as Bindings;
}

function callAsync(fn: NativeFunction, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => fn.async(...args, (error: unknown, result: unknown) => (error ? reject(error) : resolve(result))));
}

/** Copies native memory before the SDK frees it. */
function copyOut(pointer: unknown, length: number): Buffer {
  if (!pointer || length <= 0) return Buffer.alloc(0);
  return Buffer.from(new Uint8Array(koffi.view(pointer, length)));
}
