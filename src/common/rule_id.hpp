// The rulebook's ids R1-R14 and their wire names ("R11"), low enough that an Error can carry the rule that refused
// it. What each rule says lives with the rulebook (policy/rules.hpp). Pure; thread-safe.
#pragma once

#include <array>
#include <string_view>

namespace shiftdesk::rule {

enum class Id { kNone, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14 };

// The wire name of each rule, in the enum's order: the one table of "R1".."R14" (JSON bodies, audit rows).
inline constexpr std::array<std::string_view, 15> kCodes{
    "", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14",
};

// "R11"; empty for Id::kNone.
constexpr std::string_view Code(Id id) { return kCodes.at(static_cast<std::size_t>(id)); }

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
