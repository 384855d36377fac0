//! Unit tests of canned texts in the form engine (`Ctrl-T`).

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl_t() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)
}

fn type_text(f: &mut impl ActionForm, text: &str) {
    for c in text.chars() {
        f.handle_key(key(KeyCode::Char(c)));
    }
}

fn canned() -> Vec<Canned> {
    vec![
        Canned {
            name: "sem conexão".into(),
            text: "Cliente Ana sem conexão.".into(),
            missing: vec![],
        },
        Canned {
            name: "segunda via".into(),
            text: "Segunda via enviada, protocolo {protocolo}.".into(),
            missing: vec![Placeholder::Protocolo],
        },
    ]
}

fn ticket_form() -> TicketForm {
    let mut f = TicketForm::new("Ana", Some("(37) 99911-2233"), None);
    f.form_mut().set_canned(canned());
    f
}

#[test]
fn ctrl_t_lists_the_texts_and_enter_fills_the_field_to_edit() {
    let mut f = ticket_form();
    assert_eq!(f.handle_key(ctrl_t()), FormOutcome::Continue);
    let picker = f.form().picker().expect("the list is open");
    assert!(picker.canned);
    assert_eq!(picker.field, FieldId::Description);
    assert_eq!(
        pick::rows(&f),
        vec![(0, "sem conexão".to_owned()), (1, "segunda via".to_owned())]
    );
    f.handle_key(key(KeyCode::Enter));
    assert!(f.form().picker().is_none());
    assert_eq!(
        f.form().value(FieldId::Description),
        "Cliente Ana sem conexão."
    );
    // The focus stays in the field: the attendant edits, then sends.
    assert_eq!(f.form().focused(), FieldId::Description);
    assert!(f.form().edited());
    type_text(&mut f, " Reiniciou a ONU.");
    assert_eq!(
        f.form().value(FieldId::Description),
        "Cliente Ana sem conexão. Reiniciou a ONU."
    );
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
}

#[test]
fn typing_filters_the_list_with_accents_aside_and_a_second_text_goes_at_the_cursor() {
    let mut f = ticket_form();
    type_text(&mut f, "Cliente liga:");
    // Ctrl-T from another field targets the description.
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.form().focused(), FieldId::Requester);
    f.handle_key(ctrl_t());
    assert_eq!(f.form().focused(), FieldId::Description);
    type_text(&mut f, "conexao");
    assert_eq!(pick::rows(&f), vec![(0, "sem conexão".to_owned())]);
    f.handle_key(key(KeyCode::Enter));
    // After the text typed, a space apart.
    assert_eq!(
        f.form().value(FieldId::Description),
        "Cliente liga: Cliente Ana sem conexão."
    );
}

#[test]
fn esc_closes_the_list_and_keeps_the_form_as_it_was() {
    let mut f = ticket_form();
    type_text(&mut f, "abc");
    f.handle_key(ctrl_t());
    type_text(&mut f, "seg");
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Continue);
    assert!(f.form().picker().is_none());
    assert_eq!(f.form().value(FieldId::Description), "abc");
    // The next Esc cancels the form, as always.
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
}

#[test]
fn a_placeholder_left_unfilled_is_said_and_never_submitted() {
    let mut f = ticket_form();
    f.handle_key(ctrl_t());
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Enter));
    let field = f.form().field(FieldId::Description);
    assert_eq!(field.value(), "Segunda via enviada, protocolo {protocolo}.");
    let msg = field.error.clone().expect("said at once");
    assert!(msg.text(Lang::PtBr).contains("{protocolo}"), "{msg:?}");
    assert!(msg.text(Lang::En).contains("{protocolo}"), "{msg:?}");
    // Enter refuses and keeps every character.
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(
        f.form().errors().get(FieldId::Description).map(|m| m.msg),
        Some(Msg::FormTemplateUnfilled)
    );
    assert_eq!(
        f.form().value(FieldId::Description),
        "Segunda via enviada, protocolo {protocolo}."
    );
    // Replaced by hand: it goes.
    for _ in 0..".".len() + "{protocolo}".len() {
        f.handle_key(key(KeyCode::Backspace));
    }
    type_text(&mut f, "123.");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
}

#[test]
fn the_update_form_fills_the_visible_text_closing_or_editing() {
    let mut f = TicketUpdateForm::new(7, "Sem sinal", true);
    f.form_mut().set_canned(canned());
    f.handle_key(ctrl_t());
    assert_eq!(f.form().picker().unwrap().field, FieldId::ClosingText);
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(
        f.form().value(FieldId::ClosingText),
        "Cliente Ana sem conexão."
    );
    assert_eq!(f.form().value(FieldId::Description), "Sem sinal");
    let mut f = TicketUpdateForm::new(7, "Sem sinal", false);
    f.form_mut().set_canned(canned());
    f.handle_key(ctrl_t());
    assert_eq!(f.form().picker().unwrap().field, FieldId::Description);
    f.handle_key(key(KeyCode::Enter));
    assert_eq!(
        f.form().value(FieldId::Description),
        "Sem sinal Cliente Ana sem conexão."
    );
    // A placeholder left in a field now hidden does not block the other.
    let mut f = TicketUpdateForm::new(7, "Sem sinal", true);
    f.form_mut().set_canned(canned());
    f.handle_key(ctrl_t());
    f.handle_key(key(KeyCode::Down));
    f.handle_key(key(KeyCode::Enter));
    assert!(
        f.form()
            .unfilled_errors()
            .get(FieldId::ClosingText)
            .is_some()
    );
    f.form_mut().focus(FieldId::CloseTicket);
    f.handle_key(key(KeyCode::Char(' ')));
    assert!(!f.closing());
    assert!(f.form().unfilled_errors().0.is_empty());
}

#[test]
fn forms_without_canned_fields_or_texts_ignore_ctrl_t() {
    let mut f = TrustUnlockForm::new();
    f.form_mut().set_canned(canned());
    f.handle_key(ctrl_t());
    assert!(f.form().picker().is_none());
    assert_eq!(f.form().canned_target(), None);
    // No text offered: nothing opens, nothing is typed.
    let mut f = TicketForm::new("Ana", None, None);
    f.handle_key(ctrl_t());
    assert!(f.form().picker().is_none());
    assert_eq!(f.form().value(FieldId::Description), "");
}

#[test]
fn a_typed_brace_without_a_canned_text_is_the_attendants_own() {
    // The check applies to text that came from a template only.
    let mut f = ticket_form();
    type_text(&mut f, "Cliente pediu {protocolo} por e-mail");
    assert!(f.form().unfilled_errors().0.is_empty());
}
