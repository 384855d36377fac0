//! `GET /cliente/extrato_conexao`.

use super::*;

pub(super) async fn connection_log(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    // Current servers also find who held an address.
    let current = sim.cfg.generation == crate::sim::Generation::Current;
    const NEWER: [&str; 4] = ["ipv4", "mac", "ipv6_wan", "ipv6_lan"];
    if busca != "login" && !(current && NEWER.contains(&busca.as_str())) {
        return bad_busca(&busca, &["login"]);
    }
    let mac = mac_digits(&termo);
    let folded = termo.to_ascii_lowercase();
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let today = sim.now().date();
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a.unwrap_or(today - Days::new(30)), b.unwrap_or(today)),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let st = sim.state();
    let mut rows = Vec::new();
    for c in &sim.customers {
        for s in c.services.iter().filter(|s| s.has_auth) {
            let (wan, lan) = ipv6_of(s);
            let service_matches = match busca.as_str() {
                "login" => s.login == termo,
                "mac" => mac.len() == 12 && mac_digits(&s.mac_text()) == mac,
                "ipv6_wan" => wan == folded,
                "ipv6_lan" => lan == folded,
                // By session below.
                _ => true,
            };
            if !service_matches {
                continue;
            }
            let status = render::effective_status(&sim, &st, s);
            for sess in render::effective_sessions(&sim, &st, c, s) {
                let d = sess.start.date();
                let ip_ok = busca != "ipv4"
                    || std::net::Ipv4Addr::from(sess.framed_ip).to_string() == termo;
                if d >= from && d <= to && ip_ok {
                    let mut row = render::session_json(c, s, status, &sess);
                    if current {
                        row["framedipv6address"] = json!(wan);
                        row["delegatedipv6prefix"] = json!(lan);
                    }
                    rows.push((sess.start, row, sess));
                }
            }
        }
    }
    // Newest first: what an attendant looks at.
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    rows.truncate(lim);
    let n = rows.len();
    let down: f64 = rows.iter().map(|r| r.2.down_mb).sum();
    let up: f64 = rows.iter().map(|r| r.2.up_mb).sum();
    let secs: i64 = rows
        .iter()
        .map(|r| {
            (r.2.stop.unwrap_or_else(|| sim.now()) - r.2.start)
                .num_seconds()
                .max(1)
        })
        .sum();
    let secs = secs.max(1) as f64;
    let list: Vec<Value> = rows.into_iter().map(|r| r.1).collect();
    ok(json!({
        "status": "success",
        "msg": "Dados consultados com sucesso",
        "registros": list,
        "estatisticas": {
            "total_conexoes": n,
            "download_total": render::money(down),
            "upload_total": render::money(up),
            "trafego_total": render::money(down + up),
            "media_download": render::money(down / secs),
            "media_upload": render::money(up / secs),
        }
    }))
}

/// The IPv6 addresses of a service on a current server: the WAN address
/// and the delegated LAN prefix (lower case).
pub(super) fn ipv6_of(s: &data::Service) -> (String, String) {
    (
        format!("2804:14c:{:x}:{:x}::1", s.id >> 16, s.id & 0xFFFF),
        format!("2804:14d:{:x}:{:x}00::/56", s.id >> 16, (s.id & 0xFF) as u8),
    )
}
