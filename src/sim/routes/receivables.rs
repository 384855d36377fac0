//! `GET /financeiro`: invoices of every customer in a period.

use super::*;

pub(super) async fn receivables(State(sim): S, Query(query): Q) -> Reply {
    let today = sim.now().date();
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let busca = q(&query, "busca");
    let termo = q(&query, "termo_busca");
    let by_payment = q(&query, "tipo_data") == Some("data_pagamento");
    let detailed = q(&query, "tipo_resultado") == Some("detalhado");
    let (mut from, mut to) = (from, to);
    let custs: Option<Vec<u32>> = match (busca, termo) {
        (Some(b), Some(t)) => {
            const KINDS: [&str; 4] = [
                "id_cliente",
                "codigo_cliente",
                "cpf_cnpj",
                "id_cliente_servico",
            ];
            if !KINDS.contains(&b) {
                return bad_busca(b, &KINDS);
            }
            Some(customers_by(&sim, b, t))
        }
        _ => {
            // Without a search the window is today-10..today, at most 30 days.
            let f = from.unwrap_or(today - Days::new(10));
            let t = to.unwrap_or(if from.is_some() {
                f + Days::new(30)
            } else {
                today
            });
            let t = t.min(f + Days::new(30));
            from = Some(f);
            to = Some(t);
            None
        }
    };
    let paid_filter = match q(&query, "apenas_quitado") {
        Some("sim") => Some(true),
        Some("nao") => Some(false),
        _ => None,
    };
    let mut list = Vec::new();
    let mut consider = |c: &data::Customer| {
        for inv in data::invoices(sim.cfg.seed, c, sim.today) {
            // Unpaid invoices have no payment date to filter on.
            let Some(d) = (if by_payment { inv.paid } else { Some(inv.due) }) else {
                continue;
            };
            if from.is_some_and(|f| d < f) || to.is_some_and(|t| d > t) {
                continue;
            }
            if paid_filter.is_some_and(|p| p != inv.paid.is_some()) {
                continue;
            }
            list.push((c.idx, inv));
        }
    };
    match &custs {
        Some(v) => v.iter().for_each(|i| consider(&sim.customers[*i as usize])),
        None => sim.customers.iter().for_each(&mut consider),
    }
    match q(&query, "order_by") {
        Some("data_pagamento") => list.sort_by_key(|(_, i)| (i.paid, i.id)),
        Some("valor") => {
            list.sort_by(|a, b| a.1.valor.total_cmp(&b.1.valor).then(a.1.id.cmp(&b.1.id)))
        }
        _ => list.sort_by_key(|(_, i)| (i.due, i.id)),
    }
    if desc(&query, false) {
        list.reverse();
    }
    let out: Vec<Value> = list
        .iter()
        .take(lim)
        .map(|(c, i)| {
            let mut v = render::receivable_json(&sim.customers[*c as usize], i);
            if detailed {
                v["detalhamento"] = i
                    .lines
                    .iter()
                    .map(|(d, x)| json!({"descricao": d, "valor": render::money(*x)}))
                    .collect();
            }
            v
        })
        .collect();
    success(
        "Dados consultados com sucesso.",
        "faturas",
        Value::Array(out),
    )
}
