//! Unit tests of the forms.

use super::*;
use serde_json::{Value, json};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn type_text(f: &mut impl ActionForm, text: &str) {
    for c in text.chars() {
        assert_eq!(f.handle_key(key(KeyCode::Char(c))), FormOutcome::Continue);
    }
}

fn clear(f: &mut impl ActionForm) {
    f.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
}

#[test]
fn ticket_prefills_and_normalises_the_phone() {
    let f = TicketForm::new("Maria Araújo\x1b[2J", Some("+55 (37) 99911-2233"), None);
    assert_eq!(f.form().value(FieldId::Phone), "37999112233");
    assert_eq!(f.form().value(FieldId::Requester), "Maria Araújo␛");
    assert_eq!(f.form().focused(), FieldId::Description);
}

#[test]
fn ticket_to_request_keeps_the_description_and_names_the_attendant() {
    let mut f = TicketForm::new("Maria Araújo", Some("(37) 3281-8000"), None);
    type_text(&mut f, "Sem acesso desde ontem");
    let r = f.to_request(11000, Some("joana.silva"), None).unwrap();
    assert_eq!(
        r.ticket,
        crate::api::NewTicket {
            id_cliente_servico: 11000,
            descricao: "Sem acesso desde ontem".into(),
            nome: "Maria Araújo".into(),
            telefone: "3732818000".into(),
            email: None,
            abrir_os: Some(false),
            parametros: crate::ops::identity::parametros(Some("joana.silva"), None),
        }
    );
    // No type, no order: the documented body.
    assert_eq!(r.id_tipo_atendimento, None);
    assert_eq!(r.ordem_servico, None);
    assert_eq!(
        r.to_call().unwrap().body.unwrap()["parametros"],
        json!({"atendente": "joana.silva", "origem": "hubdesk"})
    );
    let anonymous = f.to_request(11000, None, None).unwrap();
    assert_eq!(
        Value::Object(anonymous.ticket.parametros),
        json!({"origem": "hubdesk"}),
        "a missing identity still says where the ticket came from"
    );
}

#[test]
fn failed_submit_keeps_every_character_and_puts_messages_at_fields() {
    let mut f = TicketForm::new("Maria", Some("3281-8000"), Some("maria@"));
    // Enter with an empty description, a short phone, a bad e-mail.
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    let form = f.form();
    assert_eq!(
        form.field(FieldId::Description)
            .error
            .as_ref()
            .unwrap()
            .text(Lang::PtBr),
        "Campo vazio"
    );
    assert_eq!(
        form.field(FieldId::Phone)
            .error
            .as_ref()
            .unwrap()
            .text(Lang::PtBr),
        "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados 8"
    );
    assert_eq!(
        form.field(FieldId::Email)
            .error
            .as_ref()
            .unwrap()
            .text(Lang::En),
        "Invalid e-mail address"
    );
    assert!(form.field(FieldId::Requester).error.is_none());
    assert_eq!(form.focused(), FieldId::Description, "first failing field");
    assert_eq!(form.value(FieldId::Phone), "32818000");
    assert_eq!(form.value(FieldId::Email), "maria@");

    type_text(&mut f, "Lento");
    assert!(
        f.form().field(FieldId::Description).error.is_none(),
        "edit clears"
    );
    // Fix the phone: Tab to it, add the area code at the start.
    f.handle_key(key(KeyCode::Tab));
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.form().focused(), FieldId::Phone);
    f.handle_key(key(KeyCode::Home));
    type_text(&mut f, "37");
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "x.com");
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.form().focused(), FieldId::OpenOrder);
    f.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
    let r = f.to_request(7, Some("joana"), None).unwrap();
    assert_eq!(r.ticket.telefone, "3732818000");
    assert_eq!(r.ticket.email.as_deref(), Some("maria@x.com"));
    assert_eq!(r.ticket.abrir_os, Some(true));
    assert_eq!(r.ticket.descricao, "Lento");
}

#[test]
fn server_refusal_banner_leaves_fields_alone() {
    let mut f = AnyForm::TrustUnlock(TrustUnlockForm::new());
    f.form_mut().set_banner(Some(Banner {
        text: "Recusado pelo servidor: excede o limite".into(),
        error: true,
    }));
    assert_eq!(f.form().value(FieldId::Days), "1");
    assert!(f.form().banner().unwrap().error);
}

#[test]
fn focus_cycles_both_ways_and_esc_cancels() {
    let mut f = TicketForm::new("M", None, None);
    // The last visible field: the ticket type (the order's fields show
    // only with the order switched on).
    f.handle_key(key(KeyCode::BackTab));
    assert_eq!(f.form().focused(), FieldId::TicketType);
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(f.form().focused(), FieldId::Description);
    f.handle_key(key(KeyCode::Up));
    assert_eq!(f.form().focused(), FieldId::TicketType);
    assert_eq!(f.handle_key(key(KeyCode::Esc)), FormOutcome::Cancel);
    // A release event (kitty protocol) never submits.
    let mut release = key(KeyCode::Enter);
    release.kind = KeyEventKind::Release;
    assert_eq!(f.handle_key(release), FormOutcome::Continue);
}

#[test]
fn days_must_be_a_positive_whole_number() {
    for (input, ok) in [
        ("1", Some(1)),
        (" 3 ", Some(3)),
        ("0", None),
        ("-1", None),
        ("+2", None),
        ("1.5", None),
        ("dois", None),
        ("99999999999", None),
        ("", None),
    ] {
        assert_eq!(parse_days(input).ok(), ok, "{input:?}");
    }
    assert_eq!(parse_days("").unwrap_err().msg, Msg::FieldEmpty);
    assert_eq!(parse_days("0").unwrap_err().msg, Msg::FormDaysInvalid);

    let mut f = TrustUnlockForm::new();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    assert_eq!(f.until(today), NaiveDate::from_ymd_opt(2026, 11, 29));
    clear(&mut f);
    type_text(&mut f, "0");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(f.form().value(FieldId::Days), "0");
    assert!(f.form().field(FieldId::Days).error.is_some());
    clear(&mut f);
    type_text(&mut f, "5");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
    assert_eq!(f.until(today), NaiveDate::from_ymd_opt(2026, 12, 3));
    assert_eq!(
        f.to_request(11000).unwrap(),
        TrustUnlock {
            id_cliente_servico: 11000,
            dias_desbloqueio: Some(5)
        }
    );
}

#[test]
fn recipients_are_validated_per_channel_and_normalised() {
    assert_eq!(
        parse_recipients(Channel::Email, "a@x.com, b@y.com.br;a@x.com  c@z.io").unwrap(),
        ["a@x.com", "b@y.com.br", "c@z.io"]
    );
    assert_eq!(
        parse_recipients(
            Channel::Sms,
            "(37) 99911-2233, +55 37 3281 8000; 37988887777 37999112233"
        )
        .unwrap(),
        ["37999112233", "3732818000", "37988887777"]
    );
    let err = parse_recipients(Channel::Email, "a@x.com, joao@").unwrap_err();
    assert_eq!(err.text(Lang::PtBr), "“joao@”: E-mail inválido");
    let err = parse_recipients(Channel::Sms, "37999112233, (20) 99911-2233").unwrap_err();
    assert_eq!(
        err.text(Lang::En),
        "“(20) 99911-2233”: Area code 20 does not exist"
    );
    assert_eq!(
        parse_recipients(Channel::Email, "  ").unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn invoice_form_switches_channel_and_keeps_hidden_recipients() {
    let mut f = InvoiceSendForm::new(Channel::Email);
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "a@x.com b@");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(f.form().focused(), FieldId::Recipients);
    assert!(f.form().field(FieldId::Recipients).error.is_some());
    // To push: the recipients field hides, its text stays.
    f.handle_key(key(KeyCode::BackTab));
    f.handle_key(key(KeyCode::Left));
    assert_eq!(f.channel(), Channel::Push);
    assert_eq!(f.form().kind, ActionKind::SendInvoicePush);
    assert!(f.form().field(FieldId::Recipients).hidden);
    assert_eq!(
        f.form().field(FieldId::Channel).hint,
        Some(Msg::FormPushNote)
    );
    f.handle_key(key(KeyCode::Tab));
    assert_eq!(
        f.form().focused(),
        FieldId::Channel,
        "hidden fields are skipped"
    );
    assert_eq!(
        f.to_request(50949).unwrap(),
        InvoiceRequest::Push(InvoicePush { id_fatura: 50949 })
    );
    // Back to e-mail: the typed text is still there.
    f.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(f.channel(), Channel::Email);
    assert_eq!(f.form().value(FieldId::Recipients), "a@x.com b@");
    // SMS relabels the field.
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.channel(), Channel::Sms);
    assert_eq!(
        f.form().field(FieldId::Recipients).label,
        Msg::FormExtraPhones
    );
    let mut f = InvoiceSendForm::new(Channel::Sms);
    f.handle_key(key(KeyCode::Tab));
    type_text(&mut f, "(37) 99911-2233");
    let r = f.to_request(9).unwrap();
    assert_eq!(r.extra_recipients(), ["37999112233"]);
    assert!(matches!(&r, InvoiceRequest::Sms(s) if s.to_call().is_ok()));
}

#[test]
fn ticket_update_edits_or_closes_with_the_attendant_in_parametros() {
    let mut f = TicketUpdateForm::new(812, "Sem acesso\ndesde ontem", false);
    assert_eq!(
        f.form().value(FieldId::Description),
        "Sem acesso desde ontem"
    );
    assert!(f.form().field(FieldId::ClosingText).hidden);
    type_text(&mut f, " à noite");
    let r = f.to_request(Some("joana"), None).unwrap();
    assert_eq!(
        r.descricao.as_deref(),
        Some("Sem acesso desde ontem à noite")
    );
    assert!(!r.fechar_atendimento);
    assert_eq!(
        Value::Object(r.parametros.clone()),
        json!({"atendente": "joana", "origem": "hubdesk"})
    );

    // Switch to closing: the closing text becomes required.
    f.form_mut().focus(FieldId::CloseTicket);
    f.handle_key(key(KeyCode::Char(' ')));
    assert!(f.closing());
    assert_eq!(f.form().kind, ActionKind::CloseTicket);
    assert!(f.form().field(FieldId::Description).hidden);
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert_eq!(f.form().focused(), FieldId::ClosingText);
    type_text(&mut f, "Resolvido: cabo trocado");
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
    let r = f.to_request(Some("joana"), None).unwrap();
    assert!(r.fechar_atendimento);
    assert_eq!(
        Value::Object(r.parametros.clone()),
        json!({"atendente": "joana", "origem": "hubdesk",
               "texto_fechamento": "Resolvido: cabo trocado"})
    );
    assert_eq!(
        r.to_call().unwrap().path,
        "/api/v1/integracao/atendimento/812"
    );

    let unchanged = TicketUpdateForm::new(812, "Sem acesso", true);
    assert_eq!(unchanged.form().focused(), FieldId::ClosingText);
    assert_eq!(unchanged.form().kind, ActionKind::CloseTicket);
}

#[test]
fn paste_goes_into_the_focused_field_as_one_clean_line() {
    let mut f = AnyForm::InvoiceSend(InvoiceSendForm::new(Channel::Email));
    assert!(
        !f.handle_paste("a@x.com"),
        "the channel choice takes no text"
    );
    f.handle_key(key(KeyCode::Tab));
    assert!(f.handle_paste("a@x.com\nb@y.com\x1b[2J"));
    assert_eq!(f.form().value(FieldId::Recipients), "a@x.com b@y.com␛");
}

#[test]
fn a_valid_submit_clears_the_old_refusal() {
    let mut f = TrustUnlockForm::new();
    f.form_mut().set_banner(Some(Banner {
        text: "Recusado".into(),
        error: true,
    }));
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
    assert!(f.form().banner().is_none());
}

#[test]
fn any_form_delegates() {
    let mut f = AnyForm::InvoiceSend(InvoiceSendForm::new(Channel::Sms));
    assert_eq!(f.kind(), ActionKind::SendInvoiceSms);
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.kind(), ActionKind::SendInvoicePush);
    assert_eq!(
        title(Lang::PtBr, f.kind()),
        "Envio da fatura por notificação"
    );
}

#[test]
fn a_paste_goes_in_at_the_cursor_in_one_step() {
    let mut input = Input::new("ana silva".into()).with_cursor(4);
    assert!(insert_text(&mut input, "maria "));
    assert_eq!(input.value(), "ana maria silva");
    assert_eq!(input.cursor(), 10);
    // Multi-byte characters before the cursor.
    let mut input = Input::new("joão".into()).with_cursor(4);
    assert!(insert_text(&mut input, " pé"));
    assert_eq!((input.value(), input.cursor()), ("joão pé", 7));
    assert!(!insert_text(&mut input, ""));
    // A huge paste is one insert (it was quadratic, char by char).
    let big = "9".repeat(200_000);
    let mut input = Input::default();
    assert!(insert_text(&mut input, &big));
    assert_eq!(input.value().len(), 200_000);
}

#[test]
fn a_held_enter_never_submits() {
    // The prospect form ignored key repeats of Enter; the ticket forms
    // relied on their caller. The engine now ignores them for every form.
    let mut f = TrustUnlockForm::new();
    let held = KeyEvent {
        kind: KeyEventKind::Repeat,
        ..key(KeyCode::Enter)
    };
    assert_eq!(f.handle_key(held), FormOutcome::Continue);
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Submit);
}

#[test]
fn errors_focus_the_first_failing_field_in_form_order() {
    let mut f = TicketForm::new("Maria", None, None);
    f.form_mut().focus(FieldId::Email);
    // Found in another order than the fields': the focus still goes to
    // the first failing field on screen.
    f.form_mut().show_errors(&FormErrors(vec![
        (FieldId::Phone, FieldMessage::new(Msg::FieldEmpty)),
        (FieldId::Description, FieldMessage::new(Msg::FieldEmpty)),
    ]));
    assert_eq!(f.form().focused(), FieldId::Description);
    assert_eq!(
        f.form().errors(),
        FormErrors(vec![
            (FieldId::Description, FieldMessage::new(Msg::FieldEmpty)),
            (FieldId::Phone, FieldMessage::new(Msg::FieldEmpty)),
        ])
    );
}

/// A form with one static list field, to drive the engine's lists alone.
struct Lists {
    form: Form,
    options: Vec<String>,
    chosen: Option<usize>,
}

impl Lists {
    fn new() -> Lists {
        Lists {
            form: Form::new(
                ActionKind::CreateProspect,
                vec![
                    Field::pick(FieldId::City, Msg::SalesFieldCity),
                    Field::text(FieldId::Street, Msg::SalesFieldStreet, ""),
                ],
            ),
            options: ["Araújos", "Bambuí", "Divinópolis"]
                .map(String::from)
                .to_vec(),
            chosen: None,
        }
    }
}

impl ActionForm for Lists {
    fn form(&self) -> &Form {
        &self.form
    }
    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }
    fn check(&self) -> Result<(), FormErrors> {
        let mut errors = FormErrors::default();
        if self.chosen.is_none() {
            errors.push(FieldId::City, FieldMessage::new(Msg::SalesChooseCity));
        }
        errors.into_result(|| ())
    }
    fn options(&self, _: FieldId) -> Vec<String> {
        self.options.clone()
    }
    fn chosen(&self, _: FieldId) -> Option<usize> {
        self.chosen
    }
    fn choose(&mut self, _: FieldId, index: usize) {
        self.chosen = Some(index);
    }
}

#[test]
fn a_list_field_opens_filters_steps_and_chooses() {
    let mut f = Lists::new();
    // Enter on a list field opens its list instead of submitting.
    assert_eq!(f.handle_key(key(KeyCode::Enter)), FormOutcome::Continue);
    assert!(f.form().picker().is_some());
    assert!(!paste(&mut f, "x"), "an open list takes no paste");
    f.handle_key(key(KeyCode::Esc));
    assert!(f.form().picker().is_none(), "Esc closes the list only");
    // A letter opens it filtered, accents aside; Enter chooses and moves on.
    type_text(&mut f, "divino");
    assert_eq!(pick::rows(&f), vec![(2, "Divinópolis".to_owned())]);
    f.handle_key(key(KeyCode::Enter));
    assert_eq!((f.chosen, f.form().focused()), (Some(2), FieldId::Street));
    // Left/Right step through the options, wrapping.
    f.handle_key(key(KeyCode::BackTab));
    f.handle_key(key(KeyCode::Right));
    assert_eq!(f.chosen, Some(0));
    f.handle_key(key(KeyCode::Left));
    assert_eq!(f.chosen, Some(2));
    assert!(f.form().edited());
    assert!(!paste(&mut f, "x"), "a list field takes no paste");
}
