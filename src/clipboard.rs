//! Copying text for the attendant: boleto lines, PIX codes, protocols,
//! logins, IPs.
//!
//! Attendants often run the console on a jump host over SSH, where a native
//! clipboard tool would fill the *server's* clipboard (or fail for lack of
//! a display). So the choice is:
//!
//! - over SSH, or with no local display: OSC 52, the escape sequence that
//!   asks the attendant's own terminal emulator to set its clipboard. Inside
//!   tmux it is wrapped in tmux's DCS passthrough (tmux ≥ 3.3 also needs
//!   `set -g allow-passthrough on`), inside GNU screen in DCS chunks, since
//!   screen truncates long DCS strings;
//! - on a local display (`WAYLAND_DISPLAY` / `DISPLAY`, not SSH) or on
//!   macOS: a native tool (`wl-copy`, `xclip`, `xsel`, `pbcopy`), spawned
//!   with `tokio::process` so the UI never waits for it. If none is
//!   installed, OSC 52 is tried last.
//!
//! The decision is a pure function of an injected [`Env`] ([`plan`]) and
//! the escape sequence a pure function of the text ([`osc52_sequence`]), so
//! both are unit-tested without a terminal. [`copy`] runs the plan.
//!
//! The text is sanitized first ([`crate::sanitize::clean_line`]): a value
//! from the server carrying an escape sequence must not reach the
//! clipboard (and through it a shell) as a live control, and what is
//! pasted is then exactly what the attendant saw on screen.

#![warn(missing_docs)]

use std::io;
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::io::AsyncWriteExt as _;

use crate::i18n::{Lang, Msg, tr, trf};

/// Largest base64 payload sent in one OSC 52 sequence. 74,994 bytes is the
/// limit of several common terminals (hterm/Chrome OS, and the figure k9s
/// and vim-oscyank use); beyond it terminals silently drop the sequence, so
/// it is refused with a clear message instead.
pub const OSC52_MAX_BASE64: usize = 74_994;

/// GNU screen passes DCS strings through only up to a fixed buffer; 76
/// bytes per chunk is the size known to work with every screen release.
pub const SCREEN_CHUNK: usize = 76;

/// How long a native tool may take to read the text and exit. `xclip` and
/// `wl-copy` fork a child that keeps serving the selection, so the parent
/// returns at once; a tool still running after this is considered stuck.
pub const NATIVE_TIMEOUT: Duration = Duration::from_secs(5);

/// The facts the choice depends on, read once from the process (see
/// [`Env::from_process`]) or built by tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Env {
    /// `SSH_CONNECTION`, `SSH_TTY` or `SSH_CLIENT` is set.
    pub ssh: bool,
    /// `TMUX` is set: the terminal is a tmux pane.
    pub tmux: bool,
    /// `STY` is set: the terminal is a GNU screen window.
    pub screen: bool,
    /// `WAYLAND_DISPLAY` is set.
    pub wayland: bool,
    /// `DISPLAY` is set (X11 or XWayland).
    pub x11: bool,
    /// Running on macOS, where `pbcopy` needs no display variable.
    pub macos: bool,
    /// Standard output is a terminal (OSC 52 written anywhere else would
    /// land in a file or pipe as garbage).
    pub stdout_tty: bool,
}

impl Env {
    /// Reads the environment through `get` (a variable set to the empty
    /// string counts as unset, as shells leave `DISPLAY=` behind).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>, stdout_tty: bool) -> Env {
        let set = |k: &str| get(k).is_some_and(|v| !v.trim().is_empty());
        Env {
            ssh: set("SSH_CONNECTION") || set("SSH_TTY") || set("SSH_CLIENT"),
            tmux: set("TMUX"),
            screen: set("STY"),
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
            macos: cfg!(target_os = "macos"),
            stdout_tty,
        }
    }

    /// The real process environment and whether stdout is a terminal.
    pub fn from_process() -> Env {
        use std::io::IsTerminal;
        Env::from_lookup(|k| std::env::var(k).ok(), io::stdout().is_terminal())
    }

    /// Whether a native tool can reach the attendant's clipboard: a local
    /// graphical session, never an SSH one (its clipboard is the server's).
    pub fn local_display(&self) -> bool {
        !self.ssh && (self.wayland || self.x11 || self.macos)
    }

    /// The multiplexer OSC 52 must be wrapped for. tmux wins when both are
    /// set: a tmux started inside screen inherits `STY`, and tmux is then
    /// the one reading our output.
    pub fn multiplexer(&self) -> Multiplexer {
        if self.tmux {
            Multiplexer::Tmux
        } else if self.screen {
            Multiplexer::Screen
        } else {
            Multiplexer::None
        }
    }
}

/// A terminal multiplexer between the console and the terminal emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    /// None: the sequence goes to the emulator as is.
    None,
    /// tmux: DCS passthrough with doubled ESCs.
    Tmux,
    /// GNU screen: the sequence split into DCS chunks.
    Screen,
}

/// A native clipboard program and its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeTool {
    /// Program name, looked up in `PATH`.
    pub program: &'static str,
    /// Arguments that make it read the text from stdin into the clipboard.
    pub args: &'static [&'static str],
}

impl NativeTool {
    /// Wayland.
    pub const WL_COPY: NativeTool = NativeTool {
        program: "wl-copy",
        args: &[],
    };
    /// X11: the CLIPBOARD selection (Ctrl-V), not PRIMARY (middle click).
    pub const XCLIP: NativeTool = NativeTool {
        program: "xclip",
        args: &["-selection", "clipboard"],
    };
    /// X11 alternative when xclip is not installed.
    pub const XSEL: NativeTool = NativeTool {
        program: "xsel",
        args: &["--clipboard", "--input"],
    };
    /// macOS.
    pub const PBCOPY: NativeTool = NativeTool {
        program: "pbcopy",
        args: &[],
    };
}

/// One way of copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An OSC 52 sequence written to the terminal, wrapped for the multiplexer.
    Osc52(Multiplexer),
    /// A native tool fed through its stdin.
    Native(NativeTool),
}

/// Why copying failed; [`CopyError::reason`] gives the localized text for
/// the catalog's `CopyFailed{reason}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyError {
    /// Nothing left to copy after sanitizing.
    Empty,
    /// OSC 52 is the only way and stdout is not a terminal.
    NotATerminal,
    /// The encoded text exceeds [`OSC52_MAX_BASE64`].
    TooLarge {
        /// Base64 bytes the text needs.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// No native tool is installed and OSC 52 was not possible.
    NoTool,
    /// A native tool ran and failed or hung.
    ToolFailed {
        /// The program.
        tool: &'static str,
        /// Exit status or I/O error, short.
        detail: String,
    },
    /// A native tool did not exit within [`NATIVE_TIMEOUT`].
    ToolTimeout {
        /// The program.
        tool: &'static str,
        /// The timeout.
        seconds: u64,
    },
    /// Writing the sequence to the terminal failed.
    Write {
        /// The I/O error.
        detail: String,
    },
}

impl CopyError {
    /// The reason in `lang`, for `Msg::CopyFailed`'s `{reason}`.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            CopyError::Empty => tr(lang, Msg::CopyErrEmpty).to_owned(),
            CopyError::NotATerminal => tr(lang, Msg::CopyErrNotTerminal).to_owned(),
            CopyError::TooLarge { size, max } => {
                trf(lang, Msg::CopyErrTooLarge, &[("size", size), ("max", max)])
            }
            CopyError::NoTool => tr(lang, Msg::CopyErrNoTool).to_owned(),
            CopyError::ToolFailed { tool, detail } => trf(
                lang,
                Msg::CopyErrToolFailed,
                &[("tool", tool), ("detail", detail)],
            ),
            CopyError::ToolTimeout { tool, seconds } => trf(
                lang,
                Msg::CopyErrToolTimeout,
                &[("tool", tool), ("seconds", seconds)],
            ),
            CopyError::Write { detail } => trf(lang, Msg::CopyErrWrite, &[("detail", detail)]),
        }
    }
}

/// The methods to try, in order, for `env`; an error when there is none.
///
/// Over SSH, or without a local display, only OSC 52 can reach the
/// attendant's clipboard. On a local display the native tools come first
/// (they work in terminals without OSC 52 support) and OSC 52 is the last
/// resort when none is installed.
pub fn plan(env: &Env) -> Result<Vec<Method>, CopyError> {
    let mut methods = Vec::new();
    if env.local_display() {
        if env.wayland {
            methods.push(Method::Native(NativeTool::WL_COPY));
        }
        if env.x11 {
            methods.push(Method::Native(NativeTool::XCLIP));
            methods.push(Method::Native(NativeTool::XSEL));
        }
        if env.macos {
            methods.push(Method::Native(NativeTool::PBCOPY));
        }
    }
    if env.stdout_tty {
        methods.push(Method::Osc52(env.multiplexer()));
    }
    if methods.is_empty() {
        return Err(CopyError::NotATerminal);
    }
    Ok(methods)
}

/// The text as it will be copied: control characters and escape sequences
/// neutralised (see [`crate::sanitize`]), surrounding blanks trimmed.
pub fn prepare(text: &str) -> Result<String, CopyError> {
    let clean = crate::sanitize::clean_line(text);
    let trimmed = clean.trim();
    if trimmed.is_empty() {
        return Err(CopyError::Empty);
    }
    Ok(trimmed.to_owned())
}

/// The bytes that set the clipboard to `text` through OSC 52, wrapped for
/// `mux`. `text` should come from [`prepare`]; it is encoded as given.
///
/// The bare sequence is `ESC ] 52 ; c ; <base64> BEL` (BEL rather than
/// `ESC \` because more terminals accept it, and inside tmux it avoids a
/// second doubled ESC).
pub fn osc52_sequence(text: &str, mux: Multiplexer) -> Result<Vec<u8>, CopyError> {
    let encoded = BASE64.encode(text.as_bytes());
    if encoded.len() > OSC52_MAX_BASE64 {
        return Err(CopyError::TooLarge {
            size: encoded.len(),
            max: OSC52_MAX_BASE64,
        });
    }
    let mut bare = Vec::with_capacity(encoded.len() + 8);
    bare.extend_from_slice(b"\x1b]52;c;");
    bare.extend_from_slice(encoded.as_bytes());
    bare.push(0x07);
    Ok(match mux {
        Multiplexer::None => bare,
        Multiplexer::Tmux => wrap_tmux(&bare),
        Multiplexer::Screen => wrap_screen(&bare),
    })
}

/// tmux passthrough: `ESC P tmux; <seq with every ESC doubled> ESC \`.
fn wrap_tmux(seq: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(seq.len() + 16);
    out.extend_from_slice(b"\x1bPtmux;");
    for &b in seq {
        if b == 0x1b {
            out.push(0x1b);
        }
        out.push(b);
    }
    out.extend_from_slice(b"\x1b\\");
    out
}

/// GNU screen: the sequence cut into [`SCREEN_CHUNK`]-byte pieces, each in
/// its own `ESC P … ESC \`; screen passes each piece through and the
/// emulator sees the pieces joined.
fn wrap_screen(seq: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(seq.len() + seq.len() / SCREEN_CHUNK * 4 + 8);
    for chunk in seq.chunks(SCREEN_CHUNK) {
        out.extend_from_slice(b"\x1bP");
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\x1b\\");
    }
    out
}

/// What happened to one copy request, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// What was copied ([`Msg::WhatPixCode`], [`Msg::WhatProtocol`]...).
    pub what: Msg,
    /// The method that worked, or why none did.
    pub result: Result<Method, CopyError>,
}

impl CopyReport {
    /// Whether the text reached a clipboard (for OSC 52: was written to
    /// the terminal; whether the emulator honours it cannot be known).
    pub fn is_ok(&self) -> bool {
        self.result.is_ok()
    }

    /// `Copiado: código PIX` or `Não foi possível copiar: …`.
    pub fn status_text(&self, lang: Lang) -> String {
        match &self.result {
            Ok(_) => trf(lang, Msg::Copied, &[("what", &tr(lang, self.what))]),
            Err(e) => trf(lang, Msg::CopyFailed, &[("reason", &e.reason(lang))]),
        }
    }
}

/// Copies `text` (described by `what`) with the real terminal and tools:
/// OSC 52 goes through [`crate::tui::terminal::write_raw`].
///
/// Runs no blocking wait: native tools are awaited through
/// `tokio::process`. The console runs it from its effect runner (e.g.
/// `tokio::spawn(clipboard::copy(what, text, env))`) and sends the
/// [`CopyReport`] back as a message.
pub async fn copy(what: Msg, text: String, env: Env) -> CopyReport {
    copy_with(what, &text, &env, crate::tui::terminal::write_raw).await
}

/// [`copy`] with the terminal writer injected, for tests.
pub async fn copy_with(
    what: Msg,
    text: &str,
    env: &Env,
    mut write: impl FnMut(&[u8]) -> io::Result<()>,
) -> CopyReport {
    let result = async {
        let text = prepare(text)?;
        let methods = plan(env)?;
        run_plan(&methods, &text, &mut write).await
    }
    .await;
    CopyReport { what, result }
}

/// Tries `methods` in order until one works. A tool that fails also passes
/// to the next method: inside a tmux session re-attached over SSH,
/// `DISPLAY` is stale and xclip fails while OSC 52 still reaches the
/// attendant. When nothing works, the first tool failure is reported (it
/// says more than "not installed").
async fn run_plan(
    methods: &[Method],
    text: &str,
    write: &mut impl FnMut(&[u8]) -> io::Result<()>,
) -> Result<Method, CopyError> {
    let mut missing = false;
    let mut failure = None;
    for &method in methods {
        match method {
            Method::Osc52(mux) => {
                let bytes = osc52_sequence(text, mux)?;
                write(&bytes).map_err(|e| CopyError::Write {
                    detail: e.to_string(),
                })?;
                return Ok(method);
            }
            Method::Native(tool) => match run_tool(tool, text).await {
                Ok(()) => return Ok(method),
                Err(ToolError::NotInstalled) => missing = true,
                Err(ToolError::Failed(detail)) => {
                    failure.get_or_insert(CopyError::ToolFailed {
                        tool: tool.program,
                        detail,
                    });
                }
                Err(ToolError::TimedOut) => {
                    failure.get_or_insert(CopyError::ToolTimeout {
                        tool: tool.program,
                        seconds: NATIVE_TIMEOUT.as_secs(),
                    });
                }
            },
        }
    }
    Err(failure.unwrap_or(if missing {
        CopyError::NoTool
    } else {
        CopyError::NotATerminal
    }))
}

enum ToolError {
    NotInstalled,
    Failed(String),
    TimedOut,
}

/// Feeds `text` to `tool` and waits (asynchronously, bounded by
/// [`NATIVE_TIMEOUT`]) for it to exit. stdout and stderr go to null: the
/// forked child that keeps serving the selection would otherwise hold a
/// pipe open forever.
async fn run_tool(tool: NativeTool, text: &str) -> Result<(), ToolError> {
    let mut child = tokio::process::Command::new(tool.program)
        .args(tool.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => ToolError::NotInstalled,
            _ => ToolError::Failed(e.to_string()),
        })?;
    let work = async {
        if let Some(mut stdin) = child.stdin.take() {
            // A tool that exits without reading gives a broken pipe; its
            // exit status below tells the real story.
            let _ = stdin.write_all(text.as_bytes()).await;
            let _ = stdin.shutdown().await;
        }
        child.wait().await
    };
    match tokio::time::timeout(NATIVE_TIMEOUT, work).await {
        Ok(Ok(status)) if status.success() => Ok(()),
        Ok(Ok(status)) => Err(ToolError::Failed(status.to_string())),
        Ok(Err(e)) => Err(ToolError::Failed(e.to_string())),
        Err(_) => Err(ToolError::TimedOut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Env {
        Env {
            stdout_tty: true,
            ..Env::default()
        }
    }

    fn s(b: &[u8]) -> String {
        String::from_utf8(b.to_vec()).unwrap()
    }

    #[test]
    fn bare_sequence_is_osc52_with_base64_and_bel() {
        let seq = osc52_sequence("hello", Multiplexer::None).unwrap();
        assert_eq!(s(&seq), "\x1b]52;c;aGVsbG8=\x07");
        // Non-ASCII text is encoded as UTF-8 bytes.
        let seq = osc52_sequence("ção", Multiplexer::None).unwrap();
        assert_eq!(s(&seq), "\x1b]52;c;w6fDo28=\x07");
    }

    #[test]
    fn tmux_wraps_in_dcs_passthrough_with_doubled_escapes() {
        let seq = s(&osc52_sequence("hello", Multiplexer::Tmux).unwrap());
        assert_eq!(seq, "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\");
        // Exactly one ESC inside was doubled: opener, doubled pair, closer.
        assert_eq!(seq.matches('\x1b').count(), 4);
    }

    #[test]
    fn screen_splits_into_short_dcs_chunks_that_rejoin() {
        let text = "2".repeat(300);
        let seq = osc52_sequence(&text, Multiplexer::Screen).unwrap();
        let bare = osc52_sequence(&text, Multiplexer::None).unwrap();
        let seq = s(&seq);
        let pieces: Vec<&str> = seq
            .strip_prefix("\x1bP")
            .unwrap()
            .strip_suffix("\x1b\\")
            .unwrap()
            .split("\x1b\\\x1bP")
            .collect();
        assert_eq!(pieces.len(), bare.len().div_ceil(SCREEN_CHUNK));
        assert!(pieces.iter().all(|p| p.len() <= SCREEN_CHUNK));
        assert!(
            pieces[..pieces.len() - 1]
                .iter()
                .all(|p| p.len() == SCREEN_CHUNK)
        );
        assert_eq!(pieces.concat().as_bytes(), bare.as_slice());
    }

    #[test]
    fn size_cap_is_exact() {
        // 56,245 bytes encode to 74,996 base64 bytes (over); 56,244 to 74,992.
        let at = "a".repeat(OSC52_MAX_BASE64 / 4 * 3);
        assert!(osc52_sequence(&at, Multiplexer::None).is_ok());
        let over = "a".repeat(OSC52_MAX_BASE64 / 4 * 3 + 1);
        let err = osc52_sequence(&over, Multiplexer::Tmux).unwrap_err();
        assert_eq!(
            err,
            CopyError::TooLarge {
                size: 74_996,
                max: OSC52_MAX_BASE64
            }
        );
        assert_eq!(
            err.reason(Lang::PtBr),
            "texto grande demais para o terminal (74996 bytes em base64; máximo 74994)"
        );
    }

    #[test]
    fn prepare_removes_controls_and_escapes() {
        assert_eq!(prepare("  abc\t123 \n").unwrap(), "abc 123");
        let evil = prepare("login\x1b]52;c;ZXZpbA==\x07x").unwrap();
        assert!(!evil.chars().any(crate::sanitize::is_forbidden), "{evil:?}");
        assert!(!evil.contains("]52"), "{evil:?}");
        assert_eq!(prepare(" \x00 ").unwrap(), "␀");
        assert_eq!(prepare("  \n "), Err(CopyError::Empty));
    }

    #[test]
    fn env_reads_variables_and_ignores_empty_ones() {
        let vars = [
            ("SSH_TTY", "/dev/pts/3"),
            ("TMUX", "/tmp/tmux-1000/default,1,0"),
            ("DISPLAY", ""),
        ];
        let e = Env::from_lookup(
            |k| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            },
            true,
        );
        assert!(e.ssh && e.tmux && !e.screen && !e.x11 && !e.wayland && e.stdout_tty);
        assert_eq!(e.multiplexer(), Multiplexer::Tmux);
    }

    #[test]
    fn plan_prefers_osc52_over_ssh_even_with_a_forwarded_display() {
        let ssh_x = Env {
            ssh: true,
            x11: true,
            ..env()
        };
        assert_eq!(plan(&ssh_x).unwrap(), [Method::Osc52(Multiplexer::None)]);
        let ssh_screen = Env {
            ssh: true,
            screen: true,
            ..env()
        };
        assert_eq!(
            plan(&ssh_screen).unwrap(),
            [Method::Osc52(Multiplexer::Screen)]
        );
        let both = Env {
            tmux: true,
            screen: true,
            ..env()
        };
        assert_eq!(plan(&both).unwrap(), [Method::Osc52(Multiplexer::Tmux)]);
    }

    #[test]
    fn plan_uses_native_tools_on_a_local_display_with_osc52_last() {
        let wayland = Env {
            wayland: true,
            x11: true,
            ..env()
        };
        assert_eq!(
            plan(&wayland).unwrap(),
            [
                Method::Native(NativeTool::WL_COPY),
                Method::Native(NativeTool::XCLIP),
                Method::Native(NativeTool::XSEL),
                Method::Osc52(Multiplexer::None),
            ]
        );
        let mac_not_tty = Env {
            macos: true,
            stdout_tty: false,
            ..Env::default()
        };
        assert_eq!(
            plan(&mac_not_tty).unwrap(),
            [Method::Native(NativeTool::PBCOPY)]
        );
    }

    #[test]
    fn plan_refuses_when_only_osc52_is_possible_and_stdout_is_not_a_tty() {
        let e = Env {
            ssh: true,
            x11: true,
            ..Env::default()
        };
        assert_eq!(plan(&e), Err(CopyError::NotATerminal));
        assert_eq!(plan(&Env::default()), Err(CopyError::NotATerminal));
    }

    #[tokio::test]
    async fn copy_over_ssh_writes_the_wrapped_sequence_and_reports_what() {
        let mut written = Vec::new();
        let e = Env {
            ssh: true,
            tmux: true,
            ..env()
        };
        let report = copy_with(Msg::WhatPixCode, " 000201\x1b[2J ", &e, |b| {
            written.extend_from_slice(b);
            Ok(())
        })
        .await;
        assert_eq!(report.result, Ok(Method::Osc52(Multiplexer::Tmux)));
        assert_eq!(report.status_text(Lang::PtBr), "Copiado: código PIX");
        let expect = osc52_sequence(&prepare("000201\x1b[2J").unwrap(), Multiplexer::Tmux).unwrap();
        assert_eq!(written, expect);
        // The screen-clearing sequence did not survive into the payload.
        let payload = s(&written);
        let b64 = payload
            .split(";c;")
            .nth(1)
            .unwrap()
            .split('\x07')
            .next()
            .unwrap();
        let decoded = s(&BASE64.decode(b64).unwrap());
        assert!(!decoded.contains('\x1b'), "{decoded:?}");
    }

    #[tokio::test]
    async fn copy_reports_write_errors_and_empty_text() {
        let report = copy_with(Msg::WhatLogin, "maria", &env(), |_| {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "gone"))
        })
        .await;
        assert!(matches!(report.result, Err(CopyError::Write { .. })));
        assert_eq!(
            report.status_text(Lang::En),
            "Could not copy: could not write to the terminal: gone"
        );
        let report = copy_with(Msg::WhatLogin, "   ", &env(), |_| Ok(())).await;
        assert_eq!(report.result, Err(CopyError::Empty));
    }

    #[tokio::test]
    async fn missing_tools_fall_through_and_failing_tools_are_reported() {
        let absent = NativeTool {
            program: "hubdesk-test-no-such-clipboard-tool",
            args: &[],
        };
        let mut written = Vec::new();
        let got = run_plan(
            &[Method::Native(absent), Method::Osc52(Multiplexer::None)],
            "x",
            &mut |b: &[u8]| {
                written.extend_from_slice(b);
                Ok(())
            },
        )
        .await;
        assert_eq!(got, Ok(Method::Osc52(Multiplexer::None)));
        assert!(!written.is_empty());

        let got = run_plan(&[Method::Native(absent)], "x", &mut |_: &[u8]| Ok(())).await;
        assert_eq!(got, Err(CopyError::NoTool));

        // `cat` reads stdin and exits 0: the way a real tool behaves.
        let cat = NativeTool {
            program: "cat",
            args: &[],
        };
        let got = run_plan(&[Method::Native(cat)], "x", &mut |_: &[u8]| Ok(())).await;
        assert_eq!(got, Ok(Method::Native(cat)));

        let failing = NativeTool {
            program: "false",
            args: &[],
        };
        let got = run_plan(
            &[Method::Native(failing), Method::Osc52(Multiplexer::None)],
            "x",
            &mut |_: &[u8]| Ok(()),
        )
        .await;
        assert_eq!(got, Ok(Method::Osc52(Multiplexer::None)), "stale DISPLAY");
        let got = run_plan(
            &[Method::Native(failing), Method::Native(absent)],
            "x",
            &mut |_: &[u8]| Ok(()),
        )
        .await;
        assert!(
            matches!(got, Err(CopyError::ToolFailed { tool: "false", .. })),
            "{got:?}"
        );
    }

    #[test]
    fn the_copy_future_can_be_spawned() {
        fn assert_send<T: Send + 'static>(_: &T) {}
        let fut = copy(Msg::WhatLogin, "maria".into(), Env::default());
        assert_send(&fut);
    }
}
