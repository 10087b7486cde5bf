//! Integration tests for Cloudwright live in `integration/`; `src/bin/edit-loop` is a helper
//! process the durability test kills with SIGKILL.
