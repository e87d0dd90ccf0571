// Use cases for people and credentials: adding users, logging in and out, API tokens, authenticating a request.
#include "app/people.hpp"

#include "app/command_support.hpp"
#include "app/validation.hpp"
#include "common/civil_time.hpp"
#include "common/crypto.hpp"
#include "common/time.hpp"
#include "store/events.hpp"
#include "store/leaves.hpp"
#include "store/notifications.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {
namespace {

domain::Actor ActorOf(const domain::User& u) { return domain::Actor{u.id, u.role, u.login, u.name}; }

// Verifying against a real hash when the login is unknown keeps both failures equally slow, so timing does not
// tell which logins exist.
const std::string& DummyHash() {
    static const std::string hash = HashPassword("not a password of anyone");
    return hash;
}

// What a client typed as a login (which may exist or not), fit for an audit line: printable ASCII, short.
std::string Printable(std::string_view text) {
    constexpr std::size_t kShown = 64;
    std::string out;
    for (const char ch : text.substr(0, kShown)) out += ch >= 0x20 && ch < 0x7f ? ch : '?';
    if (text.size() > kShown) out += "...";
    return out;
}

std::string Plural(std::int64_t n, std::string_view one) {
    return std::to_string(n) + " " + std::string(one) + (n == 1 ? "" : "s");
}

// The audit rows and the owner's notification of a failed sign-in, as its admission says (bounded per run).
Result<void> RecordFailedLogin(store::Conn& c, const std::optional<domain::Actor>& target, const LoginAttempt& attempt,
                               const std::string& refusal, const std::string& zone_name, Millis now) {
    const LoginAdmission& a = attempt.admission;
    const std::string login = Printable(attempt.login);
    const auto when = [&](Millis t) {
        auto zone = TimeZone::Find(zone_name, "calendar.time_zone");
        return zone ? zone->FormatLocal(t) + " " + std::string(zone->name()) : FormatRfc3339(t);
    };
    const auto audit = [&](std::string_view action, std::string message, std::vector<domain::FieldChange> changes) {
        domain::Event e;
        e.at = now;
        if (target) e.actor_id = target->id;
        e.action = action;
        e.outcome = domain::Outcome::kRefused;
        e.message = std::move(message);
        e.changes = std::move(changes);
        return store::AppendEvent(c, e);
    };
    if (a.audit) SD_CHECK(audit("session.refused", refusal, {{"address", {}, attempt.address}}));
    for (const ThrottleEpisode& e : a.episodes) {
        const std::string since = when(e.since);
        const std::string message =
            e.scope == ThrottleScope::kLogin
                ? "sign-ins at login '" + login + "' now wait: " + Plural(e.failures, "failure") + " since " + since +
                      ", the latest from " + attempt.address
                : "sign-ins from " + attempt.address + " now wait: " + Plural(e.failures, "failure") + " since " +
                      since + ", the latest at login '" + login + "'";
        SD_CHECK(audit("session.throttled", message,
                       {{"scope", {}, std::string(e.scope == ThrottleScope::kLogin ? "login" : "address")},
                        {"login", {}, login},
                        {"address", {}, attempt.address},
                        {"failures", {}, std::int64_t{e.failures}},
                        {"since", {}, FormatRfc3339(e.since)}}));
    }
    if (a.alert && target) {
        const FailureAlert& alert = *a.alert;
        store::Notification n;
        n.user_id = target->id;
        n.kind = "session.failed_sign_ins";
        n.message = Plural(alert.failures, "failed sign-in") + " to your account from " +
                    (alert.several_addresses ? "several addresses, the latest " + alert.address : alert.address) +
                    " since " + when(alert.since) + ". If they were not yours, tell an admin.";
        n.created_at = now;
        SD_CHECK(store::InsertNotification(c, n));
    }
    return {};
}

}  // namespace

void People::AddUser(AddUserCmd cmd, Done<domain::User> done) {
    domain::User user;
    auto checked = [&]() -> Result<void> {
        user.login = SD_TRY(CheckLogin("login", cmd.login));
        user.name = SD_TRY(CheckText("name", cmd.name, kOneLine));
        user.email = SD_TRY(CheckEmail("email", cmd.email));
        SD_CHECK(CheckPassword("password", cmd.password));
        if (!cmd.desk_phone.empty()) user.desk_phone = SD_TRY(CheckExtension("desk_phone", cmd.desk_phone));
        return {};
    }();
    if (!checked) return done(checked.error());
    user.role = cmd.role;
    user.active = true;
    // Hashing is slow on purpose; do it before taking the writer's time.
    const std::string hash = HashPassword(cmd.password, options_.password_cost);
    Write<domain::User>(
        std::nullopt,
        [user, hash](store::Conn& c, Millis now) mutable -> Result<domain::User> {
            if (SD_TRY(store::FindUserByLogin(c, user.login))) {
                Error e = MakeError(ErrorCode::kConflict, "login '" + user.login + "' is taken");
                e.field = "login";
                return e;
            }
            user.created_at = now;
            auto created = SD_TRY(store::InsertUser(c, user, hash));
            SD_CHECK(Record(c, ActorOf(created), now, "user.created", std::nullopt, rule::Id::kNone,
                            {{"login", {}, created.login}, {"role", {}, std::string(domain::ToString(created.role))}}));
            return created;
        },
        std::move(done));
}

Result<LoginAttempt> People::BeginLogin(std::string login, std::string address) {
    LoginAdmission admission = login_throttle_.Admit(login, address, clock_.Now());
    if (admission.retry_after) {
        const std::int64_t seconds = (*admission.retry_after + kSecond - 1) / kSecond;
        Error e = MakeError(ErrorCode::kThrottled,
                            std::string("too many failed sign-ins ") +
                                (admission.held_by == ThrottleScope::kLogin ? "at this login" : "from this address") +
                                ": try again in " + Plural(seconds, "second"));
        e.retry_after_seconds = seconds;
        return e;
    }
    return LoginAttempt{std::move(login), std::move(address), std::move(admission)};
}

void People::Login(LoginAttempt attempt, std::string password, Done<Session> done) {
    auto read = Read<std::optional<std::pair<domain::User, std::string>>>(
        [&](store::Conn& c) { return store::FindUserForLogin(c, attempt.login); });
    if (!read) return done(read.error());
    const auto& found = *read;
    const bool ok = found ? VerifyPassword(found->second, password) && found->first.active
                          : (VerifyPassword(DummyHash(), password), false);
    if (!ok) {
        const Error refused = MakeError(ErrorCode::kUnauthenticated, "login or password is wrong");
        // Past the allowance a failure is covered by its run's one audit row and nothing is written, so a loop of
        // wrong passwords cannot grow the audit trail. Whether anything is written depends on the counts alone,
        // never on whether the login exists.
        if (!attempt.admission.audit && attempt.admission.episodes.empty()) return done(refused);
        // The refusal is audited against the account it tried, when there is one.
        std::optional<domain::Actor> target;
        if (found) target = ActorOf(found->first);
        return Write<bool>(
            target,
            [target, attempt = std::move(attempt), message = refused.message,
             zone = options_.policy.calendar.time_zone](store::Conn& c, Millis now) -> Result<bool> {
                SD_CHECK(RecordFailedLogin(c, target, attempt, message, zone, now));
                return true;
            },
            [refused, done = std::move(done)](Result<bool> r) {
                if (!r) return done(r.error());
                done(refused);
            });
    }
    login_throttle_.Succeeded(attempt.login, attempt.address, clock_.Now());
    const domain::User user = found->first;
    Write<Session>(
        ActorOf(user),
        [user, lifetime = options_.session_lifetime](store::Conn& c, Millis now) -> Result<Session> {
            Session s{NewSecret("sds_"), NewSecret(""), now + lifetime, user};
            store::TokenRecord t;
            t.token_hash = Sha256Hex(s.token);
            t.user_id = user.id;
            t.kind = "session";
            t.csrf_token = s.csrf_token;
            t.created_at = now;
            t.expires_at = s.expires_at;
            SD_CHECK(store::InsertToken(c, t));
            SD_CHECK(Record(c, ActorOf(user), now, "session.created", std::nullopt, rule::Id::kNone, {}));
            SD_CHECK(AttachLeave(c, s.user, now));
            return s;
        },
        std::move(done), /*announce=*/false);  // a session is no change any screen shows
}

void People::Logout(const store::Credential& credential, Done<bool> done) {
    Write<bool>(
        ActorOf(credential.user),
        [hash = credential.token.token_hash, actor = ActorOf(credential.user)](store::Conn& c,
                                                                               Millis now) -> Result<bool> {
            const bool revoked = SD_TRY(store::RevokeToken(c, hash, now));
            if (revoked) SD_CHECK(Record(c, actor, now, "session.revoked", std::nullopt, rule::Id::kNone, {}));
            return revoked;
        },
        [this, hash = credential.token.token_hash, done = std::move(done)](Result<bool> r) {
            credentials_.Forget(hash);  // after the commit: from now on every read sees the revocation
            done(std::move(r));
        },
        /*announce=*/false);
}

void People::CreateApiToken(std::string login, std::string label, std::optional<Millis> lifetime, Done<ApiToken> done) {
    auto checked_label = CheckText("label", label.empty() ? "api" : label, kOneLine);
    if (!checked_label) return done(checked_label.error());
    Write<ApiToken>(
        std::nullopt,
        [login, label = *checked_label, lifetime](store::Conn& c, Millis now) -> Result<ApiToken> {
            auto user = SD_TRY(store::FindUserByLogin(c, login));
            if (!user) return Invalid("login", "no user with login '" + login + "'");
            ApiToken token{NewSecret("sdt_"), std::nullopt, *user};
            if (lifetime) token.expires_at = now + *lifetime;
            store::TokenRecord t;
            t.token_hash = Sha256Hex(token.token);
            t.user_id = user->id;
            t.kind = "api";
            t.label = label;
            t.created_at = now;
            t.expires_at = token.expires_at;
            SD_CHECK(store::InsertToken(c, t));
            SD_CHECK(
                Record(c, ActorOf(*user), now, "token.created", std::nullopt, rule::Id::kNone, {{"label", {}, label}}));
            return token;
        },
        std::move(done), /*announce=*/false);
}

Result<store::Credential> People::Authenticate(std::string_view secret) {
    const std::string hash = Sha256Hex(secret);
    auto cred = credentials_.Find(hash);
    if (!cred) {
        const auto epoch = credentials_.Epoch();
        cred = SD_TRY(
            Read<std::optional<store::Credential>>([&](store::Conn& c) { return store::FindCredential(c, hash); }));
        if (cred) credentials_.Remember(*cred, epoch);
    }
    const auto unauthenticated = [](std::string why) { return MakeError(ErrorCode::kUnauthenticated, std::move(why)); };
    if (!cred) return unauthenticated("unknown token");
    if (cred->token.revoked_at) return unauthenticated("the token was revoked; sign in again");
    if (cred->token.expires_at && *cred->token.expires_at <= clock_.Now()) {
        return unauthenticated("the token has expired; sign in again");
    }
    if (!cred->user.active) return unauthenticated("the account is disabled");
    return std::move(*cred);
}

Result<std::vector<domain::User>> People::ListUsers(const domain::Actor&) {
    const Millis now = clock_.Now();
    return Read<std::vector<domain::User>>([now](store::Conn& c) -> Result<std::vector<domain::User>> {
        auto users = SD_TRY(store::ListUsers(c));
        auto away = SD_TRY(store::LeavesAt(c, now));
        for (auto& u : users) {
            if (auto it = away.find(u.id); it != away.end()) u.on_leave = std::move(it->second);
        }
        return users;
    });
}

Result<domain::User> People::GetUser(const domain::Actor&, domain::UserId id) {
    const Millis now = clock_.Now();
    return Read<domain::User>([&](store::Conn& c) -> Result<domain::User> {
        auto user = SD_TRY(store::FindUser(c, id));
        if (!user) return NotFound("no user " + std::to_string(id));
        SD_CHECK(AttachLeave(c, *user, now));
        return std::move(*user);
    });
}

}  // namespace shiftdesk::app
