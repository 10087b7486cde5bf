// Generated from the Rust command and event types; regenerate rather than edit.
// This first version is empty: the app exposes no commands or events yet.

/** Command name -> its `args` object and its `result`. */
export interface Commands {}

/** Event name -> its payload. */
export interface Events {}
