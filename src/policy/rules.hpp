// The rulebook's ids and one sentence each (RULES.md), so a refusal can always say which rule and why.
// Pure; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace shiftdesk::rule {

enum class Id { kNone, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14 };

struct Entry {
    Id id;
    std::string_view code;      // "R11"
    std::string_view title;     // "Reassignment is the lead's"
    std::string_view sentence;  // what the rule demands, in one line
};

// All fourteen rules in order.
std::span<const Entry> All();
// "R11"; empty for Id::kNone.
std::string_view Code(Id id);
const Entry* Find(Id id);

inline constexpr Id R1 = Id::R1;
inline constexpr Id R2 = Id::R2;
inline constexpr Id R3 = Id::R3;
inline constexpr Id R4 = Id::R4;
inline constexpr Id R5 = Id::R5;
inline constexpr Id R6 = Id::R6;
inline constexpr Id R7 = Id::R7;
inline constexpr Id R8 = Id::R8;
inline constexpr Id R9 = Id::R9;
inline constexpr Id R10 = Id::R10;
inline constexpr Id R11 = Id::R11;
inline constexpr Id R12 = Id::R12;
inline constexpr Id R13 = Id::R13;
inline constexpr Id R14 = Id::R14;

}  // namespace shiftdesk::rule
