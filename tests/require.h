// A test that needs a real tool (heartbeat, ocf-tester, crm_verify, the
// resource-agents, root for namespaces) states it with OCF_REQUIRE. On a
// developer's machine without the tool the test is skipped and says why;
// tests/run (what CI runs, after .ci/setup installed every tool) sets
// OCFBRIDGE_REQUIRE_REAL_TOOLS=1, and then a missing tool is a failure, so
// nothing the issues name can pass by not running.
#pragma once

#include <cstdlib>

#include <gtest/gtest.h>

#define OCF_REQUIRE(condition, why)                                   \
  do {                                                                \
    if (!(condition)) {                                               \
      if (std::getenv("OCFBRIDGE_REQUIRE_REAL_TOOLS") != nullptr)     \
        GTEST_FAIL() << "required, and missing: " << why;             \
      else                                                            \
        GTEST_SKIP() << why;                                          \
    }                                                                 \
  } while (0)
