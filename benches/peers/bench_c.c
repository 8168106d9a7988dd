/* The C side of benches/compare.py: hcjwt through its C ABI against libjwt
 * on the same payload and keys. Minting: libjwt's new + add_grants_json +
 * set_alg + encode_str + free; verifying: libjwt's decode (signature) +
 * get_grants_json (the payload as JSON) + free, against
 * hcjwt_verifier_verify (signature, exp, the payload as JSON). Prints one
 * JSON object of nanoseconds per token.
 *
 * libjwt's API changed completely in 3.0; compare.py passes
 * -DHCJWT_LIBJWT_MAJOR=N from pkg-config. The libjwt side is written for the
 * 1.x API that Debian 12 ships; with another major version only hcjwt is
 * timed, so the harness still builds.
 * Usage: bench_c REPO_ROOT PAYLOAD_FILE ITERATIONS */
#define _POSIX_C_SOURCE 199309L
#include "hcjwt.h"

#ifndef HCJWT_LIBJWT_MAJOR
#define HCJWT_LIBJWT_MAJOR 1
#endif
#if HCJWT_LIBJWT_MAJOR == 1
#include <jwt.h>
#define WITH_LIBJWT 1
#else
#define WITH_LIBJWT 0
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *slurp(const char *path, size_t *len) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(2); }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (fread(data, 1, (size_t)size, file) != (size_t)size) { perror(path); exit(2); }
    data[size] = '\0';
    fclose(file);
    *len = (size_t)size;
    return data;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static char root_path[4096];

static const char *at(const char *relative) {
    static char path[8192];
    snprintf(path, sizeof path, "%s/%s", root_path, relative);
    return path;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: bench_c ROOT PAYLOAD ITERATIONS\n"); return 2; }
    snprintf(root_path, sizeof root_path, "%s", argv[1]);
    size_t payload_len, user_len, claims_len, fields_len;
    char *payload = slurp(argv[2], &payload_len);
    long iterations = atol(argv[3]);
    char *user = slurp(at("examples/user.json"), &user_len);
    char *claims_json = slurp(at("benches/peers/claims5.json"), &claims_len);
    char *fields_json = slurp(at("examples/fields.json"), &fields_len);
    hcjwt_claim_set *claims = NULL;
    hcjwt_field_catalog *fields = NULL;
    if (hcjwt_claim_set_from_json(claims_json, claims_len, &claims) != HCJWT_RESULT_OK ||
        hcjwt_field_catalog_from_json(fields_json, fields_len, &fields) != HCJWT_RESULT_OK) {
        fprintf(stderr, "%s\n", hcjwt_last_error_message());
        return 1;
    }
    const char *secret = "a-shared-secret-of-at-least-32-bytes!!";
    size_t rsa_len;
    char *rsa = slurp(at("tests/fixtures/keys/rsa2048.pem"), &rsa_len);
    size_t ec_len;
    char *ec = slurp(at("tests/fixtures/keys/p256.pem"), &ec_len);
    size_t rsa_public_len;
    char *rsa_public = slurp(at("tests/fixtures/keys/rsa2048_public.pem"), &rsa_public_len);
    size_t ec_public_len;
    char *ec_public = slurp(at("tests/fixtures/keys/p256_public.pem"), &ec_public_len);
#if WITH_LIBJWT
    jwt_alg_t algs[] = {JWT_ALG_HS256, JWT_ALG_RS256, JWT_ALG_ES256};
#endif
    struct { const char *name; const char *key; size_t key_len; const char *public; size_t public_len; long n; } cases[] = {
        {"HS256", secret, strlen(secret), secret, strlen(secret), iterations},
        {"RS256", rsa, rsa_len, rsa_public, rsa_public_len, iterations / 20 + 1},
        {"ES256", ec, ec_len, ec_public, ec_public_len, iterations},
    };
    printf("{");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        hcjwt_minter *minter = NULL;
        if (hcjwt_minter_new(cases[c].name, (const uint8_t *)cases[c].key, cases[c].key_len, NULL, claims, fields,
                             &minter) != HCJWT_RESULT_OK) {
            fprintf(stderr, "%s\n", hcjwt_last_error_message());
            return 1;
        }
        hcjwt_verifier *verifier = NULL;
        if (hcjwt_verifier_new(cases[c].name, (const uint8_t *)cases[c].public, cases[c].public_len, NULL,
                               &verifier) != HCJWT_RESULT_OK) {
            fprintf(stderr, "%s\n", hcjwt_last_error_message());
            return 1;
        }
        char *signed_token = NULL;
        if (hcjwt_minter_mint(minter, user, user_len, 0, &signed_token) != HCJWT_RESULT_OK) return 1;
        size_t signed_len = strlen(signed_token);
        long n = cases[c].n;
        for (int pass = 0; pass < 2; pass++) {
            /* pass 0 warms up; pass 1 is timed */
            long rounds = pass == 0 ? n / 10 + 1 : n;
            double started = now_ns();
            for (long i = 0; i < rounds; i++) {
                char *token = NULL;
                if (hcjwt_minter_mint(minter, user, user_len, 1700000000, &token) != HCJWT_RESULT_OK) return 1;
                hcjwt_string_free(token);
            }
            double ours = (now_ns() - started) / (double)rounds;
            started = now_ns();
            for (long i = 0; i < rounds; i++) {
                char *json = NULL;
                if (hcjwt_verifier_verify(verifier, signed_token, signed_len, &json) != HCJWT_RESULT_OK) {
                    fprintf(stderr, "%s\n", hcjwt_last_error_message());
                    return 1;
                }
                hcjwt_string_free(json);
            }
            double ours_verify = (now_ns() - started) / (double)rounds;
            if (pass == 1) {
                printf("%s\"c/hcjwt/%s\": %.1f, \"c/hcjwt/verify/%s\": %.1f", c ? ", " : "", cases[c].name, ours,
                       cases[c].name, ours_verify);
            }
#if WITH_LIBJWT
            started = now_ns();
            for (long i = 0; i < rounds; i++) {
                jwt_t *jwt = NULL;
                if (jwt_new(&jwt) != 0 || jwt_add_grants_json(jwt, payload) != 0 ||
                    jwt_set_alg(jwt, algs[c], (const unsigned char *)cases[c].key, (int)cases[c].key_len) != 0) {
                    fprintf(stderr, "libjwt failed for %s\n", cases[c].name);
                    return 1;
                }
                char *token = jwt_encode_str(jwt);
                if (!token) return 1;
                free(token);
                jwt_free(jwt);
            }
            double peer = (now_ns() - started) / (double)rounds;
            started = now_ns();
            for (long i = 0; i < rounds; i++) {
                jwt_t *jwt = NULL;
                if (jwt_decode(&jwt, signed_token, (const unsigned char *)cases[c].public, (int)cases[c].public_len) != 0) {
                    fprintf(stderr, "libjwt could not verify %s\n", cases[c].name);
                    return 1;
                }
                char *json = jwt_get_grants_json(jwt, NULL);
                if (!json) return 1;
                free(json);
                jwt_free(jwt);
            }
            double peer_verify = (now_ns() - started) / (double)rounds;
            if (pass == 1) {
                printf(", \"c/libjwt/%s\": %.1f, \"c/libjwt/verify/%s\": %.1f", cases[c].name, peer, cases[c].name,
                       peer_verify);
            }
#endif
        }
        hcjwt_string_free(signed_token);
        hcjwt_verifier_free(verifier);
        hcjwt_minter_free(minter);
    }
    printf("}\n");
    hcjwt_claim_set_free(claims);
    hcjwt_field_catalog_free(fields);
    free(payload); free(user); free(claims_json); free(fields_json); free(rsa); free(ec);
    free(rsa_public); free(ec_public);
    return 0;
}
