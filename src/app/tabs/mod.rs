//! Several customers at once (issue 18): up to [`MAX_TABS`] customers stay
//! open as tabs, each with its own panes, selection, drafts, watches and
//! reads in flight.
//!
//! The customer on screen stays where the rest of the console has always
//! found it, [`App::view`]; the others are *parked* here, whole. [`Tabs`]
//! owns the order of the strip and the parked views; the active tab is the
//! entry whose view is out in `App::view` (at most one). Leaving the
//! customer screen (Esc, `/`) parks the view: nothing is aborted, its
//! reads land in it while parked, and its watches keep ticking
//! ([`super::watch::on_tick`] walks every tab) with the bell and a badge on
//! the strip when a service comes online.
//!
//! A reply finds its view by the [`ViewId`] of its request, on screen or
//! parked ([`take`] / [`put`]); a reply for a tab that was closed finds
//! none and is dropped, as before, and closing a tab aborts its reads.
//!
//! Opening a customer ([`super::customer::open_code`]: Enter on a result,
//! a screen pop, the history) brings back the tab that already shows that
//! customer, or opens a new one at the end of the strip; the tenth closes
//! the tab left longest ago that has no action waiting for the server
//! ([`make_room`]). Actions' results are never dropped: they name their
//! customer on the status line whichever tab is on screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::{Msg as T, tr, trf};

use super::keymap::{Action, Context};
use super::status::StatusKind;
use super::{App, Changed, CustomerView, Effect, Screen, ViewId};

/// How many customers can be open at once (Alt-1 … Alt-9).
pub const MAX_TABS: usize = 9;

/// The open customers, in strip order.
#[derive(Debug, Default)]
pub struct Tabs {
    entries: Vec<Entry>,
    /// Counts the moments a tab was left, for "left longest ago".
    clock: u64,
}

/// One open customer.
#[derive(Debug)]
struct Entry {
    id: ViewId,
    code: u64,
    /// The view while it is off screen; `None` for the one in `App::view`.
    parked: Option<CustomerView>,
    /// When it was last left ([`Tabs::clock`]); the active one counts as now.
    left_at: u64,
}

/// What the strip shows of one tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabLabel {
    /// The customer's name, sanitized (or its code until the name is known).
    pub name: String,
    /// It is the customer in `App::view`.
    pub active: bool,
    /// A watched service of this customer came online (the watch row says
    /// which; the badge stays until its watches are stopped).
    pub online: bool,
}

impl Tabs {
    /// How many customers are open.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no customer is open.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The strip position of view `id`.
    pub fn position(&self, id: ViewId) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// The view ids in strip order.
    pub fn ids(&self) -> Vec<ViewId> {
        self.entries.iter().map(|e| e.id).collect()
    }

    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }
}

/// The view `id`, on screen or parked.
pub fn view(app: &App, id: ViewId) -> Option<&CustomerView> {
    match &app.view {
        Some(v) if v.id == id => Some(v),
        _ => app
            .tabs
            .entries
            .iter()
            .find(|e| e.id == id)
            .and_then(|e| e.parked.as_ref()),
    }
}

/// The view `id`, on screen or parked, to change.
pub fn view_mut(app: &mut App, id: ViewId) -> Option<&mut CustomerView> {
    match &mut app.view {
        Some(v) if v.id == id => Some(v),
        _ => app
            .tabs
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .and_then(|e| e.parked.as_mut()),
    }
}

/// Every open customer's view, the one on screen included, in strip order.
pub fn views(app: &App) -> impl Iterator<Item = &CustomerView> {
    app.tabs.entries.iter().filter_map(|e| {
        e.parked
            .as_ref()
            .or(app.view.as_ref().filter(|v| v.id == e.id))
    })
}

/// The strip: every tab's name, which is on screen, which has news.
pub fn labels(app: &App) -> Vec<TabLabel> {
    let lang = app.lang();
    let active = app.view.as_ref().map(|v| v.id);
    views(app)
        .map(|v| TabLabel {
            name: name_of(lang, v),
            active: Some(v.id) == active,
            online: v.watch.list.iter().any(|w| !w.waiting()),
        })
        .collect()
}

/// The customer's name for the strip and the status line: sanitized, on
/// one line, or "código N" until the record says.
pub fn name_of(lang: crate::i18n::Lang, view: &CustomerView) -> String {
    view.customer
        .data
        .as_ref()
        .and_then(|c| c.display_name())
        .map(|n| crate::sanitize::clean_line(n).trim().to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| trf(lang, T::LogCustomerCode, &[("code", &view.code)]))
}

/// Where a view taken out with [`take`] goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seat {
    /// It was `App::view`.
    OnScreen,
    /// It was parked.
    Parked,
}

/// Takes view `id` out, on screen or parked, to work on it beside `app`
/// (a reply, a tick, a refresh); [`put`] gives it back. `None` when no open
/// tab has that id: the customer was closed.
pub(super) fn take(app: &mut App, id: ViewId) -> Option<(CustomerView, Seat)> {
    if app.view.as_ref().is_some_and(|v| v.id == id) {
        return app.view.take().map(|v| (v, Seat::OnScreen));
    }
    let entry = app.tabs.entries.iter_mut().find(|e| e.id == id)?;
    entry.parked.take().map(|v| (v, Seat::Parked))
}

/// Puts back a view [`take`] took out.
pub(super) fn put(app: &mut App, view: CustomerView, seat: Seat) {
    match seat {
        Seat::OnScreen => app.view = Some(view),
        Seat::Parked => {
            if let Some(e) = app.tabs.entries.iter_mut().find(|e| e.id == view.id) {
                e.parked = Some(view);
            }
        }
    }
}

/// The strip position of the tab showing customer `code`.
pub(super) fn index_of_code(app: &App, code: u64) -> Option<usize> {
    app.tabs.entries.iter().position(|e| e.code == code)
}

/// Parks the customer on screen, if any: it keeps everything but a
/// revealed password (held only while on screen).
pub(super) fn park(app: &mut App) {
    let Some(mut view) = app.view.take() else {
        return;
    };
    view.hide_secrets();
    let left_at = app.tabs.tick();
    match app.tabs.entries.iter_mut().find(|e| e.id == view.id) {
        Some(e) => {
            e.left_at = left_at;
            e.parked = Some(view);
        }
        None => app.tabs.entries.push(Entry {
            id: view.id,
            code: view.code,
            parked: Some(view),
            left_at,
        }),
    }
}

/// Makes room for one more customer: at [`MAX_TABS`], the tab left longest
/// ago that has no action waiting for the server closes (the status line
/// says whose). Returns false, having said why, when every tab has one.
pub(super) fn make_room(app: &mut App, fx: &mut Vec<Effect>) -> bool {
    if app.tabs.len() < MAX_TABS {
        return true;
    }
    let lang = app.lang();
    let on_screen = app.view.as_ref().map(|v| v.id);
    let victim = app
        .tabs
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !app.pending.values().any(|p| p.view == e.id))
        .min_by_key(|(_, e)| {
            if Some(e.id) == on_screen {
                u64::MAX
            } else {
                e.left_at
            }
        })
        .map(|(i, _)| i);
    let Some(i) = victim else {
        let key = super::keymap::keys_label(&app.keymap, Action::CloseTab);
        app.set_status(
            StatusKind::Error,
            trf(lang, T::TabsFull, &[("max", &MAX_TABS), ("key", &key)]),
        );
        return false;
    };
    let name = remove(app, i, fx);
    app.set_status(
        StatusKind::Info,
        trf(lang, T::TabEvicted, &[("max", &MAX_TABS), ("name", &name)]),
    );
    true
}

/// Adds `view`, just opened, as a new tab at the end of the strip and
/// shows it. The caller parked the one on screen and made room.
pub(super) fn open(app: &mut App, view: CustomerView) {
    park(app);
    app.tabs.entries.push(Entry {
        id: view.id,
        code: view.code,
        parked: None,
        left_at: 0,
    });
    app.view = Some(view);
    app.screen = Screen::Customer;
}

/// Shows the tab at strip position `i` (0-based), parking the one on
/// screen; from a tool screen too.
pub(super) fn activate(app: &mut App, i: usize) -> Changed {
    let Some(id) = app.tabs.entries.get(i).map(|e| e.id) else {
        return Changed::No;
    };
    app.tools.return_to = None;
    if app.view.as_ref().is_some_and(|v| v.id == id) {
        let was = std::mem::replace(&mut app.screen, Screen::Customer);
        return if was == Screen::Customer {
            Changed::No
        } else {
            Changed::Yes
        };
    }
    park(app);
    app.view = app.tabs.entries[i].parked.take();
    app.screen = Screen::Customer;
    Changed::Yes
}

/// Closes the tab at strip position `i`: its reads are aborted (a late
/// answer finds no view and is dropped), its watches go with it. Returns
/// the customer's name.
fn remove(app: &mut App, i: usize, fx: &mut Vec<Effect>) -> String {
    let entry = app.tabs.entries.remove(i);
    let view = match entry.parked {
        Some(v) => Some(v),
        None => app.view.take_if(|v| v.id == entry.id),
    };
    fx.push(Effect::Abort { view: entry.id });
    view.map(|v| name_of(app.lang(), &v))
        .unwrap_or_else(|| trf(app.lang(), T::LogCustomerCode, &[("code", &entry.code)]))
}

/// Closes the customer tab on screen; the tab shown before it comes back,
/// or the search screen when it was the last.
pub(super) fn close_on_screen(app: &mut App, fx: &mut Vec<Effect>) -> Changed {
    let Some(i) = app
        .view
        .as_ref()
        .filter(|_| app.screen == Screen::Customer)
        .and_then(|v| app.tabs.position(v.id))
    else {
        return Changed::No;
    };
    let name = remove(app, i, fx);
    app.set_status(
        StatusKind::Info,
        trf(app.lang(), T::TabClosed, &[("name", &name)]),
    );
    match last_left(app) {
        Some(j) => {
            activate(app, j);
        }
        None => {
            // Back in the box as Esc leaves it: its text selected.
            app.screen = Screen::Search;
            app.search.focus.0 = super::SearchFocus::Input;
            app.search.selected_all = !app.search.input.value().is_empty();
        }
    }
    Changed::Yes
}

/// The parked tab left most recently.
fn last_left(app: &App) -> Option<usize> {
    app.tabs
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.parked.is_some())
        .max_by_key(|(_, e)| e.left_at)
        .map(|(i, _)| i)
}

/// A tab key (Alt-N, Ctrl-←/→, Ctrl-W), on a screen with no text field
/// in focus and nothing open on top.
pub(super) fn key(app: &mut App, action: Action, fx: &mut Vec<Effect>) -> Changed {
    let lang = app.lang();
    let n = app.tabs.len();
    match action {
        Action::Tab(k) => {
            let i = usize::from(k).wrapping_sub(1);
            if i < n {
                activate(app, i)
            } else {
                app.set_status(StatusKind::Info, trf(lang, T::TabEmpty, &[("n", &k)]));
                Changed::Yes
            }
        }
        Action::NextTab | Action::PrevTab if n == 0 => {
            app.set_status(StatusKind::Info, tr(lang, T::TabNone).into());
            Changed::Yes
        }
        Action::NextTab | Action::PrevTab => {
            let current = app
                .view
                .as_ref()
                .filter(|_| app.screen == Screen::Customer)
                .and_then(|v| app.tabs.position(v.id));
            let to = match current {
                Some(i) if action == Action::NextTab => (i + 1) % n,
                Some(i) => (i + n - 1) % n,
                // From the search or a tool screen: the customer left last.
                None => match &app.view {
                    Some(v) => app.tabs.position(v.id).unwrap_or(0),
                    None => last_left(app).unwrap_or(0),
                },
            };
            activate(app, to)
        }
        Action::CloseTab => close_on_screen(app, fx),
        _ => Changed::No,
    }
}

/// What a tab key does while a text field has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InText {
    /// It switches: the search box is untouched (empty, or its text
    /// selected as Esc from a customer leaves it), so nothing is being
    /// typed that it could belong to.
    Switch(Action),
    /// Alt and a character while typing: read as Esc then the character.
    Replay([KeyEvent; 2]),
}

/// A tab key in a text field. Under tmux (whose `escape-time` was 500 ms
/// before 3.5) or over a slow link, Esc followed quickly by a digit
/// reaches the console as Alt-digit, and Esc then a digit is what an
/// attendant clearing the box and typing a CPF does. So once something is
/// typed in the box (or in any other field), a tab key made of Alt and a
/// character comes back as the two keys it most likely was, and typing
/// never switches tabs; Ctrl-←/→ and Ctrl-W keep their editing meaning
/// (`None`: the field takes them). Only the untouched search box lets the
/// tab keys switch, so Alt-N brings a customer back right after Esc.
pub(super) fn in_text_field(
    app: &App,
    key: &KeyEvent,
    contexts: &[Context],
    text_focus: bool,
) -> Option<InText> {
    if !text_focus {
        return None;
    }
    let action = app.keymap.dispatch(key, contexts, false).filter(|a| {
        matches!(
            a,
            Action::Tab(_) | Action::NextTab | Action::PrevTab | Action::CloseTab
        )
    })?;
    let untouched = app.screen == Screen::Search
        && app.search.focus.0 == super::SearchFocus::Input
        && app.overlay.is_none()
        && app.palette.is_none()
        && (app.search.input.value().is_empty() || app.search.selected_all);
    if untouched && action != Action::CloseTab {
        return Some(InText::Switch(action));
    }
    match key.code {
        KeyCode::Char(c) if key.modifiers == KeyModifiers::ALT => Some(InText::Replay([
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        ])),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
