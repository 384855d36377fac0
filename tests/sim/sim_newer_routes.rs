//! Issue 17: the routes of current servers, as the simulator serves them
//! (stateful and counted), and as a 2020 server does not (404/405).

use crate::support;

use hubdesk::sim::{Generation, NEWER_ROUTES, SimConfig};
use serde_json::{Value, json};
use support::*;

fn service(customer: &Value, id: u64) -> &Value {
    customer["servicos"]
        .as_array()
        .expect("servicos")
        .iter()
        .find(|s| s["id_cliente_servico"] == id)
        .unwrap_or_else(|| panic!("service {id} in {customer}"))
}

fn legacy() -> SimConfig {
    SimConfig {
        generation: Generation::Documented2020,
        ..small()
    }
}

#[tokio::test]
async fn suspend_enable_and_activate_change_the_status_once_each() {
    let api = Api::start(small()).await;
    // 1000's fibre service is enabled: suspend it at the customer's request.
    let v = api
        .post(
            "cliente/cliente_servico/suspender/100000",
            json!({"tipo_suspensao": "suspenso_pedido_cliente"}),
        )
        .await;
    assert_success(&v);
    assert_eq!(v["cliente_servico"]["id_cliente_servico"], 100000);
    assert_eq!(
        v["cliente_servico"]["servico_status"]["descricao"],
        "Suspenso Pedido Cliente"
    );
    let c = api.customer("codigo_cliente", "1000").await;
    assert_eq!(
        service(&c, 100000)["status_prefixo"],
        "suspenso_pedido_cliente"
    );
    // Suspended already: a second suspension is refused and counts nothing.
    let again = api
        .post(
            "cliente/cliente_servico/suspender/100000",
            json!({"tipo_suspensao": "suspenso_debito"}),
        )
        .await;
    assert!(assert_refused(&again).contains("habilitados"));
    // Enabling needs a reason.
    let no_reason = api
        .post("cliente/cliente_servico/habilitar/100000", json!({}))
        .await;
    assert!(assert_refused(&no_reason).contains("motivo_habilitacao"));
    let v = api
        .post(
            "cliente/cliente_servico/habilitar/100000",
            json!({"motivo_habilitacao": "Pagamento confirmado"}),
        )
        .await;
    assert_eq!(
        v["cliente_servico"]["servico_status"]["descricao"],
        "Serviço Habilitado"
    );
    // 1003's service awaits installation: activate it, once.
    let v = api
        .post("cliente/cliente_servico/ativar/100012", json!({}))
        .await;
    assert_success(&v);
    let c = api.customer("codigo_cliente", "1003").await;
    assert_eq!(service(&c, 100012)["status_prefixo"], "servico_habilitado");
    let twice = api
        .post("cliente/cliente_servico/ativar/100012", json!({}))
        .await;
    assert_refused(&twice);
    let n = api.sim.counters();
    assert_eq!(n.get_for("service_suspend", 100000), 1);
    assert_eq!(n.get_for("service_enable", 100000), 1);
    assert_eq!(n.get_for("service_activate", 100012), 1);
    assert_eq!(n.get("service_suspend") + n.get("service_enable"), 2);
}

#[tokio::test]
async fn phy_reset_cpe_commands_and_the_cpe_list() {
    let api = Api::start(small()).await;
    let before = api.customer("codigo_cliente", "1000").await;
    let phy = service(&before, 100000)["phy_addr"]
        .as_str()
        .expect("a fibre service has a phy_addr")
        .to_string();
    assert_success(
        &api.post(
            "cliente/reset_phy_addr",
            json!({"id_cliente_servico": 100000}),
        )
        .await,
    );
    let after = api.customer("codigo_cliente", "1000").await;
    assert_eq!(service(&after, 100000)["phy_addr"], Value::Null);
    // The login's MAC is another address, untouched.
    assert_eq!(
        service(&after, 100000)["mac_addr"],
        service(&before, 100000)["mac_addr"]
    );
    let no_auth = api
        .post(
            "cliente/reset_phy_addr",
            json!({"id_cliente_servico": 100016}),
        )
        .await;
    assert!(assert_refused(&no_auth).contains("autenticação"));

    // Reboot and restore, by the ONU's address in any spelling.
    let bare: String = phy.chars().filter(|c| *c != ':').collect();
    let v = api
        .post(&format!("rede/reiniciar_cpe/{bare}"), json!({}))
        .await;
    assert_eq!(
        v["msg"],
        "Comando de reinicialização executado com sucesso!"
    );
    let v = api
        .post(&format!("rede/restaurar_cpe/{phy}"), json!({}))
        .await;
    assert_success(&v);
    let unknown = api.post("rede/reiniciar_cpe/AABBCCDDEEFF", json!({})).await;
    assert_eq!(assert_refused(&unknown), "Equipamento não encontrado!");
    let n = api.sim.counters();
    assert_eq!(n.get_for("phy_reset", 100000), 1);
    assert_eq!(n.get_for("cpe_reboot", &phy), 1);
    assert_eq!(n.get_for("cpe_restore", &phy), 1);
    assert_eq!(n.get("cpe_reboot"), 1);

    // The list pages through every fibre ONU once.
    let first = api.get("rede/cpe/todos?pagina=0&itens_por_pagina=50").await;
    let total = first["paginacao"]["total_registros"].as_u64().unwrap();
    let last = first["paginacao"]["ultima_pagina"].as_u64().unwrap();
    assert_eq!(last, total.div_ceil(50) - 1);
    let mut seen = std::collections::BTreeSet::new();
    for page in 0..=last {
        let v = api
            .get(&format!("rede/cpe/todos?pagina={page}&itens_por_pagina=50"))
            .await;
        for cpe in v["cpes"].as_array().unwrap() {
            assert!(seen.insert(cpe["phy_addr"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(seen.len() as u64, total);
    assert!(seen.contains(&phy));
    let missing = api.get("rede/cpe/todos").await;
    assert_refused(&missing);
}

#[tokio::test]
async fn unlock_history_passwords_messages_and_the_new_searches() {
    let api = Api::start(small()).await;
    let path = "cliente?busca=codigo_cliente&termo_busca=1006&incluir_desbloqueios=sim";
    let history = |v: &Value| {
        service(&v["clientes"][0], 100024)["desbloqueios"]
            .as_array()
            .unwrap()
            .len()
    };
    let before = history(&api.get(path).await);
    assert!(before >= 2, "a service suspended for debt has a past");
    assert_success(
        &api.post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": 100024, "dias_desbloqueio": 2}),
        )
        .await,
    );
    let v = api.get(path).await;
    assert_eq!(history(&v), before + 1);
    let last = service(&v["clientes"][0], 100024)["desbloqueios"][before].clone();
    assert!(last["observacao"].as_str().unwrap().contains("2 dia"));
    // Not asked: not sent.
    let plain = api.customer("codigo_cliente", "1006").await;
    assert!(service(&plain, 100024).get("desbloqueios").is_none());

    let pw = api.get("cliente/cliente_servico/100000/senhas").await;
    let list = pw["cliente_servico_senha"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .all(|p| !p["senha"].as_str().unwrap().is_empty())
    );

    let t = api
        .get("cliente/atendimento?busca=codigo_cliente&termo_busca=1000&apenas_pendente=nao&limit=50&relacoes=atendimento_mensagem,ordem_servico_mensagem")
        .await;
    let tickets = t["atendimentos"].as_array().unwrap();
    assert!(tickets.iter().all(|t| t["atendimento_mensagem"].is_array()));
    assert!(
        tickets
            .iter()
            .any(|t| !t["atendimento_mensagem"].as_array().unwrap().is_empty())
    );

    for (busca, termo) in [
        ("id_cliente_servico", "100000"),
        ("id_cliente", "10000"),
        ("id_externo", "ERP-71000"),
    ] {
        let v = api
            .get(&format!("cliente?busca={busca}&termo_busca={termo}"))
            .await;
        assert_eq!(v["clientes"][0]["codigo_cliente"], 1000, "{busca}");
    }
    let c = api.customer("codigo_cliente", "1000").await;
    let ip = service(&c, 100000)["ipv4"].as_str().unwrap().to_string();
    let log = api
        .get(&format!(
            "cliente/extrato_conexao?busca=ipv4&termo_busca={ip}"
        ))
        .await;
    let rows = log["registros"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["framedipaddress"] == ip.as_str()));
}

#[tokio::test]
async fn a_2020_server_lacks_every_newer_route_and_says_so_without_an_envelope() {
    let api = Api::start(legacy()).await;
    let cases = [
        ("GET", "cliente/todos?pagina=0&itens_por_pagina=10", 404),
        ("GET", "financeiro/fatura", 404),
        ("GET", "configuracao/cidade", 404),
        ("GET", "rede/cpe/todos?pagina=0&itens_por_pagina=10", 404),
        ("GET", "cliente/cliente_servico/100000/senhas", 404),
        ("POST", "cliente/reset_phy_addr", 405),
        ("POST", "cliente/cliente_servico/habilitar/100005", 405),
        ("POST", "cliente/cliente_servico/suspender/100000", 405),
        ("POST", "cliente/cliente_servico/ativar/100012", 405),
        ("POST", "rede/reiniciar_cpe/485702000000", 405),
        ("POST", "rede/restaurar_cpe/485702000000", 405),
    ];
    assert_eq!(cases.len(), NEWER_ROUTES.len());
    for (method, path, status) in cases {
        let req = match method {
            "GET" => api.http.get(api.url(path)),
            _ => api
                .http
                .post(api.url(path))
                .json(&json!({"id_cliente_servico": 100000})),
        };
        let r = req.bearer_auth(&api.token).send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{path}");
        let body = r.text().await.unwrap();
        assert!(
            !body.contains("\"status\"") && !body.contains("\"msg\""),
            "{path}: {body}"
        );
    }
    // Nothing changed and nothing counted as a side effect.
    let n = api.sim.counters();
    assert!(n.actions.keys().all(|k| k == "token"), "{:?}", n.actions);
    assert_eq!(n.requests("cliente/reset_phy_addr"), 1);
    // The 2020 reads ignore the newer parameters and refuse the new kinds.
    let v = api
        .get("cliente?busca=codigo_cliente&termo_busca=1006&incluir_desbloqueios=sim")
        .await;
    assert!(
        service(&v["clientes"][0], 100024)
            .get("desbloqueios")
            .is_none()
    );
    assert_refused(
        &api.get("cliente?busca=id_externo&termo_busca=ERP-71000")
            .await,
    );
    assert_refused(
        &api.get("cliente/extrato_conexao?busca=ipv4&termo_busca=10.0.0.1")
            .await,
    );
}
