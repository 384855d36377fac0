//! `GET /financeiro`: invoices of every customer in a period.

use super::*;

pub(super) async fn receivables(State(sim): S, Query(query): Q) -> Reply {
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let list = match receivable_rows(&sim, &query) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let out = render_receivables(&sim, &query, list.iter().take(lim));
    success(
        "Dados consultados com sucesso.",
        "faturas",
        Value::Array(out),
    )
}

/// The invoices a `financeiro` (or `financeiro/fatura`) query selects, in
/// answer order: `(customer index, invoice)`.
pub(super) fn receivable_rows(
    sim: &Sim,
    query: &HashMap<String, String>,
) -> Result<Vec<(u32, data::Invoice)>, Reply> {
    let query = query.clone();
    let today = sim.now().date();
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let busca = q(&query, "busca");
    let termo = q(&query, "termo_busca");
    let by_payment = q(&query, "tipo_data") == Some("data_pagamento");
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
                return Err(bad_busca(b, &KINDS));
            }
            Some(customers_by(sim, b, t))
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
    // `apenas_em_aberto` (financeiro/fatura only).
    let open_only = q(&query, "apenas_em_aberto") == Some("sim");
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
            if open_only && inv.paid.is_some() {
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
    Ok(list)
}

/// The rows as `faturas`, with `detalhamento` when asked for.
pub(super) fn render_receivables<'a>(
    sim: &Sim,
    query: &HashMap<String, String>,
    rows: impl Iterator<Item = &'a (u32, data::Invoice)>,
) -> Vec<Value> {
    let detailed = q(query, "tipo_resultado") == Some("detalhado");
    rows.map(|(c, i)| {
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
    .collect()
}
