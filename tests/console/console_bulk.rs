//! Issue 17 on the network screen: the CPEs tab (`rede/cpe/todos`, the
//! next page read when the selection reaches the end, the `/` filter, a
//! CPE opening its customer) and the who-had tab (`extrato_conexao` by
//! address: each session with login, customer, start and end, opening its
//! customer); snapshots at 80x24 and 160x48; and both against a current
//! and a 2020 simulator through the real runner.

use crate::screen_kit;

use crossterm::event::KeyCode;
use hubdesk::api::{ApiError, ConnectionLog, ConnectionLogBy, ConnectionLogQuery, Cpe};
use hubdesk::app::tools::network::{CPES_PER_PAGE, NetTab};
use hubdesk::app::tools::{ToolReply, ToolRequest};
use hubdesk::app::{App, Screen};
use hubdesk::i18n::Lang;
use hubdesk::ops::bulk::CpePageRead;
use screen_kit::*;

/// Synthetic CPEs in the shape of `rede/cpe/todos` (hubsoftbrasil/api,
/// "Postman Collections/postman_doc.json", the CPE list example).
fn cpes(from: u64, n: u64) -> Vec<Cpe> {
    (from..from + n)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "id_cpe": 70_000 + i,
                "phy_addr": format!("48:57:02:00:00:{i:02X}"),
                "data_ultima_atualizacao": "2026-12-01 06:10:00",
                "historico_parametros": [{"parametros": {"tx_signal": 2.3, "rx_signal": -18.5 - i as f64 / 10.0}}],
                "servicos": [{
                    "id_cliente": 500 + i, "id_cliente_servico": 100_000 + i,
                    "codigo_cliente": 1000 + i,
                    "nome_razaosocial": format!("ASSINANTE NÚMERO {i}"),
                    "servico": "FIBRA 300M", "status": "servico_habilitado"
                }]
            }))
            .unwrap()
        })
        .collect()
}

fn open_tab(app: &mut App, digit: char) -> Vec<hubdesk::app::Effect> {
    leave_search_field(app);
    let fx = key(app, KeyCode::Char('N'));
    for (req, r) in tool_fetches(&fx) {
        assert_eq!(r, ToolRequest::Pops);
        answer(app, req, ToolReply::Pops(Ok(Vec::new())));
    }
    key(app, KeyCode::Char(digit))
}

#[test]
fn the_cpes_tab_reads_a_page_then_the_next_at_the_end() {
    let mut app = app_in(Lang::PtBr);
    let fx = open_tab(&mut app, '4');
    assert_eq!(app.tools.network.tab, NetTab::Cpes);
    let reads = tool_fetches(&fx);
    assert_eq!(
        reads.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        vec![ToolRequest::Cpes {
            page: 0,
            per_page: CPES_PER_PAGE
        }]
    );
    let first = CpePageRead {
        page: 0,
        cpes: cpes(1, 4),
        last_page: Some(1),
        total: Some(6),
        more: true,
    };
    answer(&mut app, reads[0].0, ToolReply::Cpes(Ok(first)));
    insta::assert_snapshot!("bulk_cpes_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("bulk_cpes_160x48", screen(&mut app, 160, 48));
    // Moving inside the page reads nothing; the last row asks for page 2.
    assert!(tool_fetches(&key(&mut app, KeyCode::Down)).is_empty());
    let fx = key(&mut app, KeyCode::End);
    let reads = tool_fetches(&fx);
    assert_eq!(
        reads.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        vec![ToolRequest::Cpes {
            page: 1,
            per_page: CPES_PER_PAGE
        }]
    );
    // Not twice while it is in flight.
    assert!(tool_fetches(&key(&mut app, KeyCode::End)).is_empty());
    let second = CpePageRead {
        page: 1,
        cpes: cpes(5, 2),
        last_page: Some(1),
        total: Some(6),
        more: false,
    };
    answer(&mut app, reads[0].0, ToolReply::Cpes(Ok(second)));
    let pages = app.tools.network.cpes.data.as_ref().unwrap();
    assert_eq!(pages.cpes.len(), 6, "the second page adds to the first");
    assert!(
        tool_fetches(&key(&mut app, KeyCode::End)).is_empty(),
        "no page 3"
    );
    // The filter finds a subscriber by name; Enter opens the customer.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "numero 6");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tools.network.visible(NetTab::Cpes).len(), 1);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(
        app.view.as_ref().unwrap().code,
        1006,
        "the CPE's subscriber"
    );
}

fn sessions() -> ConnectionLog {
    // The shape of `cliente/extrato_conexao` (HubSoft 2020 documentation,
    // /work/shared/hubsoft-api/ENDPOINTS.md), synthetic values.
    serde_json::from_value(serde_json::json!({
        "registros": [
            {"acctstarttime": "2026-11-30 18:36:00-03", "acctstoptime": null,
             "username": "padaria4", "framedipaddress": "10.64.0.6",
             "callingstationid": "56:EC:77:7E:03:A0", "nasipaddress": "172.17.24.90",
             "cliente": {"codigo_cliente": 1001, "nome_razaosocial": "PADARIA SÃO JOSÉ LTDA"}},
            {"acctstarttime": "2026-11-02 08:00:00-03", "acctstoptime": "2026-11-03 09:10:00-03",
             "username": "outro.cliente", "framedipaddress": "10.64.0.6",
             "callingstationid": "AA:BB:CC:00:11:22",
             "cliente": {"codigo_cliente": 1003, "nome_razaosocial": "EDSON FALCÃO"}}
        ]
    }))
    .unwrap()
}

#[test]
fn the_who_had_tab_looks_an_address_up_and_opens_who_held_it() {
    let mut app = app_in(Lang::En);
    let fx = open_tab(&mut app, '5');
    assert!(
        tool_fetches(&fx).is_empty(),
        "nothing to read before an address"
    );
    insta::assert_snapshot!("bulk_who_had_prompt_80x24", screen(&mut app, 80, 24));
    // Not an address: said, nothing sent.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "joao.silva");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(tool_fetches(&fx).is_empty());
    assert!(
        status_text(&app).contains("not an IPv4, MAC or IPv6"),
        "{}",
        status_text(&app)
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "10.64.0.6");
    let fx = key(&mut app, KeyCode::Enter);
    let reads = tool_fetches(&fx);
    assert_eq!(
        reads.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
        vec![ToolRequest::WhoHad(ConnectionLogQuery::by(
            ConnectionLogBy::Ipv4,
            "10.64.0.6"
        ))]
    );
    answer(&mut app, reads[0].0, ToolReply::WhoHad(Ok(sessions())));
    insta::assert_snapshot!("bulk_who_had_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("bulk_who_had_160x48", screen(&mut app, 160, 48));
    // r asks the same address again.
    let again = tool_fetches(&key(&mut app, KeyCode::Char('r')));
    assert_eq!(again.len(), 1);
    answer(&mut app, again[0].0, ToolReply::WhoHad(Ok(sessions())));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Customer);
    assert_eq!(app.view.as_ref().unwrap().code, 1003);
}

#[test]
fn a_server_without_the_search_says_so_on_the_tab() {
    let mut app = app_in(Lang::En);
    open_tab(&mut app, '5');
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "aa-bb-cc-00-11-22");
    let reads = tool_fetches(&key(&mut app, KeyCode::Enter));
    assert_eq!(
        reads[0].1,
        ToolRequest::WhoHad(ConnectionLogQuery::by(
            ConnectionLogBy::Mac,
            "AA:BB:CC:00:11:22"
        ))
    );
    let e = ApiError::NotOffered {
        route: "cliente/extrato_conexao?busca=mac",
        status: 400,
    };
    answer(&mut app, reads[0].0, ToolReply::WhoHad(Err(e)));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("does not offer"), "{text}");
}

// ---- against the simulator, through the real runner ---------------------

mod sim {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use hubdesk::api::{Client, ClientConfig, Credentials, Secret};
    use hubdesk::app::keymap::Keymap;
    use hubdesk::app::runner::Runner;
    use hubdesk::app::{App, Msg, Settings, update};
    use hubdesk::sim::{DEMO_CREDENTIALS, Generation, SimConfig, start};
    use tokio::sync::mpsc::UnboundedReceiver;
    use tokio::time::timeout;

    const DEADLINE: Duration = Duration::from_secs(15);

    fn run(app: &mut App, msg: Msg, runner: &mut Runner) {
        for e in update(app, msg).0 {
            runner.run(e);
        }
    }

    fn press(app: &mut App, code: KeyCode, runner: &mut Runner) {
        run(
            app,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            runner,
        );
    }

    async fn settle(app: &mut App, rx: &mut UnboundedReceiver<Msg>, runner: &mut Runner) {
        while app.animating() {
            let msg = timeout(DEADLINE, rx.recv()).await.unwrap().unwrap();
            run(app, msg, runner);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn cpes_and_who_had_on_a_current_and_a_2020_server() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        for generation in [Generation::Current, Generation::Documented2020] {
            let sim = start(SimConfig {
                generation,
                ..SimConfig::default()
            })
            .unwrap();
            let creds = Credentials {
                client_id: DEMO_CREDENTIALS.client_id.into(),
                client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
                username: DEMO_CREDENTIALS.username.into(),
                password: Secret::new(DEMO_CREDENTIALS.password),
            };
            let client = Client::new(ClientConfig::new(sim.base_url(), creds)).unwrap();
            let ip = client
                .search_customers(&hubdesk::api::CustomerSearch::new(
                    hubdesk::api::CustomerSearchBy::Code,
                    "1001",
                ))
                .await
                .unwrap()[0]
                .servicos[0]
                .ipv4
                .clone()
                .unwrap();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let mut runner = Runner::new(client, tx);
            let mut app = App::new(Settings::default(), Keymap::new(&BTreeMap::new(), false).0);
            app.search.focus.0 = hubdesk::app::SearchFocus::List;
            press(&mut app, KeyCode::Char('N'), &mut runner);
            settle(&mut app, &mut rx, &mut runner).await;
            press(&mut app, KeyCode::Char('4'), &mut runner);
            settle(&mut app, &mut rx, &mut runner).await;
            let net = &app.tools.network;
            match generation {
                Generation::Current => {
                    let pages = net.cpes.data.as_ref().expect("a page of CPEs");
                    assert!(!pages.cpes.is_empty() && pages.more, "{:?}", net.cpes.error);
                }
                Generation::Documented2020 => {
                    let e = net.cpes.error.as_deref().unwrap_or_default();
                    assert!(e.contains("rede/cpe/todos"), "{e}");
                }
            }
            press(&mut app, KeyCode::Char('5'), &mut runner);
            press(&mut app, KeyCode::Char('/'), &mut runner);
            for c in ip.chars() {
                press(&mut app, KeyCode::Char(c), &mut runner);
            }
            press(&mut app, KeyCode::Enter, &mut runner);
            settle(&mut app, &mut rx, &mut runner).await;
            let net = &app.tools.network;
            match generation {
                Generation::Current => {
                    let rows = net.who_had.data.as_ref().expect("sessions");
                    assert!(
                        rows.iter().any(
                            |r| r.cliente.as_ref().and_then(|c| c.codigo_cliente) == Some(1001)
                        ),
                        "{rows:?}"
                    );
                }
                Generation::Documented2020 => {
                    let e = net.who_had.error.as_deref().unwrap_or_default();
                    assert!(e.contains("busca=ipv4"), "{e}");
                }
            }
            sim.shutdown();
        }
    }
}
