/* Mint a help center token with libhcjwt and verify it.
 * Build: cc mint_and_verify.c $(pkg-config --cflags --libs hcjwt) -o mint_and_verify */
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
    hcjwt_result result = hcjwt_minter_new("HS256", (const uint8_t *)secret, strlen(secret),
                                           "{\"ttl\": 120}", NULL, NULL, &minter);
    if (result != HCJWT_RESULT_OK) return fail("hcjwt_minter_new", result);

    char *token = NULL;
    result = hcjwt_minter_mint(minter, user, strlen(user), 0, &token);
    if (result != HCJWT_RESULT_OK) return fail("hcjwt_minter_mint", result);
    printf("%s\n", token);

    hcjwt_verifier *verifier = NULL;
    result = hcjwt_verifier_new("HS256", (const uint8_t *)secret, strlen(secret), NULL, &verifier);
    if (result != HCJWT_RESULT_OK) return fail("hcjwt_verifier_new", result);

    char *payload = NULL;
    result = hcjwt_verifier_verify(verifier, token, strlen(token), &payload);
    if (result != HCJWT_RESULT_OK) return fail("hcjwt_verifier_verify", result);
    printf("%s\n", payload);

    hcjwt_string_free(payload);
    hcjwt_string_free(token);
    hcjwt_verifier_free(verifier);
    hcjwt_minter_free(minter);
    return 0;
}
