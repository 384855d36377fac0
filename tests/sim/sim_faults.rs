//! Every fault knob, auth failure and admin route of the simulator.

use crate::support;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use hubdesk::sim::{Faults, SimConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::*;

const SEARCH: &str = "cliente?busca=codigo_cliente&termo_busca=1000";

async fn raw(api: &Api, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let r = api
        .http
        .get(api.url(path))
        .bearer_auth(&api.token)
        .send()
        .await
        .expect("send");
    let s = r.status();
    let h = r.headers().clone();
    (s, h, r.bytes().await.expect("body").to_vec())
}

#[tokio::test]
async fn missing_invalid_and_revoked_tokens_get_401() {
    let api = Api::start(small()).await;
    let unauth = json!({"message": "Unauthenticated."});
    let r = api.http.get(api.url(SEARCH)).send().await.expect("send");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.expect("json"), unauth);
    let r = api
        .http
        .get(api.url(SEARCH))
        .bearer_auth("forged")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    assert_eq!(raw(&api, SEARCH).await.0, StatusCode::OK);
    api.sim.revoke_tokens();
    let (s, _, b) = raw(&api, SEARCH).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(serde_json::from_slice::<Value>(&b).expect("json"), unauth);

    // The admin route revokes too.
    let fresh = token(&api.http, &api.sim.base_url()).await;
    let ok = api
        .http
        .get(api.url(SEARCH))
        .bearer_auth(&fresh)
        .send()
        .await
        .expect("send");
    assert_eq!(ok.status(), StatusCode::OK);
    let r = api
        .http
        .post(api.url("/_sim/revoke"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::OK);
    let gone = api
        .http
        .get(api.url(SEARCH))
        .bearer_auth(&fresh)
        .send()
        .await
        .expect("send");
    assert_eq!(gone.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tokens_expire_after_their_ttl() {
    let cfg = SimConfig {
        token_ttl: Duration::from_secs(2),
        ..small()
    };
    let api = Api::start(cfg).await;
    assert_eq!(raw(&api, SEARCH).await.0, StatusCode::OK);
    // Accepted until the TTL runs out, then refused.
    eventually("the token expires", async || {
        let s = raw(&api, SEARCH).await.0;
        assert!(s == StatusCode::OK || s == StatusCode::UNAUTHORIZED, "{s}");
        s == StatusCode::UNAUTHORIZED
    })
    .await;
    // For good: an expired token is not revived.
    assert_eq!(raw(&api, SEARCH).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn oauth_accepts_json_and_form_and_rejects_wrong_credentials() {
    let api = Api::start(small()).await;
    let url = api.url("/oauth/token");
    let form = [
        ("grant_type", "password"),
        ("client_id", "demo"),
        ("client_secret", "demo-secret"),
        ("username", "demo@hubdesk.local"),
        ("password", "demo"),
    ];
    let r = api.http.post(&url).form(&form).send().await.expect("send");
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.expect("json");
    assert_eq!(v["expires_in"], 2_592_000);
    assert_eq!(v["token_type"], "Bearer");
    // JSON without a Content-Type header, as the documented curl sends it.
    let body = r#"{"grant_type":"password","client_id":"demo","client_secret":"demo-secret","username":"demo@hubdesk.local","password":"demo"}"#;
    let r = api.http.post(&url).body(body).send().await.expect("send");
    assert_eq!(r.status(), StatusCode::OK);

    let r = api
        .http
        .post(&url)
        .json(&json!({"grant_type": "password", "client_id": "demo", "client_secret": "demo-secret", "username": "demo@hubdesk.local", "password": "nope"}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let v: Value = r.json().await.expect("json");
    assert_eq!(v["error"], "invalid_credentials");
    assert!(v["message"].is_string());
    let r = api
        .http
        .post(&url)
        .form(&[
            ("grant_type", "password"),
            ("client_id", "demo"),
            ("client_secret", "x"),
            ("username", "demo@hubdesk.local"),
            ("password", "demo"),
        ])
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.json::<Value>().await.expect("json")["error"],
        "invalid_credentials"
    );
    // Api::start, the form grant and the JSON grant; refusals are not counted.
    assert_eq!(api.sim.counters().get("token"), 3);
}

/// A latency far longer than any test: while the delayed request is held,
/// a request to another route is answered.
const HOLD_MS: u64 = 120_000;

/// Sends `held`, waits until the simulator has received it, then runs
/// `meanwhile`; `held` must still be unanswered when `meanwhile` is done.
/// An order of events, not a measured time: it holds on a loaded machine.
async fn held_while(
    api: &Api,
    held: (&str, &str),
    meanwhile: impl std::future::Future<Output = ()>,
) {
    let (route, path) = held;
    let before = api.sim.counters().requests(route);
    let request = raw(api, path);
    tokio::pin!(request);
    let received_then_meanwhile = async {
        eventually("the simulator receives the request", async || {
            api.sim.counters().requests(route) > before
        })
        .await;
        meanwhile.await;
    };
    tokio::select! {
        (s, _, _) = &mut request => panic!("{path}: answered {s} despite the latency"),
        () = received_then_meanwhile => {}
    }
}

#[tokio::test]
async fn latency_delays_only_the_chosen_routes() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        latency_ms: HOLD_MS,
        jitter_ms: 50,
        routes: vec!["cliente".into()],
        ..Faults::default()
    });
    held_while(&api, ("cliente", SEARCH), async {
        assert_eq!(raw(&api, "rede/pop").await.0, StatusCode::OK);
    })
    .await;
    // A latency for one route, outside the filter, applies to that route only.
    let mut f = Faults {
        routes: vec!["rede/pop".into()],
        ..Faults::default()
    };
    f.route_latency_ms
        .insert("cliente/financeiro".into(), HOLD_MS);
    api.sim.set_faults(f);
    held_while(
        &api,
        (
            "cliente/financeiro",
            "cliente/financeiro?busca=codigo_cliente&termo_busca=1000",
        ),
        async {
            assert_eq!(raw(&api, SEARCH).await.0, StatusCode::OK);
        },
    )
    .await;
    // A short latency is a delay, not a hang: the answer comes.
    api.sim.set_faults(Faults {
        latency_ms: 20,
        jitter_ms: 5,
        ..Faults::default()
    });
    assert_eq!(raw(&api, SEARCH).await.0, StatusCode::OK);
    api.sim.set_faults(Faults::default());
    assert_eq!(api.sim.faults(), Faults::default());
}

#[tokio::test]
async fn http_500_with_json_body_on_chosen_routes() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        error_500_rate: 1.0,
        routes: vec!["cliente".into()],
        ..Faults::default()
    });
    let (s, _, b) = raw(&api, SEARCH).await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(serde_json::from_slice::<Value>(&b).is_ok());
    // Other routes are untouched.
    assert_eq!(raw(&api, "rede/pop").await.0, StatusCode::OK);
}

#[tokio::test]
async fn html_502_pages() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        html_502_rate: 1.0,
        ..Faults::default()
    });
    let (s, h, b) = raw(&api, SEARCH).await;
    assert_eq!(s, StatusCode::BAD_GATEWAY);
    assert_eq!(h["content-type"], "text/html");
    assert!(String::from_utf8_lossy(&b).starts_with("<html>"));
}

#[tokio::test]
async fn hanging_requests_never_answer() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        hang_rate: 1.0,
        ..Faults::default()
    });
    let r = api
        .http
        .get(api.url(SEARCH))
        .bearer_auth(&api.token)
        .timeout(Duration::from_millis(500))
        .send()
        .await;
    assert!(r.expect_err("must time out").is_timeout());
    assert_eq!(api.sim.counters().requests("cliente"), 1);
    api.sim.shutdown();
}

#[tokio::test]
async fn malformed_and_truncated_json() {
    let api = Api::start(small()).await;
    let (_, _, good) = raw(&api, SEARCH).await;
    api.sim.set_faults(Faults {
        malformed_json_rate: 1.0,
        ..Faults::default()
    });
    let (s, _, b) = raw(&api, SEARCH).await;
    assert_eq!(s, StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&b).is_err());
    api.sim.set_faults(Faults {
        truncated_json_rate: 1.0,
        ..Faults::default()
    });
    let (s, _, b) = raw(&api, SEARCH).await;
    assert_eq!(s, StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&b).is_err());
    assert!(b.len() < good.len() && good.starts_with(&b));
}

#[tokio::test]
async fn latin1_bodies() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        latin1: true,
        ..Faults::default()
    });
    let (_, _, b) = raw(&api, SEARCH).await;
    assert!(std::str::from_utf8(&b).is_err());
    assert!(b.windows(4).any(|w| w == b"JOS\xC9"), "JOSÉ as Latin-1");
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
    let v: Value = serde_json::from_str(&text).expect("valid JSON once decoded");
    assert_eq!(
        v["clientes"][0]["nome_razaosocial"],
        "JOSÉ DA CONCEIÇÃO ARAÚJO"
    );
}

#[tokio::test]
async fn forbidden_on_chosen_routes() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        forbidden: true,
        routes: vec!["cliente/financeiro".into()],
        ..Faults::default()
    });
    let (s, _, b) = raw(
        &api,
        "cliente/financeiro?busca=codigo_cliente&termo_busca=1000",
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let v: Value = serde_json::from_slice(&b).expect("json");
    assert_eq!(
        v,
        json!({"status": "error", "msg": "O Usuário não possui a permissão desejada!"})
    );
    assert_eq!(raw(&api, SEARCH).await.0, StatusCode::OK);
}

#[tokio::test]
async fn rate_limited_with_retry_after() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        rate_limit_rate: 1.0,
        retry_after_secs: 7,
        ..Faults::default()
    });
    let (s, h, _) = raw(&api, SEARCH).await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(h["retry-after"], "7");
}

#[tokio::test]
async fn suscess_spelling() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        suscess: true,
        ..Faults::default()
    });
    let v = api.get(SEARCH).await;
    assert_eq!(v["status"], "suscess");
    assert_eq!(v["clientes"][0]["codigo_cliente"], 1000);
    // Refusals keep "error".
    assert_eq!(api.get("cliente").await["status"], "error");
}

#[tokio::test]
async fn not_found_for_empty_searches() {
    let api = Api::start(small()).await;
    let path = "cliente?busca=nome_razaosocial&termo_busca=zzzz-nobody";
    assert_eq!(api.get(path).await["clientes"], json!([]));
    api.sim.set_faults(Faults {
        not_found_on_empty: true,
        ..Faults::default()
    });
    let (s, _, _) = raw(&api, path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(raw(&api, SEARCH).await.0, StatusCode::OK);
}

#[tokio::test]
async fn apply_then_stall_performs_the_action_exactly_once() {
    let api = Api::start(small()).await;
    api.sim.set_faults(Faults {
        apply_then_stall: true,
        ..Faults::default()
    });
    let r = api
        .http
        .post(api.url("cliente/desbloqueio_confianca"))
        .bearer_auth(&api.token)
        .json(&json!({"id_cliente_servico": "100024", "dias_desbloqueio": "1"}))
        .timeout(Duration::from_millis(500))
        .send()
        .await;
    assert!(r.expect_err("no answer").is_timeout());
    // The handler may still be finishing on a loaded machine: wait, bounded.
    let deadline = Instant::now() + Duration::from_secs(10);
    while api.sim.counters().get_for("unlock", 100024) == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(api.sim.counters().get_for("unlock", 100024), 1);
    // Reads still answer, and show the effect.
    let c = api.customer("codigo_cliente", "1006").await;
    assert_eq!(c["servicos"][0]["status_prefixo"], "servico_habilitado");
    api.sim.shutdown();
}

#[tokio::test]
async fn admin_routes_set_faults_and_read_counters() {
    let api = Api::start(small()).await;
    let r = api
        .http
        .post(api.url("/_sim/faults"))
        .json(&json!({"suscess": true, "routes": ["rede/pop"]}))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(api.sim.faults().suscess);
    assert_eq!(api.get("rede/pop").await["status"], "suscess");
    assert_eq!(api.get("rede/equipamento").await["status"], "success");
    api.post(
        "cliente/reset_mac_addr",
        json!({"id_cliente_servico": "100000"}),
    )
    .await;
    let c: Value = api
        .http
        .get(api.url("/_sim/counters"))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(c["actions"]["mac_reset"], 1);
    assert_eq!(c["targets"]["mac_reset:100000"], 1);
    assert_eq!(c["requests"]["rede/pop"], 1);
    let bad = api
        .http
        .post(api.url("/_sim/faults"))
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let typo = api
        .http
        .post(api.url("/_sim/faults"))
        .json(&json!({"suscces": true}))
        .send()
        .await
        .expect("send");
    assert_eq!(typo.status(), StatusCode::BAD_REQUEST);
    assert!(api.sim.faults().suscess, "a refused update changes nothing");
}

#[tokio::test]
async fn every_route_name_targets_its_route() {
    let api = Api::start(small()).await;
    let g = reqwest::Method::GET;
    let p = reqwest::Method::POST;
    let table = [
        ("oauth/token", p.clone(), "/oauth/token"),
        ("atendimento", p.clone(), "atendimento"),
        ("atendimento/{id}", reqwest::Method::PUT, "atendimento/1"),
        ("cliente/all", g.clone(), "cliente/all"),
        ("cliente/atendimento", g.clone(), "cliente/atendimento"),
        ("cliente", g.clone(), "cliente"),
        (
            "cliente/desbloqueio_confianca",
            p.clone(),
            "cliente/desbloqueio_confianca",
        ),
        (
            "cliente/solicitar_desconexao/{id}",
            g.clone(),
            "cliente/solicitar_desconexao/1",
        ),
        (
            "cliente/extrato_conexao",
            g.clone(),
            "cliente/extrato_conexao",
        ),
        ("cliente/financeiro", g.clone(), "cliente/financeiro"),
        (
            "cliente/financeiro/enviar_email",
            p.clone(),
            "cliente/financeiro/enviar_email",
        ),
        (
            "cliente/financeiro/enviar_sms",
            p.clone(),
            "cliente/financeiro/enviar_sms",
        ),
        (
            "cliente/financeiro/enviar_push",
            p.clone(),
            "cliente/financeiro/enviar_push",
        ),
        ("cliente/ordem_servico", g.clone(), "cliente/ordem_servico"),
        (
            "cliente/reset_mac_addr",
            p.clone(),
            "cliente/reset_mac_addr",
        ),
        ("endereco/cidade", g.clone(), "endereco/cidade"),
        ("financeiro", g.clone(), "financeiro"),
        ("pbx/ligacao/notificar", p.clone(), "pbx/ligacao/notificar"),
        ("pbx/ligacao/cancelar", p.clone(), "pbx/ligacao/cancelar"),
        ("prospecto/create", g.clone(), "prospecto/create"),
        ("prospecto", g.clone(), "prospecto"),
        ("prospecto", p.clone(), "prospecto"),
        ("rede/equipamento", g.clone(), "rede/equipamento"),
        ("rede/pop", g.clone(), "rede/pop"),
        ("rede/zona_atendimento", g.clone(), "rede/zona_atendimento"),
    ];
    let names: BTreeSet<&str> = table.iter().map(|t| t.0).collect();
    assert_eq!(
        names,
        hubdesk::sim::ROUTES.into_iter().collect::<BTreeSet<_>>()
    );
    for (name, method, path) in &table {
        api.sim.set_faults(Faults {
            forbidden: true,
            routes: vec![(*name).to_string()],
            ..Faults::default()
        });
        let (s, _) = api
            .send(
                api.http
                    .request(method.clone(), api.url(path))
                    .json(&json!({})),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{name}");
        // Any other route is untouched.
        let other = if *name == "rede/pop" {
            "rede/equipamento"
        } else {
            "rede/pop"
        };
        assert_eq!(raw(&api, other).await.0, StatusCode::OK, "{name}");
    }
}
