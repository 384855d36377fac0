//! A key press: the overlay, the palette or the help take it first, then
//! the screen's own handler ([`super::search`], [`super::customer`], the
//! tools); quitting asks first while an action waits for the server.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent};

use crate::i18n::{Msg as T, tr};

use super::customer::{customer_key, park_view};
use super::keymap::{self, Action, Context};
use super::search::search_key;
use super::status::StatusKind;
use super::{
    App, Changed, Effect, MIN_HEIGHT, MIN_WIDTH, Screen, SearchFocus, actions, confirm, palette,
    scroll, tools,
};

pub(super) fn on_key(
    app: &mut App,
    key: KeyEvent,
    gap: Option<Duration>,
    fx: &mut Vec<Effect>,
) -> Changed {
    if app.overlay.is_some() {
        // Ctrl-C still leaves from a form or dialog; everything else is
        // the overlay's.
        if app.keymap.dispatch(&key, &[Context::Confirm], true) == Some(Action::Interrupt)
            && !matches!(app.overlay, Some(actions::Overlay::Quit { .. }))
        {
            return quit(app, fx);
        }
        return actions::overlay_key(app, key, gap, fx);
    }
    if app.palette.is_some() {
        return palette_key(app, key, fx);
    }
    let (contexts, text_focus) = app.contexts();
    // Below the minimum size only the "too small" screen shows, and it
    // says which key quits: that key must work even over a text field.
    let too_small = app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT;
    // A tab key in a text field: it switches from the untouched search
    // box; once something is typed, Alt-digit is Esc then the digit.
    let in_text = (!too_small)
        .then(|| super::tabs::in_text_field(app, &key, contexts, text_focus))
        .flatten();
    match in_text {
        Some(super::tabs::InText::Switch(action)) if app.help.is_none() => {
            return super::tabs::key(app, action, fx);
        }
        Some(super::tabs::InText::Replay([esc, typed])) => {
            let first = on_key(app, esc, gap, fx);
            let second = on_key(app, typed, Some(Duration::ZERO), fx);
            return if first == Changed::Yes || second == Changed::Yes {
                Changed::Yes
            } else {
                Changed::No
            };
        }
        _ => {}
    }
    let action = if too_small {
        app.keymap.dispatch(&key, &[Context::Navigation], false)
    } else {
        app.keymap.dispatch(&key, contexts, text_focus)
    };
    // Checked again at execution: a read-only profile never runs an action
    // that writes, whatever path the key took.
    let action = action.filter(|a| app.keymap.allows(*a));
    // A held key repeats: an action key must act once per press.
    let action = action.filter(|a| {
        key.kind != crossterm::event::KeyEventKind::Repeat
            || (a.risk() == keymap::Risk::Safe && *a != Action::Copy)
    });
    match action {
        Some(Action::Interrupt) | Some(Action::Quit) => return quit(app, fx),
        Some(Action::Suspend) => {
            fx.push(Effect::Suspend);
            return Changed::No;
        }
        Some(Action::Help) => {
            app.help = if app.help.is_some() {
                None
            } else {
                Some(scroll::Scroll::new())
            };
            return Changed::Yes;
        }
        Some(Action::AuditLog) if app.help.is_none() && !too_small => {
            return actions::open_audit(app, fx);
        }
        Some(Action::MessageLog) if app.help.is_none() && !too_small => {
            return actions::open_messages(app);
        }
        Some(Action::Palette) if app.help.is_none() && !too_small => {
            app.palette = Some(palette::Palette::with_commands(
                &app.keymap,
                app.view.is_some(),
                &app.settings.commands,
            ));
            return Changed::Yes;
        }
        Some(a @ (Action::Tab(_) | Action::NextTab | Action::PrevTab | Action::CloseTab))
            if app.help.is_none() && !too_small =>
        {
            return super::tabs::key(app, a, fx);
        }
        Some(a) if app.help.is_none() && !too_small => {
            if let Some(tool) = tools::Tool::for_action(a) {
                return tools::open_by(app, tool, a, fx);
            }
        }
        _ => {}
    }
    if app.help.is_some() {
        if action == Some(Action::Back) {
            app.help = None;
            return Changed::Yes;
        }
        let page = page(app) as i32;
        let Some(scroll) = app.help.as_mut() else {
            return Changed::No;
        };
        let moved = match action {
            Some(Action::Down) => scroll.by(1),
            Some(Action::Up) => scroll.by(-1),
            Some(Action::PageDown) => scroll.by(page),
            Some(Action::PageUp) => scroll.by(-page),
            Some(Action::Top) => scroll.top(),
            Some(Action::Bottom) => scroll.end(),
            _ => false,
        };
        return if moved { Changed::Yes } else { Changed::No };
    }
    if too_small {
        return Changed::No;
    }
    match app.screen {
        Screen::Search => search_key(app, key, action, fx),
        Screen::Customer => customer_key(app, action, fx),
        Screen::Tool(tool) => tools::key(app, tool, key, action, fx),
    }
}

/// A key while the command palette is open: typing filters, arrows
/// choose, Enter runs the chosen entry as if its key had been pressed,
/// Esc closes.
pub(super) fn palette_key(app: &mut App, key: KeyEvent, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let action = app.keymap.dispatch(&key, &[Context::Global], true);
    let Some(palette) = app.palette.as_mut() else {
        return Changed::No;
    };
    match (action, key.code) {
        (Some(Action::Interrupt), _) => {
            app.palette = None;
            quit(app, fx)
        }
        (Some(Action::Back), _) => {
            app.palette = None;
            Changed::Yes
        }
        (Some(Action::Open), _) => {
            let chosen = palette.chosen(lang);
            app.palette = None;
            match chosen {
                Some(entry) => run_palette_entry(app, entry.action, fx),
                None => Changed::Yes,
            }
        }
        (_, KeyCode::Up) => {
            palette.step(lang, false);
            Changed::Yes
        }
        (_, KeyCode::Down) => {
            palette.step(lang, true);
            Changed::Yes
        }
        _ => {
            if palette.edit(key) {
                Changed::Yes
            } else {
                Changed::No
            }
        }
    }
}

/// Runs what a palette entry names, through the same read-only check as
/// a key.
pub(super) fn run_palette_entry(app: &mut App, action: Action, fx: &mut Vec<Effect>) -> Changed {
    if !app.keymap.allows(action) {
        return Changed::Yes;
    }
    if let Some(tool) = tools::Tool::for_action(action) {
        return tools::open_by(app, tool, action, fx);
    }
    if matches!(
        action,
        Action::Tab(_) | Action::NextTab | Action::PrevTab | Action::CloseTab
    ) {
        return super::tabs::key(app, action, fx);
    }
    // An action on the customer: back on it, then exactly as its key.
    if palette::on_customer(action) {
        if app.view.is_none() {
            app.set_status(
                StatusKind::Error,
                tr(app.lang(), T::PaletteNeedsCustomer).into(),
            );
            return Changed::Yes;
        }
        app.screen = Screen::Customer;
        app.tools.return_to = None;
        return customer_key(app, Some(action), fx);
    }
    match action {
        Action::Quit => quit(app, fx),
        Action::Help => {
            app.help = Some(scroll::Scroll::new());
            Changed::Yes
        }
        Action::AuditLog => actions::open_audit(app, fx),
        Action::MessageLog => actions::open_messages(app),
        Action::Search => {
            park_view(app, fx);
            app.tools.return_to = None;
            app.search.focus.0 = SearchFocus::Input;
            app.search.input.reset();
            app.search.forced = None;
            Changed::Yes
        }
        _ => Changed::Yes,
    }
}

/// Leaves the console, unless an action is waiting for the server: then
/// asks first (issue 13), since leaving abandons it and its outcome will
/// only ever read "unknown" in the trail. The question goes over whatever
/// was open, which comes back on "Não".
pub(super) fn quit(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    if !app.inflight.any_running() {
        fx.push(Effect::Quit);
        return Changed::No;
    }
    if !matches!(app.overlay, Some(actions::Overlay::Quit { .. })) {
        let under = app.overlay.take().map(Box::new);
        app.overlay = Some(actions::Overlay::Quit {
            choice: confirm::Choice::new(app.instant),
            under,
        });
    }
    Changed::Yes
}

pub(super) fn page(app: &App) -> usize {
    (app.size.1 as usize).saturating_sub(10).max(1)
}

/// Moves a selection index for a navigation action.
pub(super) fn moved(action: Action, sel: usize, rows: usize, page: usize) -> Option<usize> {
    if rows == 0 {
        return None;
    }
    let last = rows - 1;
    let to = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to)
}
