//! The synthetic data (determinism, validity, variety, fixtures) and the
//! documented parameters: limits, defaults, required fields, search semantics.

use crate::support;

use std::collections::BTreeSet;
use std::time::Duration;

use hubdesk::sim::{SimConfig, valid_cpf_cnpj};
use serde_json::{Value, json};
use support::*;

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key].as_array().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn services(all: &Value) -> Vec<&Value> {
    list(all, "clientes")
        .iter()
        .flat_map(|c| list(c, "servicos"))
        .collect()
}

#[tokio::test]
async fn default_demo_has_2000_valid_and_varied_customers() {
    assert_eq!(SimConfig::default().customers, 2000);
    let api = Api::start(SimConfig {
        today: Some(day("2026-03-16")),
        ..SimConfig::default()
    })
    .await;
    let all = api.get("cliente/all").await;
    let clientes = list(&all, "clientes");
    assert_eq!(clientes.len(), 2000);
    let mut kinds = BTreeSet::new();
    for c in clientes {
        let doc = c["cpf_cnpj"].as_str().expect("doc");
        assert!(valid_cpf_cnpj(doc), "invalid document {doc}");
        let tipo = c["tipo_pessoa"].as_str().expect("tipo");
        assert_eq!(doc.len(), if tipo == "pj" { 14 } else { 11 });
        kinds.insert(tipo.to_string());
        let phone = c["telefone_primario"].as_str().expect("phone");
        assert!(
            phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit()),
            "{phone}"
        );
        let n = list(c, "servicos").len();
        assert!((1..=3).contains(&n));
    }
    assert_eq!(kinds, BTreeSet::from(["pf".to_string(), "pj".to_string()]));
    let ids: BTreeSet<u64> = clientes
        .iter()
        .map(|c| c["codigo_cliente"].as_u64().expect("code"))
        .collect();
    assert_eq!(ids.len(), 2000);

    let svcs = services(&all);
    let prefixes: BTreeSet<&str> = svcs
        .iter()
        .map(|s| s["status_prefixo"].as_str().expect("p"))
        .collect();
    for p in [
        "servico_habilitado",
        "suspenso_debito",
        "bloqueio_administrativo",
        "cancelado",
        "aguardando_instalacao",
        "aguardando_migracao",
    ] {
        assert!(prefixes.contains(p), "no {p} in {prefixes:?}");
    }
    let techs: BTreeSet<&str> = svcs
        .iter()
        .map(|s| s["tecnologia"].as_str().expect("t"))
        .collect();
    assert_eq!(techs, BTreeSet::from(["FIBRA", "WIRELESS"]));
    assert!(svcs.iter().any(|s| s["pacotes"].is_array()));
    assert!(
        svcs.iter().any(|s| s.get("pacotes").is_none()),
        "cliente/all omits null pacotes"
    );
    assert!(
        svcs.iter()
            .all(|s| s.get("equipamento_roteamento").is_some())
    );
    assert!(
        svcs.iter()
            .all(|s| s.get("ultima_conexao").is_none() && s.get("alerta").is_none())
    );

    // /cliente: both documented spellings, both ultima_conexao forms, null pacotes.
    let v = api.get("cliente?busca=nome_razaosocial&termo_busca=a&limit=100&ultima_conexao=sim&cancelado=sim").await;
    let svcs = services(&v);
    assert!(
        svcs.iter()
            .any(|s| s.get("equipamentoroteamento").is_some())
    );
    assert!(
        svcs.iter()
            .any(|s| s.get("equipamento_roteamento").is_some())
    );
    assert!(svcs.iter().any(|s| s["ultima_conexao"] == json!([])));
    assert!(
        svcs.iter()
            .any(|s| s["ultima_conexao"]["conectado"] == true)
    );
    assert!(
        svcs.iter()
            .any(|s| s["ultima_conexao"]["conectado"] == false)
    );
    assert!(svcs.iter().any(|s| s["pacotes"].is_null()));
    api.sim.shutdown();
}

#[tokio::test]
async fn same_seed_same_data_other_seed_other_data() {
    let a = Api::start(small()).await;
    let b = Api::start(small()).await;
    let c = Api::start(SimConfig { seed: 7, ..small() }).await;
    let va = a.get("cliente/all").await;
    assert!(va == b.get("cliente/all").await, "same seed, same data");
    assert!(va != c.get("cliente/all").await, "other seed, other data");
    let q = "cliente/financeiro?busca=codigo_cliente&termo_busca=1010&apenas_pendente=nao";
    assert_eq!(a.get(q).await, b.get(q).await);
    let q = "cliente/atendimento?busca=codigo_cliente&termo_busca=1000&apenas_pendente=nao";
    assert_eq!(a.get(q).await, b.get(q).await);
}

#[tokio::test]
async fn documented_fixtures_exist() {
    let api = Api::start(small()).await;
    let c = api.customer("codigo_cliente", "1000").await;
    assert_eq!(c["nome_razaosocial"], "JOSÉ DA CONCEIÇÃO ARAÚJO");
    assert_eq!(c["alerta"], true);
    assert!(
        list(&c, "alerta_mensagens")[0]
            .as_str()
            .expect("m")
            .contains("rompimento de fibra")
    );
    let pj = api.customer("codigo_cliente", "1001").await;
    assert_eq!(pj["tipo_pessoa"], "pj");
    assert_eq!(pj["nome_fantasia"], "PADARIA SÃO JOSÉ");
    let esc = api.customer("codigo_cliente", "1002").await;
    let street = esc["servicos"][0]["endereco_instalacao"]["endereco"]
        .as_str()
        .expect("street");
    assert!(street.contains('\u{1b}'), "{street:?}");
    let long = api.customer("codigo_cliente", "1003").await;
    assert!(
        long["nome_razaosocial"]
            .as_str()
            .expect("name")
            .chars()
            .count()
            > 200
    );
    assert_eq!(long["servicos"][0]["ultima_conexao"], json!([]));
    let other = api.customer("codigo_cliente", "1002").await;
    assert_eq!(other["alerta"], false);
    assert_eq!(other["alerta_mensagens"], json!([]));

    // Everyone in the cut neighbourhood shares the alert; the city list shows it.
    let cities = api.get("endereco/cidade").await;
    let div = list(&cities, "cidades")
        .iter()
        .find(|c| c["nome"] == "Divinópolis")
        .expect("city");
    assert!(list(div, "bairros").iter().any(|b| b["nome"] == "IPIRANGA"));
    assert_eq!(div["ibge"], "3122306");
}

#[tokio::test]
async fn customer_search_semantics() {
    let api = Api::start(small()).await;
    let codes = |v: &Value| -> Vec<u64> {
        list(v, "clientes")
            .iter()
            .map(|c| c["codigo_cliente"].as_u64().expect("c"))
            .collect()
    };
    let find = |busca: &'static str, termo: String| {
        let api = &api;
        async move {
            codes(
                &api.get(&format!(
                    "cliente?busca={busca}&termo_busca={termo}&limit=100&cancelado=sim"
                ))
                .await,
            )
        }
    };
    // Name: substring, case- and accent-insensitive.
    assert!(
        find("nome_razaosocial", "jose%20da%20conceicao".into())
            .await
            .contains(&1000)
    );
    assert!(
        find("nome_razaosocial", "CONCEI%C3%87%C3%83O%20ARA".into())
            .await
            .contains(&1000)
    );
    assert!(
        find("nome_fantasia", "padaria%20sao".into())
            .await
            .contains(&1001)
    );
    let me = api.customer("codigo_cliente", "1007").await;
    let doc = me["cpf_cnpj"].as_str().expect("doc").to_string();
    let formatted = format!("{}.{}.{}-{}", &doc[0..3], &doc[3..6], &doc[6..9], &doc[9..]);
    assert_eq!(find("cpf_cnpj", formatted).await, vec![1007]);
    assert_eq!(find("codigo_cliente", "1007".into()).await, vec![1007]);
    assert!(find("codigo_cliente", "100".into()).await.is_empty());
    let phone = me["telefone_primario"].as_str().expect("phone").to_string();
    assert!(find("telefone", phone.clone()).await.contains(&1007));
    assert!(
        find(
            "telefone",
            format!("({})%20{}-{}", &phone[..2], &phone[2..7], &phone[7..])
        )
        .await
        .contains(&1007)
    );
    assert!(
        find("telefone", format!("55{phone}")).await.is_empty(),
        "country code finds nothing"
    );
    let s = &me["servicos"][0];
    let login = s["login"].as_str().expect("login").to_string();
    assert_eq!(find("login_radius", login.clone()).await, vec![1007]);
    assert!(
        find("login_radius", login[..login.len() - 1].to_string())
            .await
            .is_empty()
    );
    assert_eq!(
        find("ipv4", s["ipv4"].as_str().expect("ip").into()).await,
        vec![1007]
    );
    let mac = s["mac_addr"]
        .as_str()
        .expect("mac")
        .to_lowercase()
        .replace(':', "-");
    assert_eq!(find("mac", mac).await, vec![1007]);

    // cancelado=nao (the default) hides cancelled services and customers with only those.
    let v = api
        .get("cliente?busca=codigo_cliente&termo_busca=1005")
        .await;
    assert_eq!(list(&v, "clientes").len(), 0);
    let v = api
        .get("cliente?busca=codigo_cliente&termo_busca=1004")
        .await;
    assert_eq!(list(&v["clientes"][0], "servicos").len(), 1);
    let v = api
        .get("cliente?busca=codigo_cliente&termo_busca=1004&cancelado=sim")
        .await;
    assert_eq!(list(&v["clientes"][0], "servicos").len(), 2);
    // The documented example's order_by=codigo_cliente, both directions.
    let asc = codes(&api.get("cliente?busca=nome_razaosocial&termo_busca=a&limit=100&order_by=codigo_cliente&order_type=asc").await);
    assert!(
        asc.len() > 10 && asc.windows(2).all(|w| w[0] < w[1]),
        "{asc:?}"
    );
    let desc = codes(&api.get("cliente?busca=nome_razaosocial&termo_busca=a&limit=100&order_by=codigo_cliente&order_type=desc").await);
    assert!(desc.windows(2).all(|w| w[0] > w[1]), "{desc:?}");
    // Default order: registration date, oldest first.
    let v = api
        .get("cliente?busca=nome_razaosocial&termo_busca=a&limit=100")
        .await;
    let dates: Vec<&str> = list(&v, "clientes")
        .iter()
        .map(|c| c["data_cadastro"].as_str().expect("d"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    // ultima_conexao only when asked.
    assert!(
        v["clientes"][0]["servicos"][0]
            .get("ultima_conexao")
            .is_none()
    );
}

#[tokio::test]
async fn limits_defaults_and_required_parameters() {
    let api = Api::start(small()).await;
    let n = |v: &Value, k: &str| list(v, k).len();
    let v = api
        .get("cliente?busca=nome_razaosocial&termo_busca=a")
        .await;
    assert_eq!(n(&v, "clientes"), 5, "default limit 5");
    let v = api
        .get("cliente?busca=nome_razaosocial&termo_busca=a&limit=100")
        .await;
    assert_eq!(n(&v, "clientes"), 100);
    for bad in ["101", "0", "x"] {
        assert_refused(
            &api.get(&format!(
                "cliente?busca=nome_razaosocial&termo_busca=a&limit={bad}"
            ))
            .await,
        );
    }
    assert_eq!(
        assert_refused(&api.get("cliente").await),
        "Favor preencher o atributo (busca)"
    );
    assert_eq!(
        assert_refused(&api.get("cliente?busca=nome_razaosocial").await),
        "Favor preencher o atributo (busca)"
    );
    assert_refused(&api.get("cliente?busca=apelido&termo_busca=a").await);
    assert_eq!(
        assert_refused(&api.get("prospecto").await),
        "O campo busca é obrigatória"
    );
    assert_eq!(
        assert_refused(&api.get("prospecto/create").await),
        "CEP não informado."
    );
    assert_eq!(
        assert_refused(&api.get("prospecto/create?cep=99999999").await),
        "Nenhuma cidade foi encontrada com esse CEP."
    );
    assert_refused(&api.get("cliente/financeiro?busca=codigo_cliente").await);
    assert_refused(&api.get("cliente/atendimento?termo_busca=1000").await);
    assert_refused(&api.get("cliente/extrato_conexao?busca=login").await);
    assert_refused(&api.get("cliente/ordem_servico").await);
    for route in [
        "cliente/financeiro?busca=codigo_cliente&termo_busca=1000",
        "cliente/atendimento?busca=codigo_cliente&termo_busca=1000",
        "cliente/ordem_servico?busca=codigo_cliente&termo_busca=1000",
        "financeiro?x=1",
    ] {
        assert_refused(&api.get(&format!("{route}&limit=51")).await);
        assert_success(&api.get(&format!("{route}&limit=50")).await);
    }
    // Other lists default to 20.
    let v = api
        .get("financeiro?data_inicio=2026-01-01&data_fim=2026-01-30")
        .await;
    assert_eq!(n(&v, "faturas"), 20);
    let v = api
        .get("cliente/financeiro?busca=codigo_cliente&termo_busca=1001&apenas_pendente=nao")
        .await;
    assert!(n(&v, "faturas") <= 20 && n(&v, "faturas") > 3);
}

#[tokio::test]
async fn invoices_pending_by_default_and_receivables_window() {
    let api = Api::start(SimConfig {
        customers: 2000,
        ..small()
    })
    .await;
    let pend = api
        .get("cliente/financeiro?busca=codigo_cliente&termo_busca=1001")
        .await;
    let f = list(&pend, "faturas");
    assert!(!f.is_empty());
    assert!(f.iter().all(|i| i["data_pagamento"].is_null()));
    // 1001 is suspended for debt: overdue (past-due, unpaid) boletos with a PIX code.
    assert!(
        f.iter()
            .any(|i| i["linha_digitavel"].is_string() && i["pix_copia_cola"].is_string())
    );
    let all = api
        .get("cliente/financeiro?busca=codigo_cliente&termo_busca=1001&apenas_pendente=nao")
        .await;
    assert!(
        list(&all, "faturas")
            .iter()
            .any(|i| i["data_pagamento"].is_string())
    );
    assert!(list(&all, "faturas").len() > f.len());

    // No parameters: due dates from today-10 to today.
    let v = api.get("financeiro?limit=50").await;
    for i in list(&v, "faturas") {
        let d = i["data_vencimento"].as_str().expect("date");
        assert!(("2026-03-06"..="2026-03-16").contains(&d), "{d}");
        assert!(i["valor"].is_string());
    }
    // Without busca the range is capped to 30 days.
    let v = api
        .get("financeiro?data_inicio=2025-06-01&data_fim=2026-03-01&limit=50&order_type=desc")
        .await;
    let last = list(&v, "faturas")[0]["data_vencimento"]
        .as_str()
        .expect("date")
        .to_string();
    assert!(last.as_str() <= "2025-07-01", "{last}");
    // The documented example: paid ones by payment date, newest first.
    let v = api.get("financeiro?data_inicio=2026-02-05&data_fim=2026-02-20&apenas_quitado=sim&tipo_data=data_pagamento&order_by=data_pagamento&order_type=desc&limit=50").await;
    let paid: Vec<&str> = list(&v, "faturas")
        .iter()
        .map(|i| i["data_pagamento"].as_str().expect("paid"))
        .collect();
    assert!(!paid.is_empty());
    assert!(
        paid.iter()
            .all(|d| ("2026-02-05"..="2026-02-20").contains(d)),
        "{paid:?}"
    );
    assert!(paid.windows(2).all(|w| w[0] >= w[1]));
    let v = api
        .get("financeiro?apenas_quitado=nao&tipo_resultado=detalhado")
        .await;
    assert!(!list(&v, "faturas").is_empty());
    assert!(
        list(&v, "faturas")
            .iter()
            .all(|i| i["data_pagamento"].is_null() && i["detalhamento"].is_array())
    );
    // With busca it is not.
    let v = api.get("financeiro?busca=codigo_cliente&termo_busca=1010&data_inicio=2025-06-01&data_fim=2026-03-01&limit=50&order_type=desc").await;
    let last = list(&v, "faturas")[0]["data_vencimento"]
        .as_str()
        .expect("date")
        .to_string();
    assert!(last.as_str() > "2025-07-01", "{last}");
}

fn status_of_1006(v: &Value) -> Value {
    list(v, "clientes")
        .iter()
        .find(|c| c["codigo_cliente"] == 1006)
        .expect("1006")["servicos"][0]["status_prefixo"]
        .clone()
}

#[tokio::test]
async fn cliente_all_is_cached_for_a_while() {
    // A TTL far longer than the test: the second call must be the cached one.
    let api = Api::start(SimConfig {
        cache_ttl: Duration::from_secs(120),
        ..small()
    })
    .await;
    let first = api.get("cliente/all").await;
    assert_eq!(status_of_1006(&first), "suspenso_debito");
    api.post(
        "cliente/desbloqueio_confianca",
        json!({"id_cliente_servico": "100024"}),
    )
    .await;
    let second = api.get("cliente/all").await;
    assert!(
        second == first,
        "a call in quick succession must return the cached answer"
    );
    // The other query strings are cached separately.
    let limited = api.get("cliente/all?limit=2000").await;
    assert_eq!(status_of_1006(&limited), "servico_habilitado");
}

#[tokio::test]
async fn cliente_all_cache_expires() {
    let api = Api::start(SimConfig {
        cache_ttl: Duration::from_millis(50),
        ..small()
    })
    .await;
    assert_eq!(
        status_of_1006(&api.get("cliente/all").await),
        "suspenso_debito"
    );
    api.post(
        "cliente/desbloqueio_confianca",
        json!({"id_cliente_servico": "100024"}),
    )
    .await;
    // The cached answer gives way to the new state once the TTL runs out.
    eventually("the cache expires", async || {
        let status = status_of_1006(&api.get("cliente/all").await);
        assert!(
            status == "suspenso_debito" || status == "servico_habilitado",
            "{status}"
        );
        status == "servico_habilitado"
    })
    .await;
}

#[tokio::test]
async fn large_datasets_start_and_answer() {
    let api = Api::start(SimConfig {
        customers: 100_000,
        ..small()
    })
    .await;
    let v = api
        .get("cliente?busca=codigo_cliente&termo_busca=100999")
        .await;
    assert_eq!(list(&v, "clientes").len(), 1);
    assert!(valid_cpf_cnpj(
        v["clientes"][0]["cpf_cnpj"].as_str().expect("doc")
    ));
    assert!(
        hubdesk::sim::start(SimConfig {
            customers: 100_001,
            ..small()
        })
        .is_err()
    );
}

#[tokio::test]
async fn ticket_order_and_connection_filters() {
    let api = Api::start(small()).await;
    // Two open tickets on service 100000, one of them with an order.
    for os in [true, false] {
        api.post(
            "atendimento",
            json!({"id_cliente_servico": 100000, "descricao": "x", "nome": "y", "telefone": "37999112233", "abrir_os": os}),
        )
        .await;
    }
    let by_service = api
        .get("cliente/atendimento?busca=id_cliente_servico&termo_busca=100000&limit=50")
        .await;
    let tickets = list(&by_service, "atendimentos");
    assert!(tickets.len() >= 2);
    let by_code = api
        .get("cliente/atendimento?busca=codigo_cliente&termo_busca=1000&limit=50&order_type=desc")
        .await;
    let dates: Vec<String> = list(&by_code, "atendimentos")
        .iter()
        .map(|t| {
            let d = t["data_cadastro"].as_str().expect("date");
            format!("{}{}{}", &d[6..], &d[3..5], &d[..2])
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // Orders: newest first by default; status filter.
    let all = api
        .get("cliente/ordem_servico?busca=codigo_cliente&termo_busca=1000")
        .await;
    let first = &list(&all, "ordens_servico")[0];
    assert_eq!(first["tipo"], "ABERTURA VIA API", "newest first by default");
    let waiting = api.get("cliente/ordem_servico?busca=codigo_cliente&termo_busca=1000&status=aguardando_agendamento").await;
    assert!(
        list(&waiting, "ordens_servico")
            .iter()
            .all(|o| o["status"] == "aguardando_agendamento")
    );
    let done = api
        .get("cliente/ordem_servico?busca=codigo_cliente&termo_busca=1000&status=finalizado")
        .await;
    assert!(
        list(&done, "ordens_servico")
            .iter()
            .all(|o| o["status"] == "finalizado")
    );
    // Installation orders have no ticket.
    let inst = api
        .get("cliente/ordem_servico?busca=codigo_cliente&termo_busca=1003")
        .await;
    assert_eq!(inst["ordens_servico"][0]["tipo"], "INSTALAÇÃO");
    assert_eq!(inst["ordens_servico"][0]["atendimento"], Value::Null);
    // Without termo_busca (documented as optional) there is nothing to match.
    assert_eq!(
        api.get("cliente/ordem_servico?busca=codigo_cliente").await["ordens_servico"],
        json!([])
    );

    // Connection log: default window is the last 30 days, default limit 20, newest first.
    let c = api.customer("codigo_cliente", "1000").await;
    let login = c["servicos"][0]["login"]
        .as_str()
        .expect("login")
        .to_string();
    let log = api
        .get(&format!(
            "cliente/extrato_conexao?busca=login&termo_busca={login}"
        ))
        .await;
    let regs = list(&log, "registros");
    assert!(!regs.is_empty() && regs.len() <= 20);
    let starts: Vec<&str> = regs
        .iter()
        .map(|r| r["acctstarttime"].as_str().expect("start"))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]));
    assert!(starts.iter().all(|s| *s >= "2026-02-14"), "{starts:?}");
    let old = api
        .get(&format!("cliente/extrato_conexao?busca=login&termo_busca={login}&data_inicio=2026-01-01&data_fim=2026-01-31&limit=50"))
        .await;
    assert!(!list(&old, "registros").is_empty());
    assert!(list(&old, "registros").iter().all(|r| {
        r["acctstarttime"]
            .as_str()
            .expect("s")
            .starts_with("2026-01")
    }));
    assert_eq!(log["estatisticas"]["total_conexoes"], regs.len());
}
