// People and credentials: users, signing in and out (with throttling), API tokens, authenticating a request, desk
// phones (R13). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/credential_cache.hpp"
#include "app/login_throttle.hpp"
#include "domain/entities.hpp"
#include "store/users.hpp"

namespace shiftdesk::app {

struct AddUserCmd {
    std::string login;
    std::string name;
    std::string email;
    domain::Role role = domain::Role::kEngineer;
    std::string password;
    std::string desk_phone;  // empty: none (R13)
};

struct Session {
    std::string token;  // the secret, shown once
    std::string csrf_token;
    Millis expires_at = 0;
    domain::User user;
};

struct ApiToken {
    std::string token;
    std::optional<Millis> expires_at;
    domain::User user;
};

// A sign-in attempt the throttle has heard (People::BeginLogin), for People::Login to finish.
struct LoginAttempt {
    std::string login;
    std::string address;  // the client's, as the throttle counts it
    LoginAdmission admission;
};

// The use cases of people and credentials.
class People : public Module {
 public:
    explicit People(const Context& ctx) : Module(ctx), login_throttle_(ctx.options.login) {}

    void AddUser(AddUserCmd cmd, Done<domain::User> done);
    // Signing in takes two steps. BeginLogin is cheap (call it on the I/O thread): kThrottled, with the wait, when
    // failed sign-ins at this login or from this address must slow down — then nothing is checked or written —
    // and otherwise the attempt, counted as failed until Login finds the password right.
    Result<LoginAttempt> BeginLogin(std::string login, std::string address);
    // Checks the password on the caller's thread (argon2id is slow on purpose: call it off the I/O threads),
    // then records the session. A wrong login and a wrong password fail alike, with kUnauthenticated.
    void Login(LoginAttempt attempt, std::string password, Done<Session> done);
    // Revokes the token the request was signed in with.
    void Logout(const store::Credential& credential, Done<bool> done);
    void CreateApiToken(std::string login, std::string label, std::optional<Millis> lifetime, Done<ApiToken> done);
    // The user and token behind a secret; kUnauthenticated when unknown, expired or revoked.
    Result<store::Credential> Authenticate(std::string_view secret);
    Result<std::vector<domain::User>> ListUsers(const domain::Actor& actor);
    Result<domain::User> GetUser(const domain::Actor& actor, domain::UserId id);
    // R13: a user's desk phone extension (nullopt: none). The user themselves, a lead or an admin sets it.
    void SetDeskPhone(const domain::Actor& actor, domain::UserId user, std::optional<std::string> extension,
                      Done<domain::User> done);

 private:
    CredentialCache credentials_;
    LoginThrottle login_throttle_;
};

}  // namespace shiftdesk::app
