/* Mint a help center token with libhcjwt, verify it and read its claims.
 * Build: cc mint_and_verify.c $(pkg-config --cflags --libs hcjwt) -o mint_and_verify
 * Run:   a library installed under a prefix the loader does not search
 *        (make install PREFIX=$HOME/.local) needs
 *        LD_LIBRARY_PATH=$HOME/.local/lib ./mint_and_verify, or build with
 *        -Wl,-rpath,$(pkg-config --variable=libdir hcjwt). */
#include <hcjwt.h>

#include <stdio.h>
#include <string.h>

static int fail(const char *what, hcjwt_result result) {
    fprintf(stderr, "%s: %s: %s\n", what, hcjwt_result_message(result), hcjwt_last_error_message());
    return 1;
}

int main(void) {
    const char *secret = "use-a-random-secret-of-32-bytes-or-more";
    const char *user = "{\"user\": {\"id\": 35436, \"email\": \"johnny@example.com\", \"external_id\": \"abc\"}}";
    hcjwt_minter *minter = NULL;
    hcjwt_verifier *verifier = NULL;
    hcjwt_claims *claims = NULL;
    char *token = NULL;
    char *email = NULL;
    int64_t user_id = 0;
    int status = 0;

    hcjwt_result result = hcjwt_minter_new("HS256", (const uint8_t *)secret, strlen(secret),
                                           "{\"ttl\": 120}", NULL, NULL, &minter);
    if (result != HCJWT_RESULT_OK) { status = fail("hcjwt_minter_new", result); goto done; }

    result = hcjwt_minter_mint(minter, user, strlen(user), 0, &token);
    if (result != HCJWT_RESULT_OK) { status = fail("hcjwt_minter_mint", result); goto done; }
    printf("%s\n", token);

    result = hcjwt_verifier_new("HS256", (const uint8_t *)secret, strlen(secret), NULL, &verifier);
    if (result != HCJWT_RESULT_OK) { status = fail("hcjwt_verifier_new", result); goto done; }

    /* The claims of the verified token, read by name: no JSON parser needed. */
    result = hcjwt_verifier_verify_claims(verifier, token, strlen(token), 0, &claims);
    if (result != HCJWT_RESULT_OK) { status = fail("hcjwt_verifier_verify_claims", result); goto done; }
    result = hcjwt_claims_get_string(claims, "email", &email);
    if (result != HCJWT_RESULT_OK) { status = fail("email", result); goto done; }
    result = hcjwt_claims_get_int(claims, "userId", &user_id);
    if (result != HCJWT_RESULT_OK) { status = fail("userId", result); goto done; }
    printf("%s %lld\n", email, (long long)user_id);

done:
    /* Every _free takes NULL, so one exit path frees whatever was made. */
    hcjwt_string_free(email);
    hcjwt_claims_free(claims);
    hcjwt_string_free(token);
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
    return status;
}
