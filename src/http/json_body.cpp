#include "http/json_body.hpp"

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

}  // namespace

Result<boost::json::object> ParseObject(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return boost::json::object{};
    boost::json::parse_options options;
    options.max_depth = 32;
    boost::json::stream_parser parser({}, options);
    boost::system::error_code ec;
    const std::size_t used = parser.write_some(body.data(), body.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        return MakeError(ErrorCode::kMalformed, "malformed JSON at " + Where(body, used) + ": " + ec.message());
    }
    boost::json::value value = parser.release();
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
