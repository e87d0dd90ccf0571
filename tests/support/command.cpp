#include "support/command.hpp"

#include <cstdio>
#include <fstream>

#include "support/peer_process.hpp"
#include "support/temp_dir.hpp"

namespace shiftdesk::test {

CommandOutput RunCommand(const std::string& command) {
    CommandOutput out;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return out;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, n);
    out.status = pclose(pipe);
    return out;
}

CommandOutput RunPython(const std::string& script, const std::string& args) {
    TempDir dir;
    const std::string path = dir.File("script.py");
    std::ofstream(path) << script;
    return RunCommand(std::string(kDebianPython) + " " + path + " " + args);
}

bool PythonCanImport(const std::string& module) {
    return RunCommand(std::string(kDebianPython) + " -c 'import " + module + "'").status == 0;
}

}  // namespace shiftdesk::test
