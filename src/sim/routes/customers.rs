//! `GET /cliente` (search) and `GET /cliente/all` (streamed).

use super::*;

pub(super) fn find_service(sim: &Sim, sid: u64) -> Option<(&data::Customer, usize)> {
    let sid = u32::try_from(sid).ok()?;
    let (cust, slot) = data::service_owner(sid)?;
    let c = sim.customer(cust)?;
    (slot < c.services.len()).then_some((c, slot))
}

pub(super) fn mac_digits(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>()
        .to_ascii_uppercase()
}

pub(super) async fn customer_search(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let lim = match limit(&query, 5, 100) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let include_cancelled = yes(&query, "cancelado", false);
    let current = sim.cfg.generation == crate::sim::Generation::Current;
    let view = CustomerView {
        consulta: true,
        // A 2020 server ignores the parameter.
        desbloqueios: current && yes(&query, "incluir_desbloqueios", false),
        ultima_conexao: yes(&query, "ultima_conexao", false),
        include_cancelled,
    };
    let folded = docs::fold(&termo);
    let digits = docs::digits(&termo);
    let doc_key = docs::doc_key(&termo);
    let mac = mac_digits(&termo);
    let matches = |c: &data::Customer| -> bool {
        match busca.as_str() {
            "nome_razaosocial" => c.name_folded.contains(&folded),
            "nome_fantasia" => c
                .fantasy_folded
                .as_deref()
                .is_some_and(|f| f.contains(&folded)),
            "cpf_cnpj" => !doc_key.is_empty() && c.doc == doc_key,
            "codigo_cliente" => termo.parse::<u32>().is_ok_and(|n| n == c.codigo()),
            // Digits only, no country code: a number still carrying 55 finds
            // nothing, as on real servers.
            "telefone" => !digits.is_empty() && c.phones.contains(&digits),
            "login_radius" => c.services.iter().any(|s| s.has_auth && s.login == termo),
            "ipv4" => c
                .services
                .iter()
                .any(|s| s.has_auth && s.ipv4_text() == termo),
            "mac" => {
                mac.len() == 12
                    && c.services
                        .iter()
                        .any(|s| s.has_auth && mac_digits(&s.mac_text()) == mac)
            }
            "id_cliente_servico" => termo
                .parse::<u32>()
                .is_ok_and(|id| c.services.iter().any(|s| s.id == id)),
            "id_cliente" => termo.parse::<u32>().is_ok_and(|id| id == c.id_cliente()),
            "id_externo" => render::external_id(c).is_some_and(|e| e.eq_ignore_ascii_case(&termo)),
            _ => false,
        }
    };
    // Current servers also search by service and internal customer id.
    const NEWER_KINDS: [&str; 3] = ["id_cliente_servico", "id_cliente", "id_externo"];
    let newer = current && NEWER_KINDS.contains(&busca.as_str());
    const KINDS: [&str; 8] = [
        "nome_razaosocial",
        "nome_fantasia",
        "cpf_cnpj",
        "codigo_cliente",
        "telefone",
        "login_radius",
        "ipv4",
        "mac",
    ];
    if !KINDS.contains(&busca.as_str()) && !newer {
        return bad_busca(&busca, &KINDS);
    }
    let mut st = sim.state();
    let mut found: Vec<&data::Customer> = sim
        .customers
        .iter()
        .filter(|c| matches(c))
        .filter(|c| {
            include_cancelled
                || c.services
                    .iter()
                    .any(|s| render::effective_status(&sim, &st, s) != Status::Cancelled)
        })
        .collect();
    // The documented example orders by `codigo_cliente`, which the table
    // does not list; accept it.
    if q(&query, "order_by") == Some("codigo_cliente") {
        found.sort_by_key(|c| c.idx);
    } else {
        found.sort_by_key(|c| (c.registered, c.idx));
    }
    if desc(&query, false) {
        found.reverse();
    }
    found.truncate(lim);
    // Each read of a last connection brings a session waiting for reads
    // one read closer (`SimConfig::reconnect_after_reads`).
    if view.ultima_conexao {
        let now = sim.now();
        for s in found.iter().flat_map(|c| &c.services) {
            service_actions::count_read(&mut st, s, now);
        }
    }
    let list: Vec<Value> = found
        .into_iter()
        .map(|c| render::customer_json(&sim, &st, c, &view))
        .collect();
    success(
        "Dados consultados com sucesso",
        "clientes",
        Value::Array(list),
    )
}

pub(super) async fn customers_all(
    State(sim): S,
    Query(query): Q,
    RawQuery(raw): RawQuery,
) -> Response {
    let key = raw.unwrap_or_default();
    let ttl = sim.cfg.cache_ttl;
    let cached = sim
        .state()
        .all_cache
        .get(&key)
        .filter(|(at, _)| at.elapsed() < ttl)
        .map(|(_, snap)| snap.clone());
    let snapshot = match cached {
        Some(s) => s,
        None => {
            let (from, to) = match (
                date_param(&query, "data_inicio"),
                date_param(&query, "data_fim"),
            ) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(e), _) | (_, Err(e)) => return e.into_response(),
            };
            let lim = match q(&query, "limit") {
                None => usize::MAX,
                Some(s) => match s.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => {
                        return refuse(
                            "O atributo (limit) deve ser um número maior que 0",
                            vec!["limit".into()],
                        )
                        .into_response();
                    }
                },
            };
            let mut found: Vec<&data::Customer> = sim
                .customers
                .iter()
                .filter(|c| from.is_none_or(|f| c.registered.date() >= f))
                .filter(|c| to.is_none_or(|t| c.registered.date() <= t))
                .collect();
            found.sort_by_key(|c| (c.registered, c.idx));
            if desc(&query, false) {
                found.reverse();
            }
            found.truncate(lim);
            let mut st = sim.state();
            let snap = Arc::new(crate::sim::state::AllSnapshot {
                customers: found.iter().map(|c| c.idx).collect(),
                services: st.services.clone(),
            });
            st.all_cache.insert(key, (Instant::now(), snap.clone()));
            snap
        }
    };
    stream_all(sim, snapshot)
}

/// Streams a `cliente/all` answer, rendering a few hundred customers at a
/// time from `snapshot`: memory stays flat whatever the base's size, and
/// the first bytes leave at once (the client decodes as they arrive).
pub(super) fn stream_all(sim: Arc<Sim>, snapshot: Arc<crate::sim::state::AllSnapshot>) -> Response {
    const CHUNK: usize = 256;
    let view = CustomerView {
        consulta: false,
        desbloqueios: false,
        ultima_conexao: false,
        include_cancelled: true,
    };
    let head = Bytes::from_static(
        br#"{"status":"success","msg":"Dados consultados com sucesso","clientes":["#,
    );
    let total = snapshot.customers.len();
    let chunks = futures::stream::unfold(0usize, move |at| {
        let sim = sim.clone();
        let snapshot = snapshot.clone();
        async move {
            if at > total {
                return None;
            }
            if at == total {
                return Some((
                    Ok::<_, std::convert::Infallible>(Bytes::from_static(b"]}")),
                    at + 1,
                ));
            }
            let end = (at + CHUNK).min(total);
            let st = crate::sim::state::State {
                services: snapshot.services.clone(),
                ..Default::default()
            };
            let mut buf = Vec::with_capacity(CHUNK * 2048);
            for (i, idx) in snapshot.customers[at..end].iter().enumerate() {
                if at + i > 0 {
                    buf.push(b',');
                }
                let c = &sim.customers[*idx as usize];
                let v = render::customer_json(&sim, &st, c, &view);
                // Writing a `Value` into a `Vec` cannot fail.
                let _ = serde_json::to_writer(&mut buf, &v);
            }
            Some((Ok(Bytes::from(buf)), end))
        }
    });
    let body = Body::from_stream(
        futures::stream::once(async move { Ok::<_, std::convert::Infallible>(head) }).chain(chunks),
    );
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// Customers selected by `busca` among the given kinds.
pub(super) fn customers_by(sim: &Sim, busca: &str, termo: &str) -> Vec<u32> {
    let doc_key = docs::doc_key(termo);
    match busca {
        "codigo_cliente" => termo
            .parse::<u32>()
            .ok()
            .and_then(|n| n.checked_sub(data::CODIGO_BASE))
            .filter(|i| (*i as usize) < sim.customers.len())
            .into_iter()
            .collect(),
        "id_cliente" => termo
            .parse::<u32>()
            .ok()
            .and_then(|n| n.checked_sub(data::ID_CLIENTE_BASE))
            .filter(|i| (*i as usize) < sim.customers.len())
            .into_iter()
            .collect(),
        "cpf_cnpj" => sim
            .customers
            .iter()
            .filter(|c| !doc_key.is_empty() && c.doc == doc_key)
            .map(|c| c.idx)
            .collect(),
        "id_cliente_servico" => termo
            .parse::<u64>()
            .ok()
            .and_then(|sid| find_service(sim, sid))
            .map(|(c, _)| c.idx)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}
