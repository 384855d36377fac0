//! The client core against a scripted local server: authentication,
//! retries, error mapping and the quirks of REAL-WORLD.md.

use crate::support;

use std::time::Duration;

use hubdesk::api::{ApiError, Call, CallKind, Client, ClientConfig, Secret};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};
use support::{CLIENT_SECRET, PASSWORD, Reply, Server, credentials};

const ROUTE: &str = "cliente";
const PATH: &str = "/api/v1/integracao/cliente";

fn read() -> Call {
    Call::get(ROUTE, PATH)
}

fn action() -> Call {
    Call {
        route: "cliente/reset_mac_addr",
        method: Method::POST,
        path: "/api/v1/integracao/cliente/reset_mac_addr".to_owned(),
        query: Vec::new(),
        body: Some(json!({"id_cliente_servico": "11000"})),
        kind: CallKind::Action,
    }
}

async fn value(client: &Client, call: Call) -> Result<Value, ApiError> {
    client.call::<Value>(call).await
}

fn bearer(seen: &support::Seen) -> &str {
    seen.headers["authorization"].to_str().unwrap()
}

// ---- authentication ------------------------------------------------------

#[tokio::test]
async fn a_401_causes_one_new_grant_and_the_request_is_resent() {
    let server = Server::start(vec![
        Reply::json(401, json!({"message": "Unauthenticated."})),
        Reply::ok(),
    ])
    .await;
    let client = server.client(|_| {});
    value(&client, read()).await.unwrap();
    assert_eq!(server.grants(), 2);
    assert_eq!(server.hits(), 2);
    let seen = server.seen();
    assert_eq!(bearer(&seen[0]), "Bearer tok-1");
    assert_eq!(bearer(&seen[1]), "Bearer tok-2");
}

#[tokio::test]
async fn a_persistent_401_is_auth_after_exactly_one_new_grant() {
    let server = Server::start(vec![Reply::json(
        401,
        json!({"message": "Unauthenticated."}),
    )])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Auth {
            msg: "Unauthenticated.".into()
        }
    );
    assert_eq!(server.grants(), 2);
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn an_action_refused_with_401_is_sent_once_more_after_a_new_grant() {
    let server = Server::start(vec![
        Reply::raw(401, "text/html", "<html><title>401</title></html>"),
        Reply::json(200, json!({"status": "success", "msg": "MAC resetado"})),
    ])
    .await;
    let client = server.client(|_| {});
    let answer = value(&client, action()).await.unwrap();
    assert_eq!(answer["msg"], "MAC resetado");
    assert_eq!(server.grants(), 2);
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn wrong_credentials_give_auth_with_the_server_message() {
    let server = Server::start(vec![Reply::ok()]).await;
    server.script_token(vec![Reply::json(
        401,
        json!({"error": "invalid_credentials", "message": "Usuário ou senha inválidos."}),
    )]);
    let client = server.client(|_| {});
    let expected = ApiError::Auth {
        msg: "Usuário ou senha inválidos.".into(),
    };
    assert_eq!(value(&client, read()).await.unwrap_err(), expected);
    assert_eq!(client.login().await.unwrap_err(), expected);
    assert_eq!(server.hits(), 0, "nothing is sent without a token");
    // An Auth failure is final: no retry of the grant.
    assert_eq!(server.grants(), 2);
}

#[tokio::test]
async fn twenty_concurrent_calls_cause_exactly_one_grant() {
    let server = Server::start(vec![Reply::ok()]).await;
    server.set_grant_delay(Duration::from_millis(100));
    let client = server.client(|_| {});
    let calls = (0..20).map(|_| {
        let client = client.clone();
        async move { value(&client, read()).await }
    });
    for result in futures::future::join_all(calls).await {
        result.unwrap();
    }
    assert_eq!(server.grants(), 1);
    assert_eq!(server.hits(), 20);
}

#[tokio::test]
async fn concurrent_401s_on_the_same_token_cause_one_new_grant() {
    let server = Server::start(vec![Reply::ok()]).await;
    server.reject_token("tok-1");
    let client = server.client(|_| {});
    // Obtain tok-1 first so that every call below presents it.
    client.login().await.unwrap();
    let calls = (0..10).map(|_| {
        let client = client.clone();
        async move { value(&client, read()).await }
    });
    for result in futures::future::join_all(calls).await {
        result.unwrap();
    }
    assert_eq!(server.grants(), 2);
    assert_eq!(server.hits(), 20);
}

#[tokio::test]
async fn a_caller_aborted_during_the_grant_does_not_block_the_next_one() {
    // The console aborts the tasks of a customer view that was closed; one
    // may be holding the grant at that moment.
    let server = Server::start(vec![Reply::ok()]).await;
    server.set_grant_delay(Duration::from_millis(300));
    let client = server.client(|_| {});
    let doomed = tokio::spawn({
        let client = client.clone();
        async move { value(&client, read()).await }
    });
    while server.grants() == 0 {
        tokio::task::yield_now().await;
    }
    doomed.abort();
    assert!(doomed.await.unwrap_err().is_cancelled());
    server.set_grant_delay(Duration::ZERO);
    value(&client, read()).await.unwrap();
    assert_eq!(server.grants(), 2);
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn an_expired_token_is_granted_again_and_a_live_one_is_reused() {
    let server = Server::start(vec![Reply::ok()]).await;
    // As a string: expires_in is decoded leniently.
    server.set_expires_in(json!("0"));
    let client = server.client(|_| {});
    value(&client, read()).await.unwrap();
    value(&client, read()).await.unwrap();
    assert_eq!(server.grants(), 2);

    let server = Server::start(vec![Reply::ok()]).await;
    let client = server.client(|_| {});
    value(&client, read()).await.unwrap();
    value(&client, read()).await.unwrap();
    assert_eq!(server.grants(), 1);
}

#[tokio::test]
async fn login_reports_the_token_and_sends_the_documented_json_grant() {
    let server = Server::start(vec![Reply::ok()]).await;
    let client = server.client(|_| {});
    let before = chrono::Utc::now();
    let info = client.login().await.unwrap();
    assert_eq!(info.token_type, "Bearer");
    assert!(info.expires_at >= before + chrono::Duration::seconds(2_592_000));
    assert!(info.expires_at <= chrono::Utc::now() + chrono::Duration::seconds(2_592_000));

    let grants = server.shared.grant_requests.lock().unwrap().clone();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].0.as_deref(), Some("application/json"));
    let body: Value = serde_json::from_slice(&grants[0].1).unwrap();
    assert_eq!(
        body,
        json!({
            "grant_type": "password",
            "client_id": "3",
            "client_secret": CLIENT_SECRET,
            "username": "api@provedor.com.br",
            "password": PASSWORD,
        })
    );
    // login always grants anew, and the following call uses that token.
    client.login().await.unwrap();
    value(&client, read()).await.unwrap();
    assert_eq!(server.grants(), 2);
    assert_eq!(bearer(&server.seen()[0]), "Bearer tok-2");
}

// ---- request shape -------------------------------------------------------

#[tokio::test]
async fn requests_carry_query_accept_user_agent_and_json_body() {
    let server = Server::start(vec![Reply::ok()]).await;
    let client = server.client(|c| c.user_agent = "hubdesk-test/1".into());
    let mut call = read();
    call.query = vec![
        ("busca", "nome_razaosocial".into()),
        ("termo_busca", "JOSÉ & FILHOS".into()),
    ];
    value(&client, call).await.unwrap();
    value(&client, action()).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].path_and_query,
        "/api/v1/integracao/cliente?busca=nome_razaosocial&termo_busca=JOS%C3%89+%26+FILHOS"
    );
    assert_eq!(seen[0].headers["accept"], "application/json");
    assert_eq!(seen[0].headers["user-agent"], "hubdesk-test/1");
    assert_eq!(seen[1].method, "POST");
    assert_eq!(seen[1].headers["content-type"], "application/json");
    assert_eq!(
        serde_json::from_slice::<Value>(&seen[1].body).unwrap(),
        json!({"id_cliente_servico": "11000"})
    );
}

#[tokio::test]
async fn a_base_url_path_prefix_is_kept() {
    let server = Server::start(vec![Reply::ok()]).await;
    // The token route of this server is at the root, so only check the path join.
    let client = server.client(|c| c.base_url = format!("{}/", server.url()));
    assert_eq!(client.base_url(), server.url());
    value(&client, read()).await.unwrap();
    assert_eq!(server.seen()[0].path_and_query, PATH);
}

// ---- retries -------------------------------------------------------------
//
// Timeouts below are at least 1 s: the token grant shares the request
// timeout, and these tests must not turn flaky on a loaded machine.

#[tokio::test]
async fn reads_are_retried_on_500_and_html_502() {
    let server = Server::start(vec![
        Reply::json(500, json!({"message": "Server Error"})),
        Reply::html(502, "502 Bad Gateway"),
        Reply::ok(),
    ])
    .await;
    let client = server.client(|_| {});
    value(&client, read()).await.unwrap();
    assert_eq!(server.hits(), 3);
    assert_eq!(server.grants(), 1);
}

#[tokio::test]
async fn reads_give_up_after_max_retries_with_the_html_title() {
    let server = Server::start(vec![Reply::html(502, "502 Bad Gateway")]).await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Http {
            route: ROUTE,
            status: 502,
            excerpt: "502 Bad Gateway".into()
        }
    );
    assert!(err.is_retryable());
    assert_eq!(server.hits(), 3, "one attempt plus max_read_retries (2)");

    let server = Server::start(vec![Reply::html(503, "Maintenance")]).await;
    let client = server.client(|c| c.max_read_retries = 0);
    value(&client, read()).await.unwrap_err();
    assert_eq!(server.hits(), 1);
}

/// The request timeout bounds the whole read (issue 14): an attempt that
/// hangs uses all of it, so no retry follows and the timeout message is
/// true. (Quick failures are still retried: see the 5xx and 429 tests.)
#[tokio::test]
async fn a_timeout_uses_the_whole_time_of_the_read_and_is_not_retried() {
    let server = Server::start(vec![
        Reply::ok().delayed(Duration::from_secs(10)),
        Reply::ok(),
    ])
    .await;
    let client = server.client(|c| c.request_timeout = Duration::from_secs(1));
    let e = value(&client, read()).await.unwrap_err();
    assert!(
        matches!(e, ApiError::Network { timeout: true, .. }),
        "{e:?}"
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn reads_honour_retry_after_on_429_and_report_rate_limited_when_exhausted() {
    let server = Server::start(vec![
        Reply::json(429, json!({"message": "Too Many Attempts."})).header("retry-after", "1"),
        Reply::ok(),
    ])
    .await;
    // The 1 s Retry-After is capped by max_retry_delay (20 ms in tests).
    let client = server.client(|_| {});
    value(&client, read()).await.unwrap();
    assert_eq!(server.hits(), 2);

    let server = Server::start(vec![
        Reply::raw(429, "text/plain", "").header("retry-after", "7"),
    ])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::RateLimited {
            route: ROUTE,
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(server.hits(), 3);
}

#[tokio::test]
async fn actions_are_never_retried_on_5xx_or_429() {
    for reply in [
        Reply::json(500, json!({"message": "Server Error"})),
        Reply::html(502, "502 Bad Gateway"),
        Reply::raw(429, "text/plain", "slow down"),
    ] {
        let server = Server::start(vec![reply.clone(), Reply::ok()]).await;
        let client = server.client(|_| {});
        let err = value(&client, action()).await.unwrap_err();
        assert_eq!(server.hits(), 1, "{reply:?} gave {err:?}");
    }
}

#[tokio::test]
async fn an_action_that_times_out_is_not_retried_and_its_outcome_is_unknown() {
    let server = Server::start(vec![
        Reply::ok().delayed(Duration::from_secs(10)),
        Reply::ok(),
    ])
    .await;
    let client = server.client(|c| c.request_timeout = Duration::from_secs(1));
    let err = value(&client, action()).await.unwrap_err();
    assert!(
        matches!(
            err,
            ApiError::Network {
                timeout: true,
                sent: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.outcome_unknown());
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn the_disconnect_get_as_an_action_is_not_retried_and_a_502_leaves_it_unknown() {
    let server = Server::start(vec![Reply::html(502, "Bad Gateway"), Reply::ok()]).await;
    let client = server.client(|_| {});
    let call = Call {
        route: "cliente/solicitar_desconexao",
        method: Method::GET,
        path: "/api/v1/integracao/cliente/solicitar_desconexao/11000".into(),
        query: Vec::new(),
        body: None,
        kind: CallKind::Action,
    };
    let err = value(&client, call).await.unwrap_err();
    assert!(err.outcome_unknown());
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn slow_actions_get_the_slow_timeout() {
    let server = Server::start(vec![
        Reply::json(200, json!({"status": "success", "msg": "E-mail enviado"}))
            .delayed(Duration::from_millis(1500)),
    ])
    .await;
    let client = server.client(|c| {
        c.request_timeout = Duration::from_secs(1);
        c.slow_timeout = Duration::from_secs(10);
    });
    let mut call = action();
    call.kind = CallKind::SlowAction;
    value(&client, call).await.unwrap();
    let mut call = action();
    call.kind = CallKind::Action;
    let err = value(&client, call).await.unwrap_err();
    assert!(matches!(err, ApiError::Network { timeout: true, .. }));
}

#[tokio::test]
async fn a_refused_connection_is_a_network_error_whose_outcome_is_known() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut config = ClientConfig::new(format!("http://127.0.0.1:{port}"), credentials());
    config.retry_base_delay = Duration::from_millis(1);
    let client = Client::new(config).unwrap();
    let err = value(&client, action()).await.unwrap_err();
    assert!(
        matches!(
            err,
            ApiError::Network {
                timeout: false,
                sent: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.outcome_unknown());
    assert!(err.is_retryable());
}

// ---- error mapping -------------------------------------------------------

#[tokio::test]
async fn an_error_envelope_with_http_200_is_refused_with_msg_and_errors() {
    let fixture =
        include_str!("../fixtures/hubsoft-examples/cliente_solicitar_desconexao.error.json");
    let server = Server::start(vec![
        Reply::raw(200, "application/json", fixture),
        Reply::json(
            200,
            json!({"status": "error", "msg": "Limite excedido", "errors": ["Máximo de 3 dias", {"mensagem": "Já desbloqueado"}]}),
        ),
    ])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Refused {
            route: ROUTE,
            msg: "A desconexão não foi bem sucedida para o login hubsoft!".into(),
            errors: vec![]
        }
    );
    assert_eq!(
        err.to_string(),
        "A desconexão não foi bem sucedida para o login hubsoft!"
    );
    let err = value(&client, read()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Refused {
            route: ROUTE,
            msg: "Limite excedido".into(),
            errors: vec!["Máximo de 3 dias".into(), "Já desbloqueado".into()]
        }
    );
    assert_eq!(server.hits(), 2, "a refusal is final, even for reads");
}

#[tokio::test]
async fn a_422_validation_body_is_refused_with_flattened_errors() {
    let server = Server::start(vec![Reply::json(
        422,
        json!({"message": "The given data was invalid.", "errors": {"cep": ["O campo cep é obrigatório."]}}),
    )])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, action()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Refused {
            route: "cliente/reset_mac_addr",
            msg: "The given data was invalid.".into(),
            errors: vec!["cep: O campo cep é obrigatório.".into()]
        }
    );
}

#[tokio::test]
async fn a_403_is_forbidden_with_the_server_message_and_not_retried() {
    let server = Server::start(vec![Reply::json(
        403,
        json!({"status": "error", "msg": "O Usuário não possui a permissão desejada!"}),
    )])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Forbidden {
            route: ROUTE,
            msg: Some("O Usuário não possui a permissão desejada!".into())
        }
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_404_is_not_found_with_or_without_a_message() {
    let server = Server::start(vec![
        Reply::json(
            404,
            json!({"status": "error", "msg": "Nenhum cliente encontrado"}),
        ),
        Reply::html(404, "404 Not Found"),
    ])
    .await;
    let client = server.client(|_| {});
    assert_eq!(
        value(&client, read()).await.unwrap_err(),
        ApiError::NotFound {
            route: ROUTE,
            msg: Some("Nenhum cliente encontrado".into())
        }
    );
    assert_eq!(
        value(&client, read()).await.unwrap_err(),
        ApiError::NotFound {
            route: ROUTE,
            msg: None
        }
    );
}

#[tokio::test]
async fn a_decode_error_names_the_json_path() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Answer {
        clientes: Vec<Cliente>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Cliente {
        codigo_cliente: u64,
    }
    let server = Server::start(vec![Reply::json(
        200,
        json!({"status": "success", "msg": "ok", "clientes": [{"codigo_cliente": "05333614622"}]}),
    )])
    .await;
    let client = server.client(|_| {});
    let err = client.call::<Answer>(read()).await.unwrap_err();
    match &err {
        ApiError::Decode {
            route,
            path,
            detail,
        } => {
            assert_eq!(*route, ROUTE);
            assert_eq!(path, "clientes[0].codigo_cliente");
            assert!(!detail.contains("05333614622"), "customer data in {detail}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("clientes[0].codigo_cliente"));
}

#[tokio::test]
async fn a_non_json_200_is_a_decode_error_naming_the_route() {
    let server = Server::start(vec![Reply::raw(
        200,
        "text/html",
        "<!DOCTYPE html><html><head><title>HubSoft - Login</title></head></html>",
    )])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    assert!(
        matches!(&err, ApiError::Decode { route: ROUTE, detail, .. } if detail.contains("HubSoft - Login")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_latin1_body_is_decoded() {
    let mut body =
        br#"{"status":"success","msg":"ok","clientes":[{"nome_razaosocial":"JOS"#.to_vec();
    body.extend_from_slice(b"\xC9 DA CONCEI\xC7\xC3O\"}]}");
    let server = Server::start(vec![Reply::raw(
        200,
        "application/json; charset=iso-8859-1",
        body,
    )])
    .await;
    let client = server.client(|_| {});
    let answer = value(&client, read()).await.unwrap();
    assert_eq!(
        answer["clientes"][0]["nome_razaosocial"],
        "JOSÉ DA CONCEIÇÃO"
    );
}

#[tokio::test]
async fn suscess_is_success_and_documented_examples_decode() {
    let fixture = include_str!("../fixtures/hubsoft-examples/cliente.response.json");
    let server = Server::start(vec![
        Reply::json(
            200,
            json!({"status": "suscess", "msg": "ok", "login": "hubsoft", "clientes": []}),
        ),
        Reply::raw(200, "application/json", fixture),
    ])
    .await;
    let client = server.client(|_| {});
    let answer = value(&client, read()).await.unwrap();
    assert_eq!(answer["login"], "hubsoft");
    let answer = value(&client, read()).await.unwrap();
    assert_eq!(answer, serde_json::from_str::<Value>(fixture).unwrap());
}

// ---- configuration and secrets -------------------------------------------

#[test]
fn plain_http_is_only_allowed_to_loopback_unless_explicitly_allowed() {
    let config = |url: &str| ClientConfig::new(url, credentials());
    for url in [
        "http://127.0.0.1:8080",
        "http://localhost",
        "http://[::1]:1",
        "https://erp.provedor.com.br",
        "https://erp.provedor.com.br/hubsoft/",
    ] {
        Client::new(config(url)).unwrap_or_else(|e| panic!("{url}: {e}"));
    }
    for url in [
        "http://erp.provedor.com.br",
        "http://10.0.0.1",
        "ftp://erp.provedor.com.br",
        "erp.provedor.com.br",
        "https://erp.provedor.com.br/?x=1",
    ] {
        let err = Client::new(config(url)).unwrap_err();
        assert!(matches!(err, ApiError::Config { .. }), "{url}: {err:?}");
    }
    let mut insecure = config("http://erp.provedor.com.br");
    insecure.allow_insecure_http = true;
    Client::new(insecure).unwrap();
    let mut self_signed = config("https://erp.provedor.com.br");
    self_signed.accept_invalid_certs = true;
    Client::new(self_signed).unwrap();
}

#[tokio::test]
async fn tls_uses_ring_and_accept_invalid_certs_is_honoured() {
    let server = support::tls::start();
    for host in ["127.0.0.1", "localhost"] {
        let mut config = ClientConfig::new(
            format!("https://{host}:{}", server.addr.port()),
            credentials(),
        );
        config.accept_invalid_certs = true;
        let info = Client::new(config).unwrap().login().await.unwrap();
        assert_eq!(info.token_type, "Bearer");
    }
    assert_eq!(server.served(), 2);

    // The same self-signed certificate is refused by default, before
    // anything is sent.
    let config = ClientConfig::new(
        format!("https://localhost:{}", server.addr.port()),
        credentials(),
    );
    let err = Client::new(config).unwrap().login().await.unwrap_err();
    assert!(
        matches!(err, ApiError::Network { sent: false, .. }),
        "{err:?}"
    );
    assert_eq!(server.served(), 2);
}

#[test]
fn default_config_matches_the_documented_policy() {
    let c = ClientConfig::new("https://x", credentials());
    assert_eq!(c.connect_timeout, Duration::from_secs(5));
    assert_eq!(c.request_timeout, Duration::from_secs(20));
    assert_eq!(c.slow_timeout, Duration::from_secs(120));
    assert_eq!(c.max_read_retries, 2);
    assert_eq!(c.retry_base_delay, Duration::from_millis(250));
    assert!(!c.accept_invalid_certs && !c.allow_insecure_http);
    assert!(c.user_agent.starts_with("hubdesk/"));
}

#[tokio::test]
async fn secrets_never_show_in_debug_display_or_errors() {
    let secret = Secret::new("s3cr3t");
    assert_eq!(format!("{secret:?}"), "***");
    assert_eq!(format!("{secret}"), "***");
    assert_eq!(secret.expose(), "s3cr3t");

    let server = Server::start(vec![Reply::json(
        401,
        json!({"message": "Unauthenticated."}),
    )])
    .await;
    let client = server.client(|_| {});
    let err = value(&client, read()).await.unwrap_err();
    let config = ClientConfig::new(server.url(), credentials());
    for text in [
        format!("{client:?}"),
        format!("{config:?}"),
        format!("{:?}", credentials()),
        format!("{err:?}"),
        err.to_string(),
    ] {
        for needle in [PASSWORD, CLIENT_SECRET, "tok-1", "tok-2"] {
            assert!(!text.contains(needle), "{needle} leaked in {text}");
        }
    }
    assert!(format!("{client:?}").contains("api@provedor.com.br"));
}
