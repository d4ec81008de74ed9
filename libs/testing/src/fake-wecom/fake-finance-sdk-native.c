/*
 * A stand-in for WeCom's libWeWorkFinanceSdk_C.so with the exported functions of
 * WeWorkFinanceSdk_C.h, compiled by tests to check the koffi binding: argument order, slices,
 * binary media with NUL bytes, return codes. It serves three fixed records and one media file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct WeWorkFinanceSdk_t { int initialised; } WeWorkFinanceSdk_t;
typedef struct Slice_t { char *buf; int len; } Slice_t;
typedef struct MediaData { char *outindexbuf; int out_len; char *data; int data_len; int is_finish; } MediaData_t;

#define MEDIA_SIZE 700
#define MEDIA_CHUNK 512

static void set_slice(Slice_t *slice, const char *text) {
  free(slice->buf);
  slice->len = (int)strlen(text);
  slice->buf = malloc(slice->len + 1);
  memcpy(slice->buf, text, slice->len + 1);
}

WeWorkFinanceSdk_t *NewSdk(void) { return calloc(1, sizeof(WeWorkFinanceSdk_t)); }

int Init(WeWorkFinanceSdk_t *sdk, const char *corpid, const char *secret) {
  if (!corpid || !secret || strcmp(secret, "wrong-secret") == 0) return 10000;
  sdk->initialised = 1;
  return 0;
}

void DestroySdk(WeWorkFinanceSdk_t *sdk) { free(sdk); }

int GetChatData(WeWorkFinanceSdk_t *sdk, unsigned long long seq, unsigned int limit, const char *proxy, const char *passwd, int timeout, Slice_t *out) {
  char body[4096];
  int used, count = 0;
  if (!sdk->initialised) return 10003;
  if (limit > 1000) return 10000;
  if (proxy && strcmp(proxy, "http://unreachable") == 0) {
    set_slice(out, "{\"errcode\":10001,\"errmsg\":\"network error\"}");
    return 10001;
  }
  used = snprintf(body, sizeof body, "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[");
  for (unsigned long long s = seq + 1; s <= 3 && count < (int)limit; s++, count++) {
    used += snprintf(body + used, sizeof body - used, "%s{\"seq\":%llu,\"msgid\":\"msg%llu\",\"publickey_ver\":%d,\"encrypt_random_key\":\"key%llu\",\"encrypt_chat_msg\":\"msg%llu-%d\"}",
                     count ? "," : "", s, s, timeout, s, s, passwd ? (int)strlen(passwd) : -1);
  }
  snprintf(body + used, sizeof body - used, "]}");
  set_slice(out, body);
  return 0;
}

int DecryptData(const char *encrypt_key, const char *encrypt_msg, Slice_t *msg) {
  char body[1024];
  if (strcmp(encrypt_key, "bad-key") == 0) return 10006;
  snprintf(body, sizeof body, "{\"msgid\":\"%s\",\"key\":\"%s\",\"text\":\"中文\"}", encrypt_msg, encrypt_key);
  set_slice(msg, body);
  return 0;
}

int GetMediaData(WeWorkFinanceSdk_t *sdk, const char *indexbuf, const char *sdkfileid, const char *proxy, const char *passwd, int timeout, MediaData_t *media) {
  int start = 0, end;
  (void)sdk; (void)proxy; (void)passwd; (void)timeout;
  if (strcmp(sdkfileid, "file-1") != 0) return 10005;
  if (indexbuf && indexbuf[0] && sscanf(indexbuf, "Range: bytes=%d-", &start) != 1) return 10000;
  end = start + MEDIA_CHUNK < MEDIA_SIZE ? start + MEDIA_CHUNK : MEDIA_SIZE;
  free(media->data);
  free(media->outindexbuf);
  media->data_len = end - start;
  media->data = malloc(media->data_len);
  /* byte i of the file is i % 251, so the data is full of NUL bytes */
  for (int i = start; i < end; i++) media->data[i - start] = (char)(i % 251);
  media->is_finish = end >= MEDIA_SIZE;
  media->outindexbuf = malloc(64);
  snprintf(media->outindexbuf, 64, "Range: bytes=%d-%d", end, MEDIA_SIZE - 1);
  media->out_len = (int)strlen(media->outindexbuf);
  return 0;
}

Slice_t *NewSlice(void) { return calloc(1, sizeof(Slice_t)); }
void FreeSlice(Slice_t *slice) { if (slice) { free(slice->buf); free(slice); } }
char *GetContentFromSlice(Slice_t *slice) { return slice->buf; }
int GetSliceLen(Slice_t *slice) { return slice->len; }

MediaData_t *NewMediaData(void) { return calloc(1, sizeof(MediaData_t)); }
void FreeMediaData(MediaData_t *media) { if (media) { free(media->data); free(media->outindexbuf); free(media); } }
char *GetOutIndexBuf(MediaData_t *media) { return media->outindexbuf; }
char *GetData(MediaData_t *media) { return media->data; }
int GetIndexLen(MediaData_t *media) { return media->out_len; }
int GetDataLen(MediaData_t *media) { return media->data_len; }
int IsMediaDataFinish(MediaData_t *media) { return media->is_finish; }
