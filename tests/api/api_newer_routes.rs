//! Issue 17: the routes of current HubSoft servers through the typed
//! client, against the simulator playing a current server and a 2020 one.
//!
//! On a 2020 server a newer route is [`ApiError::NotOffered`], remembered
//! for the session (the simulator's request counters prove the second call
//! sends nothing), and the three routes with a 2020 equivalent fall back
//! to it. Fixtures as in `api_roundtrip.rs`: 1000's service 100000 is an
//! enabled fibre service, 1001's 100005 is suspended for debt, 1003's
//! 100012 awaits installation, 1004's 100016 has no authentication data,
//! 1006's 100024 is suspended for debt.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::NaiveDate;
use hubdesk::api::{
    ActivateService, ApiError, Client, ClientConfig, ConnectionLogBy, ConnectionLogQuery, CpeQuery,
    Credentials, CustomerPagesQuery, CustomerSearch, CustomerSearchBy, EnableService,
    FactoryResetCpe, InvoicePagesQuery, NewTicket, OrderParams, Pager, Permission, RebootCpe,
    ReceivableSearchBy, ResetPhy, Secret, ServicePasswordsQuery, SuspendService, SuspensionKind,
    TicketOpening, TicketSearch, TicketSearchBy, TrustUnlock,
};
use hubdesk::sim::{self, DEMO_CREDENTIALS, Faults, Generation, SimConfig, SimHandle};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn start(generation: Generation, customers: u32) -> SimHandle {
    sim::start(SimConfig {
        today: Some(today()),
        customers,
        generation,
        ..SimConfig::default()
    })
    .expect("simulator starts")
}

fn client_for(sim: &SimHandle, retries: u32) -> Client {
    let credentials = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    let mut config = ClientConfig::new(sim.base_url(), credentials);
    config.max_read_retries = retries;
    config.retry_base_delay = Duration::from_millis(5);
    Client::new(config).expect("client builds")
}

fn ticket(abrir_os: bool) -> NewTicket {
    NewTicket {
        id_cliente_servico: 100000,
        descricao: "Sem conexão desde ontem".into(),
        nome: "Ana".into(),
        telefone: "37999112233".into(),
        email: None,
        abrir_os: Some(abrir_os),
        parametros: serde_json::Map::new(),
    }
}

#[tokio::test]
async fn service_state_actions_answer_the_updated_service_once_each() {
    let sim = start(Generation::Current, 300);
    let client = client_for(&sim, 2);
    let r = client
        .suspend_service(&SuspendService {
            id_cliente_servico: 100000,
            tipo_suspensao: SuspensionKind::CustomerRequest,
        })
        .await
        .unwrap();
    let s = r.cliente_servico.unwrap();
    assert_eq!(s.id_cliente_servico, Some(100000));
    assert_eq!(s.status_text(), Some("Suspenso Pedido Cliente"));
    let r = client
        .enable_service(&EnableService {
            id_cliente_servico: 100005,
            motivo_habilitacao: "Pagamento confirmado".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        r.cliente_servico.unwrap().status_text(),
        Some("Serviço Habilitado")
    );
    let r = client
        .activate_service(&ActivateService {
            id_cliente_servico: 100012,
        })
        .await
        .unwrap();
    assert_eq!(
        r.msg.as_deref().map(str::trim),
        Some("Serviço habilitado com sucesso")
    );
    // The wrong status is the server's refusal, with its words.
    let e = client
        .activate_service(&ActivateService {
            id_cliente_servico: 100000,
        })
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Refused { .. }), "{e:?}");
    // Reads show the new status.
    let found = client
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1001"))
        .await
        .unwrap();
    let svc = found[0]
        .servicos
        .iter()
        .find(|s| s.id_cliente_servico == Some(100005))
        .unwrap();
    assert_eq!(svc.status_prefixo.as_deref(), Some("servico_habilitado"));
    let n = sim.counters();
    assert_eq!(n.get_for("service_suspend", 100000), 1);
    assert_eq!(n.get_for("service_enable", 100005), 1);
    assert_eq!(n.get_for("service_activate", 100012), 1);
    assert_eq!(n.get("service_activate"), 1);
}

#[tokio::test]
async fn a_403_on_a_state_action_names_its_permission_and_an_action_is_never_retried() {
    let sim = start(Generation::Current, 300);
    let client = client_for(&sim, 2);
    sim.set_faults(Faults {
        forbidden: true,
        routes: vec!["cliente/cliente_servico/habilitar/{id}".into()],
        ..Faults::default()
    });
    let e = client
        .enable_service(&EnableService {
            id_cliente_servico: 100005,
            motivo_habilitacao: "x".into(),
        })
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Forbidden { .. }), "{e:?}");
    assert_eq!(e.missing_permission(), Some(Permission::EnableService));
    // A 500 after the change: sent once, not retried, outcome unknown.
    sim.set_faults(Faults {
        apply_then_500: true,
        routes: vec!["cliente/cliente_servico/suspender/{id}".into()],
        ..Faults::default()
    });
    let e = client
        .suspend_service(&SuspendService {
            id_cliente_servico: 100000,
            tipo_suspensao: SuspensionKind::Debt,
        })
        .await
        .unwrap_err();
    assert!(e.outcome_unknown(), "{e:?}");
    let n = sim.counters();
    assert_eq!(n.get("service_enable"), 0);
    assert_eq!(n.get_for("service_suspend", 100000), 1);
    assert_eq!(n.requests("cliente/cliente_servico/suspender/{id}"), 1);
}

#[tokio::test]
async fn phy_reset_cpe_commands_and_passwords_on_a_current_server() {
    let sim = start(Generation::Current, 300);
    let client = client_for(&sim, 2);
    let r = client
        .reset_phy(&ResetPhy {
            id_cliente_servico: 100000,
        })
        .await
        .unwrap();
    assert_eq!(
        r.msg.as_deref(),
        Some("Endereço MAC Layer2 resetado com sucesso!")
    );
    let e = client
        .reset_phy(&ResetPhy {
            id_cliente_servico: 100016,
        })
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Refused { .. }), "{e:?}");
    assert_eq!(sim.counters().get("phy_reset"), 1);

    // Every CPE, page by page; reboot and restore one of them.
    let mut pager = client.cpe_pages(CpeQuery {
        itens_por_pagina: 40,
    });
    let mut phys = BTreeSet::new();
    while let Some(page) = pager.next_page().await {
        for cpe in page.unwrap() {
            assert!(phys.insert(cpe.phy_addr.clone().unwrap()));
            assert!(!cpe.servicos.is_empty());
        }
    }
    assert_eq!(Some(phys.len() as u64), pager.total_records());
    let phy = phys.iter().next().unwrap().clone();
    let r = client
        .reboot_cpe(&RebootCpe {
            phy_addr: phy.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        r.msg.as_deref(),
        Some("Comando de reinicialização executado com sucesso!")
    );
    client
        .factory_reset_cpe(&FactoryResetCpe {
            phy_addr: phy.clone(),
        })
        .await
        .unwrap();
    let e = client
        .reboot_cpe(&RebootCpe {
            phy_addr: "AA:BB:CC:DD:EE:FF".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), "Equipamento não encontrado!");
    let n = sim.counters();
    assert_eq!(n.get_for("cpe_reboot", &phy), 1);
    assert_eq!(n.get_for("cpe_restore", &phy), 1);

    // Passwords: decoded, hidden from Debug and from serialization.
    let pw = client
        .service_passwords(&ServicePasswordsQuery {
            id_cliente_servico: 100000,
        })
        .await
        .unwrap();
    assert_eq!(pw.len(), 2);
    let debug = format!("{pw:?}");
    let json = serde_json::to_string(&pw).unwrap();
    for p in &pw {
        let secret = p.senha.as_ref().unwrap().expose();
        assert!(!secret.is_empty());
        assert!(!debug.contains(secret), "{debug}");
        assert!(!json.contains(secret), "{json}");
    }
}

#[tokio::test]
async fn unlock_history_messages_typed_tickets_and_the_new_searches() {
    let sim = start(Generation::Current, 300);
    let client = client_for(&sim, 2);
    let mut search = CustomerSearch::new(CustomerSearchBy::Code, "1006");
    search.include_unlocks = Some(true);
    let unlocks = |c: &[hubdesk::api::Customer]| {
        c[0].servicos
            .iter()
            .find(|s| s.id_cliente_servico == Some(100024))
            .unwrap()
            .clone()
    };
    let before = unlocks(&client.search_customers(&search).await.unwrap());
    let since = today() - chrono::Days::new(30);
    let recent = before.unlocks_since(since);
    assert!(recent >= 1, "{:?}", before.desbloqueios);
    client
        .trust_unlock(&TrustUnlock {
            id_cliente_servico: 100024,
            dias_desbloqueio: Some(1),
        })
        .await
        .unwrap();
    let after = unlocks(&client.search_customers(&search).await.unwrap());
    let n = |s: &hubdesk::api::CustomerService| s.desbloqueios.as_ref().map(Vec::len);
    assert_eq!(n(&after), n(&before).map(|n| n + 1));
    assert_eq!(after.unlocks_since(since), recent + 1);
    let last = after.last_unlock().unwrap();
    assert!(last.ends().unwrap().date().unwrap() >= today());

    let mut tickets = TicketSearch::new(TicketSearchBy::CustomerCode, "1000");
    tickets.with_messages = true;
    tickets.only_open = Some(false);
    tickets.limit = Some(50);
    let list = client.customer_tickets(&tickets).await.unwrap();
    let messages: usize = list.iter().map(|t| t.messages().len()).sum();
    assert!(messages > 0);
    assert!(
        list.iter()
            .flat_map(|t| t.messages())
            .all(|(_, m)| m.mensagem.is_some() && m.written_at().is_some())
    );

    let opened = client
        .open_ticket_with(&TicketOpening {
            ticket: ticket(true),
            id_tipo_atendimento: Some(125),
            ordem_servico: Some(OrderParams {
                id_tipo_ordem_servico: Some(2),
                status: Some("pendente".into()),
                ids_tecnicos: vec![1001],
            }),
        })
        .await
        .unwrap();
    let t = opened.atendimento.unwrap();
    assert_eq!(t.tipo_atendimento.as_deref(), Some("TÉCNICO - SEM CONEXÃO"));
    assert_eq!(t.service_orders()[0].status.as_deref(), Some("pendente"));
    let record = sim
        .records()
        .into_iter()
        .find(|r| r.kind == "ticket_open")
        .unwrap();
    assert_eq!(
        record.detail["parametros_ordem_servico"]["ids_tecnicos"],
        serde_json::json!(["1001"])
    );

    for (by, term) in [
        (CustomerSearchBy::ServiceId, "100000"),
        (CustomerSearchBy::CustomerId, "10000"),
        (CustomerSearchBy::ExternalId, "ERP-71000"),
    ] {
        let found = client
            .search_customers(&CustomerSearch::new(by, term))
            .await
            .unwrap();
        assert_eq!(found[0].codigo_cliente, Some(1000), "{by:?}");
    }
    let me = client
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1000"))
        .await
        .unwrap();
    let svc = &me[0].servicos[0];
    let ip = svc.ipv4.clone().unwrap();
    let log = client
        .connection_log(&ConnectionLogQuery::by(ConnectionLogBy::Ipv4, ip.clone()))
        .await
        .unwrap();
    assert!(!log.registros.is_empty());
    let log = client
        .connection_log(&ConnectionLogQuery::by(
            ConnectionLogBy::Mac,
            svc.mac_addr.clone().unwrap(),
        ))
        .await
        .unwrap();
    assert!(!log.registros.is_empty());
}

#[tokio::test]
async fn paginated_routes_on_a_current_server_read_everything_once() {
    let sim = start(Generation::Current, 250);
    let client = client_for(&sim, 2);
    let mut feed = client
        .customer_feed(&CustomerPagesQuery {
            itens_por_pagina: 100,
            ..CustomerPagesQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(feed.route(), "cliente/todos");
    let mut codes = BTreeSet::new();
    while let Some(c) = feed.next_customer().await {
        assert!(codes.insert(c.unwrap().codigo_cliente.unwrap()));
    }
    assert_eq!(codes.len(), 250);
    assert_eq!(feed.progress(), (250, Some(250)));
    let n = sim.counters();
    assert_eq!(n.requests("cliente/todos"), 3);
    assert_eq!(n.requests("cliente/all"), 0);

    let mut invoices = client
        .invoice_feed(&InvoicePagesQuery {
            itens_por_pagina: 5,
            search: Some((ReceivableSearchBy::CustomerCode, "1001".into())),
            data_inicio: Some(today() - chrono::Days::new(365)),
            data_fim: Some(today()),
            ..InvoicePagesQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(invoices.route(), "financeiro/fatura");
    let mut ids = BTreeSet::new();
    while let Some(page) = invoices.next_page().await {
        for i in page.unwrap() {
            assert!(ids.insert(i.id_fatura.unwrap()));
        }
    }
    assert!(ids.len() > 5, "more than one page: {ids:?}");
    let cities = client.list_cities().await.unwrap();
    assert!(!cities.is_empty());
    let n = sim.counters();
    assert_eq!(
        (
            n.requests("configuracao/cidade"),
            n.requests("endereco/cidade")
        ),
        (1, 0)
    );
    assert_eq!(n.requests("financeiro"), 0);
}

/// A transient failure in the middle of a paginated read: the pager keeps
/// its place, and the next call asks for the failed page again instead of
/// starting over. Every customer comes out once.
#[tokio::test]
async fn a_paginated_read_resumes_from_the_failed_page() {
    let sim = start(Generation::Current, 250);
    // No automatic retries: the fault reaches the caller.
    let client = client_for(&sim, 0);
    let query = CustomerPagesQuery {
        itens_por_pagina: 100,
        ..CustomerPagesQuery::default()
    };
    let mut feed = client.customer_feed(&query).await.unwrap();
    let mut codes = Vec::new();
    for _ in 0..100 {
        codes.push(
            feed.next_customer()
                .await
                .unwrap()
                .unwrap()
                .codigo_cliente
                .unwrap(),
        );
    }
    assert_eq!(feed.next_page_number(), Some(1));
    sim.set_faults(Faults {
        error_500_rate: 1.0,
        routes: vec!["cliente/todos".into()],
        ..Faults::default()
    });
    let e = feed.next_customer().await.unwrap().unwrap_err();
    assert!(matches!(e, ApiError::Http { status: 500, .. }), "{e:?}");
    assert_eq!(feed.next_page_number(), Some(1), "the failed page is kept");
    sim.set_faults(Faults::default());
    while let Some(c) = feed.next_customer().await {
        codes.push(c.unwrap().codigo_cliente.unwrap());
    }
    let unique: BTreeSet<_> = codes.iter().collect();
    assert_eq!((codes.len(), unique.len()), (250, 250));
    // Pages 0, 1 (failed), 1 again, 2: page 0 was never asked twice.
    assert_eq!(sim.counters().requests("cliente/todos"), 4);

    // A later session resumes at a saved page.
    let mut pager = Pager::resume(
        client.clone(),
        hubdesk::api::CustomerPagesAs::<hubdesk::api::Customer>::new(query),
        2,
    );
    let page = pager.next_page().await.unwrap().unwrap();
    assert_eq!(page.len(), 50);
    assert!(pager.next_page().await.is_none());
}

#[tokio::test]
async fn a_2020_server_lacks_the_newer_routes_and_the_client_stops_asking() {
    let sim = start(Generation::Documented2020, 250);
    let client = client_for(&sim, 2);
    let reset = ResetPhy {
        id_cliente_servico: 100000,
    };
    let e = client.reset_phy(&reset).await.unwrap_err();
    assert_eq!(
        e,
        ApiError::NotOffered {
            route: "cliente/reset_phy_addr",
            status: 405
        }
    );
    assert!(!e.outcome_unknown());
    assert!(client.lacks("cliente/reset_phy_addr"));
    // Asked again: refused at once, nothing sent.
    let again = client.reset_phy(&reset).await.unwrap_err();
    assert!(
        matches!(again, ApiError::NotOffered { status: 0, .. }),
        "{again:?}"
    );
    assert_eq!(sim.counters().requests("cliente/reset_phy_addr"), 1);

    // Every route without a fallback says so, once per session.
    let e = client
        .enable_service(&EnableService {
            id_cliente_servico: 100005,
            motivo_habilitacao: "x".into(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(e, ApiError::NotOffered { status: 405, .. }),
        "{e:?}"
    );
    for _ in 0..2 {
        let e = client
            .service_passwords(&ServicePasswordsQuery {
                id_cliente_servico: 100000,
            })
            .await
            .unwrap_err();
        assert!(matches!(e, ApiError::NotOffered { .. }), "{e:?}");
        let e = client
            .reboot_cpe(&RebootCpe {
                phy_addr: "485702000000".into(),
            })
            .await
            .unwrap_err();
        assert!(matches!(e, ApiError::NotOffered { .. }), "{e:?}");
        let e = client
            .cpe_pages(CpeQuery::default())
            .next_page()
            .await
            .unwrap()
            .unwrap_err();
        assert!(matches!(e, ApiError::NotOffered { .. }), "{e:?}");
        let e = client
            .suspend_service(&SuspendService {
                id_cliente_servico: 100000,
                tipo_suspensao: SuspensionKind::Debt,
            })
            .await
            .unwrap_err();
        assert!(matches!(e, ApiError::NotOffered { .. }), "{e:?}");
    }
    let n = sim.counters();
    for route in [
        "cliente/cliente_servico/{id}/senhas",
        "rede/reiniciar_cpe/{phy_addr}",
        "rede/cpe/todos",
        "cliente/cliente_servico/suspender/{id}",
    ] {
        assert_eq!(n.requests(route), 1, "{route}");
    }
    assert!(n.actions.keys().all(|k| k == "token"), "{:?}", n.actions);
}

#[tokio::test]
async fn on_a_2020_server_the_paginated_routes_fall_back_and_remember() {
    let sim = start(Generation::Documented2020, 250);
    let client = client_for(&sim, 2);
    let query = CustomerPagesQuery::default();
    for _ in 0..2 {
        let mut feed = client.customer_feed(&query).await.unwrap();
        assert_eq!(feed.route(), "cliente/all");
        let mut n = 0;
        while let Some(c) = feed.next_customer().await {
            c.unwrap();
            n += 1;
        }
        assert_eq!(n, 250);
    }
    for _ in 0..2 {
        assert!(!client.list_cities().await.unwrap().is_empty());
        let mut invoices = client
            .invoice_feed(&InvoicePagesQuery {
                search: Some((ReceivableSearchBy::CustomerCode, "1001".into())),
                data_inicio: Some(today() - chrono::Days::new(365)),
                data_fim: Some(today()),
                apenas_em_aberto: Some(true),
                ..InvoicePagesQuery::default()
            })
            .await
            .unwrap();
        assert_eq!(invoices.route(), "financeiro");
        let page = invoices.next_page().await.unwrap().unwrap();
        assert!(page.iter().all(|i| i.data_pagamento.is_none()));
        assert!(invoices.next_page().await.is_none());
    }
    let n = sim.counters();
    // The newer route was asked once each; the fallback did the work.
    assert_eq!(n.requests("cliente/todos"), 1);
    assert_eq!(n.requests("cliente/all"), 2);
    assert_eq!(n.requests("configuracao/cidade"), 1);
    assert_eq!(n.requests("endereco/cidade"), 2);
    assert_eq!(n.requests("financeiro/fatura"), 1);
    assert_eq!(n.requests("financeiro"), 2);
    // The newer parameters are ignored: no history (not an empty one)
    // and empty threads.
    let mut search = CustomerSearch::new(CustomerSearchBy::Code, "1006");
    search.include_unlocks = Some(true);
    let c = client.search_customers(&search).await.unwrap();
    assert!(c[0].servicos.iter().all(|s| s.desbloqueios.is_none()));
    let mut tickets = TicketSearch::new(TicketSearchBy::CustomerCode, "1000");
    tickets.with_messages = true;
    tickets.only_open = Some(false);
    let list = client.customer_tickets(&tickets).await.unwrap();
    assert!(list.iter().all(|t| t.messages().is_empty()));
    // The newer search kinds are refused by the 2020 server: it does not
    // offer that search.
    let e = client
        .search_customers(&CustomerSearch::new(
            CustomerSearchBy::ExternalId,
            "ERP-71000",
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            ApiError::NotOffered {
                route: "cliente?busca=id_externo",
                ..
            }
        ),
        "{e:?}"
    );
    let e = client
        .open_ticket_with(&TicketOpening {
            ticket: ticket(false),
            id_tipo_atendimento: Some(125),
            ordem_servico: None,
        })
        .await
        .unwrap();
    assert_eq!(
        e.atendimento.unwrap().tipo_atendimento.as_deref(),
        Some("SAC")
    );
}

/// The fixtures in the shapes of HubSoft's collection (provenance in
/// `tests/fixtures/hubsoft-collection/PROVENANCE.md`), decoded along the
/// client's path.
mod collection_shapes {
    use std::path::PathBuf;

    use hubdesk::api::fuzzing::decode_answer;
    use hubdesk::api::*;

    fn body(name: &str) -> Vec<u8> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/hubsoft-collection")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn decoded<T: serde::de::DeserializeOwned>(route: &'static str, name: &str) -> T {
        decode_answer::<T>(route, 200, &body(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    }

    #[test]
    fn every_newer_route_decodes_its_collection_shape() {
        let page: CustomersPage<Customer> = decoded("cliente/todos", "cliente_todos.success.json");
        let (pagination, customers) = page.into_page("cliente/todos").unwrap();
        assert_eq!(pagination.unwrap().ultima_pagina, Some(3));
        assert_eq!(customers[0].servicos[0].id_cliente_servico, Some(28804));

        let cpes: CpePage = decoded("rede/cpe/todos", "rede_cpe_todos.success.json");
        assert_eq!(cpes.cpes[0].phy_addr.as_deref(), Some("4857544300C0FFEE"));
        assert_eq!(cpes.cpes[0].servicos[0].codigo_cliente, Some(4410));

        let ok: ActionResponse = decoded("rede/reiniciar_cpe", "rede_reiniciar_cpe.success.json");
        assert_eq!(
            ok.msg.as_deref(),
            Some("Comando de reinicialização executado com sucesso!")
        );
        let e = decode_answer::<ActionResponse>(
            "rede/reiniciar_cpe",
            200,
            &body("rede_reiniciar_cpe.error.json"),
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "Equipamento não encontrado!");
        let _: ActionResponse = decoded("rede/restaurar_cpe", "rede_restaurar_cpe.success.json");

        let invoices: InvoicesPage =
            decoded("financeiro/fatura", "financeiro_fatura.simplificado.json");
        let (_, list) = invoices.into_page("financeiro/fatura").unwrap();
        assert_eq!(list[0].id_fatura, Some(90317));

        let cities: CitiesResponse =
            decoded("configuracao/cidade", "configuracao_cidade.success.json");
        assert_eq!(cities.cidades[0].bairros.len(), 2);

        let tickets: TicketsResponse =
            decoded("cliente/atendimento", "atendimento_todos.mensagens.json");
        let thread = tickets.atendimentos[0].messages();
        assert_eq!(thread.len(), 2);
        assert_eq!(
            thread[0].1.mensagem.as_deref(),
            Some("Orientado a reiniciar a ONU")
        );

        let state: ServiceStateResponse = decoded(
            "cliente/cliente_servico/suspender",
            "cliente_servico_suspender.success.json",
        );
        assert_eq!(
            state.cliente_servico.unwrap().status_text(),
            Some("Suspenso Pedido Cliente")
        );

        let pw: ServicePasswordsResponse = decoded(
            "cliente/cliente_servico/senhas",
            "cliente_servico_senhas.success.json",
        );
        assert_eq!(pw.cliente_servico_senha.len(), 2);
        let shown = format!("{pw:?}{}", serde_json::to_string(&pw).unwrap());
        assert!(!shown.contains("@sintetica7") && !shown.contains("wifi-sintetica-9"));

        let _: ActionResponse = decoded(
            "cliente/reset_phy_addr",
            "cliente_reset_phy_addr.success.json",
        );
        let e = decode_answer::<ActionResponse>(
            "cliente/reset_phy_addr",
            200,
            &body("cliente_reset_phy_addr.error.json"),
        )
        .unwrap_err();
        assert!(matches!(e, ApiError::Refused { .. }));
    }
}
