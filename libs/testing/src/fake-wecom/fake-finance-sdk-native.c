/*
 * A stand-in for WeCom's libWeWorkFinanceSdk_C.so with the exported functions of
 * WeWorkFinanceSdk_C.h, compiled by tests to check the koffi binding: argument order, slices,
 * binary media with NUL bytes, return codes. It serves three fixed records and one media file.
 */
#include <stdio.h>
#include "finance-sdk-native.h"

typedef struct WeWorkFinanceSdk_t { int initialised; } WeWorkFinanceSdk_t;

#define MEDIA_SIZE 700
#define MEDIA_CHUNK 512

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
  char *data;
  (void)sdk; (void)proxy; (void)passwd; (void)timeout;
  if (strcmp(sdkfileid, "file-1") != 0) return 10005;
  if (indexbuf && indexbuf[0] && sscanf(indexbuf, "Range: bytes=%d-", &start) != 1) return 10000;
  end = start + MEDIA_CHUNK < MEDIA_SIZE ? start + MEDIA_CHUNK : MEDIA_SIZE;
  data = malloc(end - start);
  /* byte i of the file is i % 251, so the data is full of NUL bytes */
  for (int i = start; i < end; i++) data[i - start] = (char)(i % 251);
  set_media_chunk(media, data, start, end - start, MEDIA_SIZE);
  return 0;
}
