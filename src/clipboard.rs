//! Copying text for the attendant: boleto lines, PIX codes, protocols,
//! logins, IPs.
//!
//! Attendants often run the console on a jump host over SSH, where a native
//! clipboard tool would fill the *server's* clipboard (or fail for lack of
//! a display). So the choice is:
//!
//! - on a local display (`WAYLAND_DISPLAY` / `DISPLAY`, not SSH) or on
//!   macOS: a native tool (`wl-copy`, `xclip`, `xsel`, `pbcopy`), spawned
//!   with `tokio::process` so the UI never waits for it. The first that
//!   works ends the copy;
//! - otherwise (over SSH, no display, or no tool): the terminal. OSC 52 is
//!   the escape sequence that asks the attendant's own terminal emulator to
//!   set its clipboard. Inside tmux:
//!   - tmux's own buffer is loaded with `tmux load-buffer -w -` (text on
//!     stdin): with tmux's *default* settings this is the one way that
//!     works. `-w` has tmux pass the buffer on to the clipboard of the
//!     terminal its client runs in, whatever `set-clipboard` says (tmux
//!     before 3.2 has no `-w`: the buffer is loaded without it);
//!   - the plain sequence is written too: tmux with `set-clipboard on`
//!     takes it and forwards it (with `external`, the default, and `off`
//!     it drops it), and so does GNU screen;
//!   - the passthrough-wrapped one only where tmux allows it
//!     (`allow-passthrough on`, or tmux before 3.3), since with the default
//!     settings tmux drops it.
//!
//!   Checked against tmux 3.3a with `-f /dev/null`, a client attached
//!   through a pseudo-terminal: the client's terminal received the buffer
//!   as OSC 52 with `set-clipboard` `external` and `off`, the plain
//!   sequence only with `on`, the wrapped one only with passthrough on.
//!
//!   Inside GNU screen the sequence goes plain and in DCS chunks (screen
//!   truncates long DCS strings).
//!
//! Whether the emulator honours OSC 52 cannot be known, so the status line
//! says what was *sent* where, never "copied", and shows the text so the
//! attendant can read it out when the clipboard failed.
//!
//! Nothing here writes to the terminal: [`copy`] returns the sequence in
//! [`CopyReport::terminal`] and the console's loop writes it between
//! frames (a write from a task could land in the middle of a frame).
//!
//! The decision is a pure function of an injected [`Env`] ([`plan`]) and
//! the escape sequence a pure function of the text ([`osc52_sequence`]), so
//! both are unit-tested without a terminal.
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
    /// What tmux says about itself, when inside tmux; see [`tmux_facts`].
    pub tmux_facts: TmuxFacts,
}

/// What tmux does with each way of copying, as it says itself (see
/// [`tmux_facts`]). All false when tmux did not answer: then only its
/// buffer is counted on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TmuxFacts {
    /// It passes wrapped sequences through (`allow-passthrough on`, or
    /// tmux before 3.3).
    pub passthrough: bool,
    /// It takes OSC 52 from programs and passes it on: `set-clipboard on`.
    /// With `external` (the default) and `off` it drops the sequence.
    pub takes_osc52: bool,
    /// It is older than 3.2, whose `load-buffer` has no `-w`: the buffer is
    /// loaded without it, and tmux does not pass it on.
    pub before_3_2: bool,
}

impl TmuxFacts {
    /// The command that loads tmux's buffer: with `-w` where tmux has it.
    pub fn buffer_tool(&self) -> NativeTool {
        if self.before_3_2 {
            NativeTool::TMUX_BUFFER_BEFORE_3_2
        } else {
            NativeTool::TMUX_BUFFER
        }
    }
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
            tmux_facts: TmuxFacts::default(),
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
    /// tmux's own buffer; `-w` also sends it to the clipboard of the
    /// terminal tmux's client runs in (whatever `set-clipboard` says).
    pub const TMUX_BUFFER: NativeTool = NativeTool {
        program: "tmux",
        args: &["load-buffer", "-w", "-"],
    };
    /// tmux's own buffer in tmux before 3.2, which has no `-w` (and fails
    /// on it).
    pub const TMUX_BUFFER_BEFORE_3_2: NativeTool = NativeTool {
        program: "tmux",
        args: &["load-buffer", "-"],
    };
}

/// One way of copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A native tool fed through its stdin; the first that works ends the
    /// copy.
    Native(NativeTool),
    /// tmux's buffer, loaded with [`NativeTool::TMUX_BUFFER`].
    TmuxBuffer,
    /// An OSC 52 sequence for the terminal: plain ([`Multiplexer::None`])
    /// or wrapped for a multiplexer.
    Osc52(Multiplexer),
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
        }
    }
}

/// The methods for `env`, in order; an error when there is none.
///
/// Native tools come first on a local display (they work in terminals
/// without OSC 52 support) and are alternatives: the first that works ends
/// the copy. The terminal methods that follow all run: inside tmux its
/// buffer, the plain sequence and, where tmux lets it through, the wrapped
/// one; inside screen the plain and the chunked sequence; else the plain
/// one.
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
    if env.tmux {
        methods.push(Method::TmuxBuffer);
    }
    if env.stdout_tty {
        methods.push(Method::Osc52(Multiplexer::None));
        match env.multiplexer() {
            Multiplexer::Tmux if env.tmux_facts.passthrough => {
                methods.push(Method::Osc52(Multiplexer::Tmux));
            }
            Multiplexer::Screen => methods.push(Method::Osc52(Multiplexer::Screen)),
            _ => {}
        }
    }
    if methods.is_empty() {
        return Err(CopyError::NotATerminal);
    }
    Ok(methods)
}

/// What tmux says about itself, from inside one of its panes: whether it
/// passes wrapped sequences through, takes OSC 52 and has `load-buffer
/// -w`. Asked with one `tmux display-message` (asynchronously, with a
/// short timeout); all false when tmux does not answer.
pub async fn tmux_facts() -> TmuxFacts {
    let ask = tokio::process::Command::new("tmux")
        .args([
            "display-message",
            "-p",
            "#{allow-passthrough}|#{set-clipboard}|#{version}",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .output();
    match tokio::time::timeout(TMUX_QUERY_TIMEOUT, ask).await {
        Ok(Ok(out)) if out.status.success() => {
            parse_tmux_facts(&String::from_utf8_lossy(&out.stdout))
        }
        _ => TmuxFacts::default(),
    }
}

/// How long [`tmux_facts`] waits for tmux.
pub const TMUX_QUERY_TIMEOUT: Duration = Duration::from_secs(2);

/// Reads `allow-passthrough|set-clipboard|version` as tmux prints them.
/// Before 3.3 tmux had no `allow-passthrough` and always passed wrapped
/// sequences through; 3.3 prints `1`/`0`, 3.4 and later `on`/`all`/`off`.
fn parse_tmux_facts(answer: &str) -> TmuxFacts {
    let mut parts = answer.trim().split('|');
    let passthrough = parts.next().unwrap_or("").trim();
    let clipboard = parts.next().unwrap_or("").trim();
    let version = parts.next().unwrap_or("").trim();
    let passes = match passthrough {
        "1" | "on" | "all" => true,
        "" => version_before(version, 3, 3),
        _ => false,
    };
    TmuxFacts {
        passthrough: passes,
        takes_osc52: clipboard == "on",
        before_3_2: version_before(version, 3, 2),
    }
}

/// Whether tmux `version` ("3.2a", "next-3.5") is older than `major.minor`.
fn version_before(version: &str, major: u32, minor: u32) -> bool {
    let digits = version.trim_start_matches(|c: char| !c.is_ascii_digit());
    let mut nums = digits
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<u32>().unwrap_or(0));
    match (nums.next(), nums.next()) {
        (Some(a), Some(b)) => (a, b) < (major, minor),
        _ => false,
    }
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

/// How a copy went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// A native tool took it: it is in the clipboard.
    Native(&'static str),
    /// It went the terminal's way.
    Terminal {
        /// tmux's buffer was loaded (`Some(Ok)`), could not be (`Some(Err)`
        /// with why), or there is no tmux (`None`).
        tmux_buffer: Option<Result<(), CopyError>>,
        /// Something went on to the terminal's clipboard: an OSC 52
        /// sequence that reaches it (outside tmux, or one tmux takes or
        /// lets through), or tmux's buffer, which tmux passes on.
        to_terminal: bool,
    },
}

/// What happened to one copy request, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// What was copied ([`Msg::WhatPixCode`], [`Msg::WhatProtocol`]...).
    pub what: Msg,
    /// The text as copied (sanitized), shown on the status line so it can
    /// be read out when the clipboard fails.
    pub text: String,
    /// How it went, or why it could not.
    pub result: Result<Copied, CopyError>,
    /// The OSC 52 bytes for the terminal, which the console's loop writes
    /// between frames; empty when none.
    pub terminal: Vec<u8>,
}

impl CopyReport {
    /// Whether the text went somewhere.
    pub fn is_ok(&self) -> bool {
        self.result.is_ok()
    }

    /// What was done, truthfully, with the text: "Copiado com xclip · …",
    /// "No buffer do tmux e enviado à área de transferência do terminal ·
    /// …", "Enviado à área de transferência do terminal · …" (whether the
    /// terminal honours it cannot be known), or why it failed.
    pub fn status_text(&self, lang: Lang) -> String {
        let what = tr(lang, self.what);
        let args = |m: Msg| trf(lang, m, &[("what", &what), ("text", &self.text)]);
        match &self.result {
            Ok(Copied::Native(tool)) => trf(
                lang,
                Msg::CopiedNative,
                &[("tool", tool), ("what", &what), ("text", &self.text)],
            ),
            Ok(Copied::Terminal {
                tmux_buffer,
                to_terminal,
            }) => {
                let sent = match (tmux_buffer, to_terminal) {
                    (Some(Ok(())), true) => args(Msg::CopiedTmuxAndTerminal),
                    (Some(Ok(())), false) => args(Msg::CopiedTmuxOnly),
                    _ => args(Msg::CopiedTerminal),
                };
                match tmux_buffer {
                    Some(Err(e)) => format!("{sent} · {}", e.reason(lang)),
                    _ => sent,
                }
            }
            Err(CopyError::Empty) => trf(
                lang,
                Msg::CopyFailed,
                &[("reason", &CopyError::Empty.reason(lang))],
            ),
            Err(e) => trf(
                lang,
                Msg::CopyFailedShow,
                &[
                    ("reason", &e.reason(lang)),
                    ("what", &what),
                    ("text", &self.text),
                ],
            ),
        }
    }
}

/// Copies `text` (described by `what`): runs the native tools and tmux's
/// buffer, and returns the OSC 52 bytes for the loop to write. Asks tmux
/// about itself first when inside it ([`tmux_facts`]).
///
/// Runs no blocking wait: tools are awaited through `tokio::process`. The
/// console's effect runner spawns it and sends the [`CopyReport`] back as a
/// message.
pub async fn copy(what: Msg, text: String, mut env: Env) -> CopyReport {
    if env.tmux {
        env.tmux_facts = tmux_facts().await;
    }
    copy_with(what, &text, &env, env.tmux_facts.buffer_tool()).await
}

/// [`copy`] with the facts given and the tool that loads tmux's buffer
/// injected, for tests.
pub async fn copy_with(what: Msg, text: &str, env: &Env, tmux: NativeTool) -> CopyReport {
    let text = match prepare(text) {
        Ok(t) => t,
        Err(e) => {
            return CopyReport {
                what,
                text: String::new(),
                result: Err(e),
                terminal: Vec::new(),
            };
        }
    };
    let (result, terminal) = match plan(env) {
        Ok(methods) => run_plan(&methods, &text, tmux, env.tmux_facts).await,
        Err(e) => (Err(e), Vec::new()),
    };
    CopyReport {
        what,
        text,
        result,
        terminal,
    }
}

/// Runs `methods`: native tools in order until one works (then nothing
/// else runs); otherwise every terminal method. A tool that fails passes
/// to the next method: inside a tmux session re-attached over SSH,
/// `DISPLAY` is stale and xclip fails while the terminal still reaches the
/// attendant. When nothing works, the first tool failure is reported (it
/// says more than "not installed").
async fn run_plan(
    methods: &[Method],
    text: &str,
    tmux: NativeTool,
    facts: TmuxFacts,
) -> (Result<Copied, CopyError>, Vec<u8>) {
    let mut missing = false;
    let mut failure = None;
    let mut tmux_buffer = None;
    let mut terminal = Vec::new();
    // Whether an OSC 52 sequence reaches the terminal: inside tmux the
    // plain one only with `set-clipboard on`, the wrapped one (written only
    // when tmux lets it through) always.
    let inside_tmux = methods.contains(&Method::TmuxBuffer);
    let mut to_terminal = false;
    for &method in methods {
        match method {
            Method::Native(tool) => match run_tool(tool, text).await {
                Ok(()) => return (Ok(Copied::Native(tool.program)), Vec::new()),
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
            Method::TmuxBuffer => {
                tmux_buffer = Some(run_tool(tmux, text).await.map_err(|e| match e {
                    ToolError::NotInstalled => CopyError::ToolFailed {
                        tool: tmux.program,
                        detail: "not found".to_owned(),
                    },
                    ToolError::Failed(detail) => CopyError::ToolFailed {
                        tool: tmux.program,
                        detail,
                    },
                    ToolError::TimedOut => CopyError::ToolTimeout {
                        tool: tmux.program,
                        seconds: NATIVE_TIMEOUT.as_secs(),
                    },
                }));
                if let Some(Err(e)) = &tmux_buffer {
                    failure.get_or_insert(e.clone());
                }
            }
            Method::Osc52(mux) => match osc52_sequence(text, mux) {
                Ok(bytes) => {
                    terminal.extend_from_slice(&bytes);
                    to_terminal |= !inside_tmux || mux == Multiplexer::Tmux || facts.takes_osc52;
                }
                Err(e) => {
                    failure.get_or_insert(e);
                }
            },
        }
    }
    let buffered = matches!(tmux_buffer, Some(Ok(())));
    // `load-buffer -w` has tmux pass its buffer on, whatever set-clipboard
    // says; before 3.2 there is no `-w`.
    to_terminal |= buffered && !facts.before_3_2;
    if to_terminal || buffered {
        return (
            Ok(Copied::Terminal {
                tmux_buffer,
                to_terminal,
            }),
            terminal,
        );
    }
    let error = failure.unwrap_or(if missing {
        CopyError::NoTool
    } else {
        CopyError::NotATerminal
    });
    (Err(error), Vec::new())
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
mod tests;
