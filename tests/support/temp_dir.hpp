// A directory that exists for one test and is removed afterwards.
#pragma once

#include <filesystem>
#include <string>

namespace shiftdesk::test {

class TempDir {
 public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
    std::filesystem::path path_;
};

}  // namespace shiftdesk::test
