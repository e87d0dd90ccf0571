#include "common/link.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

#include "common/text.hpp"

namespace shiftdesk {
namespace {

bool IsSafeScheme(std::string_view lower) {
    return lower == "https" || lower == "http" || lower == "tel" || lower == "sip" || lower == "sips";
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::optional<std::string> SafeLinkScheme(std::string_view text) {
    const auto parsed = boost::urls::parse_uri(text);
    if (!parsed) return std::nullopt;
    const std::string scheme = ToLowerAscii(parsed->scheme());
    if (!IsSafeScheme(scheme)) return std::nullopt;
    if (scheme == "https" || scheme == "http") {
        if (!parsed->has_authority() || parsed->encoded_host().empty()) return std::nullopt;
        return scheme;
    }
    // tel:+33123456789, sip:desk@pbx.example.org: the number or address is the path, never an authority.
    if (parsed->has_authority() || parsed->encoded_path().empty()) return std::nullopt;
    return scheme;
}

bool StartsLikeOtherLink(std::string_view text) {
    const std::string_view t = Trim(text);
    const auto colon = t.find(':');
    if (colon == std::string_view::npos || colon == 0 || !IsAlpha(t[0])) return false;
    const std::string_view scheme = t.substr(0, colon);
    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    const bool scheme_chars = std::all_of(scheme.begin(), scheme.end(), [](char c) {
        return IsAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    });
    return scheme_chars && !IsSafeScheme(ToLowerAscii(scheme));
}

}  // namespace shiftdesk
