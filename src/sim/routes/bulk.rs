//! The paginated routes of current servers: `GET /cliente/todos`,
//! `GET /financeiro/fatura`, and `GET /configuracao/cidade`. A 2020
//! server has none of them (404).

use super::*;

pub(super) async fn customers_paged(State(sim): S, Query(query): Q) -> Response {
    if let Some(r) = not_offered(&sim, Method::GET) {
        return r;
    }
    let (page, per) = match page_params(&query, None) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e.into_response(),
    };
    let include_cancelled = yes(&query, "cancelado", false);
    let view = CustomerView {
        consulta: false,
        desbloqueios: false,
        ultima_conexao: false,
        include_cancelled,
    };
    let st = sim.state();
    // Registration order, as `cliente/all`: a page is a stable slice.
    let mut found: Vec<&data::Customer> = sim
        .customers
        .iter()
        .filter(|c| from.is_none_or(|f| c.registered.date() >= f))
        .filter(|c| to.is_none_or(|t| c.registered.date() <= t))
        .collect();
    found.sort_by_key(|c| (c.registered, c.idx));
    let total = found.len();
    let list: Vec<Value> = found
        .into_iter()
        .skip(page.saturating_mul(per))
        .take(per)
        .map(|c| render::customer_json(&sim, &st, c, &view))
        .collect();
    ok(json!({
        "status": "success",
        "msg": "Dados consultados com sucesso",
        "paginacao": paginacao(page, per, total),
        "clientes": list,
    }))
    .into_response()
}

pub(super) async fn invoices_paged(State(sim): S, Query(query): Q) -> Response {
    if let Some(r) = not_offered(&sim, Method::GET) {
        return r;
    }
    let (page, per) = match page_params(&query, Some(50)) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let rows = match receivable_rows(&sim, &query) {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let total = rows.len();
    let list = render_receivables(
        &sim,
        &query,
        rows.iter().skip(page.saturating_mul(per)).take(per),
    );
    ok(json!({
        "status": "success",
        "msg": "Dados consultados com sucesso",
        "paginacao": paginacao(page, per, total),
        "faturas": list,
    }))
    .into_response()
}

pub(super) async fn cities_current(State(sim): S) -> Response {
    if let Some(r) = not_offered(&sim, Method::GET) {
        return r;
    }
    success(
        "Dados consultados com sucesso.",
        "cidades",
        Value::Array(render::cities(&sim)),
    )
    .into_response()
}
