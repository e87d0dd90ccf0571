// Users and their credentials (password hashes, session and API tokens). Functions run on the caller's Conn.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "store/db.hpp"

namespace shiftdesk::store {

Result<std::optional<domain::User>> FindUser(Conn& c, domain::UserId id);
// With the password hash: for logging in only.
Result<std::optional<std::pair<domain::User, std::string>>> FindUserForLogin(Conn& c, std::string_view login);
Result<std::optional<domain::User>> FindUserByLogin(Conn& c, std::string_view login);
// Fails with kConflict when the login is taken.
Result<domain::User> InsertUser(Conn& c, const domain::User& user, const std::string& password_hash);
Result<std::vector<domain::User>> ListUsers(Conn& c);
Result<std::int64_t> CountUsers(Conn& c);
// R13: the user's desk phone extension; nullopt: they have none.
Result<void> SetDeskPhone(Conn& c, domain::UserId id, const std::optional<std::string>& extension);

// R6: puts the user off queue (until `until`, or until a lead ends it when absent), or back on queue.
Result<void> SetOffQueue(Conn& c, domain::UserId id, bool off, std::optional<Millis> until);
// Off-queue windows that have reached their end but are still marked: the due work of the queue.
Result<std::vector<domain::User>> UsersWhoseOffQueueEnded(Conn& c, Millis now, int limit);

// Calendar feeds: only the SHA-256 of a feed's secret is kept; a new one replaces the old.
Result<void> SetCalendarToken(Conn& c, domain::UserId id, const std::string& token_hash);
Result<std::optional<domain::UserId>> UserByCalendarToken(Conn& c, std::string_view token_hash);

struct TokenRecord {
    std::string token_hash;  // SHA-256 of the secret; the secret itself is never stored
    domain::UserId user_id = 0;
    std::string kind;        // "session" or "api"
    std::string csrf_token;  // sessions only
    std::string label;
    Millis created_at = 0;
    std::optional<Millis> expires_at;
    std::optional<Millis> revoked_at;
};

struct Credential {
    domain::User user;
    TokenRecord token;
};

Result<void> InsertToken(Conn& c, const TokenRecord& token);
// The token and its user, whatever the token's state: the caller decides about expiry and revocation.
Result<std::optional<Credential>> FindCredential(Conn& c, std::string_view token_hash);
// Returns whether a live token was revoked.
Result<bool> RevokeToken(Conn& c, std::string_view token_hash, Millis now);

}  // namespace shiftdesk::store
