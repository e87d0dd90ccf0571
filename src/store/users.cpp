#include "store/users.hpp"

namespace shiftdesk::store {
namespace {

constexpr std::string_view kUserColumns =
    "u.id, u.login, u.name, u.email, u.role, u.active, u.created_at, u.off_queue, u.off_queue_until, u.desk_phone";
constexpr std::size_t kUserColumnCount = 10;

domain::User UserFrom(const Row& r, std::size_t at = 0) {
    domain::User u;
    u.id = r.Int(at);
    u.login = r.Text(at + 1);
    u.name = r.Text(at + 2);
    u.email = r.Text(at + 3);
    u.role = domain::ValueOf(domain::kRoleNames, r.Text(at + 4)).value_or(domain::Role::kEngineer);
    u.active = r.Bool(at + 5);
    u.created_at = r.Int(at + 6);
    u.off_queue = r.Bool(at + 7);
    u.off_queue_until = r.OptInt(at + 8);
    if (!r.IsNull(at + 9)) u.desk_phone = r.Text(at + 9);
    return u;
}

std::string Sql(std::string_view head, std::string_view tail) {
    return std::string(head) + std::string(kUserColumns) + std::string(tail);
}

}  // namespace

Result<std::optional<domain::User>> FindUser(Conn& c, domain::UserId id) {
    static const std::string sql = Sql("SELECT ", " FROM users u WHERE u.id = $1");
    auto row = SD_TRY(c.QueryOne(sql, {id}));
    if (!row) return std::optional<domain::User>{};
    return std::optional<domain::User>{UserFrom(*row)};
}

Result<std::optional<domain::User>> FindUserByLogin(Conn& c, std::string_view login) {
    auto found = SD_TRY(FindUserForLogin(c, login));
    if (!found) return std::optional<domain::User>{};
    return std::optional<domain::User>{std::move(found->first)};
}

Result<std::optional<std::pair<domain::User, std::string>>> FindUserForLogin(Conn& c, std::string_view login) {
    static const std::string sql = Sql("SELECT ", ", u.password_hash FROM users u WHERE u.login = $1");
    auto row = SD_TRY(c.QueryOne(sql, {std::string(login)}));
    if (!row) return std::optional<std::pair<domain::User, std::string>>{};
    return std::optional<std::pair<domain::User, std::string>>{{UserFrom(*row), row->Text(kUserColumnCount)}};
}

Result<domain::User> InsertUser(Conn& c, const domain::User& user, const std::string& password_hash) {
    const auto id =
        SD_TRY(c.Insert("INSERT INTO users (login, name, email, role, password_hash, active, created_at, desk_phone) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        {user.login, user.name, user.email, std::string(domain::ToString(user.role)), password_hash,
                         std::int64_t{user.active ? 1 : 0}, user.created_at,
                         user.desk_phone ? Value{*user.desk_phone} : Value{nullptr}}));
    domain::User out = user;
    out.id = id;
    return out;
}

Result<std::vector<domain::User>> ListUsers(Conn& c) {
    static const std::string sql = Sql("SELECT ", " FROM users u ORDER BY u.id");
    auto rows = SD_TRY(c.Query(sql));
    std::vector<domain::User> users;
    users.reserve(rows.size());
    for (const Row& r : rows) users.push_back(UserFrom(r));
    return users;
}

Result<void> SetDeskPhone(Conn& c, domain::UserId id, const std::optional<std::string>& extension) {
    SD_CHECK(c.Execute("UPDATE users SET desk_phone = $2 WHERE id = $1",
                       {id, extension ? Value{*extension} : Value{nullptr}}));
    return {};
}

Result<std::int64_t> CountUsers(Conn& c) {
    auto row = SD_TRY(c.QueryOne("SELECT COUNT(*) FROM users"));
    return row->Int(0);
}

Result<void> InsertToken(Conn& c, const TokenRecord& t) {
    SD_CHECK(
        c.Execute("INSERT INTO auth_tokens (token_hash, user_id, kind, csrf_token, label, created_at, expires_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                  {t.token_hash, t.user_id, t.kind, t.csrf_token, t.label, t.created_at,
                   t.expires_at ? Value{*t.expires_at} : Value{nullptr}}));
    return {};
}

Result<std::optional<Credential>> FindCredential(Conn& c, std::string_view token_hash) {
    static const std::string sql = Sql("SELECT ",
                                       ", t.kind, t.csrf_token, t.label, t.created_at, t.expires_at, t.revoked_at "
                                       "FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1");
    auto row = SD_TRY(c.QueryOne(sql, {std::string(token_hash)}));
    if (!row) return std::optional<Credential>{};
    Credential cred{UserFrom(*row), {}};
    cred.token.token_hash = token_hash;
    cred.token.user_id = cred.user.id;
    constexpr std::size_t k = kUserColumnCount;
    cred.token.kind = row->Text(k);
    cred.token.csrf_token = row->Text(k + 1);
    cred.token.label = row->Text(k + 2);
    cred.token.created_at = row->Int(k + 3);
    cred.token.expires_at = row->OptInt(k + 4);
    cred.token.revoked_at = row->OptInt(k + 5);
    return std::optional<Credential>{std::move(cred)};
}

Result<void> SetOffQueue(Conn& c, domain::UserId id, bool off, std::optional<Millis> until) {
    SD_CHECK(c.Execute("UPDATE users SET off_queue = $2, off_queue_until = $3 WHERE id = $1",
                       {id, std::int64_t{off ? 1 : 0}, until ? Value{*until} : Value{nullptr}}));
    return {};
}

Result<std::vector<domain::User>> UsersWhoseOffQueueEnded(Conn& c, Millis now, int limit) {
    static const std::string sql =
        Sql("SELECT ", " FROM users u WHERE u.off_queue = 1 AND u.off_queue_until <= $1 ORDER BY u.off_queue_until "
                       "LIMIT $2");
    auto rows = SD_TRY(c.Query(sql, {now, std::int64_t{limit}}));
    std::vector<domain::User> users;
    for (const Row& r : rows) users.push_back(UserFrom(r));
    return users;
}

Result<bool> RevokeToken(Conn& c, std::string_view token_hash, Millis now) {
    auto n = SD_TRY(c.Execute("UPDATE auth_tokens SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
                              {std::string(token_hash), now}));
    return n > 0;
}

Result<void> SetCalendarToken(Conn& c, domain::UserId id, const std::string& token_hash) {
    SD_CHECK(c.Execute("UPDATE users SET calendar_token_hash = $2 WHERE id = $1", {id, token_hash}));
    return {};
}

Result<std::optional<domain::UserId>> UserByCalendarToken(Conn& c, std::string_view token_hash) {
    auto row = SD_TRY(c.QueryOne("SELECT id FROM users WHERE calendar_token_hash = $1 AND active = 1",
                                 {std::string(token_hash)}));
    if (!row) return std::optional<domain::UserId>{};
    return std::optional<domain::UserId>{row->Int(0)};
}

}  // namespace shiftdesk::store
