//! The whole console screen: the search screen or a customer, the hint bar
//! for the focused pane, the status line with its badges, the help overlay,
//! and the "terminal too small" screen.

use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::actions::Overlay;
use crate::app::keymap::Action;
use crate::app::{App, Screen};
use crate::i18n::{Msg, tr};
use crate::ui::help::HelpOverlay;
use crate::ui::widgets::{BarHint, HintBar, StatusLine, TooSmall, is_too_small, keys_label};

/// Draws everything for `app` at `now` (for status expiry only).
pub fn draw(frame: &mut Frame<'_>, app: &App, now: Instant) {
    let area = frame.area();
    let theme = &app.settings.theme;
    let lang = app.lang();
    if is_too_small(area) {
        let quit = keys_label(&app.keymap, Action::Quit);
        TooSmall {
            lang,
            theme,
            quit_keys: &quit,
        }
        .render(area, frame.buffer_mut());
        return;
    }
    let mut badges: Vec<&str> = Vec::new();
    if app.settings.demo {
        badges.push(tr(lang, Msg::DemoBanner));
    }
    if app.settings.insecure {
        badges.push(tr(lang, Msg::InsecureBadge));
    }
    if app.settings.cleartext {
        badges.push(tr(lang, Msg::CleartextBadge));
    }
    if app.settings.read_only {
        badges.push(tr(lang, Msg::ReadOnlyBadge));
    }
    let profile = crate::sanitize::clean(&app.settings.profile);
    if !profile.trim().is_empty() {
        badges.push(&profile);
    }
    let status = StatusLine {
        message: app.status.as_ref(),
        now,
        badges: &badges,
        busy_tick: app.inflight.any_running().then_some(app.tick),
        theme,
    };
    // A long message (an action's result, the server's refusal) takes up
    // to a sixth of the screen rather than being cut.
    let status_h = status.rows(area.width, (area.height / 6).max(1));
    // The open customer's watches (or the offer of one) take a row of
    // their own above the hint bar, on every screen the customer stays
    // open behind.
    let watch_h = u16::from(crate::ui::watch::shows(app) && app.screen != Screen::Search);
    let body = Rect {
        height: area.height - 1 - status_h - watch_h,
        ..area
    };
    let watch_area = Rect {
        y: area.y + body.height,
        height: watch_h,
        ..area
    };
    let hints_area = Rect {
        y: area.y + area.height - 1 - status_h,
        height: 1,
        ..area
    };
    let status_area = Rect {
        y: area.y + area.height - status_h,
        height: status_h,
        ..area
    };
    match (app.screen, &app.view) {
        (Screen::Tool(tool), _) => crate::ui::tools::draw(frame, body, app, tool),
        (Screen::Customer, Some(view)) => crate::ui::customer::draw(frame, body, app, view),
        _ => crate::ui::search::draw(frame, body, app),
    }

    let (hints, pinned) = hint_bar(app);
    HintBar {
        hints: &hints,
        pinned: &pinned,
        lang,
        theme,
    }
    .render(hints_area, frame.buffer_mut());

    status.render(status_area, frame.buffer_mut());
    if watch_h > 0 {
        crate::ui::watch::draw(app, now, watch_area, frame.buffer_mut());
    }

    if let Some(overlay) = &app.overlay {
        crate::ui::actions::draw(frame, body, app, overlay, now);
    }

    if let Some(palette) = &app.palette {
        crate::ui::palette::draw(frame, body, app, palette);
    }

    if let Some(scroll) = &app.help {
        let overlay = HelpOverlay {
            keymap: &app.keymap,
            lang,
            theme,
            scroll: 0,
            typing: app.screen_contexts().1,
            commands: &app.settings.commands,
        };
        let max = overlay.max_scroll(body);
        scroll.set_limit(max);
        HelpOverlay {
            scroll: scroll.offset().min(max),
            ..overlay
        }
        .render(body, frame.buffer_mut());
    }
}

/// The hints of the bar, ranked for what is on screen, and the pinned ones
/// that always show: help, Esc and quit (in a field or a dialog, where `?`
/// and `q` type or do not reach the console, the keys that do).
fn hint_bar(app: &App) -> (Vec<BarHint>, Vec<BarHint>) {
    let km = &app.keymap;
    let of = |action: Action, msg: Msg, typing: bool| BarHint::of(km, action, msg, typing);
    // Ctrl-C leaves from anywhere, q only where it does not type.
    let interrupt = || of(Action::Interrupt, Msg::KeyQuit, true);
    let close = |msg: Msg| of(Action::Back, msg, true);
    if let Some(overlay) = &app.overlay {
        let (hints, esc): (Vec<Option<BarHint>>, Option<BarHint>) = match overlay {
            Overlay::Form {
                busy: None, form, ..
            } => (
                vec![
                    of(Action::Open, Msg::HintSubmit, true),
                    // The form engine's own key (not remappable, as Ctrl-O).
                    form.form().canned_target().map(|_| BarHint {
                        keys: "Ctrl-T".into(),
                        short: "Ctrl-T".into(),
                        msg: Msg::HintCanned,
                    }),
                ],
                close(Msg::HintCancel),
            ),
            // While it runs Esc only closes the form: the request goes on.
            Overlay::Form { .. } => (vec![], close(Msg::HintClose)),
            Overlay::Confirm { .. }
            | Overlay::Acknowledge { .. }
            | Overlay::Quit { .. }
            | Overlay::CommandConfirm { .. } => (
                app.keymap
                    .hints(&[crate::app::keymap::Context::Confirm])
                    .iter()
                    .map(|h| Some(BarHint::from_key_hint(km, h)))
                    .collect(),
                None,
            ),
            Overlay::TicketOpened { .. } => (
                vec![of(Action::Copy, Msg::KeyCopy, false)],
                close(Msg::HintClose),
            ),
            Overlay::CopyMenu { .. } => (vec![], close(Msg::HintBack)),
            Overlay::InvoiceQueued { .. }
            | Overlay::Notice { .. }
            | Overlay::Audit { .. }
            | Overlay::Messages { .. } => (vec![], close(Msg::HintClose)),
            // Esc stops a running command first; the output stays to read.
            Overlay::Command(run) if run.running() => (vec![], close(Msg::NocHintStop)),
            Overlay::Command(_) => (vec![], close(Msg::HintClose)),
        };
        let pinned = [esc, interrupt()].into_iter().flatten().collect();
        return (hints.into_iter().flatten().collect(), pinned);
    }
    if app.palette.is_some() {
        let hints = [of(Action::Open, Msg::KeyOpen, true)];
        let pinned = [close(Msg::HintClose), interrupt()];
        return (
            hints.into_iter().flatten().collect(),
            pinned.into_iter().flatten().collect(),
        );
    }
    if app.help.is_some() {
        let pinned = [
            of(Action::Help, Msg::HintClose, false),
            close(Msg::HintBack),
            of(Action::Quit, Msg::KeyQuit, false),
        ];
        return (Vec::new(), pinned.into_iter().flatten().collect());
    }
    let (contexts, text_focus) = app.contexts();
    let mut hints = app.keymap.hints(contexts);
    // On a tool screen "/" filters the list instead of searching, and
    // only the tools that offer copying keep its hint.
    if let Screen::Tool(tool) = app.screen {
        let slash = crate::app::tools::slash_hint(app, tool);
        for hint in hints.iter_mut().filter(|h| h.action == Action::Search) {
            hint.msg = slash;
        }
        if !crate::app::tools::copies(tool) {
            hints.retain(|h| h.action != Action::Copy);
        }
        if !crate::app::tools::lists(tool) {
            hints.retain(|h| !matches!(h.action, Action::Search | Action::Refresh));
        }
    }
    // The service actions work from every customer pane, but the detail
    // panes' bars keep room for their own keys (the help lists them all),
    // ranked as the pane's own.
    let detail =
        matches!((app.screen, &app.view), (Screen::Customer, Some(view)) if view.focus.is_detail());
    if detail {
        hints.retain(|h| h.action.spec().context != crate::app::keymap::Context::Subscriber);
    }
    let pinned_actions = [Action::Help, Action::Back, Action::Quit, Action::Interrupt];
    hints.retain(|h| !pinned_actions.contains(&h.action));
    let top = contexts
        .iter()
        .copied()
        .find(|c| !(detail && *c == crate::app::keymap::Context::Subscriber));
    hints.sort_by_key(|h| rank(top, h.action));
    // While a watch is offered, its key leads the bar (the help and the
    // palette always list it).
    let keys = crate::ui::widgets::keys_label(km, Action::Watch);
    if app.view.as_ref().is_some_and(|v| v.watch.offer.is_some())
        && contexts.contains(&crate::app::keymap::Context::Subscriber)
        && !keys.is_empty()
    {
        hints.insert(
            0,
            crate::app::keymap::KeyHint {
                keys,
                action: Action::Watch,
                msg: Msg::KeyWatch,
            },
        );
    }
    let hints = hints
        .iter()
        .filter_map(|h| {
            // In a text field letters type: only the keys that still act.
            of(h.action, h.msg, text_focus).map(|b| BarHint {
                // Keep the tool screens' own wording.
                msg: h.msg,
                ..b
            })
        })
        .collect();
    let quit = if text_focus {
        interrupt()
    } else {
        of(Action::Quit, Msg::KeyQuit, false)
    };
    let pinned = [
        of(Action::Help, Msg::KeyHelp, text_focus),
        close(Msg::HintBack),
        quit,
    ];
    (hints, pinned.into_iter().flatten().collect())
}

/// Where `action` ranks in the hint bar of the `top` context (lower
/// first): what an attendant does most there. Unranked hints follow in
/// the keymap's order.
fn rank(top: Option<crate::app::keymap::Context>, action: Action) -> usize {
    use crate::app::keymap::Context as C;
    let order: &[Action] = match top {
        Some(C::Search) => &[
            Action::History,
            Action::CycleSearchKind,
            Action::SearchAlternative,
            Action::IncludeCancelled,
            Action::Palette,
        ],
        Some(C::Subscriber) => &[
            Action::Unlock,
            Action::ResetMac,
            Action::Disconnect,
            Action::OpenTicket,
            Action::Copy,
            Action::RevealPassword,
        ],
        // The boleto line is the most copied thing of all.
        Some(C::Financial) => &[Action::Copy, Action::SendInvoice, Action::ToggleAllPending],
        Some(C::Tickets) => &[
            Action::ToggleTicketsAll,
            Action::Copy,
            Action::EditTicket,
            Action::CloseTicket,
        ],
        Some(C::Orders) => &[Action::CycleOrderFilter],
        Some(C::Tool) => &[Action::Search, Action::Refresh, Action::Copy],
        _ => &[Action::Copy, Action::Refresh],
    };
    order
        .iter()
        .position(|a| *a == action)
        .unwrap_or(order.len())
}
