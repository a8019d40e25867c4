#include "CXMLWriter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

struct cxml_writer {
    xmlTextWriterPtr writer;
    xmlBufferPtr memory;
};

static int write_fd(void *context, const char *buffer, int length) {
    int fd = (int)(long)context;
    int written = 0;
    while (written < length) {
        ssize_t n = write(fd, buffer + written, (size_t)(length - written));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        written += (int)n;
    }
    return written;
}

static int close_nothing(void *context) {
    (void)context;
    return 0;
}

cxml_writer *cxml_open_fd(int fd) {
    xmlOutputBufferPtr output = xmlOutputBufferCreateIO(write_fd, close_nothing, (void *)(long)fd, NULL);
    if (output == NULL) {
        return NULL;
    }
    xmlTextWriterPtr writer = xmlNewTextWriter(output);
    if (writer == NULL) {
        xmlOutputBufferClose(output);
        return NULL;
    }
    cxml_writer *result = calloc(1, sizeof(cxml_writer));
    if (result == NULL) {
        xmlFreeTextWriter(writer);
        return NULL;
    }
    result->writer = writer;
    return result;
}

cxml_writer *cxml_open_memory(void) {
    xmlBufferPtr memory = xmlBufferCreate();
    if (memory == NULL) {
        return NULL;
    }
    xmlTextWriterPtr writer = xmlNewTextWriterMemory(memory, 0);
    if (writer == NULL) {
        xmlBufferFree(memory);
        return NULL;
    }
    cxml_writer *result = calloc(1, sizeof(cxml_writer));
    if (result == NULL) {
        xmlFreeTextWriter(writer);
        xmlBufferFree(memory);
        return NULL;
    }
    result->writer = writer;
    result->memory = memory;
    return result;
}

const char *cxml_memory_bytes(cxml_writer *writer, size_t *length) {
    if (writer->memory == NULL) {
        *length = 0;
        return NULL;
    }
    *length = (size_t)xmlBufferLength(writer->memory);
    return (const char *)xmlBufferContent(writer->memory);
}

int cxml_set_indent(cxml_writer *writer, int indent) {
    int rc = xmlTextWriterSetIndent(writer->writer, indent);
    if (rc < 0) {
        return rc;
    }
    return xmlTextWriterSetIndentString(writer->writer, BAD_CAST " ");
}

int cxml_start_document(cxml_writer *writer) {
    return xmlTextWriterStartDocument(writer->writer, "1.0", "UTF-8", NULL);
}

int cxml_end_document(cxml_writer *writer) {
    return xmlTextWriterEndDocument(writer->writer);
}

int cxml_start_element(cxml_writer *writer, const char *name) {
    return xmlTextWriterStartElement(writer->writer, BAD_CAST name);
}

int cxml_start_element_ns(cxml_writer *writer, const char *prefix, const char *name, const char *namespace_uri) {
    return xmlTextWriterStartElementNS(writer->writer, BAD_CAST prefix, BAD_CAST name, BAD_CAST namespace_uri);
}

int cxml_end_element(cxml_writer *writer) {
    // Full end tags keep `<x></x>` for empty text, which readers treat the same and diffs read better.
    return xmlTextWriterFullEndElement(writer->writer);
}

// Length of the valid UTF-8 sequence at `s` that encodes an XML 1.0 Char, 0 if it must be dropped, or the
// negated number of bytes to skip for an invalid sequence.
static int allowed_sequence(const unsigned char *s) {
    unsigned char c = s[0];
    if (c < 0x80) {
        return (c >= 0x20 || c == 0x09 || c == 0x0A || c == 0x0D) ? 1 : 0;
    }
    int length;
    unsigned int code;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        code = c & 0x07;
    } else {
        return -1;
    }
    for (int i = 1; i < length; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return -i;
        }
        code = (code << 6) | (s[i] & 0x3F);
    }
    static const unsigned int minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return -length;
    }
    if (code == 0xFFFE || code == 0xFFFF) {
        return 0;
    }
    return length;
}

char *cxml_sanitize(const char *text) {
    size_t length = strlen(text);
    char *result = malloc(length + 1);
    if (result == NULL) {
        return NULL;
    }
    const unsigned char *in = (const unsigned char *)text;
    size_t out = 0;
    size_t i = 0;
    while (i < length) {
        int n = allowed_sequence(in + i);
        if (n > 0) {
            memcpy(result + out, in + i, (size_t)n);
            out += (size_t)n;
            i += (size_t)n;
        } else if (n == 0) {
            // A forbidden but well-formed character: skip its whole encoding.
            unsigned char c = in[i];
            i += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        } else {
            i += (size_t)(-n);
        }
    }
    result[out] = '\0';
    return result;
}

// Whether `text` holds only characters XML 1.0 allows, so that it can be written without a copy.
static int is_clean(const char *text) {
    const unsigned char *s = (const unsigned char *)text;
    while (*s != 0) {
        if (*s >= 0x20 && *s < 0x80) {
            s++;
            continue;
        }
        int n = allowed_sequence(s);
        if (n <= 0) {
            return 0;
        }
        s += n;
    }
    return 1;
}

// Evaluates `body` with `clean` naming `text`, or a sanitized copy of it when it holds forbidden characters.
// Almost all text is clean, so the common case neither allocates nor copies.
#define WITH_SANITIZED(text, clean, body)                                                                 \
    do {                                                                                                  \
        if (is_clean(text)) {                                                                             \
            const char *clean = (text);                                                                   \
            return (body);                                                                                \
        }                                                                                                 \
        char *clean = cxml_sanitize(text);                                                                \
        if (clean == NULL) {                                                                              \
            return -1;                                                                                    \
        }                                                                                                 \
        int rc = (body);                                                                                  \
        free(clean);                                                                                      \
        return rc;                                                                                        \
    } while (0)

int cxml_write_attribute(cxml_writer *writer, const char *name, const char *value) {
    WITH_SANITIZED(value, clean, xmlTextWriterWriteAttribute(writer->writer, BAD_CAST name, BAD_CAST clean));
}

int cxml_write_attribute_ns(cxml_writer *writer, const char *prefix, const char *name, const char *value) {
    WITH_SANITIZED(value, clean,
                   xmlTextWriterWriteAttributeNS(writer->writer, BAD_CAST prefix, BAD_CAST name, NULL,
                                                 BAD_CAST clean));
}

int cxml_write_text(cxml_writer *writer, const char *text) {
    WITH_SANITIZED(text, clean, xmlTextWriterWriteString(writer->writer, BAD_CAST clean));
}

static int write_cdata_split(xmlTextWriterPtr writer, char *text) {
    // "]]>" cannot appear inside CDATA: end the section after "]]" and start a new one before ">".
    int total = 0;
    char *start = text;
    char *end;
    while ((end = strstr(start, "]]>")) != NULL) {
        end[2] = '\0';
        int rc = xmlTextWriterWriteCDATA(writer, BAD_CAST start);
        end[2] = '>';
        if (rc < 0) {
            return rc;
        }
        total += rc;
        start = end + 2;
    }
    int rc = xmlTextWriterWriteCDATA(writer, BAD_CAST start);
    return rc < 0 ? rc : total + rc;
}

static int write_cdata_sections(xmlTextWriterPtr writer, const char *source) {
    char *text = strdup(source);
    if (text == NULL) {
        return -1;
    }
    int rc = write_cdata_split(writer, text);
    free(text);
    return rc;
}

int cxml_write_cdata(cxml_writer *writer, const char *text) {
    WITH_SANITIZED(text, clean, write_cdata_sections(writer->writer, clean));
}

int cxml_write_element(cxml_writer *writer, const char *name, const char *text) {
    WITH_SANITIZED(text, clean, xmlTextWriterWriteElement(writer->writer, BAD_CAST name, BAD_CAST clean));
}

int cxml_write_raw(cxml_writer *writer, const char *markup) {
    return xmlTextWriterWriteRaw(writer->writer, BAD_CAST markup);
}

int cxml_flush(cxml_writer *writer) {
    return xmlTextWriterFlush(writer->writer);
}

int cxml_close(cxml_writer *writer) {
    int rc = xmlTextWriterFlush(writer->writer);
    xmlFreeTextWriter(writer->writer);
    if (writer->memory != NULL) {
        xmlBufferFree(writer->memory);
    }
    free(writer);
    return rc < 0 ? rc : 0;
}
