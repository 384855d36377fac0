//! Stateful actions: each must show in later reads and be counted exactly once.

use crate::support;

use std::time::{Duration, Instant};

use hubdesk::sim::SimConfig;
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

#[tokio::test]
async fn new_ticket_gets_a_protocol_and_an_order_when_asked() {
    let api = Api::start(small()).await;
    let v = api
        .post(
            "atendimento",
            json!({"id_cliente_servico": "100000", "descricao": "Sem acesso", "nome": "Ana", "telefone": "37999112233", "abrir_os": true}),
        )
        .await;
    assert_success(&v);
    let t = &v["atendimento"];
    let protocolo = t["protocolo"].as_str().expect("protocol string");
    assert_eq!(protocolo.len(), 20);
    assert!(protocolo.bytes().all(|b| b.is_ascii_digit()));
    assert!(v["msg"].as_str().expect("msg").contains(protocolo));
    assert_eq!(t["ordens_servico"].as_array().expect("os").len(), 1);
    let numero = t["ordens_servico"][0]["numero_ordem_servico"]
        .as_str()
        .expect("numero")
        .to_string();

    // Visible by protocol, by customer code and by service.
    let by_proto = api
        .get(&format!(
            "cliente/atendimento?busca=protocolo&termo_busca={protocolo}"
        ))
        .await;
    assert_eq!(by_proto["atendimentos"].as_array().expect("list").len(), 1);
    assert_eq!(by_proto["atendimentos"][0]["protocolo"], protocolo);
    let by_code = api
        .get("cliente/atendimento?busca=codigo_cliente&termo_busca=1000&limit=50")
        .await;
    assert!(
        by_code["atendimentos"]
            .as_array()
            .expect("list")
            .iter()
            .any(|a| a["protocolo"] == protocolo)
    );
    let os = api
        .get(&format!(
            "cliente/ordem_servico?busca=numero_ordem_servico&termo_busca={numero}"
        ))
        .await;
    assert_eq!(os["ordens_servico"][0]["status"], "aguardando_agendamento");
    assert_eq!(
        os["ordens_servico"][0]["atendimento"]["protocolo"],
        protocolo
    );

    // Without abrir_os: no order.
    let v2 = api
        .post("atendimento", json!({"id_cliente_servico": 100000, "descricao": "Segunda via", "nome": "Ana", "telefone": "37999112233"}))
        .await;
    assert_eq!(v2["atendimento"]["ordens_servico"], json!([]));
    assert_ne!(v2["atendimento"]["protocolo"], protocolo);

    let c = api.sim.counters();
    assert_eq!(c.get("ticket_open"), 2);
    assert_eq!(c.get_for("ticket_open", 100000), 2);
    assert_eq!(c.get("os_open"), 1);

    // Missing required fields: refused, nothing counted.
    let r = api
        .post(
            "atendimento",
            json!({"id_cliente_servico": "100000", "descricao": "x"}),
        )
        .await;
    let msg = assert_refused(&r);
    assert!(!msg.is_empty());
    assert_eq!(r["errors"].as_array().expect("errors").len(), 2, "{r}");
    assert_eq!(api.sim.counters().get("ticket_open"), 2);
}

#[tokio::test]
async fn ticket_edit_then_close_closes_its_orders() {
    let api = Api::start(small()).await;
    let v = api
        .post("atendimento", json!({"id_cliente_servico": "100028", "descricao": "Lento", "nome": "Rui", "telefone": "37999112233", "abrir_os": "true"}))
        .await;
    let id = v["atendimento"]["id_atendimento"].as_u64().expect("id");
    let protocolo = v["atendimento"]["protocolo"]
        .as_str()
        .expect("p")
        .to_string();

    let e = api
        .put(&format!("atendimento/{id}"), json!({"descricao": "Lento à noite", "fechar_atendimento": false, "parametros": {"atendente": "maria"}}))
        .await;
    assert_success(&e);
    assert_eq!(e["atendimento"]["descricao_abertura"], "Lento à noite");
    assert_eq!(e["atendimento"]["data_fechamento"], Value::Null);
    let read = api
        .get(&format!(
            "cliente/atendimento?busca=protocolo&termo_busca={protocolo}"
        ))
        .await;
    assert_eq!(
        read["atendimentos"][0]["descricao_abertura"],
        "Lento à noite"
    );

    let closed = api
        .put(
            &format!("atendimento/{id}"),
            json!({"fechar_atendimento": true, "parametros": {"atendente": "maria"}}),
        )
        .await;
    assert_success(&closed);
    assert!(closed["atendimento"]["data_fechamento"].is_string());
    // Gone from the pending list, present and closed in the full one.
    let pending = api
        .get(&format!(
            "cliente/atendimento?busca=protocolo&termo_busca={protocolo}"
        ))
        .await;
    assert_eq!(pending["atendimentos"], json!([]));
    let all = api
        .get(&format!(
            "cliente/atendimento?busca=protocolo&termo_busca={protocolo}&apenas_pendente=nao"
        ))
        .await;
    let t = &all["atendimentos"][0];
    assert_eq!(t["status"], "Finalizado");
    assert_eq!(t["ordens_servico"][0]["status"], "finalizado");
    assert!(t["ordens_servico"][0]["data_termino_executado"].is_string());

    // A closed ticket cannot be edited again.
    let again = api
        .put(
            &format!("atendimento/{id}"),
            json!({"fechar_atendimento": true, "parametros": {}}),
        )
        .await;
    assert_refused(&again);
    // Unknown ticket.
    assert_refused(
        &api.put(
            "atendimento/999",
            json!({"fechar_atendimento": true, "parametros": {}}),
        )
        .await,
    );

    let c = api.sim.counters();
    assert_eq!(c.get_for("ticket_edit", id), 1);
    assert_eq!(c.get_for("ticket_close", id), 1);
    assert_eq!(c.get("os_close"), 1);
}

#[tokio::test]
async fn trust_unlock_reenables_until_a_date_and_refuses_beyond_the_limit() {
    let api = Api::start(small()).await;
    let before = api.customer("codigo_cliente", "1006").await;
    assert_eq!(
        service(&before, 100024)["status_prefixo"],
        "suspenso_debito"
    );

    let r = api
        .post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": "100024", "dias_desbloqueio": "4"}),
        )
        .await;
    let msg = assert_refused(&r);
    assert!(msg.contains("limite de 3 dias"), "{msg}");
    assert_eq!(api.sim.counters().get("unlock"), 0);
    let still = api.customer("codigo_cliente", "1006").await;
    assert_eq!(service(&still, 100024)["status_prefixo"], "suspenso_debito");

    let ok = api
        .post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": 100024, "dias_desbloqueio": 3}),
        )
        .await;
    assert_success(&ok);
    assert!(
        ok["msg"]
            .as_str()
            .expect("msg")
            .ends_with("até a data 19/03/2026"),
        "{ok}"
    );
    let after = api.customer("codigo_cliente", "1006").await;
    assert_eq!(service(&after, 100024)["status"], "Serviço Habilitado");
    assert_eq!(
        service(&after, 100024)["status_prefixo"],
        "servico_habilitado"
    );

    // Not suspended any more (and an enabled service): refused.
    assert_refused(
        &api.post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": "100024"}),
        )
        .await,
    );
    assert_refused(
        &api.post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": "100000"}),
        )
        .await,
    );
    assert_eq!(api.sim.counters().get_for("unlock", 100024), 1);
    assert_eq!(api.sim.counters().get("unlock"), 1);
}

#[tokio::test]
async fn unlock_limit_and_default_day_are_configurable() {
    let api = Api::start(SimConfig {
        unlock_max_days: 5,
        ..small()
    })
    .await;
    // Omitted dias_desbloqueio means 1 day, as documented.
    let ok = api
        .post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": "100005"}),
        )
        .await;
    assert!(
        ok["msg"].as_str().expect("msg").ends_with("17/03/2026"),
        "{ok}"
    );
    let ok = api
        .post(
            "cliente/desbloqueio_confianca",
            json!({"id_cliente_servico": "100024", "dias_desbloqueio": "5"}),
        )
        .await;
    assert_success(&ok);
}

async fn last_connection(api: &Api, code: &str, sid: u64) -> Value {
    let c = api.customer("codigo_cliente", code).await;
    service(&c, sid)["ultima_conexao"].clone()
}

#[tokio::test]
async fn disconnect_drops_the_session_and_the_service_reconnects_later() {
    let api = Api::start(SimConfig {
        // Long enough that the offline state is surely observed first, even
        // on a loaded machine; the wait below is bounded, not fixed.
        reconnect_delay: Duration::from_secs(3),
        ..small()
    })
    .await;
    let before = last_connection(&api, "1007", 100028).await;
    assert_eq!(before["conectado"], true);

    let v = api.get("cliente/solicitar_desconexao/100028").await;
    assert_success(&v);
    let login = v["login"].as_str().expect("login").to_string();
    assert!(v["msg"].as_str().expect("msg").contains(&login));

    let now = last_connection(&api, "1007", 100028).await;
    assert_eq!(now["conectado"], false, "{now}");
    assert!(
        now["status_txt"]
            .as_str()
            .expect("txt")
            .starts_with("DESCONECTADO")
    );
    // While offline a second request fails and is not counted.
    let again = api.get("cliente/solicitar_desconexao/100028").await;
    assert_eq!(again["status"], "error");
    assert_eq!(again["errors"], json!([]));
    assert_eq!(api.sim.counters().get_for("disconnect", 100028), 1);

    let deadline = Instant::now() + Duration::from_secs(20);
    let back = loop {
        let u = last_connection(&api, "1007", 100028).await;
        if u["conectado"] == true {
            break u;
        }
        assert!(Instant::now() < deadline, "never reconnected: {u}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        back["ultimo_ipv4"]
            .as_str()
            .expect("ip")
            .starts_with("189.90."),
        "{back}"
    );
    assert!(back["ultima_desconexao"].is_string());

    // The history shows the cut session and the new one on top.
    let log = api
        .get(&format!(
            "cliente/extrato_conexao?busca=login&termo_busca={login}&limit=3"
        ))
        .await;
    let regs = log["registros"].as_array().expect("registros");
    assert_eq!(regs[0]["acctstoptime"], Value::Null);
    assert_eq!(regs[0]["framedipaddress"], back["ultimo_ipv4"]);
    assert!(regs[1]["acctstoptime"].is_string());
    assert_eq!(log["estatisticas"]["total_conexoes"], 3);
}

#[tokio::test]
async fn disconnect_of_an_offline_or_unauthenticated_service_fails() {
    let api = Api::start(small()).await;
    for sid in [100004, 100016] {
        let v = api
            .get(&format!("cliente/solicitar_desconexao/{sid}"))
            .await;
        assert_eq!(v["status"], "error", "{v}");
        assert_eq!(v["errors"], json!([]));
    }
    assert_eq!(api.sim.counters().get("disconnect"), 0);
}

#[tokio::test]
async fn mac_reset_needs_authentication_data() {
    let api = Api::start(small()).await;
    let c = api.customer("codigo_cliente", "1004").await;
    assert_eq!(service(&c, 100016)["login"], Value::Null);
    let r = api
        .post(
            "cliente/reset_mac_addr",
            json!({"id_cliente_servico": "100016"}),
        )
        .await;
    let msg = assert_refused(&r);
    assert!(msg.contains("autenticação"), "{msg}");
    assert_eq!(api.sim.counters().get("mac_reset"), 0);

    let before = api.customer("codigo_cliente", "1000").await;
    assert!(service(&before, 100000)["mac_addr"].is_string());
    let ok = api
        .post(
            "cliente/reset_mac_addr",
            json!({"id_cliente_servico": "100000"}),
        )
        .await;
    assert_eq!(ok["msg"], "Endereço MAC resetado com sucesso!");
    let after = api.customer("codigo_cliente", "1000").await;
    assert_eq!(service(&after, 100000)["mac_addr"], Value::Null);
    assert_eq!(api.sim.counters().get_for("mac_reset", 100000), 1);
}

#[tokio::test]
async fn resending_an_invoice_queues_jobs_for_registered_and_additional_recipients() {
    let api = Api::start(small()).await;
    let c = api.customer("codigo_cliente", "1000").await;
    let inv = api
        .get("cliente/financeiro?busca=codigo_cliente&termo_busca=1000&apenas_pendente=nao")
        .await;
    let id = inv["faturas"][0]["id_fatura"].as_u64().expect("id");

    let v = api
        .post(
            "cliente/financeiro/enviar_email",
            json!({"id_fatura": id.to_string(), "email_adicional": ["a@x.com", "b@x.com"]}),
        )
        .await;
    let emails: Vec<(String, String)> = v["job"]["emails"]
        .as_array()
        .expect("emails")
        .iter()
        .map(|e| {
            (
                e["email"].as_str().expect("e").to_string(),
                e["origem"].as_str().expect("o").to_string(),
            )
        })
        .collect();
    let registered = c["email_principal"]
        .as_str()
        .expect("customer 1000 has an e-mail");
    assert_eq!(
        emails[0],
        (registered.to_string(), "cadastro_cliente".to_string())
    );
    assert!(emails.contains(&("a@x.com".into(), "email_adicional".into())));
    assert!(emails.contains(&("b@x.com".into(), "email_adicional".into())));
    assert_eq!(v["job"]["faturas"][0]["id_fatura"], id);

    // SMS: mobile numbers on file plus the additional ones, under either key.
    let v = api
        .post(
            "cliente/financeiro/enviar_sms",
            json!({"id_fatura": id, "telefone_adicional": ["11988887777"]}),
        )
        .await;
    let tels: Vec<&str> = v["job"]["telefones"]
        .as_array()
        .expect("t")
        .iter()
        .map(|t| t["telefone"].as_str().expect("s"))
        .collect();
    assert!(tels.contains(&c["telefone_primario"].as_str().expect("phone")));
    assert!(tels.contains(&"11988887777"));
    let v = api
        .post(
            "cliente/financeiro/enviar_sms",
            json!({"id_fatura": id, "email_adicional": ["1188887776"]}),
        )
        .await;
    assert!(
        v["job"]["telefones"]
            .as_array()
            .expect("t")
            .iter()
            .any(|t| t["telefone"] == "1188887776")
    );

    assert_success(
        &api.post("cliente/financeiro/enviar_push", json!({"id_fatura": id}))
            .await,
    );
    assert_refused(
        &api.post("cliente/financeiro/enviar_push", json!({"id_fatura": "42"}))
            .await,
    );

    let counters = api.sim.counters();
    assert_eq!(counters.get_for("invoice_email", id), 1);
    assert_eq!(counters.get_for("invoice_sms", id), 2);
    assert_eq!(counters.get_for("invoice_push", id), 1);
    let rec = api.sim.records();
    let email_job = rec
        .iter()
        .find(|r| r.kind == "invoice_email")
        .expect("recorded");
    assert_eq!(
        email_job.detail["emails"].as_array().expect("e").len(),
        emails.len()
    );
}

#[tokio::test]
async fn a_second_prospect_with_the_same_document_is_refused() {
    let api = Api::start(small()).await;
    let body = json!({"cep": "35500-100", "servico": {"id_servico": 1301, "valor": 99.9}, "cpf_cnpj": "529.982.247-25",
        "telefone": "37999112233", "nome_razaosocial": "Joana Prado", "tipo_pessoa": "pf", "bairro": "Centro", "endereco": "Rua A", "numero": 7});
    let v = api.post("prospecto", body.clone()).await;
    assert_success(&v);
    assert_eq!(v["prospecto"]["cpf_cnpj"], "52998224725");
    assert_eq!(v["prospecto"]["prospecto_servico"]["valor"], "99.9");
    let found = api.get("prospecto?busca=joana").await;
    assert_eq!(found["prospectos"].as_array().expect("list").len(), 1);

    let dup = api.post("prospecto", body).await;
    assert_eq!(
        assert_refused(&dup),
        "O CPF/CNPJ já foi cadastrado antes no prospecto JOANA PRADO"
    );
    assert_eq!(api.sim.counters().get("prospect_create"), 1);

    // CEP outside the served cities, and missing fields.
    let mut bad = json!({"cep": "01001000", "servico": {"id_servico": 1301, "valor": 99.9}, "cpf_cnpj": "86214941081",
        "telefone": "37999112233", "nome_razaosocial": "X", "tipo_pessoa": "pf", "bairro": "Centro", "endereco": "Rua A", "numero": 7});
    assert_eq!(
        assert_refused(&api.post("prospecto", bad.clone()).await),
        "Nenhuma cidade foi encontrada com esse CEP."
    );
    bad["cep"] = json!("35500000");
    bad.as_object_mut().expect("obj").remove("bairro");
    assert_refused(&api.post("prospecto", bad).await);
    assert_eq!(api.sim.counters().get("prospect_create"), 1);
}

#[tokio::test]
async fn pbx_calls_are_accepted_and_recorded() {
    let api = Api::start(small()).await;
    let v = api
        .post(
            "pbx/ligacao/notificar",
            json!({"ramal": 111, "telefone": 37999912222_u64, "codigo_cliente": 1000}),
        )
        .await;
    assert_eq!(v["msg"], "Ligação notificada com sucesso");
    let v = api
        .post(
            "pbx/ligacao/cancelar",
            json!({"identificador_interno": "ATD7", "telefone": 37999912222_u64}),
        )
        .await;
    assert_eq!(v["msg"], "Ligação cancelada com sucesso");
    assert_refused(
        &api.post(
            "pbx/ligacao/notificar",
            json!({"telefone": 37999912222_u64}),
        )
        .await,
    );
    assert_refused(
        &api.post(
            "pbx/ligacao/notificar",
            json!({"ramal": 111, "codigo_cliente": 999_999}),
        )
        .await,
    );

    let c = api.sim.counters();
    assert_eq!(c.get_for("pbx_notify", 111), 1);
    assert_eq!(c.get_for("pbx_cancel", "ATD7"), 1);
    assert_eq!(c.get("pbx_notify"), 1);
    let rec = api.sim.records();
    let n = rec
        .iter()
        .find(|r| r.kind == "pbx_notify")
        .expect("recorded");
    assert_eq!(n.detail["telefone"], 37999912222_u64);
    assert_eq!(n.detail["codigo_cliente"], 1000);
}
