//! The PPPoE password and the router and Wi-Fi passwords: shown only
//! on an explicit key, read only then, forgotten on hiding or leaving.

use super::*;

#[test]
fn the_password_shows_only_after_reveal_and_hides_on_leaving() {
    let mut app = app();
    open_first(&mut app, vec![customer(1, "ANA", &["ana"])]);
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view.as_ref().unwrap().revealed, None);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.view.as_ref().unwrap().revealed, Some(0));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.view.as_ref().unwrap().revealed, None);
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Esc);
    // Enter in the box searches again; the customer opens as new.
    let (req, _) = fetches(&press(&mut app, KeyCode::Enter))[0].clone();
    answer(&mut app, req, vec![customer(1, "ANA", &["ana"])]);
    assert_eq!(app.view.as_ref().unwrap().revealed, None);
}

/// Issue 17: the router and Wi-Fi passwords are read only when revealed,
/// shown for that service, and forgotten when hidden or when another
/// service is chosen: a late answer then finds nothing to land on.
#[test]
fn device_passwords_are_read_on_reveal_and_forgotten_on_hide() {
    use crate::api::{Secret, ServicePassword};
    let mut app = app();
    let mut c = customer(1, "ANA", &["ana.fibra", "ana.radio"]);
    c.servicos[0].id_cliente_servico = Some(41);
    c.servicos[1].id_cliente_servico = Some(42);
    open_first(&mut app, vec![c]);
    press(&mut app, KeyCode::Char('2'));
    let wifi = || {
        Ok(vec![ServicePassword {
            descricao: Some("WI-FI".into()),
            senha: Some(Secret::new("w1f1-s3nha")),
            ..Default::default()
        }])
    };
    let reveal = |app: &mut App| match fetches(&press(app, KeyCode::Char('p'))).as_slice() {
        [(req, Request::Passwords(q))] => (*req, q.id_cliente_servico),
        other => panic!("{other:?}"),
    };
    let (req, id) = reveal(&mut app);
    assert_eq!((req.slot, id), (Slot::Passwords, 41));
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Passwords(wifi()),
        },
    );
    let held = |app: &App| app.view.as_ref().unwrap().device_passwords.data.clone();
    assert_eq!(
        held(&app).unwrap()[0].senha.as_ref().unwrap().expose(),
        "w1f1-s3nha"
    );
    // Hidden again: forgotten, and nothing is read.
    assert!(fetches(&press(&mut app, KeyCode::Char('p'))).is_empty());
    assert!(held(&app).is_none());
    // Revealed, then another service chosen before the answer: it is dropped.
    let (req, _) = reveal(&mut app);
    press(&mut app, KeyCode::Down);
    update(
        &mut app,
        Msg::Fetched {
            req,
            reply: Reply::Passwords(wifi()),
        },
    );
    assert!(held(&app).is_none());
    assert_eq!(app.view.as_ref().unwrap().revealed, None);
    // The second service's own.
    assert_eq!(reveal(&mut app).1, 42);
}
