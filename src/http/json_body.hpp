// Request bodies: JSON parsed strictly (400 saying where it broke), then read field by field, each mistake a 422
// naming the field; fields nobody asked for are refused, so a typo never passes silently. Thread-compatible.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/enum_names.hpp"

namespace shiftdesk::http {

// An empty body is the empty object (for commands without fields); anything but an object is refused.
Result<boost::json::object> ParseObject(std::string_view body);

class Fields {
 public:
    // prefix names nested objects in errors: "customer." gives "customer.email".
    explicit Fields(const boost::json::object& object, std::string prefix = "");

    Result<std::string> String(std::string_view name);  // required
    Result<std::optional<std::string>> OptString(std::string_view name);
    Result<std::optional<std::int64_t>> OptInt(std::string_view name);
    Result<std::int64_t> Int(std::string_view name);
    Result<std::optional<bool>> OptBool(std::string_view name);
    // A list of strings.
    Result<std::optional<std::vector<std::string>>> OptStringList(std::string_view name);
    // An RFC 3339 time with its offset ("2026-11-23T17:00:00Z"), as UTC milliseconds.
    Result<std::optional<Millis>> OptTime(std::string_view name);
    Result<Millis> Time(std::string_view name);
    Result<std::optional<Fields>> OptObject(std::string_view name);
    Result<Fields> Object(std::string_view name);

    template <class E, std::size_t N>
    Result<std::optional<E>> OptEnum(std::string_view name, const domain::NameTable<E, N>& table) {
        auto text = OptString(name);
        if (!text) return text.error();
        if (!*text) return std::optional<E>{};
        auto value = domain::ValueOf(table, **text);
        if (!value) return Invalid(Name(name), Name(name) + " must be " + domain::Choices(table));
        return std::optional<E>{*value};
    }

    // Refuses any field that no reader above asked for.
    Result<void> NoOthers() const;

 private:
    std::string Name(std::string_view field) const { return prefix_ + std::string(field); }
    const boost::json::value* Find(std::string_view name);

    const boost::json::object* object_;
    std::string prefix_;
    std::set<std::string, std::less<>> seen_;
};

}  // namespace shiftdesk::http
