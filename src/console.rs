//! The interactive console's entry point: the CLI builds [`ConsoleOptions`]
//! from flags, config and environment and calls [`run`].
//!
//! This file is the thin adapter between the generic terminal loop
//! ([`crate::tui::run`]) and the state machine ([`crate::app`]): terminal
//! events become [`Msg`]s, [`update`] returns effects, fetches go to the
//! [`Runner`] and their results come back through the loop's inbox.

use std::collections::BTreeMap;
use std::time::Instant;

use ratatui::Frame;
use tokio::sync::mpsc;

use crate::app::keymap::Keymap;
use crate::app::runner::{ClientSource, Runner};
use crate::app::{App, Changed, Effect, Msg, Settings, update};
use crate::i18n::{Lang, Msg as T, tr, trf};
use crate::tui::events::{EventSource, TermEvent};
use crate::tui::render::FrameWriter;
use crate::tui::run::{self, Control, Program, Screen};
use crate::tui::terminal::{self, TerminalGuard, TerminalOptions};
use crate::ui::widgets::StatusKind;

/// Everything the console needs, resolved by `main` from flags, the config
/// file and the environment.
pub struct ConsoleOptions {
    /// The shared API client for the chosen profile, ready or still being
    /// built (a `Client` converts with `.into()`).
    pub client: ClientSource,
    /// The app's settings as the front end resolved them (language,
    /// theme, read-only, privacy, profile, attendant...): the one settings
    /// type of the console. The time limit is the client's, and the
    /// screen-pop socket is filled in once it listens.
    pub settings: Settings,
    /// User key overrides from the config (`[keys]`), action name to keys.
    pub key_overrides: BTreeMap<String, Vec<String>>,
    /// Instant type-ahead (`--typeahead` or the profile's `typeahead`):
    /// fetch `cliente/all` in the background into an in-memory index.
    pub typeahead: bool,
    /// Where to listen for screen pops (`hubdesk call PHONE`); `None`
    /// listens nowhere.
    pub screen_pop: Option<std::path::PathBuf>,
    /// Start-up warnings to show in the status line (e.g. a config file
    /// with secrets readable by others), already localized.
    pub warnings: Vec<String>,
    /// The audit trail (`audit.jsonl`, the file `hubdesk audit` reads),
    /// opened at the first action; `None` refuses every action.
    pub audit_file: Option<std::path::PathBuf>,
    /// Told once the first frame is on screen: what waits on it (building
    /// the client, generating `--demo`'s data) then stops competing with
    /// it for the CPU.
    pub first_frame: Option<tokio::sync::oneshot::Sender<()>>,
    /// Where audit lines go besides that file (`audit_sink`).
    pub audit_sink: crate::audit::Sink,
}

/// The console as the terminal loop sees it: the state, plus the runner
/// that performs its effects.
pub struct Console {
    /// The state machine.
    pub app: App,
    runner: Runner,
    suspend: bool,
    quit: bool,
    /// An interactive NOC command waiting for the terminal: its run id,
    /// what the loop runs, and its audit guard when it writes.
    external: Option<(
        u64,
        crate::tui::external::External,
        Option<crate::audit::PendingAttempt>,
    )>,
    /// Bytes for the terminal (OSC 52) until the loop takes them.
    output: Vec<u8>,
    /// Test-only panic switch, see [`test_panic_requested`].
    test_panic: bool,
    /// [`ConsoleOptions::first_frame`], until the first frame is drawn.
    first_frame: std::cell::Cell<Option<tokio::sync::oneshot::Sender<()>>>,
}

/// Test-only: with `HUBDESK_TEST_PANIC=f12` in a **debug** build the
/// console panics when F12 (bound to nothing) is pressed, so the PTY tests
/// can prove that a panic, even after a login, gives the terminal back and
/// prints no secret. A release build never reads the variable
/// (`cfg!(debug_assertions)` is false), so it cannot be triggered by
/// accident in production.
fn test_panic_requested() -> bool {
    cfg!(debug_assertions) && std::env::var_os("HUBDESK_TEST_PANIC").is_some_and(|v| v == "f12")
}

impl Console {
    /// A console over `options`; results of its requests are sent on `tx`.
    pub fn new(options: ConsoleOptions, tx: mpsc::UnboundedSender<Msg>) -> Console {
        let (mut keymap, mut warnings) =
            Keymap::new(&options.key_overrides, options.settings.read_only);
        // The NOC commands' keys, after the console's own.
        warnings.extend(keymap.bind_commands(&options.settings.commands));
        let lang = options.settings.lang;
        let settings = Settings {
            timeout_secs: options.client.request_timeout().as_secs(),
            attendant: crate::ops::identity::attendant(options.settings.attendant.as_deref()),
            screen_pop: None,
            ..options.settings
        };
        let mut app = App::new(settings, keymap);
        // Bad key overrides are shown, not fatal (the first one; all are in the log).
        for w in &warnings {
            tracing::warn!("{w}");
        }
        if let Some(w) = warnings.first() {
            app.set_status(StatusKind::Error, w.message(lang));
        }
        if !options.warnings.is_empty() {
            // Every start-up warning, once.
            for w in &options.warnings {
                tracing::warn!("{w}");
            }
            app.set_status(StatusKind::Error, options.warnings.join(" · "));
        }
        // The trail comes before any action: if it cannot be written the
        // action is refused (the runner says why); reads work as usual.
        let mut runner = Runner::new(options.client, tx);
        if let Some(path) = options.audit_file.clone() {
            runner = runner.with_audit_file(path, options.audit_sink.clone());
        }
        // The token is granted while the attendant types the first search.
        runner.keep_token_fresh();
        if options.typeahead {
            for effect in crate::app::typeahead::load(&mut app) {
                runner.run(effect);
            }
        }
        Console {
            app,
            runner,
            first_frame: std::cell::Cell::new(options.first_frame),
            suspend: false,
            quit: false,
            external: None,
            output: Vec::new(),
            test_panic: test_panic_requested(),
        }
    }

    fn apply(&mut self, msg: Msg) -> Control {
        self.app.now = chrono::Utc::now();
        self.app.instant = Instant::now();
        let (effects, changed) = update(&mut self.app, msg);
        for effect in effects {
            match effect {
                Effect::Quit => self.quit = true,
                Effect::Suspend => self.suspend = true,
                // BEL goes out with the loop's other terminal bytes,
                // between frames.
                Effect::Bell => self.output.push(0x07),
                Effect::Interactive { run, argv, audit } => {
                    // On the trail before it gets the terminal, or not run.
                    match audit.map(|a| self.runner.begin_command_audit(*a)) {
                        Some(Err(refusal)) => {
                            let end = crate::app::noc::CommandEnd::Failed(refusal);
                            let _ = update(&mut self.app, Msg::CommandEnded { run, end });
                        }
                        pending => {
                            let external = self.hand_over(&argv);
                            self.external = Some((run, external, pending.and_then(Result::ok)));
                        }
                    }
                }
                other => self.runner.run(other),
            }
        }
        if self.quit {
            self.runner.abort_all();
            return Control::Quit;
        }
        if std::mem::take(&mut self.suspend) {
            return Control::Suspend;
        }
        if self.external.is_some() {
            return Control::External;
        }
        match changed {
            Changed::Yes => Control::Redraw,
            Changed::No => Control::Unchanged,
        }
    }
}

impl Console {
    /// What the loop runs for an interactive NOC command, with the lines
    /// it prints around it.
    fn hand_over(&self, argv: &[String]) -> crate::tui::external::External {
        let lang = self.app.lang();
        let shown = crate::app::noc::shown(argv);
        crate::tui::external::External {
            argv: argv.to_vec(),
            banner: trf(lang, T::NocHandOver, &[("command", &shown)]),
            pause_prompt: tr(lang, T::NocPressEnter).to_owned(),
        }
    }
}

impl Program for Console {
    type Msg = Msg;

    fn on_event(&mut self, event: TermEvent) -> Control {
        match event {
            TermEvent::Key(key)
                if self.test_panic && key.code == crossterm::event::KeyCode::F(12) =>
            {
                panic!("HUBDESK_TEST_PANIC: injected panic (test-only switch)")
            }
            TermEvent::Key(key) => self.apply(Msg::Key(key)),
            TermEvent::Paste(text) => self.apply(Msg::Paste(text)),
            TermEvent::Resize(w, h) => self.apply(Msg::Resize(w, h)),
            _ => Control::Unchanged,
        }
    }

    fn update(&mut self, mut msg: Msg) -> Control {
        // The clipboard's escape sequence goes to the loop, which writes it
        // between frames; the state machine only sees the report.
        if let Msg::Copied(report) = &mut msg {
            self.output.append(&mut report.terminal);
        }
        self.apply(msg)
    }

    fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.output)
    }

    fn take_external(&mut self) -> Option<crate::tui::external::External> {
        // Held until it ends, to answer with its run id and audit it.
        self.external
            .as_ref()
            .map(|(_, external, _)| external.clone())
    }

    fn external_done(&mut self, result: std::io::Result<Option<i32>>) -> Control {
        let Some((run, external, pending)) = self.external.take() else {
            return Control::Redraw;
        };
        let end = match result {
            Ok(code) => crate::app::noc::CommandEnd::Exited(code),
            Err(e) => crate::app::noc::CommandEnd::not_started(
                external.argv.first().map_or("", String::as_str),
                &e,
            ),
        };
        let (outcome, msg) = crate::ops::commands::judge(&end);
        let not_recorded = pending.and_then(|p| p.finish(outcome, msg.as_deref()).err());
        let control = self.apply(Msg::CommandEnded { run, end });
        match not_recorded {
            Some(e) => self.apply(Msg::AuditNotRecorded(e.to_string())),
            None => control,
        }
    }

    fn on_tick(&mut self) -> Control {
        self.apply(Msg::Tick)
    }

    fn on_deadline(&mut self) -> Control {
        // A watch's read falls due or its countdown turns (and a status
        // message expires, a confirmation arms): time passed, said as a tick.
        self.apply(Msg::Tick)
    }

    fn animating(&self) -> bool {
        self.app.animating()
    }

    fn next_deadline(&self) -> Option<Instant> {
        let now = Instant::now();
        let status = self
            .app
            .status
            .as_ref()
            .and_then(|s| s.expires)
            .filter(|t| *t > now);
        // A confirmation's "Sim" wakes up when the dialog is armed, a
        // watch when its read falls due or its countdown turns. These
        // are later than the last message (`App::wake_at`), but may have
        // passed while it was handled: then the loop wakes at once rather
        // than not at all.
        [status, self.app.wake_at()].into_iter().flatten().min()
    }

    fn draw(&self, frame: &mut Frame<'_>, now: Instant) {
        crate::ui::console::draw(frame, &self.app, now);
        // The frame is written right after this returns.
        if let Some(tx) = self.first_frame.take() {
            let _ = tx.send(());
        }
    }
}

/// Starts the screen-pop socket: each phone `hubdesk call` sends becomes
/// a [`Msg::ScreenPop`]. A socket another console holds, or one that
/// cannot be created, leaves the console working without screen pops and
/// says why on the status line.
async fn listen_for_calls(
    app: &mut App,
    path: &std::path::Path,
    lang: Lang,
    tx: mpsc::UnboundedSender<Msg>,
) -> Option<crate::screenpop::ServeHandle> {
    let (pop_tx, mut pops) = mpsc::unbounded_channel::<String>();
    match crate::screenpop::serve(path, pop_tx).await {
        Ok(handle) => {
            app.settings.screen_pop = Some(handle.path().display().to_string());
            tokio::spawn(async move {
                while let Some(phone) = pops.recv().await {
                    if tx.send(Msg::ScreenPop(phone)).is_err() {
                        break;
                    }
                }
            });
            Some(handle)
        }
        Err(e) => {
            tracing::warn!("screen pop disabled: {e}");
            app.set_status(
                StatusKind::Error,
                crate::i18n::trf(
                    lang,
                    crate::i18n::Msg::PbxScreenPopUnavailable,
                    &[("detail", &e)],
                ),
            );
            None
        }
    }
}

/// Runs the console until the attendant quits; returns the process exit code.
pub async fn run(mut options: ConsoleOptions) -> anyhow::Result<i32> {
    terminal::install_panic_hook();
    let (tx, mut inbox) = mpsc::unbounded_channel();
    let pop_path = options.screen_pop.take();
    let lang = options.settings.lang;
    let mut console = Console::new(options, tx.clone());
    // Kept alive for the whole session: dropping it removes the socket.
    let _screen_pop = match pop_path {
        Some(path) => listen_for_calls(&mut console.app, &path, lang, tx).await,
        None => None,
    };
    let mut guard = TerminalGuard::enter(TerminalOptions::default())?;
    let mut frames = FrameWriter::stdout()?;
    let mut events = EventSource::new()?;
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    console.app.size = size;
    let screen = Screen {
        frames: &mut frames,
        guard: Some(&mut guard),
    };
    let exit = run::run(&mut console, &mut events, &mut inbox, screen).await;
    // Every way out (q, Ctrl-C, a signal, a closed terminal) passes here:
    // an action still waiting is abandoned and its outcome written as
    // unknown before the process leaves.
    console.runner.shutdown().await;
    drop(events);
    // Restore the terminal before anything else is printed.
    drop(guard);
    Ok(exit?.code())
}
