#ifndef CCOMPRESSION_H
#define CCOMPRESSION_H

// gzip (zlib) and zstd behind plain C functions, so that no Swift module sees zlib's or zstd's headers.
//
// Compression is one-shot: each call turns a buffer into one complete gzip member or zstd frame, which is
// what lets an output file be cut back to any committed offset and still be a valid compressed file
// (concatenated members and frames decompress to the concatenation of their contents). The output depends
// only on the input: the gzip header has mtime 0, no name and OS "unknown", and levels are fixed.

#include <stddef.h>
#include <stdint.h>

/// The formats.
enum {
    CCOMP_GZIP = 1,
    CCOMP_ZSTD = 2,
};

/// Compresses `length` bytes into one member (gzip) or frame (zstd). Returns a buffer of `*out_length`
/// bytes to release with `ccomp_free`, or NULL on failure (out of memory, an unknown kind).
uint8_t *ccomp_compress(int kind, const uint8_t *bytes, size_t length, size_t *out_length);

/// Releases a buffer returned by `ccomp_compress`.
void ccomp_free(uint8_t *buffer);

/// A streaming decompressor of a series of members or frames.
typedef struct ccomp_decoder ccomp_decoder;

/// Opens a decoder for `kind`, or returns NULL.
ccomp_decoder *ccomp_decoder_open(int kind);

/// Decompresses from `input` into `output`: sets how many bytes it consumed and produced. Returns 0, or -1 on
/// corrupt data. Call again with the rest of the input, or with the same input when `output` filled up.
int ccomp_decoder_run(
    ccomp_decoder *decoder,
    const uint8_t *input,
    size_t input_length,
    uint8_t *output,
    size_t output_capacity,
    size_t *consumed,
    size_t *produced
);

/// Whether every byte consumed so far ends a complete member or frame (true before any input).
int ccomp_decoder_at_boundary(const ccomp_decoder *decoder);

/// Releases a decoder.
void ccomp_decoder_close(ccomp_decoder *decoder);

#endif
