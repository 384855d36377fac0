//! Trust unlock, disconnect and MAC reset.

use super::*;

/// The required `id_cliente_servico` of an action body (string or number).
pub(super) fn service_param(m: &serde_json::Map<String, Value>) -> Result<u32, Reply> {
    match int(m, "id_cliente_servico").and_then(|id| u32::try_from(id).ok()) {
        Some(id) if id > 0 => Ok(id),
        _ => Err(refuse(
            "Favor preencher o atributo (id_cliente_servico)",
            vec!["id_cliente_servico deve ser um número inteiro maior que 0".into()],
        )),
    }
}

pub(super) fn service_not_found(id: u32) -> Reply {
    refuse(
        format!("Serviço do cliente {id} não encontrado"),
        vec!["id_cliente_servico inválido".into()],
    )
}

pub(super) async fn trust_unlock(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let sid = match service_param(&m) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let Some((c, slot)) = find_service(&sim, u64::from(sid)) else {
        return service_not_found(sid);
    };
    let days = match m.get("dias_desbloqueio") {
        None | Some(Value::Null) => 1,
        Some(_) => match int(&m, "dias_desbloqueio") {
            Some(d) if d > 0 => d,
            _ => {
                return refuse(
                    "O atributo (dias_desbloqueio) deve ser um número inteiro maior que 0",
                    vec!["dias_desbloqueio inválido".into()],
                );
            }
        },
    };
    let max = u64::from(sim.cfg.unlock_max_days);
    if days > max {
        return refuse(
            format!(
                "A quantidade de dias de desbloqueio ({days}) excede o limite de {max} dias configurado no painel"
            ),
            vec![format!("dias_desbloqueio: máximo {max}")],
        );
    }
    let s = &c.services[slot];
    let until = sim.now().date() + Days::new(days);
    {
        let mut st = sim.state();
        if render::effective_status(&sim, &st, s) != Status::SuspendedDebt {
            return refuse(
                "O desbloqueio em confiança só pode ser realizado para serviços suspensos por débito",
                vec![format!(
                    "status atual: {}",
                    render::effective_status(&sim, &st, s).text().0
                )],
            );
        }
        let now = sim.now();
        let o = st.services.entry(sid).or_default();
        o.unlocked_until = Some(until);
        o.unlocks.push(crate::sim::state::Unlock {
            at: now,
            until,
            days,
        });
        drop_session(&sim, &mut st, s, now);
    }
    record(
        &sim,
        "unlock",
        sid,
        json!({"dias": days, "ate": until.to_string()}),
    );
    ok(
        json!({"status": "success", "msg": format!("Desbloqueio em confiança realizado com sucesso até a data {}", render::br_date(until))}),
    )
}

pub(super) async fn disconnect(State(sim): S, Path(id): Path<String>) -> Reply {
    let Some((c, slot)) = id
        .parse::<u64>()
        .ok()
        .and_then(|sid| find_service(&sim, sid))
    else {
        return refuse(
            format!("Serviço do cliente {id} não encontrado"),
            vec!["id_cliente_servico inválido".into()],
        );
    };
    let s = &c.services[slot];
    let login = if s.has_auth {
        s.login.clone()
    } else {
        String::new()
    };
    let fail = || {
        ok(
            json!({"status": "error", "msg": format!("A desconexão não foi bem sucedida para o login {login}!"), "errors": []}),
        )
    };
    if !s.has_auth {
        return fail();
    }
    let now = sim.now();
    {
        let mut st = sim.state();
        let sessions = render::effective_sessions(&sim, &st, c, s);
        if !render::conn_online(&sessions, now) {
            return fail();
        }
        drop_session(&sim, &mut st, s, now);
    }
    record(&sim, "disconnect", s.id, json!({"login": login}));
    ok(
        json!({"status": "success", "msg": format!("A desconexão foi bem sucedida para o login {login}!"), "login": login}),
    )
}

/// Drops service `s`'s session at `now` (when one is open) and schedules
/// the new one: after the simulator's reconnect delay, or on a later read
/// with [`crate::sim::SimConfig::reconnect_after_reads`]. A disconnect
/// does this; so does the router restarting after a MAC reset, an ONU MAC
/// reset, a trust unlock or a CPE reboot (the customer is asked to restart
/// it, or the equipment restarts by itself). A service without
/// authentication data has no session and is left alone.
pub(super) fn drop_session(
    sim: &Sim,
    st: &mut crate::sim::state::State,
    s: &data::Service,
    now: chrono::NaiveDateTime,
) {
    if !s.has_auth {
        return;
    }
    let reconnect = match sim.cfg.reconnect_after_reads {
        Some(n) => Reconnect::AfterReads(n.max(1)),
        None => {
            let delay = chrono::Duration::from_std(sim.cfg.reconnect_delay).unwrap_or_default();
            Reconnect::At(now + delay)
        }
    };
    let n = st.services.get(&s.id).map_or(0, |o| o.disconnects.len()) as u32;
    // A new address from the public pool on every reconnection.
    let new_ip =
        u32::from(std::net::Ipv4Addr::new(189, 90, 0, 0)) + (s.id % 50_000) * 8 + n % 8 + 1;
    st.services
        .entry(s.id)
        .or_default()
        .disconnects
        .push(Disconnect {
            at: now,
            reconnect,
            new_ip,
        });
}

/// One read of `s`'s last connection: a session waiting for reads
/// ([`Reconnect::AfterReads`]) comes one read closer, and starts now on
/// its last one.
pub(super) fn count_read(
    st: &mut crate::sim::state::State,
    s: &data::Service,
    now: chrono::NaiveDateTime,
) {
    let Some(o) = st.services.get_mut(&s.id) else {
        return;
    };
    for d in &mut o.disconnects {
        if let Reconnect::AfterReads(n) = d.reconnect {
            d.reconnect = if n <= 1 {
                Reconnect::At(now)
            } else {
                Reconnect::AfterReads(n - 1)
            };
        }
    }
}

pub(super) async fn mac_reset(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let sid = match service_param(&m) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let Some((c, slot)) = find_service(&sim, u64::from(sid)) else {
        return service_not_found(sid);
    };
    if !c.services[slot].has_auth {
        return refuse(
            "O serviço não possui dados de autenticação, não é possível resetar o MAC",
            vec!["Serviço sem dados de autenticação".into()],
        );
    }
    {
        let mut st = sim.state();
        st.services.entry(sid).or_default().mac_reset = true;
        drop_session(&sim, &mut st, &c.services[slot], sim.now());
    }
    record(&sim, "mac_reset", sid, json!({}));
    ok(json!({"status": "success", "msg": "Endereço MAC resetado com sucesso!"}))
}

/// `POST /cliente/reset_phy_addr` (current servers): clears the layer-2
/// (ONU) address bound to the service.
pub(super) async fn phy_reset(State(sim): S, body: Bytes) -> Response {
    if let Some(r) = not_offered(&sim, Method::POST) {
        return r;
    }
    let m = body_map(&body);
    let sid = match service_param(&m) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let Some((c, slot)) = find_service(&sim, u64::from(sid)) else {
        return service_not_found(sid).into_response();
    };
    if !c.services[slot].has_auth {
        return refuse(
            "O serviço/plano informado não possui dados de autenticação",
            Vec::new(),
        )
        .into_response();
    }
    {
        let mut st = sim.state();
        st.services.entry(sid).or_default().phy_reset = true;
        drop_session(&sim, &mut st, &c.services[slot], sim.now());
    }
    record(&sim, "phy_reset", sid, json!({}));
    ok(json!({"status": "success", "msg": "Endereço MAC Layer2 resetado com sucesso!"}))
        .into_response()
}
