//! `GET /prospecto/create` (plans for a CEP), `GET /prospecto`, `POST /prospecto`.

use super::*;

pub(super) fn city_of_cep(cep: &str) -> Option<&'static crate::sim::words::City> {
    let d = docs::digits(cep);
    if d.len() != 8 {
        return None;
    }
    let n: u32 = d.parse().ok()?;
    crate::sim::words::words()
        .cities
        .iter()
        .find(|c| (c.cep_first..=c.cep_last).contains(&n))
}

pub(super) async fn prospect_plans(Query(query): Q) -> Reply {
    let Some(cep) = q(&query, "cep") else {
        return refuse("CEP não informado.", vec![]);
    };
    let Some(city) = city_of_cep(cep) else {
        return refuse("Nenhuma cidade foi encontrada com esse CEP.", vec![]);
    };
    let list: Vec<Value> = render::PROSPECT_PLANS
        .iter()
        .filter(|p| !city.business_unit || p.5)
        .map(render::prospect_plan_json)
        .collect();
    success(
        "Dados consultados com sucesso",
        "servicos",
        Value::Array(list),
    )
}

pub(super) async fn prospect_search(State(sim): S, Query(query): Q) -> Reply {
    let Some(busca) = q(&query, "busca") else {
        return refuse("O campo busca é obrigatória", vec![]);
    };
    let f = docs::fold(busca);
    let st = sim.state();
    let list: Vec<Value> = st
        .prospects
        .iter()
        .filter(|p| docs::fold(&p.nome).contains(&f))
        .map(|p| render::prospect_json(p, false))
        .collect();
    success(
        "Dados consultados com sucesso",
        "prospectos",
        Value::Array(list),
    )
}

pub(super) async fn prospect_create(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let servico = m
        .get("servico")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut missing = Vec::new();
    for k in [
        "cep",
        "nome_razaosocial",
        "cpf_cnpj",
        "telefone",
        "tipo_pessoa",
        "bairro",
        "endereco",
        "numero",
    ] {
        if text(&m, k).is_none() {
            missing.push(format!("O campo {k} é obrigatório."));
        }
    }
    for k in ["id_servico", "valor"] {
        if text(&servico, k).is_none() {
            missing.push(format!("O campo servico.{k} é obrigatório."));
        }
    }
    if !missing.is_empty() {
        return refuse("Verifique os dados enviados", missing);
    }
    let cep = text(&m, "cep").unwrap_or_default();
    if city_of_cep(&cep).is_none() {
        return refuse("Nenhuma cidade foi encontrada com esse CEP.", vec![]);
    }
    let tipo = text(&m, "tipo_pessoa").unwrap_or_default().to_lowercase();
    if tipo != "pf" && tipo != "pj" {
        return refuse(
            "O campo tipo_pessoa deve ser pf ou pj",
            vec!["tipo_pessoa".into()],
        );
    }
    let doc = docs::doc_key(&text(&m, "cpf_cnpj").unwrap_or_default());
    let now = sim.now();
    let p = {
        let mut st = sim.state();
        if let Some(prev) = st.prospects.iter().find(|p| p.doc == doc) {
            return refuse(
                format!(
                    "O CPF/CNPJ já foi cadastrado antes no prospecto {}",
                    prev.nome
                ),
                vec![],
            );
        }
        let p = Prospect {
            id: 100 + st.prospects.len() as u32 + 1000,
            nome: text(&m, "nome_razaosocial")
                .unwrap_or_default()
                .to_uppercase(),
            doc: doc.clone(),
            email: text(&m, "email"),
            telefone: docs::digits(&text(&m, "telefone").unwrap_or_default()),
            observacao: text(&m, "observacao"),
            tipo_pessoa: tipo,
            created: now,
            id_servico: int(&servico, "id_servico").unwrap_or(0) as u32,
            valor: text(&servico, "valor").unwrap_or_default(),
        };
        st.prospects.push(p.clone());
        p
    };
    record(&sim, "prospect_create", &doc, json!({"id_prospecto": p.id}));
    let mut v = render::prospect_json(&p, true);
    if let Some(o) = v.as_object_mut() {
        o.remove("id_cliente");
    }
    success("Prospecto adicionado com sucesso", "prospecto", v)
}
