#include "CCompression.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>
#include <zstd.h>

// Fixed levels: the same bytes in give the same bytes out, whatever the library's defaults become.
static const int gzip_level = 6;
static const int zstd_level = 3;

static uint8_t *gzip_member(const uint8_t *bytes, size_t length, size_t *out_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // windowBits 15 + 16 writes a gzip wrapper; memLevel 8 is zlib's default, fixed here for reproducibility.
    if (deflateInit2(&stream, gzip_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return NULL;
    }
    // Without a header of our own, zlib writes mtime 0 but OS 3 (Unix); setting one pins every field.
    gz_header header;
    memset(&header, 0, sizeof header);
    header.os = 255;
    deflateSetHeader(&stream, &header);
    uLong bound = deflateBound(&stream, (uLong)length);
    uint8_t *out = malloc(bound);
    if (out == NULL) {
        deflateEnd(&stream);
        return NULL;
    }
    stream.next_in = (Bytef *)bytes;
    stream.avail_in = (uInt)length;
    stream.next_out = out;
    stream.avail_out = (uInt)bound;
    int result = deflate(&stream, Z_FINISH);
    size_t produced = bound - stream.avail_out;
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    *out_length = produced;
    return out;
}

static uint8_t *zstd_frame(const uint8_t *bytes, size_t length, size_t *out_length) {
    size_t bound = ZSTD_compressBound(length);
    uint8_t *out = malloc(bound);
    if (out == NULL) {
        return NULL;
    }
    size_t produced = ZSTD_compress(out, bound, bytes, length, zstd_level);
    if (ZSTD_isError(produced)) {
        free(out);
        return NULL;
    }
    *out_length = produced;
    return out;
}

uint8_t *ccomp_compress(int kind, const uint8_t *bytes, size_t length, size_t *out_length) {
    // A gzip member holds at most 4 GiB in one deflate call here (avail_in is 32 bits); a page never nears it.
    if (length > 0xFFFFFFFFu) {
        return NULL;
    }
    switch (kind) {
    case CCOMP_GZIP:
        return gzip_member(bytes, length, out_length);
    case CCOMP_ZSTD:
        return zstd_frame(bytes, length, out_length);
    default:
        return NULL;
    }
}

void ccomp_free(uint8_t *buffer) { free(buffer); }

struct ccomp_decoder {
    int kind;
    int at_boundary;
    z_stream gzip;
    ZSTD_DStream *zstd;
};

ccomp_decoder *ccomp_decoder_open(int kind) {
    ccomp_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) {
        return NULL;
    }
    decoder->kind = kind;
    decoder->at_boundary = 1;
    if (kind == CCOMP_GZIP) {
        if (inflateInit2(&decoder->gzip, 15 + 16) != Z_OK) {
            free(decoder);
            return NULL;
        }
    } else if (kind == CCOMP_ZSTD) {
        decoder->zstd = ZSTD_createDStream();
        if (decoder->zstd == NULL || ZSTD_isError(ZSTD_initDStream(decoder->zstd))) {
            ZSTD_freeDStream(decoder->zstd);
            free(decoder);
            return NULL;
        }
    } else {
        free(decoder);
        return NULL;
    }
    return decoder;
}

int ccomp_decoder_run(
    ccomp_decoder *decoder,
    const uint8_t *input,
    size_t input_length,
    uint8_t *output,
    size_t output_capacity,
    size_t *consumed,
    size_t *produced
) {
    *consumed = 0;
    *produced = 0;
    if (decoder->kind == CCOMP_ZSTD) {
        ZSTD_inBuffer in = {input, input_length, 0};
        ZSTD_outBuffer out = {output, output_capacity, 0};
        size_t hint = ZSTD_decompressStream(decoder->zstd, &out, &in);
        if (ZSTD_isError(hint)) {
            return -1;
        }
        *consumed = in.pos;
        *produced = out.pos;
        // 0 means a frame just ended and was wholly flushed.
        if (in.pos > 0 || out.pos > 0) {
            decoder->at_boundary = hint == 0;
        }
        return 0;
    }
    z_stream *stream = &decoder->gzip;
    stream->next_in = (Bytef *)input;
    stream->avail_in = (uInt)(input_length > 0xFFFFFFFFu ? 0xFFFFFFFFu : input_length);
    stream->next_out = output;
    stream->avail_out = (uInt)(output_capacity > 0xFFFFFFFFu ? 0xFFFFFFFFu : output_capacity);
    // Runs even without input, since zlib may still hold output of what it consumed before.
    while (stream->avail_out > 0) {
        uInt input_before = stream->avail_in;
        uInt output_before = stream->avail_out;
        int result = inflate(stream, Z_NO_FLUSH);
        if (stream->avail_in != input_before || stream->avail_out != output_before) {
            decoder->at_boundary = 0;
        }
        if (result == Z_STREAM_END) {
            // The next member, if any, starts right after this one.
            decoder->at_boundary = 1;
            if (inflateReset(stream) != Z_OK) {
                return -1;
            }
            if (stream->avail_in == 0) {
                break;
            }
            continue;
        }
        if (result == Z_BUF_ERROR) {
            break;
        }
        if (result != Z_OK) {
            return -1;
        }
    }
    *consumed = (size_t)(stream->next_in - input);
    *produced = (size_t)(stream->next_out - output);
    return 0;
}

int ccomp_decoder_at_boundary(const ccomp_decoder *decoder) { return decoder->at_boundary; }

void ccomp_decoder_close(ccomp_decoder *decoder) {
    if (decoder == NULL) {
        return;
    }
    if (decoder->kind == CCOMP_GZIP) {
        inflateEnd(&decoder->gzip);
    } else {
        ZSTD_freeDStream(decoder->zstd);
    }
    free(decoder);
}
