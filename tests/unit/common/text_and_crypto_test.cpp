#include <gtest/gtest.h>

#include "common/crypto.hpp"
#include "common/text.hpp"

namespace shiftdesk {
namespace {

TEST(Utf8, AcceptsValidAndRefusesBrokenSequences) {
    EXPECT_TRUE(IsValidUtf8("plain ascii"));
    EXPECT_TRUE(IsValidUtf8("Grüße, 你好, 👋"));
    EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
    EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Text, CountsCharactersNotBytes) { EXPECT_EQ(Utf8Length("Grüße"), 5u); }

TEST(Text, FindsControlCharacters) {
    EXPECT_TRUE(HasControlChars("Subject\r\nBcc: x@y.z"));
    EXPECT_FALSE(HasControlChars("Subject"));
    EXPECT_FALSE(HasControlCharsExceptWhitespace("line one\nline two\ttab"));
    EXPECT_TRUE(HasControlCharsExceptWhitespace(std::string("nul\0here", 8)));
}

TEST(Text, EmailAddressesArePlausibleOrNot) {
    EXPECT_TRUE(IsPlausibleEmail("jo@acme.example"));
    EXPECT_TRUE(IsPlausibleEmail("first.last+tag@sub.acme.example"));
    for (const char* bad : {"", "jo", "@acme.example", "jo@", "jo@acme", "jo@@acme.example", "jo @acme.example",
                            "jo@acme.example\r\nBcc: x@y.z", "<jo@acme.example>", "jo@acme."}) {
        EXPECT_FALSE(IsPlausibleEmail(bad)) << bad;
    }
}

TEST(Passwords, Argon2idHashesVerifyAndCarryTheirParameters) {
    ASSERT_TRUE(InitCrypto());
    const std::string hash = HashPassword("correct horse", PasswordCost{1, 8 * 1024 * 1024});
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=8192,t=1,p=1$")) << hash;
    EXPECT_TRUE(VerifyPassword(hash, "correct horse"));
    EXPECT_FALSE(VerifyPassword(hash, "correct horsf"));
    EXPECT_FALSE(VerifyPassword("not a hash", "correct horse"));
    EXPECT_NE(HashPassword("correct horse", PasswordCost{1, 8 * 1024 * 1024}), hash) << "salted";
}

TEST(Secrets, AreLongRandomAndStoredOnlyAsDigests) {
    ASSERT_TRUE(InitCrypto());
    const std::string a = NewSecret("sdt_"), b = NewSecret("sdt_");
    EXPECT_EQ(a.size(), 4u + 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(ConstantTimeEquals(a, a));
    EXPECT_FALSE(ConstantTimeEquals(a, b));
    EXPECT_FALSE(ConstantTimeEquals(a, a.substr(1)));
}

}  // namespace
}  // namespace shiftdesk
