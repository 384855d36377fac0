//! The action table and the audit attempt.

use super::*;

#[test]
fn the_table_follows_the_enum_and_names_each_action_once() {
    for (i, kind) in ActionKind::ALL.iter().enumerate() {
        assert_eq!(TABLE[i].kind, *kind);
        assert_eq!(ActionKind::from_audit_name(kind.audit_name()), Some(*kind));
    }
    let mut names: Vec<_> = TABLE.iter().map(|r| r.audit).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), TABLE.len(), "two actions share an audit name");
    let mut msgs: Vec<_> = TABLE.iter().map(|r| r.msg).collect();
    msgs.sort_unstable_by_key(|m| format!("{m:?}"));
    msgs.dedup();
    assert_eq!(msgs.len(), TABLE.len(), "two actions share a name");
    assert_eq!(ActionKind::from_audit_name("reboot_everything"), None);
}

#[test]
fn an_attempt_names_what_the_request_names_then_what_the_screen_knows() {
    let unlock = ActionRequest::TrustUnlock(TrustUnlock {
        id_cliente_servico: 7,
        dias_desbloqueio: Some(1),
    });
    let known = AuditAttempt {
        customer: Some(42),
        service: Some(9),
        ..AuditAttempt::default()
    };
    let a = unlock.attempt(&known, Some("ana".into()), "p".into(), "https://h".into());
    assert_eq!(a.action, "trust_unlock");
    assert_eq!(
        (a.customer, a.service),
        (Some(42), Some(7)),
        "the request's service wins"
    );
    assert_eq!(a.attendant.as_deref(), Some("ana"));
    let send = ActionRequest::Invoice(InvoiceRequest::Push(InvoicePush { id_fatura: 5 }));
    let a = send.attempt(&AuditAttempt::default(), None, String::new(), String::new());
    assert_eq!((a.invoice, a.service, a.ticket), (Some(5), None, None));
    assert_eq!(a.action, "send_invoice_push");
}

#[test]
fn a_typed_confirmation_wants_the_last_four_of_the_mac_whatever_the_case_and_separators() {
    assert_eq!(typed_expected("48:57:02:ab:cd:ef"), "CDEF");
    assert_eq!(typed_expected("485754437D38A19E"), "A19E");
    for ok in ["cdef", "CDEF", "cd:ef", " c-d.e f "] {
        assert!(typed_matches("48:57:02:AB:CD:EF", ok), "{ok}");
    }
    for wrong in ["", "cde", "bcdef", "cdee", "efcd", "ABCDEF"] {
        assert!(!typed_matches("48:57:02:AB:CD:EF", wrong), "{wrong}");
    }
    // An address without letters or digits is never confirmed.
    assert!(!typed_matches("::", ""));
    // Only the factory reset asks it; the row says so.
    let typed: Vec<_> = ActionKind::ALL
        .into_iter()
        .filter(|k| k.confirmation() == Confirm::Typed)
        .collect();
    assert_eq!(typed, [ActionKind::RestoreCpe]);
}

#[test]
fn the_equipment_actions_need_the_services_phy_addr() {
    let none = Subject {
        id: 7,
        phy_addr: None,
    };
    assert_eq!(ActionKind::RebootCpe.direct_request(&none), None);
    assert_eq!(ActionKind::RestoreCpe.direct_request(&none), None);
    let onu = Subject {
        id: 7,
        phy_addr: Some(" 48:57:02:AB:CD:EF "),
    };
    let r = ActionKind::RestoreCpe.direct_request(&onu).unwrap();
    assert_eq!(r.phy_addr(), Some("48:57:02:AB:CD:EF"));
    assert_eq!(r.target_id(), 7);
    assert_eq!(r.ids().service, Some(7));
    // The others need only the id.
    assert!(ActionKind::ResetPhy.direct_request(&none).is_some());
    assert!(ActionKind::ActivateService.direct_request(&none).is_some());
    assert_eq!(ActionKind::EnableService.direct_request(&none), None);
}
