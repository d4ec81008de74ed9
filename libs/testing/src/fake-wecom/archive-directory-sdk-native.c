/*
 * WeCom's libWeWorkFinanceSdk_C.so over a directory a FakeFinanceSdk exported, so a ChatVault
 * process pulls, decrypts and downloads what a test archived, through its real koffi binding.
 * Compiled with -DARCHIVE_DIR="..."; each corp is a subdirectory named by corp id holding
 * chatdata.jsonl (one encrypted record a line, in seq order, "seq" first) and media/<sha256 hex of
 * the sdkfileid>. Files are read on every call, so a test may export again while ChatVault runs.
 * DecryptData is AES-256-CBC keyed and IV'd with the random key, as chat-message-cipher.ts describes.
 */
#define _POSIX_C_SOURCE 200809L
#include <openssl/evp.h>
#include <sys/stat.h>
#include "finance-sdk-native.h"

#ifndef ARCHIVE_DIR
#error "compile with -DARCHIVE_DIR=\"/path/to/archive\""
#endif

#define MAX_LIMIT 1000
#define MEDIA_CHUNK (512 * 1024)

typedef struct WeWorkFinanceSdk_t { char corp_dir[4096]; } WeWorkFinanceSdk_t;

/* A growing string for the GetChatData answer. */
typedef struct { char *buf; size_t len, cap; } Text;

static void append(Text *text, const char *more, size_t len) {
  if (text->len + len + 1 > text->cap) {
    text->cap = (text->len + len + 1) * 2;
    text->buf = realloc(text->buf, text->cap);
  }
  memcpy(text->buf + text->len, more, len);
  text->len += len;
  text->buf[text->len] = '\0';
}

static void append_text(Text *text, const char *more) { append(text, more, strlen(more)); }

WeWorkFinanceSdk_t *NewSdk(void) { return calloc(1, sizeof(WeWorkFinanceSdk_t)); }

void DestroySdk(WeWorkFinanceSdk_t *sdk) { free(sdk); }

/* A corp the archive has no directory for is refused, as WeCom refuses an unknown corp id. */
int Init(WeWorkFinanceSdk_t *sdk, const char *corpid, const char *secret) {
  struct stat st;
  if (!corpid || !secret || !corpid[0] || !secret[0]) return 10000;
  snprintf(sdk->corp_dir, sizeof sdk->corp_dir, "%s/%s", ARCHIVE_DIR, corpid);
  return stat(sdk->corp_dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : 10000;
}

int GetChatData(WeWorkFinanceSdk_t *sdk, unsigned long long seq, unsigned int limit, const char *proxy, const char *passwd, int timeout, Slice_t *out) {
  char path[4200];
  char *line = NULL;
  size_t size = 0;
  ssize_t read;
  unsigned int count = 0;
  Text body = {0};
  FILE *file;
  (void)proxy; (void)passwd; (void)timeout;
  if (!sdk->corp_dir[0]) return 10003;
  if (limit < 1 || limit > MAX_LIMIT) return 10000;
  append_text(&body, "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[");
  snprintf(path, sizeof path, "%s/chatdata.jsonl", sdk->corp_dir);
  file = fopen(path, "r");
  while (file && count < limit && (read = getline(&line, &size, file)) > 0) {
    unsigned long long record_seq;
    if (sscanf(line, "{\"seq\":%llu", &record_seq) != 1 || record_seq <= seq) continue;
    while (read > 0 && (line[read - 1] == '\n' || line[read - 1] == '\r')) read--;
    if (count++) append_text(&body, ",");
    append(&body, line, (size_t)read);
  }
  if (file) fclose(file);
  free(line);
  append_text(&body, "]}");
  set_slice_owned(out, body.buf, (int)body.len);
  return 0;
}

int DecryptData(const char *encrypt_key, const char *encrypt_msg, Slice_t *msg) {
  size_t length = strlen(encrypt_msg);
  int cipher_len, plain_len = 0, final_len = 0, ok;
  unsigned char *cipher, *plain;
  EVP_CIPHER_CTX *ctx;
  if (strlen(encrypt_key) != 32 || length == 0 || length % 4 != 0) return 10006;
  cipher = malloc(length / 4 * 3 + 1);
  cipher_len = EVP_DecodeBlock(cipher, (const unsigned char *)encrypt_msg, (int)length);
  if (cipher_len < 0) { free(cipher); return 10006; }
  /* EVP_DecodeBlock counts the bytes the '=' padding stands for. */
  cipher_len -= (encrypt_msg[length - 1] == '=') + (encrypt_msg[length - 2] == '=');
  plain = malloc(cipher_len + EVP_MAX_BLOCK_LENGTH);
  ctx = EVP_CIPHER_CTX_new();
  ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, (const unsigned char *)encrypt_key, (const unsigned char *)encrypt_key) &&
       EVP_DecryptUpdate(ctx, plain, &plain_len, cipher, cipher_len) && EVP_DecryptFinal_ex(ctx, plain + plain_len, &final_len);
  EVP_CIPHER_CTX_free(ctx);
  free(cipher);
  if (!ok) { free(plain); return 10006; }
  set_slice_owned(msg, (char *)plain, plain_len + final_len);
  return 0;
}

int GetMediaData(WeWorkFinanceSdk_t *sdk, const char *indexbuf, const char *sdkfileid, const char *proxy, const char *passwd, int timeout, MediaData_t *media) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len;
  char path[4400], *data;
  int start = 0, size, len, used;
  FILE *file;
  (void)proxy; (void)passwd; (void)timeout;
  if (!sdkfileid || !EVP_Digest(sdkfileid, strlen(sdkfileid), digest, &digest_len, EVP_sha256(), NULL)) return 10000;
  used = snprintf(path, sizeof path, "%s/media/", sdk->corp_dir);
  for (unsigned int i = 0; i < digest_len; i++) used += snprintf(path + used, sizeof path - used, "%02x", digest[i]);
  file = fopen(path, "rb");
  if (!file) return 10005;
  fseek(file, 0, SEEK_END);
  size = (int)ftell(file);
  if (indexbuf && indexbuf[0] && sscanf(indexbuf, "Range: bytes=%d-", &start) != 1) { fclose(file); return 10000; }
  if (start < 0 || start >= (size > 0 ? size : 1)) { fclose(file); return 10000; }
  len = size - start < MEDIA_CHUNK ? size - start : MEDIA_CHUNK;
  data = malloc(len > 0 ? len : 1);
  fseek(file, start, SEEK_SET);
  if (fread(data, 1, len, file) != (size_t)len) { fclose(file); free(data); return 10003; }
  fclose(file);
  set_media_chunk(media, data, start, len, size);
  return 0;
}
