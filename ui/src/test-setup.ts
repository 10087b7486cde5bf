// Vitest runs without globals, so Testing Library cannot register its own cleanup.
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy… and waitFor wait for what a screen shows after its commands answer; on a loaded
// 2-core machine (CI, or builds beside the tests) a second was seen to be too short for a
// detail that reads its record, then its files' states. A bound, not a speed requirement.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  globalThis.localStorage?.clear();
});
