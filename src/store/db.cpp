#include "store/db.hpp"

#include <future>

namespace shiftdesk::store {

std::int64_t Row::Int(std::size_t i) const {
    const Value& v = cells_.at(i);
    if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
    if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
    return 0;
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
    if (IsNull(i)) return std::nullopt;
    return Int(i);
}

const std::string& Row::Text(std::size_t i) const {
    static const std::string kEmpty;
    const auto* s = std::get_if<std::string>(&cells_.at(i));
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
