use super::*;
use crate::api::invoices::{InvoicePush, InvoiceSms};
use crate::api::service_actions::TrustUnlock;
use crate::api::tickets::TicketUpdate;

fn target() -> ActionTarget {
    ActionTarget {
        customer_name: "Maria da Conceição Araújo".into(),
        customer_code: Some("4711".into()),
        service_id: 11000,
        service_plan: "FIBRA 300 MEGA".into(),
        login: Some("maria.araujo".into()),
        status: Some("Bloqueado por débito".into()),
        mac_addr: Some("00:1A:2B:3C:4D:5E".into()),
        phy_addr: Some("48:57:02:AB:CD:EF".into()),
        invoice_id: Some(50949),
        ticket_protocol: Some("20250128085356853228".into()),
        unlock_history: None,
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

#[test]
fn trust_unlock_names_everything_and_the_end_date() {
    let req = ActionRequest::TrustUnlock(TrustUnlock {
        id_cliente_servico: 11000,
        dias_desbloqueio: Some(3),
    });
    let c = Confirmation::for_request(Lang::PtBr, &target(), &req, today());
    assert_eq!(c.action, "Desbloqueio em confiança");
    assert!(c.affects_connection);
    assert_eq!(
        c.lines,
        [
            "Cliente: Maria da Conceição Araújo (código 4711)",
            "Serviço: FIBRA 300 MEGA (id 11000)",
            "Login: maria.araujo",
            "Situação atual: Bloqueado por débito",
            "Desbloqueado até 01/12/2026 (3 dias)",
        ]
    );
    let one = trust_unlock_lines(Lang::En, &target(), 1, today());
    assert_eq!(one.last().unwrap(), "Unlocked until 29/11/2026 (1 day)");
}

#[test]
fn trust_unlock_says_how_many_were_granted_lately() {
    let req = ActionRequest::TrustUnlock(TrustUnlock {
        id_cliente_servico: 11000,
        dias_desbloqueio: Some(3),
    });
    let with = ActionTarget {
        unlock_history: Some(crate::ops::unlocks::UnlockHistory {
            recent: 2,
            last_end: NaiveDate::from_ymd_opt(2026, 11, 20),
            today: today(),
        }),
        ..target()
    };
    let c = Confirmation::for_request(Lang::En, &with, &req, today());
    assert_eq!(
        c.lines.last().unwrap(),
        "This would be the 3rd unlock in 30 days; the last ended on 20/11/2026"
    );
    // No history sent (a 2020 server): nothing said about it.
    let c = Confirmation::for_request(Lang::En, &target(), &req, today());
    assert!(c.lines.last().unwrap().starts_with("Unlocked until"));
}

#[test]
fn missing_values_show_a_dash_and_server_text_is_sanitized() {
    let t = ActionTarget {
        customer_name: "Jo\x1b[31mão".into(),
        login: None,
        customer_code: None,
        ..target()
    };
    let lines = reset_mac_lines(Lang::PtBr, &t);
    assert_eq!(lines[0], "Cliente: Jo␛ão");
    assert_eq!(lines[2], "Login: —");
}

#[test]
fn closing_a_ticket_warns_about_its_service_orders() {
    let req = ActionRequest::UpdateTicket(TicketUpdate {
        id_atendimento: 812,
        descricao: None,
        fechar_atendimento: true,
        parametros: Default::default(),
    });
    assert_eq!(req.kind(), ActionKind::CloseTicket);
    assert_eq!(req.key(), ActionKey::new(ActionKind::CloseTicket, 812));
    let c = Confirmation::for_request(Lang::PtBr, &target(), &req, today());
    assert!(!c.affects_connection);
    assert_eq!(c.lines[2], "Atendimento 20250128085356853228");
    assert_eq!(
        c.lines[3],
        "Fechar o atendimento também fecha as ordens de serviço dele"
    );
}

#[test]
fn invoice_confirmation_lists_extras_or_the_push_caveat() {
    let sms = ActionRequest::Invoice(InvoiceRequest::Sms(InvoiceSms {
        id_fatura: 50949,
        telefone_adicional: vec!["37999112233".into()],
    }));
    assert_eq!(sms.key(), ActionKey::new(ActionKind::SendInvoiceSms, 50949));
    let c = Confirmation::for_request(Lang::PtBr, &target(), &sms, today());
    assert_eq!(
        c.lines,
        [
            "Cliente: Maria da Conceição Araújo (código 4711)",
            "Fatura 50949 por SMS",
            "Também para: (37) 99911-2233",
        ]
    );
    let push = ActionRequest::Invoice(InvoiceRequest::Push(InvoicePush { id_fatura: 50949 }));
    let c = Confirmation::for_request(Lang::En, &target(), &push, today());
    assert!(c.lines[2].starts_with("Reaches only customers using the ISP's app"));
}

/// A factory reset's dialog: "Sim" is out of reach until the last 4
/// characters of the MAC are typed; each character re-arms it, so a
/// burst (the characters, Right, Enter) never confirms.
#[test]
fn the_typed_confirmation_unlocks_sim_only_for_the_end_of_the_mac() {
    use crate::api::cpe::FactoryResetCpe;
    let t0 = Instant::now();
    let req = ActionRequest::RestoreCpe {
        service: 11000,
        cpe: FactoryResetCpe {
            phy_addr: "48:57:02:AB:CD:EF".into(),
        },
    };
    let mut c = Confirmation::for_request(Lang::PtBr, &target(), &req, today());
    assert!(
        c.lines
            .contains(&"Equipamento (phy_addr): 48:57:02:AB:CD:EF".to_owned())
    );
    let mut choice = Choice::new(t0);
    let slow = Some(Duration::from_millis(500));
    let fast = Some(Duration::from_millis(5));
    let mut at = t0 + Duration::from_secs(1);
    let mut press = |c: &mut Confirmation,
                     choice: &mut Choice,
                     a: Option<Action>,
                     code: KeyCode,
                     typing: bool,
                     gap: Option<Duration>| {
        at += gap.unwrap_or_default();
        c.key(choice, a, code, typing, false, at, gap)
    };
    // Nothing typed: Right and Enter, deliberately, do nothing.
    let open = Answer::Open { changed: false };
    assert_eq!(
        press(
            &mut c,
            &mut choice,
            Some(Action::Choose),
            KeyCode::Right,
            false,
            slow
        ),
        open
    );
    assert!(!choice.yes);
    assert_eq!(
        press(
            &mut c,
            &mut choice,
            Some(Action::Confirm),
            KeyCode::Enter,
            false,
            slow
        ),
        open
    );
    // A wrong value: still locked.
    for ch in "cdee".chars() {
        press(&mut c, &mut choice, None, KeyCode::Char(ch), true, slow);
    }
    assert!(!c.unlocked());
    assert_eq!(
        press(
            &mut c,
            &mut choice,
            Some(Action::Choose),
            KeyCode::Right,
            false,
            slow
        ),
        open
    );
    assert!(!choice.yes);
    // Corrected in a burst, with Right and Enter in the same burst.
    press(&mut c, &mut choice, None, KeyCode::Backspace, false, fast);
    press(&mut c, &mut choice, None, KeyCode::Char('f'), true, fast);
    assert!(c.unlocked());
    press(
        &mut c,
        &mut choice,
        Some(Action::Choose),
        KeyCode::Right,
        false,
        fast,
    );
    assert!(!choice.yes, "a burst reached Sim");
    // Read, then answered.
    press(
        &mut c,
        &mut choice,
        Some(Action::Choose),
        KeyCode::Right,
        false,
        slow,
    );
    assert!(choice.yes);
    assert_eq!(
        press(
            &mut c,
            &mut choice,
            Some(Action::Confirm),
            KeyCode::Enter,
            false,
            slow
        ),
        Answer::Yes
    );
    // Esc always cancels, typed or not.
    let mut c = Confirmation::for_request(Lang::PtBr, &target(), &req, today());
    let mut choice = Choice::new(t0);
    assert_eq!(
        c.key(
            &mut choice,
            Some(Action::Cancel),
            KeyCode::Esc,
            false,
            false,
            at,
            slow
        ),
        Answer::No
    );
}

#[test]
fn each_mac_reset_names_the_mac_it_clears() {
    use crate::api::service_actions::{ResetMac, ResetPhy};
    let mac = ActionRequest::ResetMac(ResetMac {
        id_cliente_servico: 11000,
    });
    let phy = ActionRequest::ResetPhy(ResetPhy {
        id_cliente_servico: 11000,
    });
    let m = Confirmation::for_request(Lang::En, &target(), &mac, today()).lines;
    let p = Confirmation::for_request(Lang::En, &target(), &phy, today()).lines;
    assert_eq!(
        m[3],
        "Clears the PPPoE/RADIUS session MAC (mac_addr): 00:1A:2B:3C:4D:5E"
    );
    assert_eq!(
        p[3],
        "Clears the ONU/CPE equipment MAC (phy_addr): 48:57:02:AB:CD:EF"
    );
    // The effect line stays last.
    assert_eq!(m.len(), 5);
    assert_eq!(p.len(), 5);
    assert!(
        Confirmation::for_request(Lang::En, &target(), &mac, today())
            .typed
            .is_none()
    );
}

/// The whole wiring the console will do, as one sequence: form, submit,
/// request, confirmation, guard, refusal, correction, success.
#[test]
fn unlock_flow_from_form_to_outcome_keeps_the_form_on_refusal() {
    use crate::app::forms::{AnyForm, Banner, FormOutcome, TrustUnlockForm};
    use crate::app::inflight::{Blocked, InFlight, Outcome};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let press = |f: &mut AnyForm, code| f.handle_key(KeyEvent::new(code, KeyModifiers::NONE));

    let mut form = AnyForm::TrustUnlock(TrustUnlockForm::new());
    let mut guard = InFlight::new();
    press(&mut form, KeyCode::Backspace);
    press(&mut form, KeyCode::Char('5'));
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Submit);
    let AnyForm::TrustUnlock(unlock) = &form else {
        unreachable!()
    };
    let request = ActionRequest::TrustUnlock(unlock.to_request(target().service_id).unwrap());
    let confirm = Confirmation::for_request(Lang::PtBr, &target(), &request, today());
    assert!(
        confirm
            .lines
            .contains(&"Desbloqueado até 03/12/2026 (5 dias)".to_owned())
    );

    // Confirmed: the guard lets exactly one through.
    let sub = guard.begin(request.key()).unwrap();
    assert_eq!(guard.begin(request.key()), Err(Blocked::InFlight));
    let refused: Result<(), _> = Err(crate::api::ApiError::Refused {
        route: "cliente/desbloqueio_confianca",
        msg: "Excede o limite de 3 dias".into(),
        errors: vec![],
    });
    let outcome = Outcome::from_result(Lang::PtBr, request.kind(), 20, &refused, |_| None);
    guard.finish(sub, outcome.clone());
    form.form_mut().set_banner(Some(Banner {
        text: outcome.text(Lang::PtBr, request.kind()),
        error: true,
    }));
    assert_eq!(form.form().value(crate::app::forms::FieldId::Days), "5");

    // Corrected and resent.
    press(&mut form, KeyCode::Backspace);
    press(&mut form, KeyCode::Char('3'));
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Submit);
    assert!(form.form().banner().is_none());
    assert!(guard.begin(request.key()).is_ok());
}
