#ifndef CCURL_H
#define CCURL_H

// Typed, non-variadic wrappers over libcurl's variadic calls.
//
// Swift does not import C functions declared with `...`, and curl.h also hides `curl_easy_setopt` behind a
// function-like macro. Each wrapper below fixes the argument type that libcurl reads with va_arg: options
// of type long must be passed as `long` (not `int`, which is undefined behaviour through varargs on LP64),
// offsets as `curl_off_t`, and everything else as a pointer of the documented type.

#include <curl/curl.h>

/// Signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);

/// Signature of CURLOPT_READFUNCTION callbacks: fill `buffer` with up to `size * count` bytes of the upload.
typedef size_t (*ccurl_read_callback)(char *buffer, size_t size, size_t count, void *context);

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_easy_setopt_write_callback(CURL *handle, CURLoption option, ccurl_write_callback value);

CURLcode ccurl_easy_setopt_read_callback(CURL *handle, CURLoption option, ccurl_read_callback value);

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

CURLMcode ccurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value);
CURLMcode ccurl_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value);

/// Initialises libcurl once per process. OpenSSL is told not to register its own atexit cleanup first:
/// that cleanup can race with handles still being torn down on other threads at exit.
CURLcode ccurl_global_init(void);

/// Whether this libcurl was built with HTTP/2 (nghttp2).
int ccurl_supports_http2(void);

#endif
