// The Asterisk Manager Interface driver (R13): call-forward lives in Asterisk's database (AstDB) under a family
// the site's dialplan reads (FreePBX: CF/<extension>). Apply = Login, DBPut, DBGet to read it back, Logoff;
// Remove = Login, DBDel ("Database entry not found" counts as removed), Logoff. One short TCP connection per call,
// with a deadline on every read and write. Thread-safe (no shared state between calls).
#pragma once

#include <string>

#include "integrations/telephony/phone_driver.hpp"

namespace shiftdesk::integrations {

struct AmiSettings {
    std::string host = "127.0.0.1";
    int port = 5038;
    std::string username;
    std::string secret;
    std::string family = "CF";  // the AstDB family for unconditional forwarding
    int timeout_ms = 5000;      // per connection attempt and per reply
};

class AsteriskAmiDriver final : public PhoneDriver {
 public:
    explicit AsteriskAmiDriver(AmiSettings settings) : settings_(std::move(settings)) {}
    std::string_view name() const override { return "asterisk_ami"; }
    DriverResult Apply(const DiversionOrder& order) override;
    DriverResult Remove(const DiversionOrder& order) override;
    std::chrono::milliseconds LongestCall() const override;

 private:
    AmiSettings settings_;
};

}  // namespace shiftdesk::integrations
