//! List fields of the form engine: the open list over a form, filtered by
//! what the attendant types, and stepping through a list from the field.
//!
//! The options belong to the form ([`ActionForm::options`]): the engine
//! only keeps which field the list is for, the filter and the selected
//! row, so a list read again from the server does not change what was
//! chosen behind the attendant's back.
//!
//! The same list offers a form's canned texts (`Ctrl-T`): then its rows
//! are the texts' names ([`super::Form::canned`]) and choosing inserts
//! the text into the field instead of storing an option.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler as _;

use super::{ActionForm, FieldId, Form, FormOutcome, value_changed};

/// Rows a page key moves in an open list.
const PAGE: usize = 10;

/// An open list: a list field's options filtered by what is typed.
#[derive(Debug, Clone)]
pub struct Picker {
    /// The field it chooses for.
    pub field: FieldId,
    /// What was typed to narrow the list.
    pub filter: Input,
    /// Selected row among the filtered options.
    pub selected: usize,
    /// The list holds the form's canned texts for the text field `field`.
    pub canned: bool,
}

/// The options of `labels` that `filter` leaves, as indexes into `labels`:
/// every word of the filter must occur in the label, accents and case
/// aside.
pub fn filtered(labels: &[String], filter: &str) -> Vec<usize> {
    let needles: Vec<String> = crate::text::fold(filter)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    labels
        .iter()
        .enumerate()
        .filter(|(_, label)| {
            let hay = crate::text::fold(label);
            needles.iter().all(|n| hay.contains(n.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The rows of the open list of `form`: (index into its options, label).
pub fn rows<F: ActionForm + ?Sized>(form: &F) -> Vec<(usize, String)> {
    let Some(picker) = form.form().picker() else {
        return Vec::new();
    };
    let mut labels = if picker.canned {
        form.form()
            .canned()
            .iter()
            .map(|c| c.name.clone())
            .collect()
    } else {
        form.options(picker.field)
    };
    filtered(&labels, picker.filter.value())
        .into_iter()
        .map(|i| (i, std::mem::take(&mut labels[i])))
        .collect()
}

/// Opens the list of field `id`, filtered by `typed`.
pub(super) fn open(form: &mut Form, id: FieldId, typed: &str) {
    form.picker = Some(Picker {
        field: id,
        filter: Input::new(typed.to_owned()),
        selected: 0,
        canned: false,
    });
}

/// Opens the canned texts for text field `id`.
pub(super) fn open_canned(form: &mut Form, id: FieldId) {
    form.picker = Some(Picker {
        field: id,
        filter: Input::default(),
        selected: 0,
        canned: true,
    });
}

/// Stores option `index` of `id` as if the attendant chose it.
fn choose<F: ActionForm + ?Sized>(form: &mut F, id: FieldId, index: usize) {
    form.choose(id, index);
    let at = form.form().fields.iter().position(|f| f.id == id);
    if let Some(at) = at {
        value_changed(form, at);
    }
}

/// `Left`/`Right` on list field `id`: the previous or next option (the
/// first or last when nothing is chosen yet).
pub(super) fn step<F: ActionForm + ?Sized>(form: &mut F, id: FieldId, forward: bool) {
    let n = form.options(id).len();
    if n == 0 {
        return;
    }
    let next = match form.chosen(id) {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None if forward => 0,
        None => n - 1,
    };
    choose(form, id, next);
}

/// A key while a list is open: move in it, narrow it, choose (then the
/// focus moves on), or close it with `Esc`.
pub(super) fn key<F: ActionForm + ?Sized>(form: &mut F, key: KeyEvent) -> FormOutcome {
    let rows = rows(form);
    let f = form.form_mut();
    let Some(picker) = f.picker.as_mut() else {
        return FormOutcome::Continue;
    };
    let last = rows.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc => f.picker = None,
        KeyCode::Up | KeyCode::BackTab => picker.selected = picker.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Tab => picker.selected = (picker.selected + 1).min(last),
        KeyCode::PageUp => picker.selected = picker.selected.saturating_sub(PAGE),
        KeyCode::PageDown => picker.selected = (picker.selected + PAGE).min(last),
        KeyCode::Enter if key.kind == KeyEventKind::Repeat => {}
        KeyCode::Enter => {
            let Some((index, _)) = rows.get(picker.selected) else {
                return FormOutcome::Continue;
            };
            let id = picker.field;
            let canned = picker.canned;
            f.picker = None;
            if canned {
                // The text goes in to be edited: the focus stays.
                super::insert_canned(form, id, *index);
            } else {
                choose(form, id, *index);
                form.form_mut().move_focus(true);
            }
        }
        _ => {
            if picker
                .filter
                .handle_event(&Event::Key(key))
                .is_some_and(|c| c.value)
            {
                picker.selected = 0;
            }
        }
    }
    FormOutcome::Continue
}
