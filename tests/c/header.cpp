// The header compiles as C++17 and links from C++.
#include "hcjwt.h"

#include <cstring>

int main() {
    hcjwt_minter *minter = nullptr;
    const char *secret = "a-shared-secret-of-at-least-32-bytes!!";
    hcjwt_result result = hcjwt_minter_new("HS256", reinterpret_cast<const uint8_t *>(secret), std::strlen(secret),
                                           nullptr, nullptr, nullptr, &minter);
    hcjwt_minter_free(minter);
    return result == HCJWT_RESULT_OK && std::strlen(hcjwt_version()) > 0 ? 0 : 1;
}
