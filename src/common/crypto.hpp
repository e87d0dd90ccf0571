// Password hashing (argon2id), secret tokens and their digests, all through libsodium.
// Thread-safe once InitCrypto() has run (it is idempotent).
#pragma once

#include <string>
#include <string_view>

namespace shiftdesk {

// Must run once before any other function here; returns false if libsodium cannot start.
bool InitCrypto();

// The cost of a new password hash. The PHC string records it, so a changed cost never breaks old hashes.
struct PasswordCost {
    unsigned long long ops = 2;                // argon2id t
    std::size_t mem_bytes = 19 * 1024 * 1024;  // argon2id m (OWASP floor: 19 MiB)
};

// "$argon2id$v=19$m=19456,t=2,p=1$..." ; throws std::runtime_error when memory is short.
std::string HashPassword(std::string_view password, const PasswordCost& cost = {});
// Constant-time; false for a wrong password or an unparseable hash.
bool VerifyPassword(std::string_view phc_hash, std::string_view password);

// A fresh secret: prefix + 43 base64url characters (256 random bits).
std::string NewSecret(std::string_view prefix);
// SHA-256 of the text as 64 lowercase hex characters: what the database keeps instead of a secret.
std::string Sha256Hex(std::string_view text);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace shiftdesk
