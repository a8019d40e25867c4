// The bare-transfer floor: fetch the same pages igexport fetches (the profile, then every media page by following
// `paging.next`), with no parsing beyond finding `next`. One keep-alive connection per worker thread; accounts are
// shared among up to THREADS workers, the same bound igexport's http.concurrency puts on accounts at once.
//
// Usage: floor BASE_URL API_VERSION PROFILE_FIELDS MEDIA_FIELDS LIMIT THREADS TOKEN...
// Prints "pages=P bytes=B" on stdout.
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t size, capacity;
} Buffer;

static size_t on_body(char *chunk, size_t size, size_t count, void *context) {
    Buffer *buffer = context;
    size_t length = size * count;
    if (buffer->size + length + 1 > buffer->capacity) {
        buffer->capacity = (buffer->size + length + 1) * 2;
        buffer->data = realloc(buffer->data, buffer->capacity);
        if (!buffer->data) return 0;
    }
    memcpy(buffer->data + buffer->size, chunk, length);
    buffer->size += length;
    return length;
}

static const char *base, *version, *profile_fields, *media_fields, *limit;
static char **tokens;
static int token_count;
static atomic_int next_account;
static atomic_long total_pages, total_bytes;

// Finds the last `"next":"...` in the body and copies its URL into `url`, turning JSON's `\/` back into `/`.
// The paging object closes the body, so the search runs backwards from the end.
static int find_next(const Buffer *body, char *url, size_t capacity) {
    static const char key[] = "\"next\":\"";
    const size_t key_length = sizeof key - 1;
    if (body->size < key_length) return 0;
    for (size_t at = body->size - key_length + 1; at-- > 0;) {
        if (body->data[at] != '"' || memcmp(body->data + at, key, key_length) != 0) continue;
        size_t out = 0;
        for (size_t i = at + key_length; i < body->size && body->data[i] != '"' && out + 1 < capacity; i++) {
            if (body->data[i] == '\\' && i + 1 < body->size) i++;
            url[out++] = body->data[i];
        }
        url[out] = 0;
        return 1;
    }
    return 0;
}

static void fetch(CURL *curl, const char *url, Buffer *body) {
    body->size = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK || status != 200) {
        fprintf(stderr, "floor: %s: %s (HTTP %ld)\n", url, curl_easy_strerror(code), status);
        exit(1);
    }
    atomic_fetch_add(&total_pages, 1);
    atomic_fetch_add(&total_bytes, (long)body->size);
}

static void *worker(void *unused) {
    (void)unused;
    CURL *curl = curl_easy_init();
    Buffer body = {0};
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    char *url = malloc(65536);
    for (int account; (account = atomic_fetch_add(&next_account, 1)) < token_count;) {
        const char *token = tokens[account];
        if (*profile_fields) {
            snprintf(url, 65536, "%s/%s/me?fields=%s&access_token=%s", base, version, profile_fields, token);
            fetch(curl, url, &body);
        }
        snprintf(url, 65536, "%s/%s/me/media?fields=%s&limit=%s&access_token=%s", base, version, media_fields, limit,
                 token);
        for (;;) {
            fetch(curl, url, &body);
            if (!find_next(&body, url, 65536)) break;
        }
    }
    free(url);
    free(body.data);
    curl_easy_cleanup(curl);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 8) {
        fprintf(stderr, "usage: floor BASE_URL API_VERSION PROFILE_FIELDS MEDIA_FIELDS LIMIT THREADS TOKEN...\n");
        return 64;
    }
    base = argv[1], version = argv[2], profile_fields = argv[3], media_fields = argv[4], limit = argv[5];
    int threads = atoi(argv[6]);
    tokens = argv + 7, token_count = argc - 7;
    if (threads > token_count) threads = token_count;
    if (threads < 1) threads = 1;
    curl_global_init(CURL_GLOBAL_ALL);
    pthread_t workers[64];
    for (int i = 0; i < threads; i++) pthread_create(&workers[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++) pthread_join(workers[i], NULL);
    printf("pages=%ld bytes=%ld\n", atomic_load(&total_pages), atomic_load(&total_bytes));
    curl_global_cleanup();
    return 0;
}
