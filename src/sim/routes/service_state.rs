//! A service's state on current servers:
//! `POST /cliente/cliente_servico/habilitar|suspender|ativar/{id}`.
//! A 2020 server has none of them (405, as from a catch-all GET route).

use super::*;

/// What a state action does, and from which statuses it may.
#[derive(Clone, Copy)]
enum Change {
    Enable,
    Suspend,
    Activate,
}

pub(super) async fn service_enable(sim: S, id: Path<String>, body: Bytes) -> Response {
    change(sim, id, body, Change::Enable).await
}

pub(super) async fn service_suspend(sim: S, id: Path<String>, body: Bytes) -> Response {
    change(sim, id, body, Change::Suspend).await
}

pub(super) async fn service_activate(sim: S, id: Path<String>, body: Bytes) -> Response {
    change(sim, id, body, Change::Activate).await
}

async fn change(State(sim): S, Path(id): Path<String>, body: Bytes, what: Change) -> Response {
    if let Some(r) = not_offered(&sim, Method::POST) {
        return r;
    }
    let m = body_map(&body);
    let Some((c, slot)) = id
        .parse::<u64>()
        .ok()
        .and_then(|sid| find_service(&sim, sid))
    else {
        return refuse(
            format!("Serviço do cliente {id} não encontrado"),
            vec!["id_cliente_servico inválido".into()],
        )
        .into_response();
    };
    let s = &c.services[slot];
    let (target, kind, msg) = match what {
        Change::Enable => {
            if text(&m, "motivo_habilitacao").is_none() {
                return refuse(
                    "Favor preencher o atributo (motivo_habilitacao)",
                    vec!["motivo_habilitacao é obrigatório".into()],
                )
                .into_response();
            }
            (
                Status::Enabled,
                "service_enable",
                "Serviço habilitado com sucesso ",
            )
        }
        Change::Suspend => {
            let target = match text(&m, "tipo_suspensao").as_deref() {
                Some("suspenso_debito") => Status::SuspendedDebt,
                Some("suspenso_pedido_cliente") => Status::SuspendedRequest,
                _ => {
                    return refuse(
                        "O atributo (tipo_suspensao) deve ser um dos valores: suspenso_debito, suspenso_pedido_cliente",
                        vec!["tipo_suspensao inválido".into()],
                    )
                    .into_response();
                }
            };
            (target, "service_suspend", "Serviço suspenso com sucesso")
        }
        Change::Activate => (
            Status::Enabled,
            "service_activate",
            "Serviço habilitado com sucesso ",
        ),
    };
    {
        let mut st = sim.state();
        let now = render::effective_status(&sim, &st, s);
        let allowed = match what {
            Change::Enable => matches!(now, Status::SuspendedDebt | Status::SuspendedRequest),
            Change::Suspend => now == Status::Enabled,
            Change::Activate => now == Status::AwaitingInstall,
        };
        if !allowed {
            let rule = match what {
                Change::Enable => "Somente é possível habilitar serviços suspensos",
                Change::Suspend => "Somente é possível suspender serviços habilitados",
                Change::Activate => {
                    "Somente é possível ativar serviços que ainda não foram habilitados"
                }
            };
            return refuse(rule, vec![format!("status atual: {}", now.text().0)]).into_response();
        }
        let o = st.services.entry(s.id).or_default();
        o.status = Some(target);
        // A suspension ends any trust unlock in force.
        if target != Status::Enabled {
            o.unlocked_until = None;
        }
    }
    record(
        &sim,
        kind,
        s.id,
        json!({"status": target.text().1, "motivo": text(&m, "motivo_habilitacao")}),
    );
    let p = s.plan();
    ok(json!({
        "status": "success",
        "msg": msg,
        "cliente_servico": {
            "id_cliente_servico": s.id,
            "numero_plano": p.numero,
            "servico": {"id_servico": 3000 + p.numero, "descricao": p.nome},
            "servico_status": {"id_servico_status": target.id(), "descricao": target.text().0},
            "cliente": {"id_cliente": c.id_cliente(), "codigo_cliente": c.codigo(), "nome_razaosocial": c.name},
        }
    }))
    .into_response()
}
