//! Issue 17, the customer view's reads in the console: the trust-unlock
//! history in Serviços, the ticket thread in Atendimentos, the search
//! prefixes of the newer kinds and what a 2020 server answers to them.
//! Synthetic data in the shapes of the current collection (see
//! `tests/fixtures/hubsoft-collection/PROVENANCE.md`), fixed clock
//! (2020-03-10).

use crossterm::event::KeyCode;
use hubdesk::api::{ApiError, Customer, CustomerSearchBy, Ticket, TicketsResponse};
use hubdesk::app::{Effect, Msg, Reply, ReqId, Request, SearchFocus, Slot, update};
use hubdesk::i18n::Lang;
use serde_json::json;

use crate::screen_kit::{app_in, fixture, fixture_customers, key, screen, type_text};

fn with_unlocks() -> Customer {
    let mut c = fixture_customers().remove(0);
    c.servicos[0].desbloqueios = Some(
        serde_json::from_value(json!([
            {"observacao": "Cliente informou pagamento via PIX",
             "data_cadastro": "2020-02-20 09:28:00", "data_fim": "2020-02-23"},
            {"observacao": "Acordo de pagamento \u{1b}[31mcom gerente",
             "data_cadastro": "2020-03-05 10:00:00", "data_fim": "2020-03-12"},
            {"observacao": "Antigo", "data_cadastro": "2019-11-02", "data_termino": "2019-11-05"}
        ]))
        .unwrap(),
    );
    c
}

fn with_thread() -> Vec<Ticket> {
    let mut tickets =
        serde_json::from_str::<TicketsResponse>(&fixture("cliente_atendimento.response.json"))
            .unwrap()
            .atendimentos;
    tickets[0].atendimento_mensagem = serde_json::from_value(json!([
        {"id_atendimento_mensagem": 1, "usuario": "ana.souza",
         "data_cadastro": "2020-03-09 08:15:00",
         "mensagem": "Cliente diz que a conexão cai toda noite por volta das 22h, desde a troca da ONU na semana passada."},
        {"id_atendimento_mensagem": 2, "usuario": "noc\u{1b}]0;x\u{7}",
         "data_cadastro": "2020-03-09 14:40:00",
         "mensagem": "Sinal óptico -27 dBm na ONU.\nEncaminhado para visita técnica."}
    ]))
    .unwrap();
    tickets
}

fn fetches(fx: &[Effect]) -> Vec<(ReqId, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { req, request } => Some((*req, request.clone())),
            _ => None,
        })
        .collect()
}

/// Opens `customer` from a search, answering its record and tickets.
fn open(
    app: &mut hubdesk::app::App,
    customer: Customer,
    tickets: Vec<Ticket>,
) -> Vec<(ReqId, Request)> {
    type_text(app, "guilherme");
    let search = fetches(&key(app, KeyCode::Enter))[0].0;
    let fx = update(
        app,
        Msg::Fetched {
            req: search,
            reply: Reply::Customers(Ok(vec![customer.clone()])),
        },
    )
    .0;
    let sent = fetches(&fx);
    for (req, _) in &sent {
        let reply = match req.slot {
            Slot::Customer => Reply::Customers(Ok(vec![customer.clone()])),
            Slot::Tickets => Reply::Tickets(Ok(tickets.clone())),
            Slot::Invoices => Reply::Invoices(Ok(vec![])),
            Slot::Orders => Reply::Orders(Ok(vec![])),
            _ => continue,
        };
        update(app, Msg::Fetched { req: *req, reply });
    }
    sent
}

#[test]
fn the_reads_ask_for_the_unlock_history_and_the_threads() {
    let mut app = app_in(Lang::PtBr);
    let sent = open(&mut app, with_unlocks(), with_thread());
    let customer = sent
        .iter()
        .find_map(|(_, r)| match r {
            Request::Customer(p) => Some(p.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(customer.include_unlocks, Some(true));
    let tickets = sent
        .iter()
        .find_map(|(_, r)| match r {
            Request::Tickets(p) => Some(p.clone()),
            _ => None,
        })
        .unwrap();
    assert!(tickets.with_messages);
}

#[test]
fn services_show_the_unlock_history() {
    let mut app = app_in(Lang::PtBr);
    open(&mut app, with_unlocks(), vec![]);
    key(&mut app, KeyCode::Char('2'));
    let wide = screen(&mut app, 160, 48);
    assert!(wide.contains("Desbloqueios de confiança"), "{wide}");
    assert!(
        wide.contains("2 desbloqueios em 30 dias; o último termina em 12/03/2020"),
        "{wide}"
    );
    assert!(!wide.contains('\u{1b}'));
    insta::assert_snapshot!("services_unlocks_160x48", wide);
    // At 80x24 the history is below the fold: the page keys reach it.
    screen(&mut app, 80, 24);
    for _ in 0..6 {
        key(&mut app, KeyCode::PageDown);
    }
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("Antigo"), "{narrow}");
    insta::assert_snapshot!("services_unlocks_80x24", narrow);
}

#[test]
fn a_server_without_the_history_shows_nothing_about_it() {
    let mut app = app_in(Lang::En);
    open(&mut app, fixture_customers().remove(0), vec![]);
    key(&mut app, KeyCode::Char('2'));
    let wide = screen(&mut app, 160, 48);
    assert!(!wide.contains("Trust unlocks"), "{wide}");
    assert!(!wide.contains("in 30 days"), "{wide}");
}

#[test]
fn the_selected_ticket_shows_its_thread() {
    let mut app = app_in(Lang::PtBr);
    open(&mut app, fixture_customers().remove(0), with_thread());
    key(&mut app, KeyCode::Char('4'));
    let wide = screen(&mut app, 160, 48);
    assert!(wide.contains("Mensagens (2):"), "{wide}");
    assert!(wide.contains("ana.souza"), "{wide}");
    assert!(wide.contains("Encaminhado para visita técnica."), "{wide}");
    assert!(!wide.contains('\u{1b}') && !wide.contains('\u{7}'));
    insta::assert_snapshot!("tickets_thread_160x48", wide);
    screen(&mut app, 80, 24);
    for _ in 0..10 {
        key(&mut app, KeyCode::PageDown);
    }
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("Encaminhado para visita"), "{narrow}");
    insta::assert_snapshot!("tickets_thread_80x24", narrow);
}

#[test]
fn a_prefix_searches_by_the_newer_kinds_and_a_2020_server_says_it_lacks_them() {
    let mut app = app_in(Lang::En);
    type_text(&mut app, "s:22390");
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("Service id") || shown.contains("service id"),
        "{shown}"
    );
    insta::assert_snapshot!("search_service_prefix_80x24", shown);
    let sent = fetches(&key(&mut app, KeyCode::Enter));
    let (req, Request::Search(p)) = &sent[0] else {
        panic!("{sent:?}")
    };
    assert_eq!(p.by, CustomerSearchBy::ServiceId);
    assert_eq!(p.term, "22390");
    update(
        &mut app,
        Msg::Fetched {
            req: *req,
            reply: Reply::Customers(Err(ApiError::NotOffered {
                route: "cliente?busca=id_cliente_servico",
                status: 400,
            })),
        },
    );
    assert_eq!(app.search.focus.0, SearchFocus::Input);
    let shown = screen(&mut app, 160, 48);
    assert!(
        shown.contains("does not offer cliente?busca=id_cliente_servico"),
        "{shown}"
    );
    insta::assert_snapshot!("search_not_offered_160x48", shown);
}

/// Issue 17, item 8: `p` reads the router and Wi-Fi passwords and shows
/// them under the PPPoE one, server text sanitized.
#[test]
fn services_show_the_device_passwords_on_reveal() {
    use hubdesk::api::{Secret, ServicePassword};
    let mut app = app_in(Lang::PtBr);
    open(&mut app, fixture_customers().remove(0), vec![]);
    key(&mut app, KeyCode::Char('2'));
    let hidden = screen(&mut app, 80, 24);
    let sent = fetches(&key(&mut app, KeyCode::Char('p')));
    let [(req, Request::Passwords(_))] = sent.as_slice() else {
        panic!("{sent:?}");
    };
    let loading = screen(&mut app, 80, 24);
    assert!(loading.contains("Carregando"), "{loading}");
    let list = vec![
        ServicePassword {
            descricao: Some("SENHA ROTEADOR".into()),
            usuario: Some("admin".into()),
            senha: Some(Secret::new("r0t-\u{1b}[2Jx")),
            ..Default::default()
        },
        ServicePassword {
            descricao: Some("WI-FI".into()),
            senha: Some(Secret::new("12345678")),
            ..Default::default()
        },
    ];
    update(
        &mut app,
        Msg::Fetched {
            req: *req,
            reply: Reply::Passwords(Ok(list)),
        },
    );
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("SENHA ROTEADOR: admin / r0t-"), "{narrow}");
    assert!(narrow.contains("WI-FI: 12345678"), "{narrow}");
    assert!(!narrow.contains('\u{1b}') && !hidden.contains("12345678"));
    insta::assert_snapshot!("services_device_passwords_80x24", narrow);
    insta::assert_snapshot!(
        "services_device_passwords_160x48",
        screen(&mut app, 160, 48)
    );
}
