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
