#ifndef CXMLWRITER_H
#define CXMLWRITER_H

// An opaque streaming XML writer over libxml2's xmlTextWriter.
//
// This header deliberately includes no libxml2 header: Debian's libxml2 2.9 headers include ICU's, and
// any Swift module that sees both them and Foundation fails to build ('UErrorCode' has different
// definitions). Swift sees only the opaque type and plain C functions below.
//
// Every function returns a negative value on failure. Text and attribute values are UTF-8; characters that
// XML 1.0 forbids (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF and invalid
// UTF-8) are dropped, so that any input yields a well-formed document.

#include <stddef.h>

typedef struct cxml_writer cxml_writer;

/// Opens a writer that appends to `fd`, which stays owned by the caller. Output reaches the descriptor on
/// every `cxml_flush`, so the caller can measure committed byte offsets.
cxml_writer *cxml_open_fd(int fd);

/// Opens a writer into memory; read the bytes with `cxml_memory_bytes`.
cxml_writer *cxml_open_memory(void);

/// Bytes written so far to a memory writer (flush first). Valid until the next call on the writer.
const char *cxml_memory_bytes(cxml_writer *writer, size_t *length);

/// Turns indentation on (one space per level, as xmllint --format does) or off.
int cxml_set_indent(cxml_writer *writer, int indent);

/// Writes the `<?xml version="1.0" encoding="UTF-8"?>` declaration.
int cxml_start_document(cxml_writer *writer);

/// Closes every open element and ends the document.
int cxml_end_document(cxml_writer *writer);

int cxml_start_element(cxml_writer *writer, const char *name);

/// Starts `prefix:name`; when `namespace_uri` is not NULL, also declares `xmlns:prefix` (or `xmlns` when
/// `prefix` is NULL) on it.
int cxml_start_element_ns(cxml_writer *writer, const char *prefix, const char *name, const char *namespace_uri);

int cxml_end_element(cxml_writer *writer);

int cxml_write_attribute(cxml_writer *writer, const char *name, const char *value);

/// Writes `prefix:name="value"`; the prefix must be declared on this or an enclosing element.
int cxml_write_attribute_ns(cxml_writer *writer, const char *prefix, const char *name, const char *value);

/// Writes escaped character data (`<`, `&`, `>` and quotes as entities).
int cxml_write_text(cxml_writer *writer, const char *text);

/// Writes a CDATA section; a `]]>` inside the text is split across two sections.
int cxml_write_cdata(cxml_writer *writer, const char *text);

/// Writes `<name>text</name>`.
int cxml_write_element(cxml_writer *writer, const char *name, const char *text);

/// Writes raw, already well-formed markup (used to reopen a document on resume).
int cxml_write_raw(cxml_writer *writer, const char *markup);

/// Pushes buffered output to the file descriptor or memory buffer.
int cxml_flush(cxml_writer *writer);

/// Flushes and frees the writer. The file descriptor stays open.
int cxml_close(cxml_writer *writer);

/// Returns a copy of `text` without the characters XML 1.0 forbids; the caller frees it with `free`.
char *cxml_sanitize(const char *text);

#endif
