/*
 * The parts of WeWorkFinanceSdk_C.h every native stand-in of the SDK shares: the Slice_t and
 * MediaData_t buffers the caller allocates, and their accessors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Slice_t { char *buf; int len; } Slice_t;
typedef struct MediaData { char *outindexbuf; int out_len; char *data; int data_len; int is_finish; } MediaData_t;

/* Takes ownership of bytes, which may hold NUL bytes. */
static inline void set_slice_owned(Slice_t *slice, char *bytes, int len) {
  free(slice->buf);
  slice->buf = bytes;
  slice->len = len;
}

static inline void set_slice(Slice_t *slice, const char *text) {
  int len = (int)strlen(text);
  char *copy = malloc(len + 1);
  memcpy(copy, text, len + 1);
  set_slice_owned(slice, copy, len);
}

/* One chunk of a media file of `size` bytes starting at `start`, and the indexbuf of the next one. */
static inline void set_media_chunk(MediaData_t *media, char *data, int start, int len, int size) {
  int end = start + len;
  free(media->data);
  free(media->outindexbuf);
  media->data = data;
  media->data_len = len;
  media->is_finish = end >= size;
  media->outindexbuf = malloc(64);
  snprintf(media->outindexbuf, 64, "Range: bytes=%d-%d", end, size - 1);
  media->out_len = (int)strlen(media->outindexbuf);
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
