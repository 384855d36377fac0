//! `GET /cliente/ordem_servico`.

use super::*;

pub(super) async fn customer_orders(State(sim): S, Query(query): Q) -> Reply {
    let Some(busca) = q(&query, "busca").map(str::to_string) else {
        return refuse(
            "Favor preencher o atributo (busca)",
            vec!["busca é obrigatório".into()],
        );
    };
    const KINDS: [&str; 4] = [
        "codigo_cliente",
        "cpf_cnpj",
        "id_cliente_servico",
        "numero_ordem_servico",
    ];
    if !KINDS.contains(&busca.as_str()) {
        return bad_busca(&busca, &KINDS);
    }
    // The document marks termo_busca optional here; without it there is
    // nothing to match, so the answer is an empty list.
    let termo = q(&query, "termo_busca").unwrap_or("").to_string();
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let status = q(&query, "status").map(str::to_string);
    let mut st = sim.state();
    let custs: Vec<u32> = if busca == "numero_ordem_servico" {
        termo
            .parse::<u32>()
            .ok()
            .and_then(|n| {
                let id = n + 20;
                st.os_owner.get(&id).copied().or_else(|| {
                    let cust = id.checked_sub(data::OS_BASE)? / 4;
                    ((cust as usize) < sim.customers.len() && id < 7_500_000).then_some(cust)
                })
            })
            .into_iter()
            .collect()
    } else {
        customers_by(&sim, &busca, &termo)
    };
    for c in &custs {
        render::ensure_tickets(&sim, &mut st, *c);
    }
    let sid: Option<u32> = (busca == "id_cliente_servico").then(|| termo.parse().unwrap_or(0));
    let mut list: Vec<&ServiceOrder> = custs
        .iter()
        .filter_map(|c| st.orders.get(c))
        .flatten()
        .filter(|o| busca != "numero_ordem_servico" || o.numero == termo)
        .filter(|o| sid.is_none_or(|s| o.service == s))
        .filter(|o| status.as_deref().is_none_or(|s| o.status == s))
        .filter(|o| from.is_none_or(|f| o.created.date() >= f))
        .filter(|o| to.is_none_or(|d| o.created.date() <= d))
        .collect();
    list.sort_by_key(|o| (o.created, o.id));
    if desc(&query, true) {
        list.reverse();
    }
    let out: Vec<Value> = list
        .into_iter()
        .take(lim)
        .map(|o| render::order_json(&sim, &st, o, true))
        .collect();
    success_as_sent(
        &sim,
        "Dados consultados com sucesso",
        "ordens_servico",
        Value::Array(out),
    )
}
