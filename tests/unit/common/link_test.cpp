// Join links: only https, http, tel, sip and sips links pass, parsed by Boost.URL; text that begins like a link of
// another scheme is recognised so that nothing turns it into one.
#include "common/link.hpp"

#include <gtest/gtest.h>

namespace shiftdesk {
namespace {

TEST(SafeLink, OnlyMeetingAndDialLinksPass) {
    struct Row {
        const char* text;
        const char* scheme;  // nullptr: refused
    };
    const Row rows[] = {
        {"https://meet.example.org/abc?pwd=1&x=2#top", "https"},
        {"HTTPS://Meet.Example.org/abc", "https"},
        {"http://intranet.example/room-4", "http"},
        {"tel:+33123456789", "tel"},
        {"tel:+1-201-555-0123;ext=42", "tel"},
        {"sip:desk@pbx.example.org", "sip"},
        {"sips:desk@pbx.example.org:5061", "sips"},
        {"javascript:alert(7)", nullptr},
        {"JavaScript:alert(7)", nullptr},
        {"data:text/html,<script>alert(7)</script>", nullptr},
        {"data:text/html;base64,PHNjcmlwdD4=", nullptr},
        {"vbscript:msgbox(7)", nullptr},
        {"file:///etc/passwd", nullptr},
        {"ftp://files.example.org/", nullptr},
        {"mailto:jo@example.org", nullptr},
        {"https://", nullptr},
        {"https:///path-only", nullptr},
        {"https:meet.example.org", nullptr},
        {"tel:", nullptr},
        {"tel://+33123456789", nullptr},
        {"//meet.example.org/abc", nullptr},
        {"meet.example.org/abc", nullptr},
        {"https://meet.example.org/a b", nullptr},
        {"https://meet.example.org/\r\nX-EVIL:1", nullptr},
        {"https://meet.example.org/\"onmouseover=alert(7)", nullptr},
        {" https://meet.example.org/", nullptr},
        {"", nullptr},
    };
    for (const auto& r : rows) {
        const auto scheme = SafeLinkScheme(r.text);
        if (r.scheme) {
            EXPECT_EQ(scheme.value_or("<refused>"), r.scheme) << r.text;
            EXPECT_TRUE(IsSafeLink(r.text)) << r.text;
        } else {
            EXPECT_FALSE(scheme) << r.text << " passed as " << *scheme;
            EXPECT_FALSE(IsSafeLink(r.text)) << r.text;
        }
    }
}

TEST(SafeLink, TextThatBeginsLikeAnotherLinkIsRecognised) {
    EXPECT_TRUE(StartsLikeOtherLink("javascript:alert(7)"));
    EXPECT_TRUE(StartsLikeOtherLink("  JavaScript:alert('a b')"));
    EXPECT_TRUE(StartsLikeOtherLink("data:text/html,x"));
    EXPECT_FALSE(StartsLikeOtherLink("https://meet.example.org/abc"));
    EXPECT_FALSE(StartsLikeOtherLink("tel:+41440000000"));
    EXPECT_FALSE(StartsLikeOtherLink("+41 44 000 00 00"));
    EXPECT_FALSE(StartsLikeOtherLink("Zürich, Room 3; Floor 2"));
    EXPECT_FALSE(StartsLikeOtherLink("Room 4: second floor"));
    EXPECT_FALSE(StartsLikeOtherLink(":alone"));
    EXPECT_FALSE(StartsLikeOtherLink(""));
}

}  // namespace
}  // namespace shiftdesk
