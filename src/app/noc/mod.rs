//! NOC commands in the console (`[[commands]]`, issue 18 part 4): a
//! configured program run on the selected service's data, like a k9s
//! plugin (`ping -c 5 {ipv4}`, `mtr -rwc 10 {ipv4}`, `ssh noc@{equipamento_ip}`).
//!
//! The command line is checked and split once, in
//! [`crate::ops::commands`]; here the console fills it from the customer
//! on screen, asks first when the entry says `confirm` (the same armed
//! dialog as an action, so a typed word never answers it), and then
//! either streams the output into an overlay ([`Run`], scrollable, `Esc`
//! cancels) or, for an `interactive` entry, hands the terminal over to
//! the program ([`Effect::Interactive`]) and takes it back when it ends.
//! The process plumbing is [`process`], run by the runner and the loop.
//!
//! Read-only mode keeps the commands, except those marked `writes = true`
//! (see [`crate::app::keymap::Keymap::allows`]).

pub mod process;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::time::Instant;

use crate::i18n::{Msg as T, tr, trf};
use crate::ops::commands::{NocCommand, service_value};

use super::actions::Overlay;
use super::confirm::Choice;
use super::scroll::Scroll;
use super::status::StatusKind;
use super::{App, Changed, CustomerView, Effect};

/// Output lines an overlay keeps; older ones are dropped (and counted),
/// so a command that never stops printing cannot grow the console.
pub const KEPT_LINES: usize = 2000;

pub use crate::ops::commands::CommandEnd;

/// Where a streamed run stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunState {
    /// Still running: `Esc` cancels it.
    Running,
    /// The attendant cancelled it.
    Cancelled,
    /// It ended by itself.
    Ended(CommandEnd),
}

/// A streamed run's overlay: what runs, its output, and its state.
#[derive(Debug, Clone)]
pub struct Run {
    /// The run's id (echoed by the process's messages).
    pub id: u64,
    /// The command's name.
    pub name: String,
    /// The command line as run, for the first line of the overlay.
    pub shown: String,
    /// Output lines, control characters removed, oldest first.
    pub lines: VecDeque<String>,
    /// Lines dropped from the front to keep [`KEPT_LINES`].
    pub dropped: usize,
    /// Where it stands.
    pub state: RunState,
    /// When it started and ended (the console's clock).
    pub started: Instant,
    /// When it ended or was cancelled.
    pub ended: Option<Instant>,
    /// Where the output is scrolled to.
    pub scroll: Scroll,
    /// Keep the newest line in view as output comes (until the attendant
    /// scrolls up; `End` follows again).
    pub follow: bool,
}

impl Run {
    fn new(id: u64, name: String, argv: &[String], now: Instant) -> Run {
        Run {
            id,
            name,
            shown: shown(argv),
            lines: VecDeque::new(),
            dropped: 0,
            state: RunState::Running,
            started: now,
            ended: None,
            scroll: Scroll::new(),
            follow: true,
        }
    }

    /// Appends output lines, each made safe to draw.
    pub fn push(&mut self, lines: Vec<String>) {
        for line in lines {
            self.lines
                .push_back(crate::sanitize::clean_line(&line).into_owned());
            if self.lines.len() > KEPT_LINES {
                self.lines.pop_front();
                self.dropped += 1;
            }
        }
        if self.follow {
            self.scroll.end();
        }
    }

    /// Whether the process may still be running.
    pub fn running(&self) -> bool {
        self.state == RunState::Running
    }
}

/// The command line as shown: each word made safe, quoted when it holds
/// a space (so what is shown reads as what runs).
pub fn shown(argv: &[String]) -> String {
    argv.iter()
        .map(|w| {
            let w = crate::sanitize::clean_line(w);
            if w.is_empty() || w.contains(char::is_whitespace) {
                format!("'{w}'")
            } else {
                w.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The command at `index`, if configured.
fn command(app: &App, index: u8) -> Option<&NocCommand> {
    app.settings.commands.get(usize::from(index))
}

/// The key path: the command at `index` on the selected service of
/// `view`. Refused (on the status line, saying why) when read-only mode
/// holds it back or a value is missing or unsafe; asks first when the
/// entry says so; else starts it.
pub(super) fn start(
    app: &mut App,
    view: &CustomerView,
    index: u8,
    fx: &mut Vec<Effect>,
) -> Changed {
    let lang = app.lang();
    let Some(cmd) = command(app, index).cloned() else {
        return Changed::No;
    };
    if !app.keymap.allows(super::keymap::Action::Noc(index)) {
        app.set_status(
            StatusKind::Error,
            crate::ops::actions::read_only_refusal(lang).to_owned(),
        );
        return Changed::Yes;
    }
    let Some(customer) = view.customer.data.as_ref() else {
        app.set_status(StatusKind::Error, tr(lang, T::NocNoCustomerYet).into());
        return Changed::Yes;
    };
    let service = view.selected_service();
    let argv = match cmd.line.argv(|p| service_value(customer, service, p)) {
        Ok(argv) => argv,
        Err(refusal) => {
            app.set_status(StatusKind::Error, refusal.message(lang));
            return Changed::Yes;
        }
    };
    if cmd.confirm || cmd.writes {
        app.overlay = Some(Overlay::CommandConfirm {
            index,
            argv,
            choice: Choice::new(app.instant),
        });
        return Changed::Yes;
    }
    launch(app, index, argv, fx)
}

/// Runs the command at `index` with `argv` (confirmed, or needing no
/// confirmation): streamed into an overlay, or in the terminal.
pub(super) fn launch(app: &mut App, index: u8, argv: Vec<String>, fx: &mut Vec<Effect>) -> Changed {
    let Some(cmd) = command(app, index).cloned() else {
        return Changed::No;
    };
    let id = app.next_run();
    tracing::info!(command = %cmd.name, program = %cmd.line.program(), "NOC command started");
    let audit = cmd.writes.then(|| Box::new(attempt(app, &cmd)));
    if cmd.interactive {
        app.noc_interactive = Some((id, cmd.name.clone()));
        fx.push(Effect::Interactive {
            run: id,
            argv,
            audit,
        });
        return Changed::Yes;
    }
    fx.push(Effect::RunCommand {
        run: id,
        argv: argv.clone(),
        audit,
    });
    app.overlay = Some(Overlay::Command(Box::new(Run::new(
        id,
        cmd.name,
        &argv,
        app.instant,
    ))));
    Changed::Yes
}

/// The audit attempt of a command that writes (`writes = true`): its
/// name, the customer and service on screen, who runs it. The runner
/// writes it before the program starts, and refuses to start it when it
/// cannot, as for an action.
fn attempt(app: &App, cmd: &NocCommand) -> crate::audit::AuditAttempt {
    let view = app.view.as_ref();
    crate::audit::AuditAttempt {
        action: crate::ops::commands::audit_name(&cmd.name),
        attendant: app.settings.attendant.clone(),
        profile: app.settings.profile.clone(),
        // The runner knows the server's address.
        host: String::new(),
        customer: view.map(|v| v.code),
        service: view
            .and_then(|v| v.selected_service())
            .and_then(|s| s.id_cliente_servico),
        invoice: None,
        ticket: None,
    }
}

/// Output of run `run`: appended if its overlay is still up (a closed
/// overlay's run was cancelled; late lines are dropped).
pub(super) fn output(app: &mut App, run: u64, lines: Vec<String>) -> Changed {
    match app.overlay.as_mut() {
        Some(Overlay::Command(r)) if r.id == run && r.running() => {
            r.push(lines);
            Changed::Yes
        }
        _ => Changed::No,
    }
}

/// Run `run` ended: its overlay says how, or (an interactive run, or an
/// overlay closed meanwhile) the status line does.
pub(super) fn ended(app: &mut App, run: u64, end: CommandEnd) -> Changed {
    let now = app.instant;
    if let Some(Overlay::Command(r)) = app.overlay.as_mut()
        && r.id == run
    {
        if r.running() {
            r.state = RunState::Ended(end);
            r.ended = Some(now);
            if r.follow {
                r.scroll.end();
            }
        }
        return Changed::Yes;
    }
    let name = match app.noc_interactive.take() {
        Some((id, name)) if id == run => name,
        other => {
            app.noc_interactive = other;
            return Changed::No;
        }
    };
    let lang = app.lang();
    let (kind, text) = match &end {
        CommandEnd::Exited(Some(0)) => {
            (StatusKind::Ok, trf(lang, T::NocEndedOk, &[("name", &name)]))
        }
        CommandEnd::Exited(Some(code)) => (
            StatusKind::Error,
            trf(lang, T::NocEndedCode, &[("name", &name), ("code", code)]),
        ),
        CommandEnd::Exited(None) => (
            StatusKind::Error,
            trf(lang, T::NocEndedSignal, &[("name", &name)]),
        ),
        CommandEnd::NotFound(program) => (
            StatusKind::Error,
            trf(
                lang,
                T::NocNotStarted,
                &[
                    ("name", &name),
                    (
                        "detail",
                        &trf(
                            lang,
                            T::NocNotFound,
                            &[("program", &crate::sanitize::clean_line(program))],
                        ),
                    ),
                ],
            ),
        ),
        CommandEnd::Failed(detail) => (
            StatusKind::Error,
            trf(
                lang,
                T::NocNotStarted,
                &[
                    ("name", &name),
                    ("detail", &crate::sanitize::clean_line(detail)),
                ],
            ),
        ),
    };
    app.set_status(kind, text);
    Changed::Yes
}

/// A key over a run's overlay: `Esc` cancels a running command (the
/// output stays), and closes a finished one; the line and page keys
/// scroll, `End` follows the output again.
pub(super) fn output_key(
    app: &mut App,
    mut run: Box<Run>,
    esc: bool,
    action: Option<super::keymap::Action>,
    fx: &mut Vec<Effect>,
) -> Changed {
    use super::keymap::Action;
    if esc {
        if run.running() {
            fx.push(Effect::CancelCommand { run: run.id });
            run.state = RunState::Cancelled;
            run.ended = Some(app.instant);
            app.overlay = Some(Overlay::Command(run));
        }
        return Changed::Yes;
    }
    let page = (app.size.1 / 2).max(1) as i32;
    let moved = super::actions::scroll_by(&mut run.scroll, action, page);
    match action {
        Some(Action::Bottom) => run.follow = true,
        Some(Action::Up | Action::PageUp | Action::Top) if moved => run.follow = false,
        _ => {}
    }
    app.overlay = Some(Overlay::Command(run));
    if moved { Changed::Yes } else { Changed::No }
}

/// The customer was left or the console quits with a run's overlay up:
/// the run is cancelled (a command never outlives what it was run on).
pub(super) fn cancel_shown(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(Overlay::Command(r)) = app.overlay.as_mut()
        && r.running()
    {
        fx.push(Effect::CancelCommand { run: r.id });
        r.state = RunState::Cancelled;
        r.ended = Some(app.instant);
    }
}

/// How a run stands, for its overlay's title: running for how long,
/// cancelled, or ended with its code.
pub fn state_text(app: &App, run: &Run, now: Instant) -> String {
    let lang = app.lang();
    let elapsed = super::watch::clock(
        run.ended
            .unwrap_or(now)
            .saturating_duration_since(run.started),
    );
    match &run.state {
        RunState::Running => trf(lang, T::NocRunning, &[("elapsed", &elapsed)]),
        RunState::Cancelled => trf(lang, T::NocCancelled, &[("elapsed", &elapsed)]),
        RunState::Ended(CommandEnd::Exited(Some(0))) => {
            trf(lang, T::NocExitedOk, &[("elapsed", &elapsed)])
        }
        RunState::Ended(CommandEnd::Exited(Some(code))) => trf(
            lang,
            T::NocExitedCode,
            &[("code", code), ("elapsed", &elapsed)],
        ),
        RunState::Ended(CommandEnd::Exited(None)) => {
            trf(lang, T::NocExitedSignal, &[("elapsed", &elapsed)])
        }
        RunState::Ended(CommandEnd::NotFound(program)) => trf(
            lang,
            T::NocFailed,
            &[(
                "detail",
                &trf(
                    lang,
                    T::NocNotFound,
                    &[("program", &crate::sanitize::clean_line(program))],
                ),
            )],
        ),
        RunState::Ended(CommandEnd::Failed(detail)) => trf(
            lang,
            T::NocFailed,
            &[("detail", &crate::sanitize::clean_line(detail))],
        ),
    }
}
