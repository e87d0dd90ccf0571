#include "app/credential_cache.hpp"

#include <gtest/gtest.h>

namespace shiftdesk::app {
namespace {

store::Credential Cred(const std::string& hash) {
    store::Credential c;
    c.token.token_hash = hash;
    c.user.login = "asha";
    return c;
}

TEST(CredentialCache, RemembersForgetsAndExpires) {
    CredentialCache cache(std::chrono::milliseconds(0));
    cache.Remember(Cred("h"), cache.Epoch());
    EXPECT_FALSE(cache.Find("h")) << "a zero lifetime keeps nothing";

    CredentialCache warm;
    warm.Remember(Cred("h"), warm.Epoch());
    ASSERT_TRUE(warm.Find("h"));
    EXPECT_EQ(warm.Find("h")->user.login, "asha");
    warm.Forget("h");
    EXPECT_FALSE(warm.Find("h"));
}

TEST(CredentialCache, AReadThatRacedARevocationIsNotRemembered) {
    CredentialCache cache;
    const auto epoch = cache.Epoch();  // a request starts reading the token from the database...
    cache.Forget("h");                 // ...meanwhile a logout commits...
    cache.Remember(Cred("h"), epoch);  // ...and the request, holding the old row, tries to remember it
    EXPECT_FALSE(cache.Find("h"));
}

}  // namespace
}  // namespace shiftdesk::app
