/*
 * The C test suite of libhcjwt: every function, every error code it can
 * reach, the "Boundaries" classes of SECURITY.md, and one minter shared by
 * several threads. Run as: test_hcjwt REPO_ROOT
 * Ends with the line "N passed, N failed".
 */
#include "hcjwt.h"
#include "check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef HCJWT_TEST_PANIC
hcjwt_result hcjwt_test_force_panic(void);
#endif

static const char *SECRET = "a-shared-secret-of-at-least-32-bytes!!";
static const char *USER = "{\"user\": {\"id\": 35436, \"email\": \"johnny@example.com\", \"name\": \"Johnny\"}}";

static void test_version_and_messages(void) {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", HCJWT_VERSION_MAJOR, HCJWT_VERSION_MINOR, HCJWT_VERSION_PATCH);
    CHECK(strcmp(hcjwt_version(), expected) == 0);
    hcjwt_result codes[] = {
        HCJWT_RESULT_OK, HCJWT_RESULT_NULL_ARGUMENT, HCJWT_RESULT_INVALID_UTF8, HCJWT_RESULT_JSON,
        HCJWT_RESULT_VALIDATION, HCJWT_RESULT_NOT_FOUND, HCJWT_RESULT_INVALID_KEY,
        HCJWT_RESULT_UNSUPPORTED_ALGORITHM, HCJWT_RESULT_INVALID_OPTION, HCJWT_RESULT_PAYLOAD_TOO_LARGE,
        HCJWT_RESULT_SIGNING, HCJWT_RESULT_TOKEN_TOO_LARGE, HCJWT_RESULT_MALFORMED_TOKEN,
        HCJWT_RESULT_ALGORITHM_NOT_ALLOWED, HCJWT_RESULT_UNKNOWN_KID, HCJWT_RESULT_INVALID_SIGNATURE,
        HCJWT_RESULT_EXPIRED, HCJWT_RESULT_NOT_YET_VALID, HCJWT_RESULT_INVALID_CLAIM, HCJWT_RESULT_PANIC,
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *message = hcjwt_result_message(codes[i]);
        CHECK(message != NULL && message[0] != '\0');
    }
    CHECK(HCJWT_RESULT_OK == 0);
    CHECK(hcjwt_last_error_message() != NULL);
}

static void test_claim_sets(void) {
    size_t len;
    char *json = read_file("examples/claims.json", &len);
    hcjwt_claim_set *claims = UNTOUCHED;
    CHECK_RESULT(hcjwt_claim_set_from_json(json, len, &claims), HCJWT_RESULT_OK);
    CHECK(claims != UNTOUCHED && claims != NULL);
    char *back = NULL;
    CHECK_RESULT(hcjwt_claim_set_to_json(claims, &back), HCJWT_RESULT_OK);
    CHECK(back && strstr(back, "\"custom-claim-2\"") != NULL);
    hcjwt_string_free(back);
    hcjwt_claim_set_free(claims);
    free(json);

    hcjwt_claim_set *out = UNTOUCHED;
    const char *blank = "[{\"account_id\":1,\"brand_id\":2,\"claim_identifier\":\"exp\",\"claim_value\":\"\"}]";
    CHECK_RESULT(hcjwt_claim_set_from_json(blank, strlen(blank), &out), HCJWT_RESULT_VALIDATION);
    CHECK(out == UNTOUCHED);
    CHECK(strstr(hcjwt_last_error_message(), "{\"errors\":{") == hcjwt_last_error_message());
    CHECK(strcmp(hcjwt_last_error_message(),
                 "{\"errors\":{\"custom_claims[0].claim_value\":[\"can't be blank\"]}}") == 0);

    /* A brand with no claims: the API's empty list loads, and writes back. */
    const char *empty = "{\"custom_claims\": []}";
    hcjwt_claim_set *none = NULL;
    CHECK_RESULT(hcjwt_claim_set_from_json(empty, strlen(empty), &none), HCJWT_RESULT_OK);
    char *empty_back = NULL;
    CHECK_RESULT(hcjwt_claim_set_to_json(none, &empty_back), HCJWT_RESULT_OK);
    CHECK(empty_back && strcmp(empty_back, "{\"custom_claims\":[]}") == 0);
    hcjwt_string_free(empty_back);
    hcjwt_claim_set_free(none);

    /* Type errors of every record at once, worded for people. */
    const char *typed = "[{\"account_id\":1,\"brand_id\":2,\"claim_identifier\":5,\"claim_value\":\"v\"},"
                        "{\"account_id\":\"x\",\"brand_id\":2,\"claim_identifier\":\"b\",\"claim_value\":[]}]";
    CHECK_RESULT(hcjwt_claim_set_from_json(typed, strlen(typed), &out), HCJWT_RESULT_VALIDATION);
    CHECK(strcmp(hcjwt_last_error_message(),
                 "{\"errors\":{\"custom_claims[0].claim_identifier\":[\"must be a string\"],"
                 "\"custom_claims[1].account_id\":[\"must be a non-negative integer\"],"
                 "\"custom_claims[1].claim_value\":[\"must be a string\"]}}") == 0);

    const char *pairs = "[{\"account_id\":1,\"brand_id\":2,\"claim_identifier\":\"a\",\"claim_value\":\"x\"},"
                        "{\"account_id\":1,\"brand_id\":3,\"claim_identifier\":\"b\",\"claim_value\":\"y\"}]";
    CHECK_RESULT(hcjwt_claim_set_from_json(pairs, strlen(pairs), &out), HCJWT_RESULT_VALIDATION);
    CHECK(strstr(hcjwt_last_error_message(), "account 1 brand 3") != NULL);

    CHECK_RESULT(hcjwt_claim_set_from_json("{", 1, &out), HCJWT_RESULT_JSON);
    CHECK_RESULT(hcjwt_claim_set_from_json(NULL, 0, &out), HCJWT_RESULT_JSON);
    CHECK_RESULT(hcjwt_claim_set_from_json(NULL, 5, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_claim_set_from_json("[]", 2, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_claim_set_from_json("\"\xff\"", 3, &out), HCJWT_RESULT_INVALID_UTF8);
    const char dup[] = "{\"custom_claims\":[],\"custom_claims\":[]}";
    CHECK_RESULT(hcjwt_claim_set_from_json(dup, sizeof dup - 1, &out), HCJWT_RESULT_JSON);
    CHECK(out == UNTOUCHED);
    char *text = UNTOUCHED;
    CHECK_RESULT(hcjwt_claim_set_to_json(NULL, &text), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK(text == UNTOUCHED);
    hcjwt_claim_set_free(NULL);
}

static void test_field_catalogs(void) {
    size_t len;
    char *json = read_file("examples/fields.json", &len);
    hcjwt_field_catalog *fields = NULL;
    CHECK_RESULT(hcjwt_field_catalog_from_json(json, len, &fields), HCJWT_RESULT_OK);
    char *normalized = NULL;
    const char *values = "{\"member_since\": \"2019-06-01T10:00:00Z\", \"vip\": true}";
    CHECK_RESULT(hcjwt_field_catalog_validate(fields, values, strlen(values), &normalized), HCJWT_RESULT_OK);
    CHECK(normalized && strcmp(normalized, "{\"member_since\":\"2019-06-01\",\"vip\":true}") == 0);
    hcjwt_string_free(normalized);
    char *out = UNTOUCHED;
    const char *bad = "{\"vip\": \"yes\", \"member_since\": \"2024-02-30\", \"shoe_size\": 44}";
    CHECK_RESULT(hcjwt_field_catalog_validate(fields, bad, strlen(bad), &out), HCJWT_RESULT_VALIDATION);
    CHECK(out == UNTOUCHED);
    CHECK(strstr(hcjwt_last_error_message(), "\"shoe_size\":[\"is not a user field of this account\"]") != NULL);
    CHECK_RESULT(hcjwt_field_catalog_validate(fields, "[1]", 3, &out), HCJWT_RESULT_VALIDATION);
    CHECK_RESULT(hcjwt_field_catalog_validate(fields, "[1", 2, &out), HCJWT_RESULT_JSON);
    /* A fetched user lists every field, null where unset: accepted, and left
       out for unknown or inactive fields. */
    const char *nulls = "{\"vip\": null, \"no_such_field\": null}";
    CHECK_RESULT(hcjwt_field_catalog_validate(fields, nulls, strlen(nulls), &normalized), HCJWT_RESULT_OK);
    CHECK(normalized && strcmp(normalized, "{\"vip\":null}") == 0);
    hcjwt_string_free(normalized);
    CHECK_RESULT(hcjwt_field_catalog_validate(NULL, "{}", 2, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_field_catalog_validate(fields, "{}", 2, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    hcjwt_field_catalog_free(fields);
    free(json);

    /* Ruby regexps: look-around runs, and a pattern matches anywhere unless
       it anchors itself. */
    hcjwt_field_catalog *ruby = NULL;
    const char *lookaround = "[{\"key\":\"r\",\"title\":\"R\",\"type\":\"regexp\",\"regexp_for_validation\":\"(?<=a)b\"}]";
    CHECK_RESULT(hcjwt_field_catalog_from_json(lookaround, strlen(lookaround), &ruby), HCJWT_RESULT_OK);
    const char *matching = "{\"r\": \"xxabxx\"}";
    CHECK_RESULT(hcjwt_field_catalog_validate(ruby, matching, strlen(matching), &normalized), HCJWT_RESULT_OK);
    hcjwt_string_free(normalized);
    const char *failing = "{\"r\": \"xxbxx\"}";
    CHECK_RESULT(hcjwt_field_catalog_validate(ruby, failing, strlen(failing), &out), HCJWT_RESULT_VALIDATION);
    CHECK(strstr(hcjwt_last_error_message(), "regexp_for_validation") != NULL);
    hcjwt_field_catalog_free(ruby);
    hcjwt_field_catalog *none = UNTOUCHED;
    const char *keyless = "[{\"title\":\"R\",\"key\":\"has space\"}]";
    CHECK_RESULT(hcjwt_field_catalog_from_json(keyless, strlen(keyless), &none), HCJWT_RESULT_VALIDATION);
    CHECK(strstr(hcjwt_last_error_message(), "user_fields[0].key") != NULL);
    CHECK(none == UNTOUCHED);
    CHECK_RESULT(hcjwt_field_catalog_from_json("[]", 2, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    hcjwt_field_catalog_free(NULL);
}

static hcjwt_minter *hs256_minter(const char *options) {
    hcjwt_minter *minter = NULL;
    CHECK_RESULT(hcjwt_minter_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), options, NULL, NULL, &minter),
                 HCJWT_RESULT_OK);
    return minter;
}

static hcjwt_verifier *hs256_verifier(const char *options) {
    hcjwt_verifier *verifier = NULL;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), options, &verifier),
                 HCJWT_RESULT_OK);
    return verifier;
}

static void test_minter_arguments(void) {
    hcjwt_minter *out = UNTOUCHED;
    const uint8_t *key = (const uint8_t *)SECRET;
    size_t key_len = strlen(SECRET);
    CHECK_RESULT(hcjwt_minter_new(NULL, key, key_len, NULL, NULL, NULL, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_new("HS256", NULL, 4, NULL, NULL, NULL, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_new("HS256", NULL, 0, NULL, NULL, NULL, &out), HCJWT_RESULT_INVALID_KEY);
    CHECK_RESULT(hcjwt_minter_new("HS256", key, key_len, NULL, NULL, NULL, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_new("none", key, key_len, NULL, NULL, NULL, &out), HCJWT_RESULT_UNSUPPORTED_ALGORITHM);
    CHECK_RESULT(hcjwt_minter_new("HS\xff", key, key_len, NULL, NULL, NULL, &out), HCJWT_RESULT_INVALID_UTF8);
    CHECK_RESULT(hcjwt_minter_new("HS256", (const uint8_t *)"secret", 6, NULL, NULL, NULL, &out), HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "at least 32 bytes") != NULL);
    CHECK_RESULT(hcjwt_minter_new("HS256", key, key_len, "{\"ttl\": 0}", NULL, NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_minter_new("HS256", key, key_len, "{\"tll\": 5}", NULL, NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "tll") != NULL);
    CHECK_RESULT(hcjwt_minter_new("HS256", key, key_len, "{\"ttl\": \"5\"}", NULL, NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_minter_new("HS256", key, key_len, "{", NULL, NULL, &out), HCJWT_RESULT_JSON);
    CHECK_RESULT(hcjwt_minter_new("HS256", key, key_len, "{\"profile\": \"saml\"}", NULL, NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    size_t pem_len;
    char *pem = read_file("tests/fixtures/keys/rsa2048_public.pem", &pem_len);
    CHECK_RESULT(hcjwt_minter_new("RS256", (const uint8_t *)pem, pem_len, NULL, NULL, NULL, &out), HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "public key") != NULL);
    free(pem);
    CHECK(out == UNTOUCHED);
    hcjwt_minter_free(NULL);
}

static void test_mint_and_verify(void) {
    size_t len;
    char *claims_json = read_file("examples/claims.json", &len);
    hcjwt_claim_set *claims = NULL;
    CHECK_RESULT(hcjwt_claim_set_from_json(claims_json, len, &claims), HCJWT_RESULT_OK);
    free(claims_json);
    char *fields_json = read_file("examples/fields.json", &len);
    hcjwt_field_catalog *fields = NULL;
    CHECK_RESULT(hcjwt_field_catalog_from_json(fields_json, len, &fields), HCJWT_RESULT_OK);
    free(fields_json);
    size_t key_len;
    char *key = read_file("tests/fixtures/keys/rsa2048.pem", &key_len);
    hcjwt_minter *minter = NULL;
    CHECK_RESULT(hcjwt_minter_new("RS256", (const uint8_t *)key, key_len, "{\"iss\": \"acme\", \"ttl\": 600}", claims, fields,
                                  &minter),
                 HCJWT_RESULT_OK);
    /* The minter copied what it needs: the inputs can go. */
    hcjwt_claim_set_free(claims);
    hcjwt_field_catalog_free(fields);

    size_t user_len;
    char *user = read_file("examples/user.json", &user_len);
    char *token = NULL;
    CHECK_RESULT(hcjwt_minter_mint(minter, user, user_len, 0, &token), HCJWT_RESULT_OK);
    CHECK(token && strlen(token) > 100);

    char *jwks = NULL;
    CHECK_RESULT(hcjwt_minter_jwks(minter, &jwks), HCJWT_RESULT_OK);
    CHECK(jwks && strstr(jwks, "\"kty\":\"RSA\"") && !strstr(jwks, "\"d\""));

    size_t public_len;
    char *public_pem = read_file("tests/fixtures/keys/rsa2048_public.pem", &public_len);
    hcjwt_verifier *verifier = NULL;
    CHECK_RESULT(hcjwt_verifier_new("RS256", (const uint8_t *)public_pem, public_len, "{\"iss\": \"acme\"}", &verifier),
                 HCJWT_RESULT_OK);
    char *payload = NULL;
    CHECK_RESULT(hcjwt_verifier_verify(verifier, token, strlen(token), &payload), HCJWT_RESULT_OK);
    CHECK(payload && strstr(payload, "\"custom-claim-1\":\"some-claim-value\"") != NULL);
    CHECK(payload && strstr(payload, "\"member_since\":\"2019-06-01\"") != NULL);
    hcjwt_string_free(payload);

    hcjwt_verifier *from_jwks = NULL;
    CHECK_RESULT(hcjwt_verifier_new("RS256,ES256", (const uint8_t *)jwks, strlen(jwks), NULL, &from_jwks), HCJWT_RESULT_OK);
    payload = NULL;
    CHECK_RESULT(hcjwt_verifier_verify(from_jwks, token, strlen(token), &payload), HCJWT_RESULT_OK);
    hcjwt_string_free(payload);

    /* One changed character inside the signature (a whole base64url digit,
       so the part still decodes): the signature no longer verifies. */
    char *tampered = malloc(strlen(token) + 1);
    strcpy(tampered, token);
    char *signature = strrchr(tampered, '.') + 1;
    signature[5] = signature[5] == 'A' ? 'B' : 'A';
    char *out = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_verify(verifier, tampered, strlen(tampered), &out),
                 HCJWT_RESULT_INVALID_SIGNATURE);
    CHECK(out == UNTOUCHED);
    free(tampered);

    /* The issuer must match. */
    hcjwt_verifier *other_issuer = NULL;
    CHECK_RESULT(hcjwt_verifier_new("RS256", (const uint8_t *)public_pem, public_len, "{\"iss\": \"other\"}", &other_issuer),
                 HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_verifier_verify(other_issuer, token, strlen(token), &out), HCJWT_RESULT_INVALID_CLAIM);
    hcjwt_verifier_free(other_issuer);

    /* Invalid user field values: the API's error document. */
    size_t bad_len;
    char *bad_user = read_file("examples/user_invalid.json", &bad_len);
    CHECK_RESULT(hcjwt_minter_mint(minter, bad_user, bad_len, 0, &out), HCJWT_RESULT_VALIDATION);
    CHECK(strstr(hcjwt_last_error_message(), "\"user_fields.vip\":[\"must be true or false\"]") != NULL);
    CHECK(out == UNTOUCHED);
    free(bad_user);

    /* Embedded NUL and a NULL user. */
    const char with_nul[] = "{\"id\": 1, \"email\": \"a@b\0c\"}";
    CHECK_RESULT(hcjwt_minter_mint(minter, with_nul, sizeof with_nul - 1, 0, &out), HCJWT_RESULT_JSON);
    CHECK_RESULT(hcjwt_minter_mint(minter, NULL, 0, 0, &out), HCJWT_RESULT_JSON);
    CHECK_RESULT(hcjwt_minter_mint(minter, NULL, 3, 0, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_mint(NULL, user, user_len, 0, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_mint(minter, user, user_len, 0, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_mint(minter, user, user_len, -5, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_minter_mint(minter, "\xff", 1, 0, &out), HCJWT_RESULT_INVALID_UTF8);
    const char *missing = "{\"id\": 1}";
    CHECK_RESULT(hcjwt_minter_mint(minter, missing, strlen(missing), 0, &out), HCJWT_RESULT_VALIDATION);
    CHECK(strstr(hcjwt_last_error_message(), "\"email\"") != NULL);
    CHECK(out == UNTOUCHED);

    CHECK_RESULT(hcjwt_minter_jwks(NULL, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_minter_jwks(minter, NULL), HCJWT_RESULT_NULL_ARGUMENT);

    hcjwt_string_free(jwks);
    hcjwt_string_free(token);
    hcjwt_verifier_free(verifier);
    hcjwt_verifier_free(from_jwks);
    hcjwt_minter_free(minter);
    free(public_pem);
    free(key);
    free(user);
}

static void test_token_errors(void) {
    hcjwt_minter *minter = hs256_minter(NULL);
    hcjwt_verifier *verifier = hs256_verifier(NULL);
    char *out = UNTOUCHED;
    char *token = NULL;

    CHECK_RESULT(hcjwt_minter_mint(minter, USER, strlen(USER), 1000000000, &token), HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, token, strlen(token), &out), HCJWT_RESULT_EXPIRED);
    hcjwt_string_free(token);

    CHECK_RESULT(hcjwt_minter_mint(minter, USER, strlen(USER), (int64_t)time(NULL) + 3600, &token), HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, token, strlen(token), &out), HCJWT_RESULT_NOT_YET_VALID);
    hcjwt_string_free(token);

    CHECK_RESULT(hcjwt_verifier_verify(verifier, "a.b", 3, &out), HCJWT_RESULT_MALFORMED_TOKEN);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, "", 0, &out), HCJWT_RESULT_MALFORMED_TOKEN);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, NULL, 0, &out), HCJWT_RESULT_MALFORMED_TOKEN);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, NULL, 10, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_verify(NULL, "a.b.c", 5, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, "a.b.c", 5, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    /* {"alg":"none"} */
    const char *none = "eyJhbGciOiJub25lIn0.eyJleHAiOjl9.c2ln";
    CHECK_RESULT(hcjwt_verifier_verify(verifier, none, strlen(none), &out), HCJWT_RESULT_ALGORITHM_NOT_ALLOWED);
    /* {"alg":"HS256","kid":"unknown"}, against a key whose JWK names kid "main". */
    const char *kid = "eyJhbGciOiJIUzI1NiIsImtpZCI6InVua25vd24ifQ.eyJleHAiOjl9.c2ln";
    const char *jwk = "{\"kty\":\"oct\",\"kid\":\"main\",\"k\":\"YS1zaGFyZWQtc2VjcmV0LW9mLWF0LWxlYXN0LTMyLWJ5dGVzISE\"}";
    hcjwt_verifier *by_kid = NULL;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)jwk, strlen(jwk), NULL, &by_kid), HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_verifier_verify(by_kid, kid, strlen(kid), &out), HCJWT_RESULT_UNKNOWN_KID);
    hcjwt_verifier_free(by_kid);
    size_t big_len = 1 << 20;
    char *big = malloc(big_len);
    memset(big, 'a', big_len);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, big, big_len, &out), HCJWT_RESULT_TOKEN_TOO_LARGE);
    free(big);
    CHECK(out == UNTOUCHED);

    hcjwt_minter *tiny = hs256_minter("{\"max_token_bytes\": 100}");
    CHECK_RESULT(hcjwt_minter_mint(tiny, USER, strlen(USER), 0, &out), HCJWT_RESULT_PAYLOAD_TOO_LARGE);
    hcjwt_minter_free(tiny);

    hcjwt_verifier *bad = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)"short", 5, NULL, &bad), HCJWT_RESULT_INVALID_KEY);
    CHECK_RESULT(hcjwt_verifier_new("HS256,none", (const uint8_t *)SECRET, strlen(SECRET), NULL, &bad),
                 HCJWT_RESULT_UNSUPPORTED_ALGORITHM);
    CHECK_RESULT(hcjwt_verifier_new(NULL, (const uint8_t *)SECRET, strlen(SECRET), NULL, &bad), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), "{\"leeway\": -1}", &bad),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), NULL, NULL), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK(bad == UNTOUCHED);
    hcjwt_verifier_free(NULL);

    /* SSO tokens are HS256 only. */
    hcjwt_minter *sso = hs256_minter("{\"profile\": \"sso\"}");
    CHECK_RESULT(hcjwt_minter_mint(sso, USER, strlen(USER), 0, &token), HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_verifier_verify(verifier, token, strlen(token), &out), HCJWT_RESULT_OK);
    CHECK(strstr(out, "\"name\":\"Johnny\"") != NULL);
    hcjwt_string_free(out);
    hcjwt_string_free(token);
    hcjwt_minter_free(sso);

    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
}

struct shared {
    const hcjwt_minter *minter;
    const hcjwt_verifier *verifier;
    int failures;
};

static void *mint_many(void *arg) {
    struct shared *shared = arg;
    for (int i = 0; i < 200; i++) {
        char *token = NULL;
        char *payload = NULL;
        if (hcjwt_minter_mint(shared->minter, USER, strlen(USER), 0, &token) != HCJWT_RESULT_OK ||
            hcjwt_verifier_verify(shared->verifier, token, strlen(token), &payload) != HCJWT_RESULT_OK) {
            shared->failures++;
        }
        hcjwt_string_free(payload);
        hcjwt_string_free(token);
    }
    /* Each thread has its own last error. */
    char *out = NULL;
    if (hcjwt_verifier_verify(shared->verifier, "x", 1, &out) != HCJWT_RESULT_MALFORMED_TOKEN ||
        strstr(hcjwt_last_error_message(), "segments") == NULL) {
        shared->failures++;
    }
    return NULL;
}

static void test_threads(void) {
    enum { THREADS = 4 };
    hcjwt_minter *minter = hs256_minter(NULL);
    hcjwt_verifier *verifier = hs256_verifier(NULL);
    pthread_t threads[THREADS];
    struct shared shared[THREADS];
    for (int i = 0; i < THREADS; i++) {
        shared[i].minter = minter;
        shared[i].verifier = verifier;
        shared[i].failures = 0;
        CHECK(pthread_create(&threads[i], NULL, mint_many, &shared[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(shared[i].failures == 0);
    }
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
}

/* Issue 11's key rules: key material is never an HMAC secret (RS/HS
   confusion), small-order Ed25519 keys, short RSA keys and published private
   members are refused when loaded, and any int has a message. */
static void test_key_rules(void) {
    size_t len;
    char *public_pem = read_file("tests/fixtures/keys/rsa2048_public.pem", &len);
    hcjwt_verifier *verifier = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)public_pem, len, NULL, &verifier),
                 HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "RS/HS confusion") != NULL);
    CHECK(verifier == UNTOUCHED);
    hcjwt_minter *minter = UNTOUCHED;
    CHECK_RESULT(hcjwt_minter_new("HS256", (const uint8_t *)public_pem, len, NULL, NULL, NULL, &minter),
                 HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "RS/HS confusion") != NULL);
    CHECK(minter == UNTOUCHED);
    /* The same PEM with RS256 is a fine verifier. */
    verifier = NULL;
    CHECK_RESULT(hcjwt_verifier_new("RS256", (const uint8_t *)public_pem, len, NULL, &verifier), HCJWT_RESULT_OK);
    hcjwt_verifier_free(verifier);
    free(public_pem);

    const char *identity = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}";
    verifier = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_new("EdDSA", (const uint8_t *)identity, strlen(identity), NULL, &verifier),
                 HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "small order") != NULL);

    char *short_rsa = read_file("tests/fixtures/keys/rsa1024_public.pem", &len);
    CHECK_RESULT(hcjwt_verifier_new("RS256", (const uint8_t *)short_rsa, len, NULL, &verifier),
                 HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "2048") != NULL);
    free(short_rsa);

    char *private_jwk = read_file("tests/fixtures/rfc/rfc7515_a2_rsa_private.jwk.json", &len);
    size_t jwks_len = len + 16;
    char *jwks = malloc(jwks_len + 1);
    snprintf(jwks, jwks_len + 1, "{\"keys\": [%.*s]}", (int)len, private_jwk);
    CHECK_RESULT(hcjwt_verifier_new("RS256", (const uint8_t *)jwks, strlen(jwks), NULL, &verifier),
                 HCJWT_RESULT_INVALID_KEY);
    CHECK(strstr(hcjwt_last_error_message(), "private member d") != NULL);
    CHECK(verifier == UNTOUCHED);
    free(jwks);
    free(private_jwk);

    CHECK_RESULT(hcjwt_verifier_new("", (const uint8_t *)SECRET, strlen(SECRET), NULL, &verifier),
                 HCJWT_RESULT_UNSUPPORTED_ALGORITHM);
    CHECK(strcmp(hcjwt_result_message(-1), "unknown result") == 0);
    CHECK(strcmp(hcjwt_result_message(HCJWT_RESULT_OK), "ok") == 0);
    CHECK(strcmp(hcjwt_result_message(12345), "unknown result") == 0);
}

/* Remote key sets: every argument and option checked before any fetch;
 * a source with nothing to fetch from is a key-source error at verify time. */
static void test_remote_key_sets(void) {
    hcjwt_verifier *out = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_from_jwks_url(NULL, "RS256", NULL, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("https://acme.zendesk.com/keys.json", NULL, NULL, &out),
                 HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("https://acme.zendesk.com/keys.json", "RS256", NULL, NULL),
                 HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("http://acme.zendesk.com/keys.json", "RS256", NULL, &out),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "only https") != NULL);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("not a url", "RS256", NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("https://acme.zendesk.com/k", "none", NULL, &out),
                 HCJWT_RESULT_UNSUPPORTED_ALGORITHM);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("https://acme.zendesk.com/k", "RS256", "{\"timeout\": 0}", &out),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "timeout") != NULL);
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("https://acme.zendesk.com/k", "RS256", "{\"cache_tll\": 5}", &out),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "cache_tll") != NULL);
    CHECK_RESULT(hcjwt_verifier_for_help_center(NULL, NULL, &out), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_verifier_for_help_center("", NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_verifier_for_help_center("acme.zendesk.com/evil", NULL, &out), HCJWT_RESULT_INVALID_OPTION);
    CHECK(out == UNTOUCHED);
    /* Cache options belong to remote key sets only. */
    hcjwt_verifier *local = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), "{\"cache_ttl\": 60}", &local),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "cache_ttl") != NULL);
    CHECK(local == UNTOUCHED);
    local = hs256_verifier(NULL);
    char *status = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_key_source_status(local, &status), HCJWT_RESULT_OK);
    CHECK(status != UNTOUCHED && strcmp(status, "null") == 0);
    hcjwt_string_free(status);
    CHECK_RESULT(hcjwt_verifier_key_source_status(NULL, &status), HCJWT_RESULT_NULL_ARGUMENT);
    hcjwt_verifier_free(local);

    /* Port 9 of the loopback (discard): nothing listens, the connection is refused. */
    hcjwt_verifier *remote = NULL;
    CHECK_RESULT(hcjwt_verifier_for_help_center("http://127.0.0.1:9", "{\"timeout\": 2, \"cooldown\": 1}", &remote),
                 HCJWT_RESULT_OK);
    const char *token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIxIn0.c2ln";
    char *payload = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_verify(remote, token, strlen(token), &payload), HCJWT_RESULT_KEY_SOURCE);
    CHECK(strstr(hcjwt_last_error_message(), "http://127.0.0.1:9/api/v2/help_center/integration/keys.json") != NULL);
    CHECK(payload == UNTOUCHED);
    status = NULL;
    CHECK_RESULT(hcjwt_verifier_key_source_status(remote, &status), HCJWT_RESULT_OK);
    CHECK(status && strstr(status, "\"key_ids\":[]") != NULL);
    CHECK(status && strstr(status, "\"last_error\":\"") != NULL);
    CHECK(status && strstr(status, "\"last_success\":null") != NULL);
    hcjwt_string_free(status);
    hcjwt_verifier_free(remote);
}

/* The SSO login page: posts the token to /access/jwt, escapes, checks return_to. */
static void test_sso_form(void) {
    hcjwt_minter *minter = NULL;
    CHECK_RESULT(hcjwt_minter_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), "{\"profile\": \"sso\"}", NULL,
                                  NULL, &minter),
                 HCJWT_RESULT_OK);
    const char *user = "{\"user\": {\"id\": 1, \"email\": \"a@example.com\", \"name\": \"A\", \"role\": \"end-user\"}}";
    char *token = NULL;
    CHECK_RESULT(hcjwt_minter_mint(minter, user, strlen(user), 0, &token), HCJWT_RESULT_OK);
    char *page = UNTOUCHED;
    CHECK_RESULT(hcjwt_sso_form("acme", token, strlen(token),
                                "{\"return_to\": \"/hc?a=1&b=<2>\", \"nonce\": \"n0nce\"}", &page),
                 HCJWT_RESULT_OK);
    CHECK(page != UNTOUCHED && strstr(page, "action=\"https://acme.zendesk.com/access/jwt\"") != NULL);
    CHECK(page && strstr(page, token) != NULL);
    CHECK(page && strstr(page, "value=\"https://acme.zendesk.com/hc?a=1&amp;b=%3C2%3E\"") != NULL);
    CHECK(page && strstr(page, "<script nonce=\"n0nce\">") != NULL);
    hcjwt_string_free(page);
    char *url = UNTOUCHED;
    CHECK_RESULT(hcjwt_sso_url("acme", token, strlen(token), NULL, &url), HCJWT_RESULT_OK);
    CHECK(url != UNTOUCHED && strncmp(url, "https://acme.zendesk.com/access/jwt?jwt=", 40) == 0);
    hcjwt_string_free(url);
    const char *hostile[] = {
        "{\"return_to\": \"https://evil.example/\"}",
        "{\"return_to\": \"javascript:alert(1)\"}",
        "{\"return_to\": \"//evil.example\"}",
        "{\"return_to\": \"/\\\\evil.example\"}",
        "{\"return_to\": \"https://acme.zendesk.com@evil.example/\"}",
        "{\"nonce\": \"a\\\"b\"}",
        "{\"retrun_to\": \"/hc\"}",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        page = UNTOUCHED;
        CHECK_RESULT(hcjwt_sso_form("acme", token, strlen(token), hostile[i], &page), HCJWT_RESULT_INVALID_OPTION);
        CHECK(page == UNTOUCHED);
    }
    CHECK_RESULT(hcjwt_sso_form("acme", "a.b\"><script>", 13, NULL, &page), HCJWT_RESULT_MALFORMED_TOKEN);
    CHECK_RESULT(hcjwt_sso_form(NULL, token, strlen(token), NULL, &page), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_sso_url("acme", token, strlen(token), "{\"nonce\": \"n\"}", &url), HCJWT_RESULT_INVALID_OPTION);
    char *policy = NULL;
    CHECK_RESULT(hcjwt_sso_content_security_policy("acme", "n0nce", &policy), HCJWT_RESULT_OK);
    CHECK(policy && strstr(policy, "script-src 'nonce-n0nce'; form-action https://acme.zendesk.com;") != NULL);
    hcjwt_string_free(policy);
    CHECK_RESULT(hcjwt_sso_content_security_policy("acme", "'unsafe-inline'", &policy), HCJWT_RESULT_INVALID_OPTION);
    hcjwt_string_free(token);
    hcjwt_minter_free(minter);
}

/* Verifying as of a given time, and reading a header without verifying. */
static void test_verify_at_and_header(void) {
    hcjwt_minter *minter = hs256_minter("{\"kid\": \"k-1\", \"ttl\": 60}");
    hcjwt_verifier *verifier = hs256_verifier("{\"leeway\": 0}");
    char *token = NULL;
    CHECK_RESULT(hcjwt_minter_mint(minter, USER, strlen(USER), 1700000000, &token), HCJWT_RESULT_OK);
    char *payload = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_verify_at(verifier, token, strlen(token), 1700000030, &payload), HCJWT_RESULT_OK);
    CHECK(payload != UNTOUCHED && strstr(payload, "\"iat\":1700000000") != NULL);
    hcjwt_string_free(payload);
    payload = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_verify_at(verifier, token, strlen(token), 1700000061, &payload), HCJWT_RESULT_EXPIRED);
    CHECK_RESULT(hcjwt_verifier_verify_at(verifier, token, strlen(token), 1699999000, &payload), HCJWT_RESULT_NOT_YET_VALID);
    CHECK(payload == UNTOUCHED);
    CHECK_RESULT(hcjwt_verifier_verify_at(NULL, token, strlen(token), 1700000030, &payload), HCJWT_RESULT_NULL_ARGUMENT);
    /* The payload comes back as it was signed: spacing, 1.50, a 23-digit id
       and an escaped string kept. */
    const char *signed_payload = "{\"exp\": 1700000060, \"amount\": 1.50, \"id\": 12345678901234567890123, \"name\": \"caf\\u00e9\"}";
    const char *peer_token = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOiAxNzAwMDAwMDYwLCAiYW1vdW50IjogMS41MCwgImlkIjogMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjMsICJuYW1lIjogImNhZlx1MDBlOSJ9.lkkDgwj4Am1yvOtMCe1qQFamhKaD1cGb-nwBoI3ZEy8";
    CHECK_RESULT(hcjwt_verifier_verify_at(verifier, peer_token, strlen(peer_token), 1700000030, &payload), HCJWT_RESULT_OK);
    CHECK(payload != UNTOUCHED && strcmp(payload, signed_payload) == 0);
    hcjwt_string_free(payload);
    char *header = UNTOUCHED;
    CHECK_RESULT(hcjwt_token_header(token, strlen(token), &header), HCJWT_RESULT_OK);
    CHECK(header != UNTOUCHED && strcmp(header, "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k-1\"}") == 0);
    hcjwt_string_free(header);
    header = UNTOUCHED;
    CHECK_RESULT(hcjwt_token_header("a.b", 3, &header), HCJWT_RESULT_MALFORMED_TOKEN);
    CHECK_RESULT(hcjwt_token_header(NULL, 4, &header), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK_RESULT(hcjwt_token_header(token, strlen(token), NULL), HCJWT_RESULT_NULL_ARGUMENT);
    CHECK(header == UNTOUCHED);
    char *report = UNTOUCHED;
    CHECK_RESULT(hcjwt_token_inspect(token, strlen(token), NULL, 1700000030, NULL, verifier, &report), HCJWT_RESULT_OK);
    CHECK(report != UNTOUCHED && strstr(report, "\"profile\":\"help_center\"") != NULL);
    CHECK(report && strstr(report, "\"signature\":\"valid\"") != NULL);
    CHECK(report && strstr(report, "\"iat\":\"2023-11-14T22:13:20Z\"") != NULL);
    hcjwt_string_free(report);
    CHECK_RESULT(hcjwt_token_inspect(token, strlen(token), "sso", 1700000030, NULL, NULL, &report), HCJWT_RESULT_OK);
    CHECK(report && strstr(report, "name is missing") != NULL && strstr(report, "\"signature\":null") != NULL);
    hcjwt_string_free(report);
    report = UNTOUCHED;
    CHECK_RESULT(hcjwt_token_inspect(token, strlen(token), "saml", 0, NULL, NULL, &report), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_token_inspect("a.b", 3, NULL, 0, NULL, NULL, &report), HCJWT_RESULT_MALFORMED_TOKEN);
    CHECK(report == UNTOUCHED);
    hcjwt_string_free(token);
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
}

/* Messaging tokens: the options name the profile and the kid; the traps
   are named in the API's error shape. */
static void test_messaging(void) {
    hcjwt_minter *minter = hs256_minter("{\"profile\": \"messaging\", \"kid\": \"app_1\", \"ttl\": 600}");
    hcjwt_verifier *verifier = hs256_verifier(NULL);
    const char *user = "{\"user\": {\"external_id\": \"crm-1\", \"email\": \"a@example.com\", \"role\": \"end-user\"}}";
    char *token = NULL;
    CHECK_RESULT(hcjwt_minter_mint(minter, user, strlen(user), 1700000000, &token), HCJWT_RESULT_OK);
    char *payload = NULL;
    CHECK_RESULT(hcjwt_verifier_verify_at(verifier, token, strlen(token), 1700000010, &payload), HCJWT_RESULT_OK);
    CHECK(payload && strcmp(payload, "{\"scope\":\"user\",\"external_id\":\"crm-1\",\"exp\":1700000600,\"email\":\"a@example.com\"}") == 0);
    hcjwt_string_free(payload);
    char *header = NULL;
    CHECK_RESULT(hcjwt_token_header(token, strlen(token), &header), HCJWT_RESULT_OK);
    CHECK(header && strcmp(header, "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"app_1\"}") == 0);
    hcjwt_string_free(header);
    hcjwt_string_free(token);
    token = UNTOUCHED;
    const char *numeric = "{\"external_id\": 4411}";
    CHECK_RESULT(hcjwt_minter_mint(minter, numeric, strlen(numeric), 1700000000, &token), HCJWT_RESULT_VALIDATION);
    CHECK(strcmp(hcjwt_last_error_message(), "{\"errors\":{\"external_id\":[\"must be a string, not the number 4411: messaging refuses a numeric external_id (write \\\"4411\\\")\"]}}") == 0);
    CHECK(token == UNTOUCHED);
    hcjwt_minter *no_kid = UNTOUCHED;
    CHECK_RESULT(hcjwt_minter_new("HS256", (const uint8_t *)SECRET, strlen(SECRET), "{\"profile\": \"messaging\"}", NULL, NULL, &no_kid),
                 HCJWT_RESULT_INVALID_OPTION);
    CHECK(strstr(hcjwt_last_error_message(), "messaging tokens need the kid of the messaging signing key") != NULL);
    CHECK(no_kid == UNTOUCHED);
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
}

/* A pre-forking server forks after the parent minted: the child's copy of
 * the per-thread randomness pool must not hand out the parent's next jti
 * values (Zendesk refuses a repeated jti as a replay). */
static int mint_jtis(hcjwt_minter *minter, hcjwt_verifier *verifier, char jtis[][32], int count) {
    for (int i = 0; i < count; i++) {
        char *token = NULL;
        hcjwt_claims *claims = NULL;
        char *jti = NULL;
        int ok = hcjwt_minter_mint(minter, USER, strlen(USER), 1700000000, &token) == HCJWT_RESULT_OK &&
                 hcjwt_verifier_verify_claims(verifier, token, strlen(token), 1700000010, &claims) == HCJWT_RESULT_OK &&
                 hcjwt_claims_get_string(claims, "jti", &jti) == HCJWT_RESULT_OK && strlen(jti) < 32;
        if (ok) {
            strcpy(jtis[i], jti);
        }
        hcjwt_string_free(jti);
        hcjwt_claims_free(claims);
        hcjwt_string_free(token);
        if (!ok) {
            return 0;
        }
    }
    return 1;
}

static void test_fork(void) {
    hcjwt_minter *minter = hs256_minter(NULL);
    hcjwt_verifier *verifier = hs256_verifier(NULL);
    char first[1][32];
    CHECK(mint_jtis(minter, verifier, first, 1)); /* the pool is filled in the parent */
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char child[8][32];
        memset(child, 0, sizeof child); /* every byte the pipe carries is set */
        close(fds[0]);
        int ok = mint_jtis(minter, verifier, child, 8);
        ssize_t written = write(fds[1], child, sizeof child);
        _exit(ok && written == (ssize_t)sizeof child ? 0 : 1);
    }
    close(fds[1]);
    char jtis[16][32];
    CHECK(mint_jtis(minter, verifier, jtis, 8));
    size_t got = 0;
    while (got < sizeof(char[8][32])) {
        ssize_t n = read(fds[0], (char *)jtis[8] + got, sizeof(char[8][32]) - got);
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    close(fds[0]);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(got == sizeof(char[8][32]));
    int distinct = 1;
    for (int i = 0; i < 16; i++) {
        for (int j = i + 1; j < 16; j++) {
            distinct = distinct && strcmp(jtis[i], jtis[j]) != 0;
        }
        distinct = distinct && strcmp(jtis[i], first[0]) != 0;
    }
    CHECK(distinct);
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
}

/* Claims read by name from a verified token, and from inspect's report. */
static void test_claims(void) {
    hcjwt_minter *minter = hs256_minter("{\"kid\": \"k-1\"}");
    hcjwt_verifier *verifier = hs256_verifier(NULL);
    const char *user = "{\"user\": {\"id\": 35436, \"email\": \"a@example.com\", \"external_id\": null, \"user_fields\": {\"vip\": true}}}";
    char *token = NULL;
    CHECK_RESULT(hcjwt_minter_mint(minter, user, strlen(user), 1700000000, &token), HCJWT_RESULT_OK);
    hcjwt_claims *claims = NULL;
    CHECK_RESULT(hcjwt_verifier_verify_claims(verifier, token, strlen(token), 1700000010, &claims), HCJWT_RESULT_OK);
    char *email = NULL;
    CHECK_RESULT(hcjwt_claims_get_string(claims, "email", &email), HCJWT_RESULT_OK);
    CHECK(email && strcmp(email, "a@example.com") == 0);
    hcjwt_string_free(email);
    int64_t user_id = 0;
    CHECK_RESULT(hcjwt_claims_get_int(claims, "userId", &user_id), HCJWT_RESULT_OK);
    CHECK(user_id == 35436);
    char *fields = NULL;
    CHECK_RESULT(hcjwt_claims_get_json(claims, "user_fields", &fields), HCJWT_RESULT_OK);
    CHECK(fields && strcmp(fields, "{\"vip\":true}") == 0);
    hcjwt_string_free(fields);
    char *text = UNTOUCHED;
    CHECK_RESULT(hcjwt_claims_get_string(claims, "externalId", &text), HCJWT_RESULT_NOT_FOUND);
    CHECK(strcmp(hcjwt_last_error_message(), "claim externalId is null") == 0);
    CHECK_RESULT(hcjwt_claims_get_string(claims, "nickname", &text), HCJWT_RESULT_NOT_FOUND);
    CHECK_RESULT(hcjwt_claims_get_string(claims, "userId", &text), HCJWT_RESULT_INVALID_CLAIM);
    CHECK(strcmp(hcjwt_last_error_message(), "claim userId is a number, not a string") == 0);
    CHECK(text == UNTOUCHED);
    bool flag = false;
    CHECK_RESULT(hcjwt_claims_get_bool(claims, "email", &flag), HCJWT_RESULT_INVALID_CLAIM);
    CHECK_RESULT(hcjwt_claims_get_int(claims, "email", NULL), HCJWT_RESULT_NULL_ARGUMENT);
    hcjwt_claims_free(claims);
    /* A boolean read, and an integer past int64 refused rather than cut. */
    const char *scalars = "{\"email_verified\": true, \"big\": 18446744073709551615}";
    hcjwt_claims *read = NULL;
    CHECK_RESULT(hcjwt_claims_from_json(scalars, strlen(scalars), &read), HCJWT_RESULT_OK);
    CHECK_RESULT(hcjwt_claims_get_bool(read, "email_verified", &flag), HCJWT_RESULT_OK);
    CHECK(flag == true);
    int64_t big = 7;
    CHECK_RESULT(hcjwt_claims_get_int(read, "big", &big), HCJWT_RESULT_INVALID_CLAIM);
    CHECK(big == 7);
    hcjwt_claims_free(read);
    hcjwt_claims *none = UNTOUCHED;
    CHECK_RESULT(hcjwt_verifier_verify_claims(verifier, token, strlen(token), 1800000000, &none), HCJWT_RESULT_EXPIRED);
    CHECK(none == UNTOUCHED);
    /* The same getters on inspect's report. */
    char *report = NULL;
    CHECK_RESULT(hcjwt_token_inspect(token, strlen(token), NULL, 1700000010, NULL, NULL, &report), HCJWT_RESULT_OK);
    hcjwt_claims *inspected = NULL;
    CHECK_RESULT(hcjwt_claims_from_json(report, strlen(report), &inspected), HCJWT_RESULT_OK);
    char *profile = NULL;
    CHECK_RESULT(hcjwt_claims_get_string(inspected, "profile", &profile), HCJWT_RESULT_OK);
    CHECK(profile && strcmp(profile, "help_center") == 0);
    hcjwt_string_free(profile);
    char *problems = NULL;
    CHECK_RESULT(hcjwt_claims_get_json(inspected, "problems", &problems), HCJWT_RESULT_OK);
    CHECK(problems && strcmp(problems, "[]") == 0);
    hcjwt_string_free(problems);
    hcjwt_claims_free(inspected);
    hcjwt_string_free(report);
    CHECK_RESULT(hcjwt_claims_from_json("[1]", 3, &none), HCJWT_RESULT_JSON);
    hcjwt_claims_free(NULL);
    hcjwt_string_free(token);
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
}

/* Log records reach the program's callback; NULL stops them. */
static int log_records;
static int log_warnings_about_keys;
static void on_log(int level, const char *message, void *user_data) {
    (void)user_data;
    log_records++;
    if (level == 2 && strstr(message, "fetching the keys of http://127.0.0.1:1/") != NULL) {
        log_warnings_about_keys++;
    }
}

static void test_log_callback(void) {
    CHECK_RESULT(hcjwt_set_log_callback(on_log, 9, NULL), HCJWT_RESULT_INVALID_OPTION);
    CHECK_RESULT(hcjwt_set_log_callback(on_log, 3, NULL), HCJWT_RESULT_OK);
    hcjwt_verifier *verifier = NULL;
    CHECK_RESULT(hcjwt_verifier_from_jwks_url("http://127.0.0.1:1/keys.json", "RS256", "{\"timeout\": 2}", &verifier),
                 HCJWT_RESULT_OK);
    char *kids = NULL;
    CHECK_RESULT(hcjwt_verifier_refresh(verifier, &kids), HCJWT_RESULT_KEY_SOURCE);
    CHECK(log_warnings_about_keys == 1);
    CHECK_RESULT(hcjwt_set_log_callback(NULL, 3, NULL), HCJWT_RESULT_OK);
    int before = log_records;
    CHECK_RESULT(hcjwt_verifier_refresh(verifier, &kids), HCJWT_RESULT_KEY_SOURCE);
    CHECK(log_records == before);
    hcjwt_verifier_free(verifier);
}

static void test_panic_boundary(void) {
#ifdef HCJWT_TEST_PANIC
    CHECK_RESULT(hcjwt_test_force_panic(), HCJWT_RESULT_PANIC);
    CHECK(strstr(hcjwt_last_error_message(), "panicked") != NULL);
    /* The process lives and the library still works. */
    hcjwt_minter *minter = hs256_minter(NULL);
    hcjwt_minter_free(minter);
#endif
}

int main(int argc, char **argv) {
    if (argc > 1) {
        root = argv[1];
    }
    test_version_and_messages();
    test_claim_sets();
    test_field_catalogs();
    test_minter_arguments();
    test_mint_and_verify();
    test_token_errors();
    test_threads();
    test_key_rules();
    test_remote_key_sets();
    test_sso_form();
    test_verify_at_and_header();
    test_messaging();
    test_claims();
    test_fork();
    test_log_callback();
    test_panic_boundary();
    return report();
}
