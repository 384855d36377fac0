//! CPEs on current servers: `POST /rede/reiniciar_cpe/{phy_addr}`,
//! `POST /rede/restaurar_cpe/{phy_addr}` and `GET /rede/cpe/todos`. The
//! CPEs are the ONUs of fibre services with authentication data; a 2020
//! server has none of the routes (405 for the actions, 404 for the list).

use super::*;

/// The service whose ONU has `phy` (any punctuation, any case).
fn service_of_phy<'a>(sim: &'a Sim, phy: &str) -> Option<(&'a data::Customer, &'a data::Service)> {
    let want = mac_digits(phy);
    if want.len() != 12 {
        return None;
    }
    sim.customers.iter().find_map(|c| {
        c.services
            .iter()
            .find(|s| s.phy_text().is_some_and(|p| mac_digits(&p) == want))
            .map(|s| (c, s))
    })
}

fn not_found_equipment() -> Response {
    refuse("Equipamento não encontrado!", Vec::new()).into_response()
}

pub(super) async fn cpe_reboot(State(sim): S, Path(phy): Path<String>) -> Response {
    if let Some(r) = not_offered(&sim, Method::POST) {
        return r;
    }
    let Some((_, s)) = service_of_phy(&sim, &phy) else {
        return not_found_equipment();
    };
    let now = sim.now();
    let key = s.phy_text().unwrap_or_default();
    {
        let mut st = sim.state();
        st.services.entry(s.id).or_default().cpe_rebooted = Some(now);
        drop_session(&sim, &mut st, s, now);
    }
    record(
        &sim,
        "cpe_reboot",
        &key,
        json!({"id_cliente_servico": s.id}),
    );
    ok(json!({"status": "success", "msg": "Comando de reinicialização executado com sucesso!"}))
        .into_response()
}

pub(super) async fn cpe_restore(State(sim): S, Path(phy): Path<String>) -> Response {
    if let Some(r) = not_offered(&sim, Method::POST) {
        return r;
    }
    let Some((_, s)) = service_of_phy(&sim, &phy) else {
        return not_found_equipment();
    };
    let now = sim.now();
    let key = s.phy_text().unwrap_or_default();
    {
        let mut st = sim.state();
        st.services.entry(s.id).or_default().cpe_restored = Some(now);
        drop_session(&sim, &mut st, s, now);
    }
    record(
        &sim,
        "cpe_restore",
        &key,
        json!({"id_cliente_servico": s.id}),
    );
    ok(json!({"status": "success", "msg": "O Comando de restauração de configurações de fábrica foi executado com sucesso!"}))
        .into_response()
}

pub(super) async fn cpe_list(State(sim): S, Query(query): Q) -> Response {
    if let Some(r) = not_offered(&sim, Method::GET) {
        return r;
    }
    let (page, per) = match page_params(&query, None) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let st = sim.state();
    let all: Vec<(&data::Customer, &data::Service)> = sim
        .customers
        .iter()
        .flat_map(|c| c.services.iter().map(move |s| (c, s)))
        .filter(|(_, s)| s.phy_text().is_some())
        .collect();
    let total = all.len();
    let list: Vec<Value> = all
        .iter()
        .skip(page.saturating_mul(per))
        .take(per)
        .map(|(c, s)| {
            let ov = st.services.get(&s.id);
            // The system hears of the CPE again after a reboot or a restore.
            let seen = ov
                .and_then(|o| o.cpe_restored.max(o.cpe_rebooted))
                .unwrap_or_else(|| sim.today.and_hms_opt(6, s.id % 60, 0).unwrap_or_default());
            let rx = -(17.0 + f64::from(s.id % 90) / 10.0);
            let status = render::effective_status(&sim, &st, s).text().1;
            json!({
                "id_cpe": 70_000 + s.id,
                "phy_addr": s.phy_text(),
                "data_ultima_atualizacao": render::iso(seen),
                "historico_parametros": [{
                    "id_cpe": 70_000 + s.id,
                    "parametros": {"tx_signal": 2.3, "rx_signal": rx},
                    "created_at": render::iso(seen),
                    "data_cadastro_br": render::br_dt(seen),
                }],
                "servicos": [{
                    "id_cliente": c.id_cliente(),
                    "id_servico": 3000 + s.plan().numero,
                    "id_cliente_servico": s.id,
                    "codigo_cliente": c.codigo(),
                    "nome_razaosocial": c.name,
                    "cpf_cnpj": c.doc,
                    "servico": s.plan().nome,
                    "status": status,
                }],
            })
        })
        .collect();
    ok(json!({
        "status": "success",
        "paginacao": paginacao(page, per, total),
        "cpes": list,
    }))
    .into_response()
}
