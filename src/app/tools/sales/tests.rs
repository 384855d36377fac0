//! Unit tests of the new-prospect form on the shared form engine.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::api::City;
use crate::app::forms::{ActionForm, FieldId, FormOutcome, TicketForm, paste};

use super::form::{CitiesView, ProspectForm};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn type_text(f: &mut dyn ActionForm, text: &str) {
    for c in text.chars() {
        assert_eq!(f.handle_key(key(KeyCode::Char(c))), FormOutcome::Continue);
    }
}

/// What every form does, driven through `dyn ActionForm` and the engine's
/// one `paste`: a failed submit keeps the typing and focuses the first
/// failing field in form order, with its message at the field; a paste
/// there goes in as one clean line and clears that message; a held Enter
/// does nothing; Esc cancels.
fn engine_contract(f: &mut dyn ActionForm) {
    let typed_in = f.form().focused();
    type_text(f, "xy");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(f.form().value(typed_in), "xy", "the typing stays");
    let first_failing = f
        .form()
        .visible()
        .find(|field| field.error.is_some())
        .map(|field| field.id)
        .expect("a message at a field");
    assert_eq!(f.form().focused(), first_failing);
    assert!(paste(f, "12\n34\x1b"));
    let pasted = f.form().value(first_failing).to_owned();
    assert!(pasted.ends_with("12 34␛"), "{pasted:?}");
    assert!(f.form().field(first_failing).error.is_none());
    assert!(f.form().edited());
    let held = KeyEvent {
        kind: KeyEventKind::Repeat,
        ..key(KeyCode::Enter)
    };
    let before = f.form().errors();
    assert_eq!(f.handle_key(held), FormOutcome::Continue);
    assert_eq!(f.form().errors(), before, "a held Enter validates nothing");
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
    assert_eq!(f.form().value(typed_in), "xy", "Esc keeps the typing too");
}

#[test]
fn the_prospect_and_ticket_forms_share_one_engine() {
    let mut ticket = TicketForm::new("Maria", None, None);
    engine_contract(&mut ticket);
    assert_eq!(ticket.form().focused(), FieldId::Phone);

    let mut prospect = ProspectForm::new();
    let cities = [City {
        id_cidade: Some(1406),
        nome: Some("Bambuí".into()),
        ..City::default()
    }];
    engine_contract(&mut prospect.bind(CitiesView::Loaded(&cities), "Outra"));
    assert_eq!(prospect.form().focused(), FieldId::Document);
    assert_eq!(prospect.value(FieldId::Name), "xy");
}

#[test]
fn a_pasted_cep_clears_the_plan_message_as_a_typed_one_does() {
    // The prospect form's own paste skipped what typing did after a CEP
    // changed: the plan's message (about the old CEP) stayed.
    let mut form = ProspectForm::new();
    let cities: [City; 0] = [];
    let mut f = form.bind(CitiesView::Loaded(&cities), "Outra");
    f.handle_key(key(KeyCode::Enter));
    assert!(f.form().field(FieldId::Plan).error.is_some());
    f.form_mut().focus(FieldId::Cep);
    assert!(paste(&mut f, "35560-000"));
    assert!(f.form().field(FieldId::Cep).error.is_none());
    assert!(f.form().field(FieldId::Plan).error.is_none());
    assert_eq!(form.needs_plans().as_deref(), Some("35560000"));
}
