// One table per enum gives both directions of its wire names, so a name is never spelled twice.
// Pure; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace shiftdesk::domain {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

template <class E, std::size_t N>
constexpr std::string_view NameOf(const NameTable<E, N>& table, E value) {
    for (const auto& [e, name] : table) {
        if (e == value) return name;
    }
    return "?";
}

template <class E, std::size_t N>
constexpr std::optional<E> ValueOf(const NameTable<E, N>& table, std::string_view name) {
    for (const auto& [e, n] : table) {
        if (n == name) return e;
    }
    return std::nullopt;
}

// "a, b or c": for error messages that list what is allowed.
template <class E, std::size_t N>
std::string Choices(const NameTable<E, N>& table) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0) out += (i + 1 == N) ? " or " : ", ";
        out += table[i].second;
    }
    return out;
}

}  // namespace shiftdesk::domain
