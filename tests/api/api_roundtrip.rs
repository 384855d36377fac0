//! Every documented route, called through the typed client against the
//! embedded simulator over real HTTP on loopback.
//!
//! The simulator builds its JSON on its own (it never uses the client's
//! types), so a route that decodes here with the right values proves that
//! both sides read the documentation the same way. Customer fixtures are the
//! simulator's documented ones (see `src/sim/mod.rs`): code 1000 is a
//! fiber customer with an alert, 1004's service 100016 has no
//! authentication data, 1006's service 100024 is suspended for debt, 1007's
//! service 100028 is online.

use std::time::Duration;

use chrono::NaiveDate;
use hubdesk::api::{
    AllCustomers, ApiError, Client, ClientConfig, ConnectionLogQuery, Credentials, CustomerSearch,
    CustomerSearchBy, Disconnect, InvoiceEmail, InvoicePush, InvoiceSearch, InvoiceSearchBy,
    InvoiceSms, NewProspect, NewTicket, PbxCall, PersonKind, ProspectPlansQuery, ProspectSearch,
    ReceivableSearchBy, ReceivablesQuery, ResetMac, Secret, ServiceOrderSearch,
    ServiceOrderSearchBy, TicketSearch, TicketSearchBy, TicketUpdate, TrustUnlock,
};
use hubdesk::sim::{self, DEMO_CREDENTIALS, SimConfig, SimHandle};
use rust_decimal::Decimal;

const TODAY: (i32, u32, u32) = (2026, 11, 28);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

fn start_sim() -> SimHandle {
    sim::start(SimConfig {
        today: Some(today()),
        reconnect_delay: Duration::from_millis(300),
        ..SimConfig::default()
    })
    .expect("simulator starts")
}

fn client_for(sim: &SimHandle) -> Client {
    let credentials = Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    };
    Client::new(ClientConfig::new(sim.base_url(), credentials)).expect("client builds")
}

#[tokio::test]
async fn oauth_token_grants_a_token_with_a_future_expiry() {
    let sim = start_sim();
    let client = client_for(&sim);
    let token = client.login().await.expect("login");
    assert_eq!(token.token_type, "Bearer");
    assert!(token.expires_at > chrono::Utc::now());
    assert_eq!(sim.counters().get("token"), 1);
}

#[tokio::test]
async fn cliente_search_finds_each_kind_and_last_connection() {
    let sim = start_sim();
    let client = client_for(&sim);

    let mut by_code = CustomerSearch::new(CustomerSearchBy::Code, "1000");
    by_code.last_connection = Some(true);
    let found = client.search_customers(&by_code).await.unwrap();
    assert_eq!(found.len(), 1);
    let customer = &found[0];
    assert_eq!(customer.codigo_cliente, Some(1000));
    assert!(customer.display_name().unwrap().contains("JOSÉ"));
    assert!(
        !customer.alerta_mensagens.is_empty(),
        "code 1000 has the fiber-cut alert"
    );
    let service = &customer.servicos[0];
    assert_eq!(service.id_cliente_servico, Some(100000));
    assert!(service.valor.unwrap() > Decimal::ZERO);
    assert!(
        service.ultima_conexao.is_some(),
        "asked with ultima_conexao=sim"
    );

    // The same customer through every other kind of search.
    let login = service.login.as_deref().unwrap().to_owned();
    let document = customer.cpf_cnpj.clone().unwrap();
    let phone = customer.telefone_primario.clone().unwrap();
    let name_part: String = customer.nome_razaosocial.clone().unwrap();
    let ipv4 = service.ipv4.as_deref().unwrap().to_owned();
    let mac = service
        .mac_addr
        .as_deref()
        .expect("the simulator sends mac_addr")
        .to_owned();
    for (by, term) in [
        (CustomerSearchBy::Login, login),
        (CustomerSearchBy::Document, document),
        (CustomerSearchBy::Phone, phone),
        (CustomerSearchBy::Name, name_part),
        (CustomerSearchBy::Ipv4, ipv4),
        (CustomerSearchBy::Mac, mac),
    ] {
        let mut search = CustomerSearch::new(by, term.clone());
        search.limit = Some(100);
        let found = client.search_customers(&search).await.unwrap();
        assert!(
            found.iter().any(|c| c.codigo_cliente == Some(1000)),
            "{by:?} {term} finds customer 1000"
        );
    }

    // Without ultima_conexao=sim the field is absent.
    let plain = client
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1000"))
        .await
        .unwrap();
    assert!(plain[0].servicos[0].ultima_conexao.is_none());
}

#[tokio::test]
async fn cliente_search_by_fantasy_name_and_cancelled_toggle() {
    let sim = start_sim();
    let client = client_for(&sim);
    let mut fantasy = CustomerSearch::new(CustomerSearchBy::FantasyName, "padaria são josé");
    fantasy.limit = Some(100);
    let found = client.search_customers(&fantasy).await.unwrap();
    assert!(found.iter().any(|c| c.codigo_cliente == Some(1001)));

    // 1005 has only cancelled services: hidden unless asked for.
    let hidden = client
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1005"))
        .await
        .unwrap();
    assert!(hidden.is_empty());
    let mut with_cancelled = CustomerSearch::new(CustomerSearchBy::Code, "1005");
    with_cancelled.include_cancelled = Some(true);
    let shown = client.search_customers(&with_cancelled).await.unwrap();
    assert_eq!(shown.len(), 1);
}

#[tokio::test]
async fn cliente_all_returns_every_customer_and_honours_limit() {
    let sim = start_sim();
    let client = client_for(&sim);
    let all = client
        .all_customers(&AllCustomers::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 2000);
    assert!(all.iter().all(|c| c.codigo_cliente.is_some()));
    let few = client
        .all_customers(&AllCustomers {
            limit: Some(7),
            ..AllCustomers::default()
        })
        .await
        .unwrap();
    assert_eq!(few.len(), 7);
}

#[tokio::test]
async fn customer_invoices_pending_by_default_and_all_on_request() {
    let sim = start_sim();
    let client = client_for(&sim);
    let pending = client
        .customer_invoices(&InvoiceSearch::new(InvoiceSearchBy::CustomerCode, "1001"))
        .await
        .unwrap();
    assert!(!pending.is_empty(), "1001 has overdue invoices");
    assert!(pending.iter().all(|i| !i.is_paid()));
    let first = &pending[0];
    assert!(
        first
            .linha_digitavel
            .as_deref()
            .is_some_and(|l| !l.is_empty())
    );
    assert!(
        first
            .codigo_barras
            .as_deref()
            .is_some_and(|c| !c.is_empty())
    );
    assert!(first.pix().is_some());
    assert!(first.due_date().is_some());

    let mut all = InvoiceSearch::new(InvoiceSearchBy::CustomerCode, "1001");
    all.only_pending = Some(false);
    all.limit = Some(50);
    let every = client.customer_invoices(&all).await.unwrap();
    assert!(every.len() > pending.len());
    assert!(every.iter().any(|i| i.is_paid()));
}

#[tokio::test]
async fn tickets_orders_and_connection_log_read_back() {
    let sim = start_sim();
    let client = client_for(&sim);

    let mut tickets = TicketSearch::new(TicketSearchBy::CustomerCode, "1000");
    tickets.only_open = Some(false);
    let list = client.customer_tickets(&tickets).await.unwrap();
    for t in &list {
        let protocol = t.protocolo.as_deref().unwrap();
        assert_eq!(
            protocol.len(),
            20,
            "20-digit protocol kept as text: {protocol}"
        );
    }

    let orders = client
        .service_orders(&ServiceOrderSearch::new(
            ServiceOrderSearchBy::CustomerCode,
            "1003",
        ))
        .await
        .unwrap();
    assert!(
        !orders.is_empty(),
        "1003 awaits installation: it has an order"
    );
    assert!(orders.iter().all(|o| o.numero_ordem_servico.is_some()));

    let customer = client
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1000"))
        .await
        .unwrap();
    let login = customer[0].servicos[0].login.clone().unwrap();
    let log = client
        .connection_log(&ConnectionLogQuery::new(login.clone()))
        .await
        .unwrap();
    assert!(!log.registros.is_empty());
    assert!(
        log.registros
            .iter()
            .all(|r| r.username.as_deref() == Some(login.as_str()))
    );
    assert!(log.estatisticas.is_some());
}

#[tokio::test]
async fn open_edit_and_close_a_ticket_with_its_service_order() {
    let sim = start_sim();
    let client = client_for(&sim);
    let opened = client
        .open_ticket(&NewTicket {
            id_cliente_servico: 100000,
            descricao: "Sem conexão desde ontem".into(),
            nome: "José".into(),
            telefone: "37999112233".into(),
            email: None,
            abrir_os: Some(true),
            parametros: Default::default(),
        })
        .await
        .unwrap();
    let ticket = opened.atendimento.expect("the new ticket");
    let protocol = ticket.protocolo.clone().unwrap();
    assert_eq!(protocol.len(), 20);
    assert_eq!(ticket.service_orders().len(), 1, "abrir_os opened an order");
    assert_eq!(sim.counters().get("ticket_open"), 1);
    assert_eq!(sim.counters().get("os_open"), 1);

    let mut by_protocol = TicketSearch::new(TicketSearchBy::Protocol, protocol.clone());
    by_protocol.only_open = Some(false);
    let found = client.customer_tickets(&by_protocol).await.unwrap();
    assert_eq!(found.len(), 1);
    let id = found[0].id_atendimento.unwrap();

    let mut parametros = serde_json::Map::new();
    parametros.insert("atendente".into(), "ana".into());
    client
        .update_ticket(&TicketUpdate {
            id_atendimento: id,
            descricao: Some("Cliente reiniciou a ONU".into()),
            fechar_atendimento: false,
            parametros: parametros.clone(),
        })
        .await
        .unwrap();
    client
        .update_ticket(&TicketUpdate {
            id_atendimento: id,
            descricao: None,
            fechar_atendimento: true,
            parametros,
        })
        .await
        .unwrap();
    assert_eq!(sim.counters().get("ticket_edit"), 1);
    assert_eq!(sim.counters().get("ticket_close"), 1);
    assert_eq!(
        sim.counters().get("os_close"),
        1,
        "closing closes its order"
    );

    let mut open_only = TicketSearch::new(TicketSearchBy::Protocol, protocol);
    open_only.only_open = Some(true);
    assert!(
        client
            .customer_tickets(&open_only)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn trust_unlock_applies_and_refuses_beyond_the_rule() {
    let sim = start_sim();
    let client = client_for(&sim);
    let refused = client
        .trust_unlock(&TrustUnlock {
            id_cliente_servico: 100024,
            dias_desbloqueio: Some(9),
        })
        .await
        .unwrap_err();
    assert!(matches!(refused, ApiError::Refused { .. }), "{refused:?}");
    assert_eq!(sim.counters().get("unlock"), 0);

    let ok = client
        .trust_unlock(&TrustUnlock {
            id_cliente_servico: 100024,
            dias_desbloqueio: Some(1),
        })
        .await
        .unwrap();
    assert!(ok.msg.unwrap().contains("29/11/2026"), "msg names the date");
    assert_eq!(sim.counters().get_for("unlock", 100024), 1);
}

#[tokio::test]
async fn disconnect_drops_the_session_and_reset_mac_needs_auth_data() {
    let sim = start_sim();
    let client = client_for(&sim);
    let dropped = client
        .request_disconnect(&Disconnect {
            id_cliente_servico: 100028,
        })
        .await
        .unwrap();
    assert!(dropped.login.is_some());
    assert_eq!(sim.counters().get_for("disconnect", 100028), 1);

    let mut search = CustomerSearch::new(CustomerSearchBy::Code, "1007");
    search.last_connection = Some(true);
    let after = client.search_customers(&search).await.unwrap();
    let service = after[0]
        .servicos
        .iter()
        .find(|s| s.id_cliente_servico == Some(100028))
        .unwrap();
    assert_eq!(
        service.ultima_conexao.as_ref().unwrap().conectado,
        Some(false)
    );

    client
        .reset_mac(&ResetMac {
            id_cliente_servico: 100000,
        })
        .await
        .unwrap();
    let refused = client
        .reset_mac(&ResetMac {
            id_cliente_servico: 100016,
        })
        .await
        .unwrap_err();
    assert!(matches!(refused, ApiError::Refused { .. }), "{refused:?}");
    assert_eq!(sim.counters().get("mac_reset"), 1);
}

#[tokio::test]
async fn resend_an_invoice_by_email_sms_and_push() {
    let sim = start_sim();
    let client = client_for(&sim);
    let invoices = client
        .customer_invoices(&InvoiceSearch::new(InvoiceSearchBy::CustomerCode, "1001"))
        .await
        .unwrap();
    let id = invoices[0].id_fatura.unwrap();

    let email = client
        .send_invoice_email(&InvoiceEmail {
            id_fatura: id,
            email_adicional: vec!["extra@example.com".into()],
        })
        .await
        .unwrap();
    let job = email.job.expect("a queued job");
    assert!(
        job.emails
            .iter()
            .any(|r| r.email.as_deref() == Some("extra@example.com"))
    );

    let sms = client
        .send_invoice_sms(&InvoiceSms {
            id_fatura: id,
            telefone_adicional: vec!["37999990000".into()],
        })
        .await
        .unwrap();
    assert!(
        sms.job
            .unwrap()
            .telefones
            .iter()
            .any(|r| r.telefone.as_deref() == Some("37999990000"))
    );

    client
        .send_invoice_push(&InvoicePush { id_fatura: id })
        .await
        .unwrap();
    let counters = sim.counters();
    assert_eq!(counters.get("invoice_email"), 1);
    assert_eq!(counters.get("invoice_sms"), 1);
    assert_eq!(counters.get("invoice_push"), 1);
}

#[tokio::test]
async fn cities_receivables_and_pbx() {
    let sim = start_sim();
    let client = client_for(&sim);
    let cities = client.cities().await.unwrap();
    assert!(!cities.is_empty());
    assert!(
        cities
            .iter()
            .all(|c| c.nome.is_some() && !c.bairros.is_empty())
    );

    let window = client
        .receivables(&ReceivablesQuery::default())
        .await
        .unwrap();
    assert!(window.iter().all(|i| i.id_fatura.is_some()));
    let by_customer = client
        .receivables(&ReceivablesQuery {
            search: Some((ReceivableSearchBy::CustomerCode, "1001".into())),
            data_inicio: NaiveDate::from_ymd_opt(2025, 1, 1),
            data_fim: Some(today()),
            ..ReceivablesQuery::default()
        })
        .await
        .unwrap();
    assert!(!by_customer.is_empty());

    let call = PbxCall {
        ramal: Some("111".into()),
        codigo_cliente: Some(1000),
        ..PbxCall::default()
    };
    client.pbx_notify(&call).await.unwrap();
    client.pbx_cancel(&call).await.unwrap();
    assert_eq!(sim.counters().get("pbx_notify"), 1);
    assert_eq!(sim.counters().get("pbx_cancel"), 1);
}

#[tokio::test]
async fn prospects_plans_create_duplicate_and_search() {
    let sim = start_sim();
    let client = client_for(&sim);
    let plans = client
        .prospect_plans(&ProspectPlansQuery {
            cep: "35500000".into(),
        })
        .await
        .unwrap();
    let plan = plans.first().expect("plans for the documented CEP");
    assert!(plan.velocidade_download.is_some());

    let unknown = client
        .prospect_plans(&ProspectPlansQuery {
            cep: "00000000".into(),
        })
        .await;
    assert!(
        matches!(unknown, Err(ApiError::Refused { .. })),
        "{unknown:?}"
    );

    let new = NewProspect {
        cep: "35500000".into(),
        id_servico: plan.id_servico.unwrap(),
        valor: plan.valor.unwrap(),
        nome_razaosocial: "MARIA TESTE DE SOUZA".into(),
        cpf_cnpj: "52998224725".into(),
        telefone: "37988887777".into(),
        email: None,
        observacao: None,
        tipo_pessoa: PersonKind::Individual,
        bairro: "CENTRO".into(),
        endereco: "RUA UM".into(),
        numero: "10".into(),
    };
    let created = client.create_prospect(&new).await.unwrap();
    assert!(created.prospecto.is_some());
    let duplicate = client.create_prospect(&new).await.unwrap_err();
    match duplicate {
        ApiError::Refused { msg, .. } => assert!(msg.contains("já foi cadastrado"), "{msg}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(sim.counters().get("prospect_create"), 1);

    let found = client
        .search_prospects(&ProspectSearch {
            busca: "maria teste".into(),
        })
        .await
        .unwrap();
    assert!(
        found
            .iter()
            .any(|p| p.cpf_cnpj.as_deref() == Some("52998224725"))
    );
}

#[tokio::test]
async fn network_inventory_routes() {
    let sim = start_sim();
    let client = client_for(&sim);
    let equipment = client.network_equipment().await.unwrap();
    assert!(!equipment.is_empty());
    assert!(equipment.iter().all(|e| e.nome.is_some()));
    let pops = client.network_pops().await.unwrap();
    assert!(pops.iter().any(|p| !p.equipamentos.is_empty()));
    let zones = client.service_zones().await.unwrap();
    assert!(zones.iter().any(|z| !z.interfaces.is_empty()));
}
