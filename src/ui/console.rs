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
use crate::ui::widgets::{HintBar, StatusLine, TooSmall, is_too_small, keys_label};

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
    let body = Rect {
        height: area.height - 2,
        ..area
    };
    let hints_area = Rect {
        y: area.y + area.height - 2,
        height: 1,
        ..area
    };
    let status_area = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    match (app.screen, &app.view) {
        (Screen::Tool(tool), _) => crate::ui::tools::draw(frame, body, app, tool),
        (Screen::Customer, Some(view)) => crate::ui::customer::draw(frame, body, app, view),
        _ => crate::ui::search::draw(frame, body, app),
    }

    let (contexts, text_focus) = app.contexts();
    let mut hints = app.keymap.hints(contexts);
    // On a tool screen "/" filters the list instead of searching, and
    // only the tools that offer copying keep its hint.
    if let Screen::Tool(tool) = app.screen {
        for hint in hints.iter_mut().filter(|h| h.action == Action::Search) {
            hint.msg = Msg::KeyFilter;
        }
        if !crate::app::tools::copies(tool) {
            hints.retain(|h| h.action != Action::Copy);
        }
        if !crate::app::tools::lists(tool) {
            hints.retain(|h| !matches!(h.action, Action::Search | Action::Refresh));
        }
    }
    // Result views, the copy chooser and the audit list name their own
    // keys; the dialog's yes/no would be wrong there.
    if matches!(
        app.overlay,
        Some(
            Overlay::TicketOpened { .. }
                | Overlay::InvoiceQueued { .. }
                | Overlay::CopyMenu { .. }
                | Overlay::Notice { .. }
                | Overlay::Audit { .. }
        )
    ) {
        hints.clear();
    }
    // The service actions work from every customer pane, but the detail
    // panes' bars keep room for their own keys (the help lists them all).
    if app.overlay.is_none()
        && let (Screen::Customer, Some(view)) = (app.screen, &app.view)
        && view.focus.is_detail()
    {
        hints.retain(|h| h.action.spec().context != crate::app::keymap::Context::Subscriber);
    }
    // A form shares the dialog's context, but its fields take the arrows
    // and Tab.
    if matches!(app.overlay, Some(Overlay::Form { .. })) {
        hints.retain(|h| h.action != Action::Choose);
    }
    if text_focus {
        // In a text field letters type: list only the keys that still act
        // there (Ctrl-K, F1...), never "q Sair" for a q that types a q.
        hints.retain_mut(|hint| {
            let keys: Vec<String> = app
                .keymap
                .keys_for(hint.action)
                .iter()
                .filter(|k| !k.is_typing())
                .map(ToString::to_string)
                .collect();
            hint.keys = keys.join("/");
            !keys.is_empty()
        });
        // And how to leave, since q types here.
        let quit = keys_label(&app.keymap, Action::Interrupt);
        if !quit.is_empty() {
            hints.push(crate::app::keymap::KeyHint {
                keys: quit,
                action: Action::Interrupt,
                msg: Action::Interrupt.spec().msg,
            });
        }
    }
    HintBar {
        hints: &hints,
        lang,
        theme,
    }
    .render(hints_area, frame.buffer_mut());

    let mut badges: Vec<&str> = Vec::new();
    if app.settings.demo {
        badges.push(tr(lang, Msg::DemoBanner));
    }
    if app.settings.insecure {
        badges.push(tr(lang, Msg::InsecureBadge));
    }
    if app.settings.read_only {
        badges.push(tr(lang, Msg::ReadOnlyBadge));
    }
    let profile = crate::sanitize::clean(&app.settings.profile);
    if !profile.trim().is_empty() {
        badges.push(&profile);
    }
    StatusLine {
        message: app.status.as_ref(),
        now,
        badges: &badges,
        busy_tick: app.inflight.any_running().then_some(app.tick),
        theme,
    }
    .render(status_area, frame.buffer_mut());

    if let Some(overlay) = &app.overlay {
        crate::ui::actions::draw(frame, body, app, overlay, now);
    }

    if let Some(palette) = &app.palette {
        crate::ui::palette::draw(frame, body, app, palette);
    }

    if let Some(scroll) = app.help {
        let overlay = HelpOverlay {
            keymap: &app.keymap,
            lang,
            theme,
            scroll,
            typing: app.screen_contexts().1,
        };
        let max = overlay.max_scroll(body);
        HelpOverlay {
            scroll: scroll.min(max),
            ..overlay
        }
        .render(body, frame.buffer_mut());
    }
}
