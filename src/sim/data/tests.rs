use super::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).expect("date")
}

#[test]
fn same_seed_same_customer() {
    for idx in [0, 9, 1234] {
        let a = customer(42, idx, day());
        let b = customer(42, idx, day());
        assert_eq!(a.name, b.name);
        assert_eq!(a.doc, b.doc);
        assert_eq!(a.services.len(), b.services.len());
        assert_eq!(a.services[0].login, b.services[0].login);
    }
    assert_ne!(customer(1, 50, day()).doc, customer(2, 50, day()).doc);
}

#[test]
fn documents_are_valid() {
    for idx in 0..2000 {
        let c = customer(7, idx, day());
        assert!(docs::valid_cpf_cnpj(&c.doc), "{} {}", c.name, c.doc);
        assert_eq!(c.doc.len(), if c.pj { 14 } else { 11 });
        assert!(c.phones[0].len() == 11 && c.phones[0].starts_with("37"));
    }
}

#[test]
fn invoices_cover_paid_open_and_overdue() {
    let mut paid = 0;
    let mut open = 0;
    let mut overdue = 0;
    for idx in 0..300 {
        let c = customer(7, idx, day());
        for inv in invoices(7, &c, day()) {
            assert_eq!(
                invoice_owner(inv.id),
                Some((idx, inv.id - INVOICE_BASE - idx * 16))
            );
            match (inv.paid, inv.due < day()) {
                (Some(_), _) => paid += 1,
                (None, true) => overdue += 1,
                (None, false) => open += 1,
            }
        }
    }
    assert!(
        paid > 0 && open > 0 && overdue > 0,
        "{paid} {open} {overdue}"
    );
}

#[test]
fn barcode_has_44_digits() {
    let c = customer(7, 0, day());
    let inv = &invoices(7, &c, day())[0];
    let (bar, line) = inv.barcode();
    assert_eq!(bar.len(), 44, "{bar}");
    assert!(bar.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(docs::digits(&line).len(), 47, "{line}");
}

#[test]
fn online_history_ends_with_open_session() {
    let c = customer(7, 0, day());
    let h = sessions(7, &c, &c.services[0], day());
    assert!(h.len() > 3);
    assert!(h.last().expect("session").stop.is_none());
    assert!(
        h.windows(2)
            .all(|w| w[0].stop.expect("closed") <= w[1].start)
    );
    assert!(h.iter().all(|s| s.start < day().and_time(NaiveTime::MIN)));
}
