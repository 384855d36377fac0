//! The fault matrix of issue 9: every read route meets every fault the
//! simulator (or a scripted stand-in) can produce, through the typed
//! client; each case checks the exact `ApiError`, the number of requests
//! that reached the route, and the localized text the console
//! (`app::error_text`) and the CLI (`cli::Failure::api`) show for it in
//! pt-BR and English. Actions are checked for "at most one effect, exactly
//! one request" under 5xx and under apply-then-stall.
//!
//! Timings are test-sized (300 ms timeouts, millisecond backoff); no test
//! asserts a duration. `docs/RELIABILITY.md` holds the resulting matrix.

use crate::support;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::NaiveDate;
use hubdesk::api::{
    AllCustomers, ApiError, Client, ClientConfig, ConnectionLogQuery, Credentials, CustomerSearch,
    CustomerSearchBy, Disconnect, InvoiceEmail, InvoicePush, InvoiceSearch, InvoiceSearchBy,
    InvoiceSms, NewProspect, NewTicket, PbxCall, PersonKind, ProspectPlansQuery, ProspectSearch,
    ReceivableSearchBy, ReceivablesQuery, ResetMac, Secret, ServiceOrderSearch,
    ServiceOrderSearchBy, TicketSearch, TicketSearchBy, TicketUpdate, TrustUnlock,
};
use hubdesk::app::error_text;
use hubdesk::cli::{EXIT_AUTH, EXIT_FAILURE, EXIT_REFUSED, Failure};
use hubdesk::i18n::Lang;
use hubdesk::ops::errors::ErrorContext;
use hubdesk::sim::{self, DEMO_CREDENTIALS, Faults, SimConfig, SimHandle};
use serde_json::json;
use support::{Reply, Server};

/// The console's configured timeout, as it would name it in its message.
const CONSOLE_TIMEOUT_SECS: u64 = 20;
const TODAY: (i32, u32, u32) = (2026, 11, 28);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

// ---------------------------------------------------------------------------
// Set-up

fn start_sim_with(cfg: SimConfig) -> SimHandle {
    sim::start(SimConfig {
        customers: 40,
        today: Some(today()),
        ..cfg
    })
    .expect("simulator starts")
}

fn start_sim() -> SimHandle {
    start_sim_with(SimConfig::default())
}

fn demo_credentials() -> Credentials {
    Credentials {
        client_id: DEMO_CREDENTIALS.client_id.to_owned(),
        client_secret: Secret::new(DEMO_CREDENTIALS.client_secret),
        username: DEMO_CREDENTIALS.username.to_owned(),
        password: Secret::new(DEMO_CREDENTIALS.password),
    }
}

/// Test-sized timings: backoff of a few ms; timeouts generous enough that a
/// loaded machine does not turn a slow answer into a retry.
fn fast(config: &mut ClientConfig) {
    config.connect_timeout = Duration::from_secs(2);
    config.request_timeout = Duration::from_secs(5);
    config.slow_timeout = Duration::from_secs(5);
    config.max_read_retries = 2;
    config.retry_base_delay = Duration::from_millis(2);
    config.max_retry_delay = Duration::from_secs(1);
}

fn client_at(base_url: String, credentials: Credentials) -> Client {
    let mut config = ClientConfig::new(base_url, credentials);
    fast(&mut config);
    Client::new(config).expect("client builds")
}

fn client_for(sim: &SimHandle) -> Client {
    client_at(sim.base_url(), demo_credentials())
}

/// A client whose requests give up after `timeout`, for hangs and stalls.
fn impatient_client(sim: &SimHandle, timeout: Duration) -> Client {
    let mut config = ClientConfig::new(sim.base_url(), demo_credentials());
    fast(&mut config);
    config.request_timeout = timeout;
    config.slow_timeout = timeout;
    Client::new(config).expect("client builds")
}

/// Faults limited to `routes` (the token grant stays healthy).
fn only(routes: &[&str], f: Faults) -> Faults {
    Faults {
        routes: routes.iter().map(|r| (*r).to_owned()).collect(),
        ..f
    }
}

// ---------------------------------------------------------------------------
// The read routes

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Read {
    Customer,
    AllCustomers,
    Tickets,
    ConnectionLog,
    CustomerInvoices,
    Orders,
    Cities,
    Receivables,
    ProspectPlans,
    ProspectSearch,
    Equipment,
    Pops,
    Zones,
}

use Read::*;

const READS: [Read; 13] = [
    Customer,
    AllCustomers,
    Tickets,
    ConnectionLog,
    CustomerInvoices,
    Orders,
    Cities,
    Receivables,
    ProspectPlans,
    ProspectSearch,
    Equipment,
    Pops,
    Zones,
];

/// What a read returned: how many items, and their debug rendering (to
/// compare a Latin-1 answer with the UTF-8 one).
#[derive(Debug, PartialEq)]
struct Got {
    items: usize,
    debug: String,
}

fn got<T: std::fmt::Debug>(items: &[T]) -> Got {
    Got {
        items: items.len(),
        debug: format!("{items:?}"),
    }
}

/// PPPoE login of customer 1000's first service in the simulator's data.
async fn fixture_login(sim: &SimHandle) -> String {
    let found = client_for(sim)
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, "1000"))
        .await
        .expect("customer 1000");
    found[0].servicos[0]
        .login
        .as_deref()
        .expect("a login")
        .to_owned()
}

impl Read {
    /// The route name, as in errors, fault knobs and counters.
    fn route(self) -> &'static str {
        match self {
            Customer => "cliente",
            AllCustomers => "cliente/all",
            Tickets => "cliente/atendimento",
            ConnectionLog => "cliente/extrato_conexao",
            CustomerInvoices => "cliente/financeiro",
            Orders => "cliente/ordem_servico",
            Cities => "endereco/cidade",
            Receivables => "financeiro",
            ProspectPlans => "prospecto/create",
            ProspectSearch => "prospecto",
            Equipment => "rede/equipamento",
            Pops => "rede/pop",
            Zones => "rede/zona_atendimento",
        }
    }

    /// Routes where the typed client reads HTTP 404 as "nothing found".
    fn is_search(self) -> bool {
        !matches!(self, Cities | ProspectPlans | Equipment | Pops | Zones)
    }

    /// Calls the route with parameters that find data (`empty == false`)
    /// or that find nothing (`empty == true`, search routes only).
    async fn call(self, client: &Client, login: &str, empty: bool) -> Result<Got, ApiError> {
        let code = if empty { "999999" } else { "1001" };
        match self {
            Customer => {
                let code = if empty { "999999" } else { "1000" };
                client
                    .search_customers(&CustomerSearch::new(CustomerSearchBy::Code, code))
                    .await
                    .map(|v| got(&v))
            }
            AllCustomers => {
                let mut p = AllCustomers::default();
                if empty {
                    // A registration window in the future finds nobody.
                    p.data_inicio = today().checked_add_days(chrono::Days::new(30));
                    p.data_fim = today().checked_add_days(chrono::Days::new(60));
                }
                client.all_customers(&p).await.map(|v| got(&v))
            }
            Tickets => {
                let mut p = TicketSearch::new(TicketSearchBy::CustomerCode, code);
                p.only_open = Some(false);
                client.customer_tickets(&p).await.map(|v| got(&v))
            }
            ConnectionLog => {
                let login = if empty { "ninguem.aqui" } else { login };
                client
                    .connection_log(&ConnectionLogQuery::new(login.to_owned()))
                    .await
                    .map(|log| got(&log.registros))
            }
            CustomerInvoices => {
                let mut p = InvoiceSearch::new(InvoiceSearchBy::CustomerCode, code);
                p.only_pending = Some(false);
                client.customer_invoices(&p).await.map(|v| got(&v))
            }
            Orders => client
                .service_orders(&ServiceOrderSearch::new(
                    ServiceOrderSearchBy::CustomerCode,
                    if empty { "999999" } else { "1003" },
                ))
                .await
                .map(|v| got(&v)),
            Cities => client.cities().await.map(|v| got(&v)),
            Receivables => client
                .receivables(&ReceivablesQuery {
                    search: Some((ReceivableSearchBy::CustomerCode, code.into())),
                    data_inicio: NaiveDate::from_ymd_opt(2025, 1, 1),
                    data_fim: Some(today()),
                    ..ReceivablesQuery::default()
                })
                .await
                .map(|v| got(&v)),
            ProspectPlans => client
                .prospect_plans(&ProspectPlansQuery {
                    cep: "35500000".into(),
                })
                .await
                .map(|v| got(&v)),
            ProspectSearch => client
                .search_prospects(&ProspectSearch {
                    busca: if empty { "zzzz nenhum" } else { "xpto" }.into(),
                })
                .await
                .map(|v| got(&v)),
            Equipment => client.network_equipment().await.map(|v| got(&v)),
            Pops => client.network_pops().await.map(|v| got(&v)),
            Zones => client.service_zones().await.map(|v| got(&v)),
        }
    }
}

/// Runs every read route concurrently on one client.
async fn all_reads(
    client: &Client,
    login: &str,
    empty: bool,
) -> Vec<(Read, Result<Got, ApiError>)> {
    let calls = READS
        .iter()
        .map(|r| async move { (*r, r.call(client, login, empty).await) });
    futures::future::join_all(calls).await
}

// ---------------------------------------------------------------------------
// What the attendant reads

/// The console's and the CLI's rendering of one error.
#[derive(Debug, PartialEq, Eq)]
struct Shown {
    console_pt: String,
    console_en: String,
    cli_code: u8,
    cli_pt: String,
    cli_en: String,
}

fn shown(e: &ApiError) -> Shown {
    let cli_pt = Failure::api(Lang::PtBr, e, ErrorContext::read(CONSOLE_TIMEOUT_SECS));
    let cli_en = Failure::api(Lang::En, e, ErrorContext::read(CONSOLE_TIMEOUT_SECS));
    assert_eq!(
        cli_pt.code, cli_en.code,
        "exit code depends on the language"
    );
    Shown {
        console_pt: error_text(Lang::PtBr, e, CONSOLE_TIMEOUT_SECS),
        console_en: error_text(Lang::En, e, CONSOLE_TIMEOUT_SECS),
        cli_code: cli_pt.code,
        cli_pt: cli_pt.message,
        cli_en: cli_en.message,
    }
}

#[track_caller]
/// Both front ends show `text` (pt-BR, English) for `e`: one mapping,
/// pinned for the console's panes and the CLI at once; the CLI exits `code`.
fn assert_shown(e: &ApiError, text: (&str, &str), code: u8) {
    let s = shown(e);
    assert_eq!(
        (s.console_pt.as_str(), s.console_en.as_str()),
        text,
        "console text of {e:?}"
    );
    assert_eq!(
        (s.cli_pt.as_str(), s.cli_en.as_str()),
        text,
        "CLI text of {e:?}"
    );
    assert_eq!(s.cli_code, code, "CLI exit code of {e:?}");
}

/// Replaces `{route}` in an expected text.
fn r(text: &str, route: &str) -> String {
    text.replace("{route}", route)
}

// ---------------------------------------------------------------------------
// Faults on reads, one test per fault kind

#[tokio::test]
async fn baseline_every_read_route_answers_with_data() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    let client = client_for(&sim);
    let before = sim.counters();
    for (read, result) in all_reads(&client, &login, false).await {
        let got = result.unwrap_or_else(|e| panic!("{read:?}: {e:?}"));
        assert!(got.items > 0, "{read:?} found nothing");
        let sent = sim.counters().requests(read.route()) - before.requests(read.route());
        assert_eq!(sent, 1, "{read:?}");
    }
}

#[tokio::test]
async fn connection_refused_fails_at_the_grant_with_a_known_outcome() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = client_at(format!("http://127.0.0.1:{port}"), demo_credentials());
    for (read, result) in all_reads(&client, "login", false).await {
        let e = result.expect_err("nothing listens");
        match &e {
            ApiError::Network {
                route,
                timeout: false,
                sent: false,
                detail,
            } => {
                assert_eq!(*route, "oauth/token", "{read:?}: the grant comes first");
                assert!(detail.contains("onnect"), "{read:?}: {detail}");
            }
            other => panic!("{read:?}: {other:?}"),
        }
        assert!(!e.outcome_unknown());
        let s = shown(&e);
        assert!(s.console_pt.starts_with("Falha de rede: "), "{s:?}");
        assert!(s.console_en.starts_with("Network failure: "), "{s:?}");
        assert!(s.cli_en.starts_with("Network failure: "), "{s:?}");
        assert_eq!(s.cli_code, EXIT_FAILURE);
    }
}

/// A read's timeout is the whole time it may take (issue 14): a hang
/// uses all of it in the first attempt, so no retry follows and "did not
/// answer within 20 s" is what really happened (it was 3 × 20 s before).
#[tokio::test]
async fn a_hang_is_one_timeout_within_the_whole_time_of_the_read() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    // The grant shares the short timeout: get the token before the fault,
    // so that every attempt counted below is one of the route's.
    let client = impatient_client(&sim, Duration::from_millis(300));
    client.login().await.expect("grant");
    let routes: Vec<&str> = READS.iter().map(|r| r.route()).collect();
    sim.set_faults(only(
        &routes,
        Faults {
            hang_rate: 1.0,
            ..Faults::default()
        },
    ));
    let before = sim.counters();
    for (read, result) in all_reads(&client, &login, false).await {
        let e = result.expect_err("the server never answers");
        assert!(
            matches!(
                e,
                ApiError::Network {
                    timeout: true,
                    sent: true,
                    ..
                }
            ),
            "{read:?}: {e:?}"
        );
        assert_eq!(e.route(), Some(read.route()));
        let sent = sim.counters().requests(read.route()) - before.requests(read.route());
        assert_eq!(sent, 1, "{read:?}: one attempt used the whole time");
        assert_shown(
            &e,
            (
                &r(
                    "O servidor HubSoft não respondeu em 20 s ({route})",
                    read.route(),
                ),
                &r(
                    "The HubSoft server did not answer within 20 s ({route})",
                    read.route(),
                ),
            ),
            EXIT_FAILURE,
        );
    }
}

/// Runs one fault on every read route; `check` sees each route's result.
async fn each_read_under(f: Faults, check: impl Fn(Read, Result<Got, ApiError>, u64)) {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    let routes: Vec<&str> = READS.iter().map(|r| r.route()).collect();
    sim.set_faults(only(&routes, f));
    let before = sim.counters();
    let client = client_for(&sim);
    for (read, result) in all_reads(&client, &login, false).await {
        let sent = sim.counters().requests(read.route()) - before.requests(read.route());
        check(read, result, sent);
    }
}

#[tokio::test]
async fn http_500_with_json_is_http_500_after_the_retries() {
    each_read_under(
        Faults {
            error_500_rate: 1.0,
            ..Faults::default()
        },
        |read, result, sent| {
            let e = result.expect_err("500");
            assert_eq!(
                e,
                ApiError::Http {
                    route: read.route(),
                    status: 500,
                    excerpt: "Server Error".into()
                }
            );
            assert_eq!(sent, 3, "{read:?}");
            // Any 5xx is "unknown" (it matters for actions only; a read
            // is simply retried and never asks the attendant).
            assert!(e.outcome_unknown());
            assert_shown(
                &e,
                (
                    "O servidor respondeu HTTP 500: Server Error",
                    "The server answered HTTP 500: Server Error",
                ),
                EXIT_FAILURE,
            );
        },
    )
    .await;
}

#[tokio::test]
async fn html_502_is_http_502_named_by_the_page_title() {
    each_read_under(
        Faults {
            html_502_rate: 1.0,
            ..Faults::default()
        },
        |read, result, sent| {
            let e = result.expect_err("502");
            assert_eq!(
                e,
                ApiError::Http {
                    route: read.route(),
                    status: 502,
                    excerpt: "502 Bad Gateway".into()
                }
            );
            assert_eq!(sent, 3, "{read:?}");
            assert_shown(
                &e,
                (
                    "O servidor respondeu HTTP 502: 502 Bad Gateway",
                    "The server answered HTTP 502: 502 Bad Gateway",
                ),
                EXIT_FAILURE,
            );
        },
    )
    .await;
}

/// A body that is not JSON is one decode error of the whole body, not
/// retried, shown plainly: `cut` for a body cut in the middle, else the
/// simulator's stray comma at line 1, column 2.
fn expect_whole_body_decode(read: Read, result: Result<Got, ApiError>, sent: u64, cut: bool) {
    let e = result.expect_err("not JSON");
    let detail = if cut {
        hubdesk::api::DETAIL_CUT_SHORT.to_owned()
    } else {
        "the body is not JSON (line 1, column 2)".to_owned()
    };
    assert_eq!(
        e,
        ApiError::Decode {
            route: read.route(),
            path: ".".into(),
            detail,
        }
    );
    assert_eq!(sent, 1, "{read:?}: a decode error is not retried");
    let route = read.route();
    let (pt, en) = if cut {
        (
            r(
                "A resposta do servidor veio cortada ({route}): o JSON termina antes de fechar; nada foi mostrado",
                route,
            ),
            r(
                "The server's answer was cut short ({route}): its JSON ends before it is complete; nothing was shown",
                route,
            ),
        )
    } else {
        (
            r(
                "A resposta do servidor não é JSON válido ({route}, linha 1, coluna 2); nada foi mostrado",
                route,
            ),
            r(
                "The server's answer is not valid JSON ({route}, line 1, column 2); nothing was shown",
                route,
            ),
        )
    };
    assert_shown(&e, (&pt, &en), EXIT_FAILURE);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_of_the_whole_body() {
    each_read_under(
        Faults {
            malformed_json_rate: 1.0,
            ..Faults::default()
        },
        |read, result, sent| expect_whole_body_decode(read, result, sent, false),
    )
    .await;
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error_of_the_whole_body() {
    each_read_under(
        Faults {
            truncated_json_rate: 1.0,
            ..Faults::default()
        },
        |read, result, sent| expect_whole_body_decode(read, result, sent, true),
    )
    .await;
}

#[tokio::test]
async fn http_403_is_forbidden_with_the_server_message_and_not_retried() {
    each_read_under(
        Faults {
            forbidden: true,
            ..Faults::default()
        },
        |read, result, sent| {
            let e = result.expect_err("403");
            assert_eq!(
                e,
                ApiError::Forbidden {
                    route: read.route(),
                    msg: Some("O Usuário não possui a permissão desejada!".into())
                }
            );
            assert_eq!(sent, 1, "{read:?}");
            let route = read.route();
            let pt = r(
                "Sem permissão para {route}: peça ao administrador do HubSoft para liberar esta rota",
                route,
            );
            let en = r(
                "No permission for {route}: ask the HubSoft administrator to grant this route",
                route,
            );
            assert_shown(&e, (&pt, &en), EXIT_REFUSED);
        },
    )
    .await;
}

#[tokio::test]
async fn persistent_429_is_rate_limited_after_the_retries() {
    each_read_under(
        Faults {
            rate_limit_rate: 1.0,
            retry_after_secs: 0,
            ..Faults::default()
        },
        |read, result, sent| {
            let e = result.expect_err("429");
            assert_eq!(
                e,
                ApiError::RateLimited {
                    route: read.route(),
                    retry_after: Some(Duration::ZERO)
                }
            );
            assert_eq!(sent, 3, "{read:?}");
            let text = (
                "Muitas requisições: aguarde um pouco e tente de novo",
                "Too many requests: wait a moment and try again",
            );
            assert_shown(&e, text, EXIT_FAILURE);
        },
    )
    .await;
}

#[tokio::test]
async fn transient_429_with_retry_after_succeeds_on_the_retry() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    let routes: Vec<&str> = READS.iter().map(|r| r.route()).collect();
    sim.set_faults(only(
        &routes,
        Faults {
            rate_limit_rate: 1.0,
            retry_after_secs: 1,
            ..Faults::default()
        },
    ));
    let before = sim.counters();
    let client = client_for(&sim);
    // The limit lifts once every route has been refused once; the client
    // waits the second `Retry-After` asks for before trying again.
    let lift = async {
        loop {
            let now = sim.counters();
            if routes.iter().all(|r| now.requests(r) > before.requests(r)) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        sim.set_faults(Faults::default());
    };
    let (results, ()) = tokio::join!(all_reads(&client, &login, false), lift);
    for (read, result) in results {
        let got = result.unwrap_or_else(|e| panic!("{read:?}: {e:?}"));
        assert!(got.items > 0, "{read:?}");
        let sent = sim.counters().requests(read.route()) - before.requests(read.route());
        assert!((2..=3).contains(&sent), "{read:?}: {sent} requests");
    }
}

#[tokio::test]
async fn status_error_with_http_200_is_refused_with_the_server_msg() {
    let server = Server::start(vec![Reply::json(
        200,
        json!({"status": "error", "msg": "Favor preencher o atributo (busca)", "errors": ["busca"]}),
    )])
    .await;
    let client = server.client(fast);
    for (read, result) in all_reads(&client, "login", false).await {
        let e = result.expect_err("status error");
        assert_eq!(
            e,
            ApiError::Refused {
                route: read.route(),
                msg: "Favor preencher o atributo (busca)".into(),
                errors: vec!["busca".into()],
            }
        );
        assert!(!e.outcome_unknown());
        assert_shown(
            &e,
            (
                "Recusado pelo servidor: Favor preencher o atributo (busca)",
                "Refused by the server: Favor preencher o atributo (busca)",
            ),
            EXIT_REFUSED,
        );
    }
    assert_eq!(server.hits(), READS.len(), "a refusal is never retried");
}

#[tokio::test]
async fn a_401_after_revoked_tokens_succeeds_after_one_new_grant() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    let client = client_for(&sim);
    client.login().await.expect("first grant");
    for read in READS {
        sim.revoke_tokens();
        let before = sim.counters();
        let got = read
            .call(&client, &login, false)
            .await
            .unwrap_or_else(|e| panic!("{read:?}: {e:?}"));
        assert!(got.items > 0, "{read:?}");
        let after = sim.counters();
        assert_eq!(after.get("token") - before.get("token"), 1, "{read:?}");
        assert_eq!(
            after.requests(read.route()) - before.requests(read.route()),
            2,
            "{read:?}: refused once, then resent"
        );
    }
}

fn expect_auth(read: Read, e: &ApiError, msg: &str) {
    assert_eq!(*e, ApiError::Auth { msg: msg.into() }, "{read:?}");
    assert!(!e.outcome_unknown());
    // hubdesk's advice and HubSoft's own words, in panes, actions and the
    // CLI alike (issue 12.9e: the server's message used to be replaced).
    let pt = format!(
        "Falha na autenticação: verifique usuário, senha, client_id e client_secret (o servidor disse: “{msg}”)"
    );
    let en = format!(
        "Authentication failed: check user, password, client_id and client_secret (the server said: “{msg}”)"
    );
    let text = (pt.as_str(), en.as_str());
    assert_shown(e, text, EXIT_AUTH);
}

#[tokio::test]
async fn a_401_that_persists_after_the_new_grant_is_auth() {
    // Tokens that expire as they are issued: every grant is "revoked" at once.
    let sim = start_sim_with(SimConfig {
        token_ttl: Duration::ZERO,
        ..SimConfig::default()
    });
    let client = client_for(&sim);
    for read in READS {
        let before = sim.counters();
        let e = read
            .call(&client, "login", false)
            .await
            .expect_err("every token is refused");
        expect_auth(read, &e, "Unauthenticated.");
        let after = sim.counters();
        assert_eq!(
            after.requests(read.route()) - before.requests(read.route()),
            2,
            "{read:?}: one resend after one new grant"
        );
        assert_eq!(after.get("token") - before.get("token"), 2, "{read:?}");
    }
}

#[tokio::test]
async fn changed_credentials_are_auth_and_reach_no_route() {
    let sim = start_sim();
    let mut credentials = demo_credentials();
    credentials.password = Secret::new("senha-trocada");
    let client = client_at(sim.base_url(), credentials);
    for (read, result) in all_reads(&client, "login", false).await {
        let e = result.expect_err("wrong password");
        expect_auth(read, &e, "The user credentials were incorrect.");
        assert_eq!(sim.counters().requests(read.route()), 0, "{read:?}");
    }
}

#[tokio::test]
async fn http_404_on_an_empty_search_is_an_empty_result() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    let searches: Vec<Read> = READS.into_iter().filter(|r| r.is_search()).collect();
    let routes: Vec<&str> = searches.iter().map(|r| r.route()).collect();
    sim.set_faults(only(
        &routes,
        Faults {
            not_found_on_empty: true,
            ..Faults::default()
        },
    ));
    let client = client_for(&sim);
    for read in &searches {
        let before = sim.counters().requests(read.route());
        let got = read
            .call(&client, &login, true)
            .await
            .unwrap_or_else(|e| panic!("{read:?}: {e:?}"));
        assert_eq!(got.items, 0, "{read:?}");
        assert_eq!(
            sim.counters().requests(read.route()) - before,
            1,
            "{read:?}"
        );
        // The same route with data is unaffected by the knob.
        let got = read.call(&client, &login, false).await.unwrap();
        assert!(got.items > 0, "{read:?}");
    }
}

#[tokio::test]
async fn http_404_on_a_listing_route_is_not_found() {
    let server = Server::start(vec![Reply::json(
        404,
        json!({"status": "error", "msg": "Nenhum registro encontrado"}),
    )])
    .await;
    let client = server.client(fast);
    for read in READS.into_iter().filter(|r| !r.is_search()) {
        let e = read.call(&client, "login", false).await.expect_err("404");
        assert_eq!(
            e,
            ApiError::NotFound {
                route: read.route(),
                msg: Some("Nenhum registro encontrado".into())
            }
        );
        // The server's own words are kept, in both front ends.
        let text = (
            "Nada encontrado: Nenhum registro encontrado",
            "Nothing found: Nenhum registro encontrado",
        );
        assert_shown(&e, text, EXIT_REFUSED);
    }
}

#[tokio::test]
async fn latin1_bodies_decode_to_the_same_data_with_accents() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    let client = client_for(&sim);
    let utf8: BTreeMap<&str, Got> = all_reads(&client, &login, false)
        .await
        .into_iter()
        .map(|(read, result)| (read.route(), result.expect("UTF-8 baseline")))
        .collect();
    let routes: Vec<&str> = READS.iter().map(|r| r.route()).collect();
    sim.set_faults(only(
        &routes,
        Faults {
            latin1: true,
            ..Faults::default()
        },
    ));
    let mut accented = 0;
    for (read, result) in all_reads(&client, &login, false).await {
        let got = result.unwrap_or_else(|e| panic!("{read:?}: {e:?}"));
        assert!(!got.debug.contains('\u{FFFD}'), "{read:?}");
        assert_eq!(got, utf8[read.route()], "{read:?}");
        if !got.debug.is_ascii() {
            accented += 1;
        }
    }
    assert!(accented >= 3, "accented text crossed on {accented} routes");
}

#[tokio::test]
async fn a_fault_on_one_route_leaves_the_others_working() {
    let sim = start_sim();
    let login = fixture_login(&sim).await;
    // Long enough for the healthy routes on a loaded machine; the hang
    // costs three of it.
    let client = impatient_client(&sim, Duration::from_secs(1));
    for (faulty, f) in [
        (
            CustomerInvoices,
            Faults {
                hang_rate: 1.0,
                ..Faults::default()
            },
        ),
        (
            Customer,
            Faults {
                error_500_rate: 1.0,
                ..Faults::default()
            },
        ),
        (
            Pops,
            Faults {
                forbidden: true,
                ..Faults::default()
            },
        ),
    ] {
        sim.set_faults(only(&[faulty.route()], f));
        // The faulty read is in flight while the others run.
        for (read, result) in all_reads(&client, &login, false).await {
            if read == faulty {
                let e = result.expect_err("the faulty route fails");
                assert_eq!(e.route(), Some(faulty.route()));
            } else {
                let got = result.unwrap_or_else(|e| panic!("{read:?} next to {faulty:?}: {e:?}"));
                assert!(got.items > 0, "{read:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Actions: never more than one effect, exactly one request

#[derive(Clone, Copy, Debug)]
enum Action {
    TicketOpen,
    TicketEdit,
    Unlock,
    Disconnect,
    MacReset,
    InvoiceEmail,
    InvoiceSms,
    InvoicePush,
    PbxNotify,
    PbxCancel,
    ProspectCreate,
}

const ACTIONS: [Action; 11] = [
    Action::TicketOpen,
    Action::TicketEdit,
    Action::Unlock,
    Action::Disconnect,
    Action::MacReset,
    Action::InvoiceEmail,
    Action::InvoiceSms,
    Action::InvoicePush,
    Action::PbxNotify,
    Action::PbxCancel,
    Action::ProspectCreate,
];

/// Targets prepared on a healthy simulator before the fault is switched on.
struct Targets {
    ticket: u64,
    invoice: u64,
    plan: (u64, rust_decimal::Decimal),
}

async fn targets(sim: &SimHandle) -> Targets {
    let client = client_for(sim);
    let opened = client
        .open_ticket(&NewTicket {
            id_cliente_servico: 100000,
            descricao: "Sem conexão".into(),
            nome: "José".into(),
            telefone: "37999112233".into(),
            email: None,
            abrir_os: None,
            parametros: Default::default(),
        })
        .await
        .expect("a ticket to edit");
    let ticket = opened.atendimento.unwrap().id_atendimento.unwrap();
    let invoices = client
        .customer_invoices(&InvoiceSearch::new(InvoiceSearchBy::CustomerCode, "1001"))
        .await
        .unwrap();
    let plans = client
        .prospect_plans(&ProspectPlansQuery {
            cep: "35500000".into(),
        })
        .await
        .unwrap();
    Targets {
        ticket,
        invoice: invoices[0].id_fatura.unwrap(),
        plan: (plans[0].id_servico.unwrap(), plans[0].valor.unwrap()),
    }
}

impl Action {
    /// Route name (client's error route, simulator's request counter).
    fn routes(self) -> (&'static str, &'static str) {
        match self {
            Action::TicketOpen => ("atendimento", "atendimento"),
            Action::TicketEdit => ("atendimento/{id}", "atendimento/{id}"),
            Action::Unlock => (
                "cliente/desbloqueio_confianca",
                "cliente/desbloqueio_confianca",
            ),
            Action::Disconnect => (
                "cliente/solicitar_desconexao",
                "cliente/solicitar_desconexao/{id}",
            ),
            Action::MacReset => ("cliente/reset_mac_addr", "cliente/reset_mac_addr"),
            Action::InvoiceEmail => (
                "cliente/financeiro/enviar_email",
                "cliente/financeiro/enviar_email",
            ),
            Action::InvoiceSms => (
                "cliente/financeiro/enviar_sms",
                "cliente/financeiro/enviar_sms",
            ),
            Action::InvoicePush => (
                "cliente/financeiro/enviar_push",
                "cliente/financeiro/enviar_push",
            ),
            Action::PbxNotify => ("pbx/ligacao/notificar", "pbx/ligacao/notificar"),
            Action::PbxCancel => ("pbx/ligacao/cancelar", "pbx/ligacao/cancelar"),
            Action::ProspectCreate => ("prospecto", "prospecto"),
        }
    }

    /// The simulator's side-effect counter.
    fn effect(self) -> &'static str {
        match self {
            Action::TicketOpen => "ticket_open",
            Action::TicketEdit => "ticket_edit",
            Action::Unlock => "unlock",
            Action::Disconnect => "disconnect",
            Action::MacReset => "mac_reset",
            Action::InvoiceEmail => "invoice_email",
            Action::InvoiceSms => "invoice_sms",
            Action::InvoicePush => "invoice_push",
            Action::PbxNotify => "pbx_notify",
            Action::PbxCancel => "pbx_cancel",
            Action::ProspectCreate => "prospect_create",
        }
    }

    async fn run(self, client: &Client, t: &Targets) -> Result<(), ApiError> {
        let pbx = PbxCall {
            ramal: Some("111".into()),
            codigo_cliente: Some(1000),
            ..PbxCall::default()
        };
        match self {
            Action::TicketOpen => client
                .open_ticket(&NewTicket {
                    id_cliente_servico: 100004,
                    descricao: "Lentidão".into(),
                    nome: "Ana".into(),
                    telefone: "37988887777".into(),
                    email: None,
                    abrir_os: None,
                    parametros: Default::default(),
                })
                .await
                .map(drop),
            Action::TicketEdit => client
                .update_ticket(&TicketUpdate {
                    id_atendimento: t.ticket,
                    descricao: Some("Cliente reiniciou a ONU".into()),
                    fechar_atendimento: false,
                    parametros: serde_json::Map::new(),
                })
                .await
                .map(drop),
            Action::Unlock => client
                .trust_unlock(&TrustUnlock {
                    id_cliente_servico: 100024,
                    dias_desbloqueio: Some(1),
                })
                .await
                .map(drop),
            Action::Disconnect => client
                .request_disconnect(&Disconnect {
                    id_cliente_servico: 100028,
                })
                .await
                .map(drop),
            Action::MacReset => client
                .reset_mac(&ResetMac {
                    id_cliente_servico: 100000,
                })
                .await
                .map(drop),
            Action::InvoiceEmail => client
                .send_invoice_email(&InvoiceEmail {
                    id_fatura: t.invoice,
                    email_adicional: vec![],
                })
                .await
                .map(drop),
            Action::InvoiceSms => client
                .send_invoice_sms(&InvoiceSms {
                    id_fatura: t.invoice,
                    telefone_adicional: vec![],
                })
                .await
                .map(drop),
            Action::InvoicePush => client
                .send_invoice_push(&InvoicePush {
                    id_fatura: t.invoice,
                })
                .await
                .map(drop),
            Action::PbxNotify => client.pbx_notify(&pbx).await.map(drop),
            Action::PbxCancel => client.pbx_cancel(&pbx).await.map(drop),
            Action::ProspectCreate => client
                .create_prospect(&NewProspect {
                    cep: "35500000".into(),
                    id_servico: t.plan.0,
                    valor: t.plan.1,
                    nome_razaosocial: "MARIA TESTE DE SOUZA".into(),
                    cpf_cnpj: "52998224725".into(),
                    telefone: "37988887777".into(),
                    email: None,
                    observacao: None,
                    tipo_pessoa: PersonKind::Individual,
                    bairro: "CENTRO".into(),
                    endereco: "RUA UM".into(),
                    numero: "10".into(),
                })
                .await
                .map(drop),
        }
    }
}

/// Every action under one fault, concurrently; `check` sees each error with
/// the effects and requests the simulator counted for it.
async fn each_action_under(f: Faults, check: impl Fn(Action, ApiError, u64, u64)) {
    // A stalled action waits out the whole timeout: 1 s leaves the
    // simulator time to apply every effect first, even on a loaded machine.
    let sim = start_sim();
    let t = targets(&sim).await;
    let routes: Vec<&str> = ACTIONS.iter().map(|a| a.routes().1).collect();
    sim.set_faults(only(&routes, f));
    let before = sim.counters();
    let client = impatient_client(&sim, Duration::from_secs(1));
    let runs = ACTIONS
        .iter()
        .map(|a| async { (*a, a.run(&client, &t).await) });
    for (action, result) in futures::future::join_all(runs).await {
        let e = result.expect_err("the fault answers");
        assert_eq!(e.route(), Some(action.routes().0), "{action:?}");
        let after = sim.counters();
        let effects = after.get(action.effect()) - before.get(action.effect());
        let requests = after.requests(action.routes().1) - before.requests(action.routes().1);
        check(action, e, effects, requests);
    }
}

#[tokio::test]
async fn actions_under_http_500_are_sent_once_and_left_unknown() {
    each_action_under(
        Faults {
            error_500_rate: 1.0,
            ..Faults::default()
        },
        |action, e, effects, requests| {
            assert!(matches!(e, ApiError::Http { status: 500, .. }), "{e:?}");
            assert_eq!(requests, 1, "{action:?}: never retried");
            assert_eq!(effects, 0, "{action:?}: the 500 came before the work");
            // Even so the outcome is unknown: a real HubSoft can fail
            // after writing, and the client cannot tell the two apart.
            assert!(
                e.outcome_unknown(),
                "{action:?}: a 500 may have been applied"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn actions_under_html_502_are_sent_once_and_unknown() {
    each_action_under(
        Faults {
            html_502_rate: 1.0,
            ..Faults::default()
        },
        |action, e, effects, requests| {
            assert!(matches!(e, ApiError::Http { status: 502, .. }), "{e:?}");
            assert_eq!(requests, 1, "{action:?}: never retried");
            assert!(effects <= 1, "{action:?}");
            assert!(
                e.outcome_unknown(),
                "{action:?}: a gateway may have forwarded it"
            );
        },
    )
    .await;
}

#[tokio::test]
async fn actions_that_apply_then_stall_take_effect_exactly_once_and_are_unknown() {
    each_action_under(
        Faults {
            apply_then_stall: true,
            ..Faults::default()
        },
        |action, e, effects, requests| {
            assert!(
                matches!(
                    e,
                    ApiError::Network {
                        timeout: true,
                        sent: true,
                        ..
                    }
                ),
                "{action:?}: {e:?}"
            );
            assert_eq!(requests, 1, "{action:?}: never retried");
            assert_eq!(effects, 1, "{action:?}: applied exactly once");
            assert!(e.outcome_unknown(), "{action:?}");
        },
    )
    .await;
}

#[tokio::test]
async fn an_action_behind_a_gateway_timeout_is_sent_once_and_unknown() {
    let server = Server::start(vec![Reply::html(504, "504 Gateway Time-out")]).await;
    let client = server.client(fast);
    let t = Targets {
        ticket: 1,
        invoice: 1,
        plan: (1, rust_decimal::Decimal::ONE),
    };
    for action in ACTIONS {
        let e = action.run(&client, &t).await.expect_err("504");
        assert_eq!(
            e,
            ApiError::Http {
                route: action.routes().0,
                status: 504,
                excerpt: "504 Gateway Time-out".into()
            }
        );
        assert!(e.outcome_unknown(), "{action:?}");
    }
    assert_eq!(server.hits(), ACTIONS.len(), "one request per action");
}

// ---------------------------------------------------------------------------
// Issue 14: hostile servers. Redirects, huge bodies, answers without their
// data. Scripted stand-ins on loopback: "the configured server" and
// "elsewhere", a second origin (another port) that must never be reached.

/// Redirect statuses that mean "go elsewhere" (303 is checked apart).
const GO_ELSEWHERE: [u16; 4] = [301, 302, 307, 308];

#[tokio::test]
async fn a_redirected_grant_is_never_followed_and_names_where_it_pointed() {
    let elsewhere = Server::start(vec![]).await;
    let target = format!("{}/oauth/token", elsewhere.url());
    for status in [301, 302, 303, 307, 308] {
        let server = Server::start(vec![]).await;
        server.script_token(vec![Reply::redirect(status, &target)]);
        let client = server.client(fast);
        let expected = ApiError::Redirected {
            route: "oauth/token",
            status,
            location: Some(target.clone()),
        };
        assert_eq!(client.login().await.expect_err("redirected"), expected);
        // A read needs the grant first: the same error, and it is not an
        // action's "unknown" whatever the status.
        let e = Read::Customer
            .call(&client, "login", false)
            .await
            .expect_err("redirected grant");
        assert_eq!(e, expected);
        assert!(!e.outcome_unknown(), "{status}: a grant changes nothing");
        assert_eq!(server.hits(), 0, "{status}: no route was called");
    }
    assert_eq!(elsewhere.grants(), 0, "the password never left");
    assert_eq!(elsewhere.hits(), 0);
    assert!(elsewhere.shared.grant_requests.lock().unwrap().is_empty());
    let e = ApiError::Redirected {
        route: "oauth/token",
        status: 307,
        location: Some(target.clone()),
    };
    let pt = format!(
        "O servidor respondeu oauth/token com um redirecionamento (HTTP 307) para {target}; \
         o hubdesk não segue redirecionamentos: confira o endereço do servidor (host: https://, caminho)"
    );
    let en = format!(
        "The server answered oauth/token with a redirect (HTTP 307) to {target}; \
         hubdesk follows no redirect: check the server address (host: https://, path)"
    );
    assert_shown(&e, (&pt, &en), EXIT_FAILURE);
}

#[tokio::test]
async fn an_https_grant_redirected_to_plain_http_is_not_followed() {
    let elsewhere = Server::start(vec![]).await;
    let target = format!("{}/oauth/token", elsewhere.url());
    let tls = support::tls::start_redirecting(&target);
    let mut config = ClientConfig::new(
        format!("https://localhost:{}", tls.addr.port()),
        support::credentials(),
    );
    fast(&mut config);
    // The stand-in's certificate is self-signed.
    config.accept_invalid_certs = true;
    let client = Client::new(config).expect("client builds");
    let e = client.login().await.expect_err("redirected");
    assert_eq!(
        e,
        ApiError::Redirected {
            route: "oauth/token",
            status: 307,
            location: Some(target),
        }
    );
    assert_eq!(tls.served(), 1, "the grant reached the configured server");
    assert_eq!(elsewhere.grants(), 0, "nothing was downgraded to http");
    assert_eq!(elsewhere.hits(), 0);
}

#[tokio::test]
async fn redirected_reads_are_errors_and_never_show_another_hosts_data() {
    // "Elsewhere" would answer every read with data.
    let elsewhere = Server::start(vec![Reply::json(
        200,
        json!({"status": "success", "clientes": [{"codigo_cliente": 1}]}),
    )])
    .await;
    for status in GO_ELSEWHERE {
        let target = format!("{}/api/v1/integracao/somewhere", elsewhere.url());
        let server = Server::start(vec![Reply::redirect(status, &target)]).await;
        let client = server.client(fast);
        for (read, result) in all_reads(&client, "login", false).await {
            let e = result.expect_err("a redirect is an error");
            assert_eq!(
                e,
                ApiError::Redirected {
                    route: read.route(),
                    status,
                    location: Some(target.clone()),
                },
                "{read:?}"
            );
        }
        assert_eq!(
            server.hits(),
            READS.len(),
            "{status}: one request per read, no retry"
        );
        assert_eq!(server.grants(), 1);
    }
    assert_eq!(elsewhere.hits() + elsewhere.grants(), 0, "never reached");
}

#[tokio::test]
async fn redirected_actions_are_not_applied_anywhere() {
    let elsewhere = Server::start(vec![Reply::ok()]).await;
    let t = Targets {
        ticket: 1,
        invoice: 1,
        plan: (1, rust_decimal::Decimal::ONE),
    };
    for status in [301, 302, 303, 307, 308] {
        let target = format!("{}/api/v1/integracao/elsewhere", elsewhere.url());
        let server = Server::start(vec![Reply::redirect(status, &target)]).await;
        let client = server.client(fast);
        for action in ACTIONS {
            let e = action.run(&client, &t).await.expect_err("redirected");
            assert_eq!(
                e,
                ApiError::Redirected {
                    route: action.routes().0,
                    status,
                    location: Some(target.clone()),
                },
                "{action:?}"
            );
            // "Go elsewhere" applied nothing; "303 See Other" answers a
            // processed request by definition: unknown.
            assert_eq!(e.outcome_unknown(), status == 303, "{action:?} {status}");
            let (outcome, msg) = hubdesk::ops::actions::outcome_of::<()>(&Err(e.clone()), |_| None);
            let expected = if status == 303 {
                hubdesk::audit::Outcome::Unknown
            } else {
                hubdesk::audit::Outcome::Failed
            };
            assert_eq!(outcome, expected, "{action:?} {status}");
            assert!(
                msg.unwrap().contains(&target),
                "the trail names where it pointed"
            );
        }
        assert_eq!(
            server.hits(),
            ACTIONS.len(),
            "{status}: each action sent once"
        );
    }
    assert_eq!(elsewhere.hits() + elsewhere.grants(), 0, "never reached");

    // What the attendant reads, in the console and the CLI.
    use hubdesk::app::inflight::{ActionKind, Outcome};
    use hubdesk::i18n::Msg;
    let e = ApiError::Redirected {
        route: "cliente/desbloqueio_confianca",
        status: 302,
        location: Some("http://127.0.0.1:9/x".into()),
    };
    let detail = "The server answered cliente/desbloqueio_confianca with a redirect (HTTP 302) \
                  to http://127.0.0.1:9/x; hubdesk follows no redirect: check the server \
                  address (host: https://, path)";
    let expected = format!("Not applied (redirected): trust unlock. {detail}");
    let console = Outcome::from_result::<()>(
        Lang::En,
        ActionKind::TrustUnlock,
        CONSOLE_TIMEOUT_SECS,
        &Err(e.clone()),
        |_| None,
    );
    assert_eq!(
        console,
        Outcome::Refused {
            msg: expected.clone()
        }
    );
    let cli = Failure::api(
        Lang::En,
        &e,
        ErrorContext::action(Msg::ActionTrustUnlock, CONSOLE_TIMEOUT_SECS),
    );
    assert_eq!((cli.code, cli.message), (EXIT_FAILURE, expected));
    let cli_pt = Failure::api(
        Lang::PtBr,
        &e,
        ErrorContext::action(Msg::ActionTrustUnlock, CONSOLE_TIMEOUT_SECS),
    );
    assert!(
        cli_pt.message.starts_with(
            "Não aplicado (redirecionado): desbloqueio em confiança. O servidor respondeu"
        ),
        "{}",
        cli_pt.message
    );
}

#[tokio::test]
async fn a_body_past_the_route_limit_is_too_large_and_never_held() {
    // Every read route, its limit announced by Content-Length: refused
    // before the body is read (the stand-in makes it on the fly).
    for read in READS {
        let limit = hubdesk::api::body_limit(read.route());
        let server = Server::start(vec![Reply::huge(limit + 1, true)]).await;
        let client = server.client(fast);
        let e = read
            .call(&client, "login", false)
            .await
            .expect_err("too large");
        assert_eq!(
            e,
            ApiError::TooLarge {
                route: read.route(),
                limit
            },
            "{read:?}"
        );
        assert_eq!(server.hits(), 1, "{read:?}: not retried");
    }
    // Chunked, without a length: reading stops at the limit.
    let limit = hubdesk::api::body_limit("cliente");
    let server = Server::start(vec![Reply::huge(limit + 1, false)]).await;
    let e = Read::Customer
        .call(&server.client(fast), "login", false)
        .await
        .expect_err("too large");
    assert_eq!(
        e,
        ApiError::TooLarge {
            route: "cliente",
            limit
        }
    );
    assert_shown(
        &e,
        (
            "A resposta de cliente passou de 32 MB, o limite do hubdesk para esta rota: refine a busca",
            "The answer of cliente is larger than 32 MB, hubdesk's limit for this route: narrow the search",
        ),
        EXIT_FAILURE,
    );
    // Exactly at the limit is accepted (then decoded: no customers key).
    let server = Server::start(vec![Reply::huge(limit, false)]).await;
    let e = Read::Customer
        .call(&server.client(fast), "login", false)
        .await
        .expect_err("no data key");
    assert!(
        matches!(e, ApiError::Decode { ref path, .. } if path == "clientes"),
        "{e:?}"
    );
}

/// The data key of each read route, as documented.
fn data_key(read: Read) -> &'static str {
    match read {
        Customer | AllCustomers => "clientes",
        Tickets => "atendimentos",
        ConnectionLog => "registros",
        CustomerInvoices | Receivables => "faturas",
        Orders => "ordens_servico",
        Cities => "cidades",
        ProspectPlans => "servicos",
        ProspectSearch => "prospectos",
        Equipment => "equipamentos",
        Pops => "pops",
        Zones => "zonas_atendimento",
    }
}

#[tokio::test]
async fn a_success_without_its_data_key_is_a_decode_error_naming_route_and_key() {
    let depth = 100_000;
    for read in READS {
        let key = data_key(read);
        let deep = format!(
            r#"{{"status":"success","{key}":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let at_key = key.to_owned();
        let cases: Vec<(Reply, String, &str)> = vec![
            (Reply::json(200, json!({})), at_key.clone(), "missing"),
            (
                Reply::json(200, json!({"status": "success"})),
                at_key.clone(),
                "missing",
            ),
            (
                Reply::json(
                    200,
                    json!({"status": "success", format!("{key}_x"): [{"a": 1}]}),
                ),
                at_key.clone(),
                "missing",
            ),
            (
                Reply::json(200, json!({"status": "success", key: "x"})),
                at_key.clone(),
                "expected a list of records, found a string",
            ),
            (
                Reply::json(200, json!({"status": "success", key: null})),
                at_key,
                "expected a list of records, found null",
            ),
            (
                Reply::raw(200, "application/json", deep),
                format!("{key}[0]"),
                "expected a record, found a list",
            ),
        ];
        for (reply, path, detail) in cases {
            let server = Server::start(vec![reply]).await;
            let e = read
                .call(&server.client(fast), "login", false)
                .await
                .expect_err("no data is not nothing");
            match &e {
                ApiError::Decode {
                    route,
                    path: p,
                    detail: d,
                } => {
                    assert_eq!((*route, p), (read.route(), &path), "{read:?}");
                    assert!(d.starts_with(detail), "{read:?}: {d}");
                }
                other => panic!("{read:?}: {other:?}"),
            }
            let s = shown(&e);
            assert_eq!(
                s.console_en,
                format!(
                    "Could not read the server's answer ({}, field {path})",
                    read.route()
                )
            );
            assert_eq!(
                s.console_pt,
                format!(
                    "Não foi possível ler a resposta do servidor ({}, campo {path})",
                    read.route()
                )
            );
            assert_eq!(s.cli_code, EXIT_FAILURE);
        }
        // The documented empty answer is still empty.
        let server = Server::start(vec![Reply::json(
            200,
            json!({"status": "success", "msg": "", key: []}),
        )])
        .await;
        let empty = read
            .call(&server.client(fast), "login", false)
            .await
            .unwrap_or_else(|e| panic!("{read:?}: {e:?}"));
        assert_eq!(empty.items, 0, "{read:?}");
    }
}

#[tokio::test]
async fn an_invoice_without_id_due_date_or_amount_is_reported_not_shown_open() {
    let good = json!({"id_fatura": 7, "valor": "119.9", "data_vencimento": "10/10/2026"});
    for (broken, field) in [
        (
            json!({"valor": 10, "data_vencimento": "2026-10-10"}),
            "id_fatura",
        ),
        (json!({"id_fatura": 8, "valor": 10}), "data_vencimento"),
        // Not a calendar day: overdue or not cannot be told.
        (
            json!({"id_fatura": 8, "valor": 10, "data_vencimento": "31/02/2026"}),
            "data_vencimento",
        ),
        (
            json!({"id_fatura": 8, "data_vencimento": "2026-10-10"}),
            "valor",
        ),
        (
            json!({"id_fatura": 8, "valor": "dez", "data_vencimento": "2026-10-10"}),
            "valor",
        ),
    ] {
        for read in [CustomerInvoices, Receivables] {
            let server = Server::start(vec![Reply::json(
                200,
                json!({"status": "success", "faturas": [good.clone(), broken.clone()]}),
            )])
            .await;
            let e = read
                .call(&server.client(fast), "login", false)
                .await
                .expect_err("a broken invoice is reported");
            assert_eq!(e.route(), Some(read.route()));
            assert!(
                matches!(&e, ApiError::Decode { path, .. } if *path == format!("faturas[1].{field}")),
                "{read:?} {broken}: {e:?}"
            );
        }
    }
    // The one with a due date only in `data_vencimento_br` is whole.
    let server = Server::start(vec![Reply::json(
        200,
        json!({"status": "success", "faturas": [good, {"id_fatura": 9, "valor": 1, "data_vencimento_br": "05/04/2020"}]}),
    )])
    .await;
    assert_eq!(
        CustomerInvoices
            .call(&server.client(fast), "login", false)
            .await
            .unwrap()
            .items,
        2
    );
}

#[tokio::test]
async fn a_huge_id_is_a_decode_error_naming_its_field() {
    let server = Server::start(vec![Reply::raw(
        200,
        "application/json",
        r#"{"status":"success","clientes":[{"codigo_cliente":1000,"servicos":[{"id_cliente_servico":99999999999999999999}]}]}"#,
    )])
    .await;
    let e = Read::Customer
        .call(&server.client(fast), "login", false)
        .await
        .expect_err("no id can be that");
    assert!(
        matches!(&e, ApiError::Decode { path, detail, .. }
            if path == "clientes[0].servicos[0].id_cliente_servico" && detail.contains("out of range")),
        "{e:?}"
    );
}

#[tokio::test]
async fn an_overlong_search_term_is_refused_before_anything_is_sent() {
    let server = Server::start(vec![]).await;
    let client = server.client(fast);
    let long = "a".repeat(65_000);
    let e = client
        .search_customers(&CustomerSearch::new(CustomerSearchBy::Name, long.clone()))
        .await
        .expect_err("too long");
    assert!(
        matches!(
            e,
            ApiError::InvalidRequest {
                field: "termo_busca",
                ..
            }
        ),
        "{e:?}"
    );
    let e = client
        .search_prospects(&ProspectSearch {
            busca: long.clone(),
        })
        .await
        .expect_err("too long");
    assert!(
        matches!(e, ApiError::InvalidRequest { field: "busca", .. }),
        "{e:?}"
    );
    // Any route's query, through the generic entry point.
    let mut call = hubdesk::api::Call::get(
        "cliente/atendimento",
        "/api/v1/integracao/cliente/atendimento",
    );
    call.query.push(("termo_busca", long));
    let e = client
        .call::<serde_json::Value>(call)
        .await
        .expect_err("too long");
    assert!(matches!(e, ApiError::InvalidRequest { .. }), "{e:?}");
    assert_eq!(
        Failure::api(Lang::En, &e, ErrorContext::read(CONSOLE_TIMEOUT_SECS)).code,
        2
    );
    assert_eq!(
        server.grants() + server.hits(),
        0,
        "nothing sent, not even the grant"
    );
    // 200 characters still go.
    let ok = client
        .search_customers(&CustomerSearch::new(
            CustomerSearchBy::Name,
            "a".repeat(200),
        ))
        .await
        .expect("sent and answered");
    assert!(ok.is_empty());
    assert_eq!(server.hits(), 1);
}
