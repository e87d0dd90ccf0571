#!/usr/bin/python3
"""The layer check on small made-up trees: an include or a link that goes up a layer is caught and named, and one
that keeps to the table passes, so a passing `unit.layers.includes` means something."""
import contextlib
import io
import os
import tempfile
import unittest

import check_includes

GOOD_CMAKE = """
target_link_libraries(sd_common PUBLIC PkgConfig::SODIUM)
target_link_libraries(sd_domain PUBLIC sd_common)
target_link_libraries(sd_policy PUBLIC sd_domain)
target_link_libraries(sd_store PUBLIC sd_domain Boost::json PRIVATE PkgConfig::SQLITE3)
target_link_libraries(sd_app PUBLIC sd_policy sd_store sd_notify)
target_link_libraries(sd_jobs PUBLIC sd_app sd_notify sd_integrations)
target_link_libraries(sd_notify PUBLIC sd_common PRIVATE PkgConfig::LIBCURL)
target_link_libraries(sd_integrations PUBLIC sd_domain)
target_link_libraries(sd_http PUBLIC sd_app sd_integrations)
target_link_libraries(shiftdesk PRIVATE sd_http sd_jobs spdlog::spdlog)
"""


class Tree:
    """A throwaway repository: files under src/ and a CMakeLists.txt."""

    def __init__(self, test, files, cmake=GOOD_CMAKE):
        directory = tempfile.TemporaryDirectory()
        test.addCleanup(directory.cleanup)
        self.root = directory.name
        for path, text in files.items():
            full = os.path.join(self.root, "src", path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as file:
                file.write(text)
        with open(os.path.join(self.root, "CMakeLists.txt"), "w", encoding="utf-8") as file:
            file.write(cmake)

    def include_problems(self):
        return list(check_includes.include_violations(os.path.join(self.root, "src"), check_includes.MAY_USE))

    def link_problems(self):
        return list(check_includes.link_violations(os.path.join(self.root, "CMakeLists.txt"),
                                                   check_includes.MAY_USE))

    def run_main(self):
        with contextlib.redirect_stdout(io.StringIO()):
            return check_includes.main(["--source-dir", self.root])


LEGAL = {
    "common/result.hpp": "#pragma once\n",
    "domain/ticket.hpp": '#include "common/result.hpp"\n',
    "store/db.hpp": '#include "domain/ticket.hpp"\n#include <vector>\n',
    "store/sqlite/driver.cpp": '#include "store/db.hpp"\n#include "driver_detail.hpp"\n',
    "store/sqlite/driver_detail.hpp": "#pragma once\n",
    "app/desk.cpp": '#include "store/db.hpp"\n#include "common/result.hpp"\n',
    "cli/main.cpp": '#include "app/desk.hpp"\n',
}


class CheckIncludes(unittest.TestCase):
    def test_includes_down_the_layers_and_beside_the_file_pass(self):
        tree = Tree(self, LEGAL)
        self.assertEqual(tree.include_problems(), [])
        self.assertEqual(tree.link_problems(), [])
        self.assertEqual(tree.run_main(), 0)

    def test_an_include_up_a_layer_is_named_with_file_line_and_layers(self):
        upward = '#include "common/result.hpp"\n  #  include "store/db.hpp"\n'
        tree = Tree(self, dict(LEGAL, **{"domain/ticket.hpp": upward}))
        (problem,) = tree.include_problems()
        self.assertTrue(problem.endswith('domain/ticket.hpp:2: #include "store/db.hpp": domain may not use store '
                                         "(it uses common)"), problem)
        self.assertEqual(tree.run_main(), 1)

    def test_sibling_layers_may_not_use_each_other(self):
        tree = Tree(self, dict(LEGAL, **{"notify/mail.cpp": '#include "integrations/ics.hpp"\n',
                                   "http/router.cpp": '#include "jobs/runner.hpp"\n',
                                   "store/sqlite/driver.cpp": '#include "policy/decide.hpp"\n'}))
        problems = tree.include_problems()
        self.assertEqual(len(problems), 3, problems)
        self.assertTrue(any("notify may not use integrations" in p for p in problems))
        self.assertTrue(any("http may not use jobs" in p for p in problems))
        self.assertTrue(any("store may not use policy" in p for p in problems))

    def test_an_include_that_names_no_layer_is_caught(self):
        tree = Tree(self, dict(LEGAL, **{"app/desk.cpp": '#include "desk_detail.hpp"\n'}))
        (problem,) = tree.include_problems()
        self.assertIn("names no layer and no file beside it", problem)

    def test_a_directory_outside_the_layers_is_caught(self):
        tree = Tree(self, dict(LEGAL, **{"util/strings.hpp": "#pragma once\n"}))
        (problem,) = tree.include_problems()
        self.assertIn("a directory that is no layer", problem)

    def test_a_link_the_table_does_not_allow_is_caught(self):
        cmake = GOOD_CMAKE.replace("target_link_libraries(sd_store PUBLIC sd_domain",
                                   "target_link_libraries(sd_store PUBLIC sd_domain sd_policy")
        (problem,) = Tree(self, LEGAL, cmake).link_problems()
        self.assertIn("sd_store links policy, which the layer table does not allow", problem)

    def test_a_link_the_table_relies_on_that_is_gone_is_caught(self):
        cmake = GOOD_CMAKE.replace("sd_policy sd_store sd_notify", "sd_policy sd_store")
        problems = Tree(self, LEGAL, cmake).link_problems()
        self.assertIn("sd_app does not link notify", problems[0])


if __name__ == "__main__":
    unittest.main()
