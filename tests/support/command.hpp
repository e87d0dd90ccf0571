// Runs a shell command for a test and collects what it printed (stdout and stderr together): for checking files
// with standard tools (Python's csv, email and openpyxl, libical's peers).
#pragma once

#include <string>

namespace shiftdesk::test {

struct CommandOutput {
    int status = -1;  // as pclose() returns it: 0 when the command exited 0
    std::string text;
};

CommandOutput RunCommand(const std::string& command);

// Runs `script` with Debian's /usr/bin/python3 (which sees python3-* packages), with `args` appended (quoted by
// the caller where needed).
CommandOutput RunPython(const std::string& script, const std::string& args = "");

// Whether Debian's python can import `module` (its python3-* package is installed).
bool PythonCanImport(const std::string& module);

}  // namespace shiftdesk::test
