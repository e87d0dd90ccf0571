#include "store/db.hpp"

#include <charconv>
#include <cmath>
#include <future>
#include <limits>

namespace shiftdesk::store {
namespace {

constexpr auto kMaxInt = std::numeric_limits<std::int64_t>::max();
constexpr auto kMinInt = std::numeric_limits<std::int64_t>::min();

// A real as SQLite's CAST(x AS INTEGER) reads it: truncated, clamped at the ends, NaN as 0. A plain static_cast of a
// real outside the range is undefined behaviour.
std::int64_t IntOfReal(double d) {
    if (std::isnan(d)) return 0;
    if (d >= 9223372036854775807.0) return kMaxInt;
    if (d <= -9223372036854775808.0) return kMinInt;
    return static_cast<std::int64_t>(d);
}

// Text as SQLite's CAST(x AS INTEGER) reads it: leading spaces and a sign, then the longest run of digits; no digits
// reads as 0, too many as the nearest end of the range.
std::int64_t IntOfText(const std::string& s) {
    const char* p = s.data();
    const char* end = p + s.size();
    while (p != end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')) ++p;
    const bool negative = p != end && *p == '-';
    if (p != end && *p == '+' && ++p != end && *p == '-') return 0;  // "+-1" is no number
    std::int64_t n = 0;
    const auto [rest, ec] = std::from_chars(p, end, n);
    if (ec == std::errc::result_out_of_range) return negative ? kMinInt : kMaxInt;
    if (ec != std::errc{}) return 0;
    (void)rest;
    return n;
}

const Value kNullCell = nullptr;

}  // namespace

const Value& Row::Cell(std::size_t i) const { return i < cells_.size() ? cells_[i] : kNullCell; }

std::int64_t Row::Int(std::size_t i) const {
    const Value& v = Cell(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    if (const auto* d = std::get_if<double>(&v)) return IntOfReal(*d);
    if (const auto* s = std::get_if<std::string>(&v)) return IntOfText(*s);
    return 0;
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Int(i);
}

const std::string& Row::Text(std::size_t i) const {
    static const std::string kEmpty;
    const auto* s = std::get_if<std::string>(&Cell(i));
    return s ? *s : kEmpty;
}

Result<std::optional<Row>> Conn::QueryOne(std::string_view sql, const Params& params) {
    auto rows = Query(sql, params);
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<Row>{};
    return std::optional<Row>{std::move(rows->front())};
}

Result<void> Db::WriteAndWait(std::function<Result<void>(Conn&)> fn) {
    auto outcome = std::make_shared<Result<void>>();
    std::promise<Result<void>> committed;
    auto future = committed.get_future();
    Submit(WriteJob{
        [fn = std::move(fn), outcome](Conn& c) {
            *outcome = fn(c);
            return outcome->has_value();
        },
        [outcome, &committed](Result<void> commit) { committed.set_value(commit ? *outcome : commit); },
    });
    return future.get();
}

}  // namespace shiftdesk::store
