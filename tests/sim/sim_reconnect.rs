//! Sessions an action drops come back, deterministically on the Nth read
//! of the last connection with `SimConfig::reconnect_after_reads` (issue
//! 18: a test watches a service come back online without waiting on the
//! clock).

use crate::support;

use hubdesk::sim::SimConfig;
use serde_json::{Value, json};
use support::*;

fn reads_of(n: u32) -> SimConfig {
    SimConfig {
        reconnect_after_reads: Some(n),
        ..small()
    }
}

/// The last connection of service `sid` of customer `code`: one read.
async fn last_connection(api: &Api, code: &str, sid: u64) -> Value {
    let c = api.customer("codigo_cliente", code).await;
    c["servicos"]
        .as_array()
        .expect("servicos")
        .iter()
        .find(|s| s["id_cliente_servico"] == sid)
        .unwrap_or_else(|| panic!("service {sid} in {c}"))["ultima_conexao"]
        .clone()
}

#[tokio::test]
async fn a_disconnected_session_comes_back_on_the_nth_read_as_a_new_session() {
    let api = Api::start(reads_of(3)).await;
    let before = last_connection(&api, "1007", 100028).await;
    assert_eq!(before["conectado"], true, "{before}");
    assert_success(&api.get("cliente/solicitar_desconexao/100028").await);

    let reads = api.sim.counters().requests("cliente");
    for n in 1..=2 {
        let now = last_connection(&api, "1007", 100028).await;
        assert_eq!(now["conectado"], false, "read {n}: {now}");
    }
    // A read without the last connection does not bring it closer.
    api.get("cliente?busca=codigo_cliente&termo_busca=1007")
        .await;
    let back = last_connection(&api, "1007", 100028).await;
    assert_eq!(back["conectado"], true, "third read: {back}");
    assert_ne!(
        back["ultima_conexao_datetime"], before["ultima_conexao_datetime"],
        "a new session"
    );
    assert_ne!(back["ultimo_ipv4"], before["ultimo_ipv4"], "a new address");
    assert_eq!(api.sim.counters().requests("cliente"), reads + 4);
    // It stays: later reads see the same session.
    let later = last_connection(&api, "1007", 100028).await;
    assert_eq!(
        later["ultima_conexao_datetime"],
        back["ultima_conexao_datetime"]
    );
}

#[tokio::test]
async fn a_mac_reset_an_onu_reset_and_a_cpe_reboot_restart_the_session() {
    let api = Api::start(reads_of(2)).await;
    let customer = api.customer("codigo_cliente", "1000").await;
    let svc = customer["servicos"][0].clone();
    let sid = svc["id_cliente_servico"].as_u64().expect("id");
    let phy = svc["phy_addr"]
        .as_str()
        .expect("the fibre service has an ONU")
        .to_owned();
    let actions: [(&str, Value); 3] = [
        ("cliente/reset_mac_addr", json!({"id_cliente_servico": sid})),
        ("cliente/reset_phy_addr", json!({"id_cliente_servico": sid})),
        (&format!("rede/reiniciar_cpe/{phy}"), json!({})),
    ];
    for (route, body) in actions {
        let before = last_connection(&api, "1000", sid).await;
        assert_eq!(before["conectado"], true, "{route}: {before}");
        assert_success(&api.post(route, body).await);
        let down = last_connection(&api, "1000", sid).await;
        assert_eq!(down["conectado"], false, "{route}: {down}");
        let up = last_connection(&api, "1000", sid).await;
        assert_eq!(up["conectado"], true, "{route}: {up}");
        // Three restarts may fall in one second: the session is told by
        // its start and its address together, as the console does.
        let id = |v: &Value| {
            (
                v["ultima_conexao_datetime"].clone(),
                v["ultimo_ipv4"].clone(),
            )
        };
        assert_ne!(id(&up), id(&before), "{route}: a new session");
    }
}

#[tokio::test]
async fn a_trust_unlock_restarts_the_session_on_a_later_read() {
    let api = Api::start(reads_of(2)).await;
    // RADIUS still shows the suspended service's old session.
    let before = last_connection(&api, "1006", 100024).await;
    let v = api
        .post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": 100024, "dias_desbloqueio": 1}),
        )
        .await;
    assert_success(&v);
    let first = last_connection(&api, "1006", 100024).await;
    assert_ne!(first["conectado"], true, "{first}");
    let second = last_connection(&api, "1006", 100024).await;
    assert_eq!(second["conectado"], true, "{second}");
    assert_ne!(
        second["ultima_conexao_datetime"],
        before["ultima_conexao_datetime"]
    );
}

#[tokio::test]
async fn without_the_knob_a_dropped_session_waits_for_the_delay_not_for_reads() {
    let api = Api::start(SimConfig {
        reconnect_delay: std::time::Duration::from_secs(3600),
        ..small()
    })
    .await;
    assert_success(&api.get("cliente/solicitar_desconexao/100028").await);
    for _ in 0..3 {
        let now = last_connection(&api, "1007", 100028).await;
        assert_eq!(now["conectado"], false, "{now}");
    }
}
