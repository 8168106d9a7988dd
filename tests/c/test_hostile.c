/*
 * The C suite of hostile inputs: every form of a public key in
 * tests/fixtures/key-forms refused as an HMAC secret, with tokens forged by
 * libjwt (the C peer) using the file's bytes as the HMAC secret; mixed
 * algorithm lists; lengths past the end of a buffer refused before a byte
 * is read (AddressSanitizer and valgrind would see the read); remote
 * options at the top of their range; refresh; return_to dot segments.
 * Run as: test_hostile REPO_ROOT. Ends with "N passed, N failed".
 */
#include "hcjwt.h"
#include "check.h"

#include <dirent.h>
#include <jwt.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static const char *SECRET = "a-shared-secret-of-at-least-32-bytes!!";

/* An HS256 token keyed with `key`, as an attacker holding the file signs it. */
static char *forge(const unsigned char *key, size_t len) {
    jwt_t *jwt = NULL;
    if (jwt_new(&jwt) != 0) {
        exit(2);
    }
    long now = (long)time(NULL);
    jwt_add_grant_int(jwt, "iat", now);
    jwt_add_grant_int(jwt, "exp", now + 300);
    jwt_add_grant(jwt, "email", "attacker@example.com");
    if (jwt_set_alg(jwt, JWT_ALG_HS256, key, (int)len) != 0) {
        exit(2);
    }
    char *token = jwt_encode_str(jwt);
    jwt_free(jwt);
    if (!token) {
        exit(2);
    }
    return token;
}

static int typed(const char *name) {
    size_t n = strlen(name);
    return (n > 9 && strcmp(name + n - 9, "-bom.json") == 0) ||
           (n > 11 && strcmp(name + n - 11, "-utf16.json") == 0);
}

static void check_form(const char *name) {
    char relative[512];
    snprintf(relative, sizeof relative, "tests/fixtures/key-forms/%s", name);
    size_t len;
    char *data = read_file(relative, &len);
    const uint8_t *key = (const uint8_t *)data;
    const char *hmac[] = {"HS256", "HS384", "HS512"};
    for (int i = 0; i < 3; i++) {
        hcjwt_verifier *verifier = UNTOUCHED;
        CHECK_RESULT(hcjwt_verifier_new(hmac[i], key, len, NULL, &verifier), HCJWT_RESULT_INVALID_KEY);
        CHECK(typed(name) || strstr(hcjwt_last_error_message(), "RS/HS confusion") != NULL);
        CHECK(verifier == UNTOUCHED);
        hcjwt_minter *minter = UNTOUCHED;
        CHECK_RESULT(hcjwt_minter_new(hmac[i], key, len, NULL, NULL, NULL, &minter), HCJWT_RESULT_INVALID_KEY);
        CHECK(minter == UNTOUCHED);
    }
    if (!typed(name)) {
        hcjwt_verifier *verifier = UNTOUCHED;
        CHECK_RESULT(hcjwt_verifier_new("EdDSA,HS256", key, len, NULL, &verifier), HCJWT_RESULT_INVALID_OPTION);
        CHECK(strstr(hcjwt_last_error_message(), "mix HMAC (HS256) and public-key (EdDSA)") != NULL);
    }
    char *forged = forge((const unsigned char *)data, len);
    const char *lists[] = {"HS256", "EdDSA,HS256", "ES256,HS256", "RS256,HS256", "EdDSA", "ES256", "RS256"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        hcjwt_verifier *verifier = NULL;
        if (hcjwt_verifier_new(lists[i], key, len, NULL, &verifier) != HCJWT_RESULT_OK) {
            continue;
        }
        char *payload = UNTOUCHED;
        CHECK_RESULT(hcjwt_verifier_verify(verifier, forged, strlen(forged), &payload),
                     HCJWT_RESULT_ALGORITHM_NOT_ALLOWED);
        CHECK(payload == UNTOUCHED);
        hcjwt_verifier_free(verifier);
    }
    free(forged);
    free(data);
}

static void test_no_key_form_is_an_hmac_secret(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/key-forms", root);
    DIR *dir = opendir(path);
    CHECK(dir != NULL);
    if (!dir) {
        return;
    }
    int forms = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "README.md") == 0) {
            continue;
        }
        check_form(entry->d_name);
        forms++;
    }
    closedir(dir);
    CHECK(forms == 27);
}

/* A length far past the end of the buffer: refused by its size limit
 * before the buffer is touched. */
static void test_lengths_are_bounded_before_reading(void) {
    const char *tiny = "x";
    size_t huge = SIZE_MAX / 2;
    hcjwt_verifier *verifier = NULL;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), NULL, &verifier),
                 HCJWT_RESULT_OK);
    char *out = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_verify(verifier, tiny, huge, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    CHECK(strstr(hcjwt_last_error_message(), "over the limit of 8192 bytes") != NULL);
    CHECK_RESULT(hcjwt_verifier_verify_at(verifier, tiny, 8193, 1, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    CHECK_RESULT(hcjwt_token_header(tiny, huge, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    CHECK_RESULT(hcjwt_token_inspect(tiny, huge, NULL, 0, NULL, NULL, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    CHECK_RESULT(hcjwt_sso_form("acme", tiny, huge, NULL, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    CHECK_RESULT(hcjwt_sso_url("acme", tiny, huge, NULL, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    CHECK(out == UNTOUCHED);
    hcjwt_minter *minter = NULL;
    CHECK_RESULT(hcjwt_minter_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), NULL, NULL, NULL, &minter),
                 HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_minter_mint(minter, tiny, huge, 0, &out), HCJWT_RESULT_JSON);
    CHECK(strstr(hcjwt_last_error_message(), "MAX_DOCUMENT_BYTES") != NULL);
    hcjwt_claim_set *claims = UNTOUCHED;
    CHECK_RESULT(hcjwt_claim_set_from_json(tiny, huge, &claims), HCJWT_RESULT_JSON);
    hcjwt_field_catalog *fields = UNTOUCHED;
    CHECK_RESULT(hcjwt_field_catalog_from_json(tiny, huge, &fields), HCJWT_RESULT_JSON);
    hcjwt_verifier *other = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)tiny, huge, NULL, &other), HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "MAX_KEY_BYTES") != NULL);
    CHECK(claims == UNTOUCHED && fields == UNTOUCHED && other == UNTOUCHED && out == UNTOUCHED);
    hcjwt_minter_free(minter);
    hcjwt_verifier_free(verifier);
}

static void test_remote_options_and_refresh(void) {
    const char *url = "http://127.0.0.1:9/keys.json";
    const char *refused[] = {
        "{\"cooldown\": 0}", "{\"cache_ttl\": 0}", "{\"cooldown\": 18446744073709551615}",
        "{\"cache_ttl\": 18446744073709551615}", "{\"max_stale\": 18446744073709551615}",
        "{\"timeout\": 1e300}", "{\"max_response_bytes\": 0}",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        hcjwt_verifier *verifier = UNTOUCHED;
        CHECK_RESULT(hcjwt_verifier_from_jwks_url(url, "RS256", refused[i], &verifier), HCJWT_RESULT_INVALID_OPTION);
        CHECK(verifier == UNTOUCHED);
    }
    hcjwt_verifier *remote = NULL;
    CHECK_RESULT(hcjwt_verifier_from_jwks_url(url, "RS256", "{\"timeout\": 2}", &remote), HCJWT_RESULT_OK);
    char *kids = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_refresh(remote, &kids), HCJWT_RESULT_KEY_SOURCE);
    CHECK(kids == UNTOUCHED);
    char *status = NULL;
    CHECK_RESULT(hcjwt_verifier_key_source_status(remote, &status), HCJWT_RESULT_OK);
    /* A failed first fetch is retried after about a second, not the cooldown. */
    CHECK(status && strstr(status, "\"next_attempt\":null") == NULL);
    CHECK(status && strstr(status, "\"fetching\":false") != NULL);
    hcjwt_string_free(status);
    hcjwt_verifier_free(remote);
    hcjwt_verifier *local = NULL;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), NULL, &local), HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_verifier_refresh(local, &kids), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_verifier_refresh(NULL, &kids), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_refresh(local, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    hcjwt_verifier_free(local);
}

static void test_return_to_dot_segments(void) {
    const char *token = "eyJhbGciOiJIUzI1NiJ9.eyJuYW1lIjoiSm8ifQ.c2lnbmF0dXJl";
    const char *hostile[] = {
        "{\"return_to\": \"/..//evil.example\"}",
        "{\"return_to\": \"/hc/../..//evil.example\"}",
        "{\"return_to\": \"https://acme.zendesk.com//evil.example\"}",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char *page = UNTOUCHED;
        CHECK_RESULT(hcjwt_sso_form("acme", token, strlen(token), hostile[i], &page), HCJWT_RESULT_INVALID_OPTION);
        CHECK(strstr(hcjwt_last_error_message(), "return_to") != NULL);
        CHECK(page == UNTOUCHED);
    }
    char *page = UNTOUCHED;
    CHECK_RESULT(hcjwt_sso_form("acme\r\nX-Evil: 1", token, strlen(token), NULL, &page), HCJWT_RESULT_INVALID_OPTION);
    CHECK(page == UNTOUCHED);
    /* The policy names the allowed hosts, which a redirect after the POST needs. */
    char *policy = NULL;
    CHECK_RESULT(hcjwt_sso_content_security_policy_with(
                     "acme", "{\"nonce\": \"abc\", \"allowed_hosts\": [\"support.acme.com\"]}", &policy),
                 HCJWT_RESULT_OK);
    CHECK(policy && strstr(policy, "form-action https://acme.zendesk.com https://support.acme.com;") != NULL);
    hcjwt_string_free(policy);
    policy = UNTOUCHED;
    CHECK_RESULT(hcjwt_sso_content_security_policy_with(
                     "acme", "{\"nonce\": \"abc\", \"allowed_hosts\": [\"a.example; script-src *\"]}", &policy),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "allowed_hosts") != NULL);
    CHECK_RESULT(hcjwt_sso_content_security_policy_with("acme", "{}", &policy), HCJWT_RESULT_INVALID_OPTION);
    CHECK(policy == UNTOUCHED);
}

int main(int argc, char **argv) {
    if (argc > 1) {
        root = argv[1];
    }
    test_no_key_form_is_an_hmac_secret();
    test_lengths_are_bounded_before_reading();
    test_remote_options_and_refresh();
    test_return_to_dot_segments();
    return report();
}
