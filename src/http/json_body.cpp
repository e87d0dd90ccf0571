#include "http/json_body.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <cmath>
#include <unordered_set>

#include "common/time.hpp"

namespace shiftdesk::http {
namespace {

// "line 3, column 14" of the byte offset where parsing stopped.
std::string Where(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

constexpr std::string_view TypeName(boost::json::kind k) {
    switch (k) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "a boolean";
        case boost::json::kind::int64:
        case boost::json::kind::uint64:
            return "an integer";
        case boost::json::kind::double_:
            return "a number";
        case boost::json::kind::string:
            return "a string";
        case boost::json::kind::array:
            return "an array";
        case boost::json::kind::object:
            return "an object";
    }
    return "a value";
}

// The events of Boost.JSON's parser, built into a value exactly as boost::json::parser does (through a value_stack),
// with one check more: a key given twice in one object stops the parse. Boost.JSON 1.81 has no option for it and
// keeps the last value, so `{"owner_id":1,"owner_id":2}` would pass as one field silently.
class CheckedHandler {
 public:
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    // The path of the key given twice ("customer.email", "items[1].name"); empty while there is none.
    const std::string& duplicate() const { return duplicate_; }
    boost::json::value_stack& stack() { return stack_; }

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_object_begin(boost::system::error_code&) {
        frames_.push_back(Frame{.object = true});
        return true;
    }
    bool on_object_end(std::size_t n, boost::system::error_code&) {
        stack_.push_object(n);
        frames_.pop_back();
        return Done();
    }
    bool on_array_begin(boost::system::error_code&) {
        frames_.push_back(Frame{.object = false});
        return true;
    }
    bool on_array_end(std::size_t n, boost::system::error_code&) {
        stack_.push_array(n);
        frames_.pop_back();
        return Done();
    }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        stack_.push_chars(s);
        key_.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code& ec) {
        key_.append(s.data(), s.size());
        Frame& frame = frames_.back();
        if (!frame.keys.insert(key_).second) {
            frame.key = std::move(key_);
            duplicate_ = Path();
            ec = boost::json::error::syntax;  // stops the parse; ParseObject explains it from duplicate()
            return false;
        }
        frame.key = std::move(key_);
        key_.clear();
        stack_.push_key(s);
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        stack_.push_chars(s);
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code&) {
        stack_.push_string(s);
        return Done();
    }
    bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::system::error_code&) {
        stack_.push_int64(i);
        return Done();
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view, boost::system::error_code&) {
        stack_.push_uint64(u);
        return Done();
    }
    bool on_double(double d, boost::json::string_view, boost::system::error_code&) {
        stack_.push_double(d);
        return Done();
    }
    bool on_bool(bool b, boost::system::error_code&) {
        stack_.push_bool(b);
        return Done();
    }
    bool on_null(boost::system::error_code&) {
        stack_.push_null();
        return Done();
    }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
    struct Frame {
        bool object = true;
        std::unordered_set<std::string> keys;  // an object's keys so far
        std::string key;                       // an object's current key
        std::size_t index = 0;                 // an array's current element
    };

    // A value is complete: the next one in an array is the next element.
    bool Done() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
        return true;
    }

    std::string Path() const {
        std::string path;
        for (const Frame& f : frames_) {
            if (f.object) {
                path += (path.empty() ? "" : ".") + f.key;
            } else {
                path += "[" + std::to_string(f.index) + "]";
            }
        }
        return path;
    }

    boost::json::value_stack stack_;
    std::vector<Frame> frames_;
    std::string key_;  // the key being read, when the parser hands it over in parts
    std::string duplicate_;
};

}  // namespace

Result<boost::json::object> ParseObject(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return boost::json::object{};
    boost::json::parse_options options;
    options.max_depth = 32;
    boost::json::basic_parser<CheckedHandler> parser(options);
    parser.handler().stack().reset();
    boost::system::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    if (!ec && used < body.size()) ec = boost::json::error::extra_data;
    if (const std::string& key = parser.handler().duplicate(); !key.empty()) {
        constexpr std::size_t kShown = 200;
        const std::string shown = key.size() > kShown ? key.substr(0, kShown) + "…" : key;
        Error e = MakeError(ErrorCode::kMalformed,
                            "malformed JSON at " + Where(body, used) + ": " + shown + " is given twice");
        e.field = shown;
        return e;
    }
    if (ec) {
        return MakeError(ErrorCode::kMalformed, "malformed JSON at " + Where(body, used) + ": " + ec.message());
    }
    boost::json::value value = parser.handler().stack().release();
    if (!value.is_object()) {
        return MakeError(ErrorCode::kMalformed,
                         "the body must be a JSON object, not " + std::string(TypeName(value.kind())));
    }
    return std::move(value.as_object());
}

Fields::Fields(const boost::json::object& object, std::string prefix) : object_(&object), prefix_(std::move(prefix)) {}

const boost::json::value* Fields::Find(std::string_view name) {
    seen_.emplace(name);
    const auto* v = object_->if_contains(name);
    return (v && !v->is_null()) ? v : nullptr;  // null means "not given"
}

Result<std::optional<std::string>> Fields::OptString(std::string_view name) {
    const auto* v = Find(name);
    if (!v) return std::optional<std::string>{};
    if (!v->is_string()) {
        return Invalid(Name(name), Name(name) + " must be a string, not " + std::string(TypeName(v->kind())));
    }
    return std::optional<std::string>{std::string(v->as_string())};
}

Result<std::string> Fields::String(std::string_view name) {
    auto v = OptString(name);
    if (!v) return v.error();
    if (!*v) return Invalid(Name(name), Name(name) + " is required");
    return std::move(**v);
}

Result<std::optional<std::int64_t>> Fields::OptInt(std::string_view name) {
    const auto* v = Find(name);
    if (!v) return std::optional<std::int64_t>{};
    if (v->is_int64()) return std::optional<std::int64_t>{v->as_int64()};
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return std::optional<std::int64_t>{static_cast<std::int64_t>(v->as_uint64())};
    }
    // Beyond the signed 64-bit range the parser hands over an unsigned or a floating-point number, which is still an
    // integer to the sender: name the range rather than the type.
    const auto out_of_range = [&] {
        return Invalid(Name(name), Name(name) + " must be an integer from " + std::to_string(INT64_MIN) + " to " +
                                       std::to_string(INT64_MAX));
    };
    if (v->is_uint64()) return out_of_range();
    if (v->is_double()) {
        const double d = v->as_double();
        // 2^63 is the first double past INT64_MAX. -2^63 is INT64_MIN, but a literal that reads as that double rather
        // than as an int64 was written past it (or with a fraction or exponent, a case not worth telling apart).
        // Literals past a double's range read as infinity.
        if (!std::isfinite(d) || d >= 0x1p63 || d <= -0x1p63) return out_of_range();
        if (std::trunc(d) != d) return Invalid(Name(name), Name(name) + " must be a whole number, not a fraction");
        return Invalid(Name(name), Name(name) + " must be written as an integer, without a decimal point or exponent");
    }
    return Invalid(Name(name), Name(name) + " must be an integer, not " + std::string(TypeName(v->kind())));
}

Result<std::int64_t> Fields::Int(std::string_view name) {
    auto v = OptInt(name);
    if (!v) return v.error();
    if (!*v) return Invalid(Name(name), Name(name) + " is required");
    return **v;
}

Result<std::optional<bool>> Fields::OptBool(std::string_view name) {
    const auto* v = Find(name);
    if (!v) return std::optional<bool>{};
    if (!v->is_bool()) {
        return Invalid(Name(name), Name(name) + " must be true or false, not " + std::string(TypeName(v->kind())));
    }
    return std::optional<bool>{v->as_bool()};
}

Result<std::optional<std::vector<std::string>>> Fields::OptStringList(std::string_view name) {
    const auto* v = Find(name);
    if (!v) return std::optional<std::vector<std::string>>{};
    const auto wrong = [&] { return Invalid(Name(name), Name(name) + " must be a list of strings"); };
    if (!v->is_array()) return wrong();
    std::vector<std::string> out;
    for (const auto& item : v->as_array()) {
        if (!item.is_string()) return wrong();
        out.emplace_back(item.as_string());
    }
    return std::optional<std::vector<std::string>>{std::move(out)};
}

Result<std::optional<Fields>> Fields::OptObject(std::string_view name) {
    const auto* v = Find(name);
    if (!v) return std::optional<Fields>{};
    if (!v->is_object()) {
        return Invalid(Name(name), Name(name) + " must be an object, not " + std::string(TypeName(v->kind())));
    }
    return std::optional<Fields>{Fields(v->as_object(), Name(name) + ".")};
}

Result<Fields> Fields::Object(std::string_view name) {
    auto v = OptObject(name);
    if (!v) return v.error();
    if (!*v) return Invalid(Name(name), Name(name) + " is required");
    return std::move(**v);
}

Result<void> Fields::NoOthers() const {
    for (const auto& [key, value] : *object_) {
        if (!seen_.contains(std::string_view(key))) {
            return Invalid(Name(key), "unknown field " + Name(key));
        }
    }
    return {};
}

Result<std::optional<Millis>> Fields::OptTime(std::string_view name) {
    const auto text = SD_TRY(OptString(name));
    if (!text) return std::optional<Millis>{};
    const auto t = ParseRfc3339(*text);
    if (!t) return Invalid(Name(name), Name(name) + " must be an RFC 3339 time, e.g. 2026-11-23T17:00:00Z");
    return t;
}

Result<Millis> Fields::Time(std::string_view name) {
    const auto t = SD_TRY(OptTime(name));
    if (!t) return Invalid(Name(name), Name(name) + " is required: an RFC 3339 time, e.g. 2026-11-23T17:00:00Z");
    return *t;
}

}  // namespace shiftdesk::http
