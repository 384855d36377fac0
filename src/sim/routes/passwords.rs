//! `GET /cliente/cliente_servico/{id}/senhas` (current servers): the
//! service's documented router, ONU and Wi-Fi passwords. Synthetic, and
//! derived from the seed so a test can tell them apart.

use super::*;

pub(super) async fn service_passwords(State(sim): S, Path(id): Path<String>) -> Response {
    if let Some(r) = not_offered(&sim, Method::GET) {
        return r;
    }
    let Some((c, slot)) = id
        .parse::<u64>()
        .ok()
        .and_then(|sid| find_service(&sim, sid))
    else {
        return service_not_found_404();
    };
    let list = passwords_of(sim.cfg.seed, &c.services[slot]);
    ok(json!({
        "status": "success",
        "msg": "Senhas do cliente serviço recuperada com sucesso",
        "cliente_servico_senha": list,
    }))
    .into_response()
}

/// The passwords of a service: the router's admin for every service, the
/// Wi-Fi for fibre ones, none for a service without authentication data.
pub(super) fn passwords_of(seed: u64, s: &data::Service) -> Vec<Value> {
    if !s.has_auth {
        return Vec::new();
    }
    let word = |salt: u64| {
        let x = (seed ^ u64::from(s.id).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt)
            .wrapping_mul(0x2545_F491_4F6C_DD1D);
        format!("{:x}", x >> 16)
    };
    let base = u64::from(s.id) * 2;
    let mut out = vec![json!({
        "id_cliente_servico_senha": base,
        "id_cliente_servico": s.id,
        "descricao": "SENHA ADMIN ROTEADOR",
        "usuario": "admin",
        "senha": format!("@{}", word(1)),
    })];
    if s.phy_text().is_some() {
        out.push(json!({
            "id_cliente_servico_senha": base + 1,
            "id_cliente_servico": s.id,
            "descricao": "WI-FI",
            "usuario": format!("PROVEDOR_{}", s.id % 10_000),
            "senha": word(2),
        }));
    }
    out
}

/// HubSoft's "nothing found" for a service that does not exist.
fn service_not_found_404() -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"status": "error", "msg": "Nenhum registro encontrado", "errors": []}),
    )
}
