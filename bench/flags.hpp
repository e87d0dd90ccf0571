// The bench programs' command lines: "--flag value" or "--flag=value", numbers read strictly. Header-only.
#pragma once

#include <charconv>
#include <cstdlib>
#include <optional>
#include <string>

namespace shiftdesk::bench {

class FlagReader {
 public:
    // `usage` prints what is wrong and the program's usage, and exits.
    using Usage = void (*)(const std::string& why);

    FlagReader(int argc, char** argv, Usage usage) : argc_(argc), argv_(argv), usage_(usage) {}

    // Moves to the next flag; false after the last one.
    bool Next() {
        if (++i_ >= argc_) return false;
        name_ = argv_[i_];
        inline_value_.reset();
        if (const auto eq = name_.find('='); name_.starts_with("--") && eq != std::string::npos) {
            inline_value_ = name_.substr(eq + 1);
            name_ = name_.substr(0, eq);
        }
        return true;
    }
    const std::string& name() const { return name_; }

    // The flag's value: after '=', or the next argument.
    std::string Value() {
        if (inline_value_) return *inline_value_;
        if (i_ + 1 >= argc_) Fail(name_ + " needs a value");
        return argv_[++i_];
    }

    template <class T>
    T Number() {
        const std::string text = Value();
        T v{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc{} || end != text.data() + text.size()) Fail(name_ + " needs a number, not '" + text + "'");
        return v;
    }

    [[noreturn]] void Fail(const std::string& why) const {
        usage_(why);
        std::abort();  // usage exits; this only tells the compiler so
    }

 private:
    int argc_;
    char** argv_;
    Usage usage_;
    int i_ = 0;
    std::string name_;
    std::optional<std::string> inline_value_;
};

}  // namespace shiftdesk::bench
