//! The door between the window and Rust: how a declared command runs and how the TypeScript
//! map of commands and events is written. It knows no command; the one list of them is
//! `declare_commands!` in `commands/mod.rs`, which this file's macros turn into
//!
//! - [`handler`](crate::commands::handler), the invoke handler `main.rs` gives Tauri: it
//!   matches the name, decodes the arguments into the command's own argument type, refuses a
//!   write the account's role does not allow (`access.rs`, before anything is written), runs
//!   the command on a blocking thread and, after a `write` succeeds, tells the window that the
//!   workspace changed (one event, `workspace_changed`) and wakes the sync worker;
//! - the `Commands` and `Events` interfaces of `ui/src/bindings/commands.ts`, written by the
//!   `commands_ts_is_current` test from the same functions' Rust argument and result types
//!   through ts-rs (`<T as TS>::name()` for results, the argument struct inlined).
//!
//! A command is a plain function `fn(&Ctx, Args) -> Reply<Result>` (an upload also gets the
//! body's bytes), so its types are written once, in Rust, and everything else is inferred.
//! Tauri's `#[tauri::command]` + `generate_handler!` would need each command's argument list
//! spelled out in a wrapper signature; this dispatcher infers it from the function instead.

use serde::de::DeserializeOwned;
use serde::Serialize;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeMessage, InvokeResponseBody, IpcResponse};
use tauri::{Emitter, Manager};

use crate::commands::Ctx;
use crate::error::CommandError;

/// What every command returns: its answer, or the one error shape the UI reads.
pub type Reply<T> = Result<T, CommandError>;

/// The header that carries an upload's arguments, as URI-encoded JSON (header values are
/// ASCII); the body is the file's bytes as they are.
pub const UPLOAD_ARGS_HEADER: &str = "x-args";

/// Whether a command may change what reads return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Leaves every other read's answer as it was.
    Read,
    /// May change what reads return: after it succeeds every screen reads again and the sync
    /// worker is woken.
    Write,
}

/// Runs a `read` command: JSON arguments, nothing announced afterwards.
pub fn read<A, R, F>(invoke: Invoke, command: F)
where
    A: DeserializeOwned + 'static,
    R: IpcResponse + 'static,
    F: Fn(&Ctx, A) -> Reply<R> + Send + 'static,
{
    json(invoke, Access::Read, command);
}

/// Runs a `write` command: JSON arguments, and `workspace_changed` once it succeeded.
pub fn write<A, R, F>(invoke: Invoke, command: F)
where
    A: DeserializeOwned + 'static,
    R: IpcResponse + 'static,
    F: Fn(&Ctx, A) -> Reply<R> + Send + 'static,
{
    json(invoke, Access::Write, command);
}

/// A command with JSON arguments, read or write.
fn json<A, R, F>(invoke: Invoke, access: Access, command: F)
where
    A: DeserializeOwned + 'static,
    R: IpcResponse + 'static,
    F: Fn(&Ctx, A) -> Reply<R> + Send + 'static,
{
    run(invoke, access, move |cx, message| {
        command(cx, json_args(message)?)
    });
}

/// Runs an `upload`: a write whose body is a file's bytes, its arguments in
/// [`UPLOAD_ARGS_HEADER`].
pub fn upload<A, R, F>(invoke: Invoke, command: F)
where
    A: DeserializeOwned + 'static,
    R: IpcResponse + 'static,
    F: Fn(&Ctx, A, &[u8]) -> Reply<R> + Send + 'static,
{
    run(invoke, Access::Write, move |cx, message| {
        let (bytes, args) = upload_parts(message)?;
        command(cx, args, bytes)
    });
}

/// Answers the window from a blocking thread, so long work (imports, PDFs, a sync login)
/// never holds up the async runtime that carries the window's messages.
fn run<R: IpcResponse + 'static>(
    invoke: Invoke,
    access: Access,
    work: impl FnOnce(&Ctx, &InvokeMessage) -> Reply<R> + Send + 'static,
) {
    let Invoke {
        message, resolver, ..
    } = invoke;
    let cx = Ctx::new(message.webview_ref().app_handle().clone());
    resolver.respond_async_serialized(async move {
        let answer = tauri::async_runtime::spawn_blocking(move || {
            // The role the roster gives this account decides before anything is written.
            if access == Access::Write {
                crate::access::may_write(&cx, message.command())?;
            }
            let answer = work(&cx, &message)?;
            if access == Access::Write {
                crate::commands::changed_locally(&cx);
            }
            answer
                .body()
                .map_err(|error| CommandError::new("ipc", error.to_string()))
        })
        .await
        .map_err(|error| CommandError::new("io", error.to_string()))
        .and_then(|answer| answer);
        answer.map_err(InvokeError::from)
    });
}

/// The arguments of a JSON command. A body that does not decode is the UI's mistake (the
/// generated types should have caught it), so it gets kind `ipc` like Tauri's own failures.
fn json_args<A: DeserializeOwned>(message: &InvokeMessage) -> Reply<A> {
    match message.payload() {
        InvokeBody::Json(value) => A::deserialize(value).map_err(|error| {
            CommandError::new(
                "ipc",
                format!("arguments of {}: {error}", message.command()),
            )
        }),
        InvokeBody::Raw(_) => Err(CommandError::new(
            "ipc",
            format!("{} takes JSON arguments, not bytes", message.command()),
        )),
    }
}

/// The parts of an upload (`ipc.ts`'s `upload`): the body's bytes, and the arguments from
/// [`UPLOAD_ARGS_HEADER`].
fn upload_parts<A: DeserializeOwned>(message: &InvokeMessage) -> Reply<(&[u8], A)> {
    let InvokeBody::Raw(bytes) = message.payload() else {
        return Err(CommandError::new(
            "invalid",
            "the file must be sent as raw bytes",
        ));
    };
    let args = message
        .headers()
        .get(UPLOAD_ARGS_HEADER)
        .and_then(|value| value.to_str().ok())
        .and_then(percent_decode)
        .and_then(|json| serde_json::from_str(&json).ok())
        .ok_or_else(|| {
            CommandError::new(
                "invalid",
                format!("the {UPLOAD_ARGS_HEADER} header is missing or unreadable"),
            )
        })?;
    Ok((bytes, args))
}

/// Decodes `%XX` escapes (what `encodeURIComponent` writes); header values are ASCII only.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    /// What `encodeURIComponent(JSON.stringify(args))` writes for a Korean file name.
    #[test]
    fn upload_arguments_decode_what_the_window_encoded() {
        let header =
            "%7B%22id%22%3A%2201A%22%2C%22name%22%3A%22%EB%9E%99%20%EC%82%AC%EC%A7%84.jpg%22%7D";
        assert_eq!(
            super::percent_decode(header).as_deref(),
            Some(r#"{"id":"01A","name":"랙 사진.jpg"}"#)
        );
        assert_eq!(super::percent_decode("%E"), None);
        assert_eq!(super::percent_decode("%FF"), None);
    }
}

/// An answer that is a file's bytes, sent as they are (an `ArrayBuffer` in the window).
pub struct Bytes(pub Vec<u8>);

impl IpcResponse for Bytes {
    fn body(self) -> tauri::Result<InvokeResponseBody> {
        Ok(InvokeResponseBody::Raw(self.0))
    }
}

impl ts_rs::TS for Bytes {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "ArrayBuffer".to_owned()
    }

    fn inline(config: &ts_rs::Config) -> String {
        Self::name(config)
    }
}

/// An event Rust sends to the window; `declare_events!` names each payload type once.
pub trait Event: Serialize + Clone {
    const NAME: &'static str;
}

/// Sends an event to the window. A window that is gone has nobody to tell, so a failure is
/// only logged.
pub fn emit<E: Event>(app: &tauri::AppHandle, payload: E) {
    if let Err(error) = app.emit(E::NAME, payload) {
        tracing::warn!(%error, event = E::NAME, "event could not be sent");
    }
}

/// Turns the list of commands (grouped by area module) into the invoke handler and, for
/// tests, their TypeScript signatures. `read`, `write` and `upload` are the functions above.
macro_rules! declare_commands {
    ($( $area:ident { $( $access:ident $name:ident ),* $(,)? } )*) => {
        /// The invoke handler: runs the command the window named, or says it knows none.
        pub fn handler(invoke: tauri::ipc::Invoke) -> bool {
            match invoke.message.command() {
                $($( stringify!($name) => $crate::ipc::$access(invoke, $area::$name), )*)*
                _ => return false,
            }
            true
        }

        /// Every command's name and TypeScript signature, in the order of the list.
        #[cfg(test)]
        pub fn signatures() -> Vec<$crate::ipc::typescript::Signature> {
            vec![$($(
                $crate::ipc::typescript::Signature::$access(
                    stringify!($area),
                    stringify!($name),
                    $area::$name,
                ),
            )*)*]
        }
    };
}
pub(crate) use declare_commands;

/// Names each event's payload type once: the name it is sent under, and (for tests) its entry
/// in the TypeScript `Events` map.
macro_rules! declare_events {
    ($( $name:ident: $payload:ty ),* $(,)?) => {
        $( impl $crate::ipc::Event for $payload {
            const NAME: &'static str = stringify!($name);
        } )*

        /// Every event's name and TypeScript payload.
        #[cfg(test)]
        pub fn event_signatures() -> Vec<$crate::ipc::typescript::EventSignature> {
            vec![$( $crate::ipc::typescript::EventSignature::of::<$payload>(stringify!($name)), )*]
        }
    };
}
pub(crate) use declare_events;

/// `ui/src/bindings/commands.ts`, from the declared commands' Rust types.
#[cfg(test)]
pub mod typescript {
    use std::collections::BTreeMap;

    use ts_rs::{Config, Dependency, TypeVisitor, TS};

    use super::{Access, Reply};
    use crate::commands::Ctx;

    /// The TypeScript files a signature names, by type name: `AssetRow` → `./AssetRow`.
    /// Visiting a type also exports it (with what it names), so the file it imports exists.
    struct Imports<'c> {
        config: &'c Config,
        files: BTreeMap<String, String>,
    }

    impl TypeVisitor for Imports<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            let Some(dependency) = Dependency::from_ty::<T>(self.config) else {
                return;
            };
            if let Err(error) = T::export_all(self.config) {
                panic!("{} could not be exported: {error}", dependency.ts_name);
            }
            let file = dependency.output_path.with_extension("");
            self.files.insert(
                dependency.ts_name,
                format!("./{}", file.display()).replace('\\', "/"),
            );
        }
    }

    impl Imports<'_> {
        /// A type used by name, and every type inside its generic arguments (`Vec<AssetRow>`).
        fn named<T: TS + 'static>(&mut self) -> String {
            self.visit::<T>();
            T::visit_generics(self);
            T::name(self.config)
        }

        /// A struct written out in place (a command's arguments): the types its fields name.
        fn inlined<T: TS + 'static>(&mut self) -> String {
            T::visit_dependencies(self);
            T::inline(self.config)
        }
    }

    pub struct Signature {
        pub area: &'static str,
        pub name: &'static str,
        pub access: Access,
        args: String,
        upload: bool,
        result: String,
        files: BTreeMap<String, String>,
    }

    impl Signature {
        fn of<A: TS + 'static, R: TS + 'static>(
            area: &'static str,
            name: &'static str,
            access: Access,
            upload: bool,
        ) -> Self {
            let config = Config::from_env();
            let mut imports = Imports {
                config: &config,
                files: BTreeMap::new(),
            };
            let args = imports.inlined::<A>();
            let result = imports.named::<R>();
            Signature {
                area,
                name,
                access,
                args,
                upload,
                result,
                files: imports.files,
            }
        }

        pub fn read<A: TS + 'static, R: TS + 'static>(
            area: &'static str,
            name: &'static str,
            _: impl Fn(&Ctx, A) -> Reply<R>,
        ) -> Self {
            Self::of::<A, R>(area, name, Access::Read, false)
        }

        pub fn write<A: TS + 'static, R: TS + 'static>(
            area: &'static str,
            name: &'static str,
            _: impl Fn(&Ctx, A) -> Reply<R>,
        ) -> Self {
            Self::of::<A, R>(area, name, Access::Write, false)
        }

        pub fn upload<A: TS + 'static, R: TS + 'static>(
            area: &'static str,
            name: &'static str,
            _: impl Fn(&Ctx, A, &[u8]) -> Reply<R>,
        ) -> Self {
            Self::of::<A, R>(area, name, Access::Write, true)
        }
    }

    pub struct EventSignature {
        name: &'static str,
        payload: String,
        files: BTreeMap<String, String>,
    }

    impl EventSignature {
        pub fn of<P: TS + 'static>(name: &'static str) -> Self {
            let config = Config::from_env();
            let mut imports = Imports {
                config: &config,
                files: BTreeMap::new(),
            };
            let payload = imports.named::<P>();
            EventSignature {
                name,
                payload,
                files: imports.files,
            }
        }
    }

    /// The whole file: imports, then `Commands` (area by area, as listed), then `Events`.
    pub fn file(commands: &[Signature], events: &[EventSignature]) -> String {
        let mut files = BTreeMap::new();
        for signature in commands {
            files.extend(signature.files.clone());
        }
        for event in events {
            files.extend(event.files.clone());
        }
        let mut text = String::from(
            "// Generated from the command list in src-tauri/src/commands/mod.rs by\n\
             // `cargo test -p cloudwright-app`. Do not edit.\n",
        );
        for (name, file) in &files {
            text.push_str(&format!("import type {{ {name} }} from \"{file}\";\n"));
        }
        text.push_str(
            "\n/** Every command: its arguments, an upload's body, its result, and whether it \
             writes (after a write, Rust sends `workspace_changed`). */\n",
        );
        text.push_str("export interface Commands {\n");
        let mut area = "";
        for signature in commands {
            if signature.area != area {
                area = signature.area;
                text.push_str(&format!("  // {area}\n"));
            }
            let body = if signature.upload {
                " body: Uint8Array;"
            } else {
                ""
            };
            let writes = signature.access == Access::Write;
            text.push_str(&format!(
                "  {}: {{ args: {};{body} result: {}; writes: {writes} }};\n",
                signature.name, signature.args, signature.result
            ));
        }
        text.push_str("}\n\nexport interface Events {\n");
        for event in events {
            text.push_str(&format!("  {}: {};\n", event.name, event.payload));
        }
        text.push_str("}\n");
        text
    }
}
