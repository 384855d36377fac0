//! JSON in the documented shapes, built from the data and the state.

use chrono::{NaiveDate, NaiveDateTime};
use rand::Rng;
use serde_json::{Map, Value, json};

use super::Sim;
use super::data::{self, Customer, Invoice, PACKAGES, Service, Session, Status, Tech};
use super::state::{Prospect, ServiceOrder, State, Ticket};
use super::words::words;

mod billing;
mod customer;
mod tickets;
mod tools;

pub use billing::*;
pub use customer::*;
pub use tickets::*;
pub use tools::*;

pub fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn br_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub fn br_dt(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M:%S").to_string()
}

fn offset(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S-03").to_string()
}

fn ip(v: u32) -> String {
    std::net::Ipv4Addr::from(v).to_string()
}

/// Money with at most two decimals, as a JSON number (`119.9`, `100`).
pub fn money(v: f64) -> Value {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        json!(r as i64)
    } else {
        json!(r)
    }
}

/// Money as the string some routes use (`"119.9"`, `"20"`).
pub fn money_str(v: f64) -> String {
    money(v).to_string()
}

/// Status as the service shows it now (a trust unlock re-enables it).
pub fn effective_status(sim: &Sim, st: &State, s: &Service) -> Status {
    if let Some(set) = st.services.get(&s.id).and_then(|o| o.status) {
        return set;
    }
    let unlocked = st
        .services
        .get(&s.id)
        .and_then(|o| o.unlocked_until)
        .is_some_and(|until| until >= sim.now().date());
    if s.status == Status::SuspendedDebt && unlocked {
        return Status::Enabled;
    }
    s.status
}

/// Connection history as RADIUS sees it now: the generated sessions, cut
/// by requested disconnects (and the restarts other actions cause), plus
/// reconnections that already happened.
pub fn effective_sessions(sim: &Sim, st: &State, c: &Customer, s: &Service) -> Vec<Session> {
    let mut v = data::sessions(sim.cfg.seed, c, s, sim.today);
    let now = sim.now();
    if let Some(o) = st.services.get(&s.id) {
        for d in &o.disconnects {
            if let Some(last) = v.last_mut().filter(|l| l.stop.is_none()) {
                last.stop = Some(d.at);
            }
            if let Some(start) = d.reconnect.started_by(now) {
                v.push(Session {
                    start,
                    stop: None,
                    framed_ip: d.new_ip,
                    nas_ip: v.last().map(|l| l.nas_ip).unwrap_or(0xAC11_185A),
                    down_mb: 0.0,
                    up_mb: 0.0,
                });
            }
        }
    }
    v
}

fn since_text(from: NaiveDateTime, now: NaiveDateTime) -> String {
    let mins = (now - from).num_minutes().max(0);
    let months = mins / (60 * 24 * 30);
    let days = mins / (60 * 24) % 30;
    let hours = mins / 60 % 24;
    let m = mins % 60;
    format!("{months} MES(ES), {days} DIA(S), {hours} HORA(S) e {m} MINUTO(S)")
}

fn ultima_conexao(sim: &Sim, sessions: &[Session]) -> Value {
    let Some(last) = sessions.last() else {
        return json!([]);
    };
    let now = sim.now();
    let prev_stop = sessions.iter().rev().find_map(|s| s.stop);
    match last.stop {
        None => {
            let short = format!("CONECTADO HÁ {}", since_text(last.start, now));
            json!({
                "conectado": true,
                "ultima_conexao_datetime": offset(last.start),
                "ultima_desconexao_datetime": prev_stop.map(offset),
                "ultima_conexao": br_dt(last.start),
                "ultima_desconexao": prev_stop.map(br_dt),
                "ultimo_ipv4": ip(last.framed_ip),
                "ultimo_nas_ip": ip(last.nas_ip),
                "status_txt": format!("{short} - {}({})", ip(last.framed_ip), ip(last.nas_ip)),
                "status_txt_resumido": short,
            })
        }
        Some(stop) => {
            let short = format!("DESCONECTADO HÁ {}", since_text(stop, now));
            json!({
                "conectado": false,
                "ultima_conexao_datetime": offset(last.start),
                "ultima_desconexao_datetime": offset(stop),
                "ultima_conexao": br_dt(last.start),
                "ultima_desconexao": br_dt(stop),
                "ultimo_ipv4": ip(last.framed_ip),
                "ultimo_nas_ip": ip(last.nas_ip),
                "status_txt": format!("{short} - {}({})", ip(last.framed_ip), ip(last.nas_ip)),
                "status_txt_resumido": short,
            })
        }
    }
}

fn address_json(a: &data::Address) -> Value {
    let (lat, lon) = match a.coords {
        Some((la, lo)) => (json!(la), json!(lo)),
        None => (Value::Null, Value::Null),
    };
    json!({
        "completo": a.completo(),
        "logradouro": a.logradouro,
        "endereco": a.endereco,
        "numero": a.numero,
        "complemento": a.complemento,
        "bairro": a.bairro,
        "cep": a.cep,
        "estado": a.city.uf,
        "uf": a.city.state_name,
        "cidade": a.city.name,
        "coordenadas": {"latitude": lat, "longitude": lon},
    })
}

/// Equipment of a city: (id, nome, ipv4, modelo, fabricante) for OLT,
/// concentrator and wireless AP.
pub fn city_equipment(ci: usize) -> [(u32, String, String, &'static str, &'static str); 3] {
    let w = words();
    let tag = crate::sim::docs::fold(w.cities[ci].name).replace(' ', "_");
    let id = 1400 + ci as u32 * 3;
    [
        (
            id,
            format!("OLT {tag}"),
            format!("10.{}.0.2", 20 + ci),
            "GP3600-08",
            "BDCOM",
        ),
        (
            id + 1,
            format!("CONCENTRADOR {tag}"),
            ip(0xAC11_185A + ci as u32),
            "CCR1036",
            "MIKROTIK",
        ),
        (
            id + 2,
            format!("AP_{tag}"),
            format!("10.{}.72.12", 20 + ci),
            "BULLET2",
            "UBIQUITI",
        ),
    ]
}

pub fn session_json(c: &Customer, s: &Service, status: Status, sess: &Session) -> Value {
    let p = s.plan();
    let (st, pf) = status.text();
    json!({
        "acctstarttime": offset(sess.start),
        "acctstarttimebr": br_dt(sess.start),
        "acctstoptime": sess.stop.map(offset),
        "acctstoptimebr": sess.stop.map(br_dt),
        "calledstationid": "service2",
        "callingstationid": s.mac_text(),
        "download_megabytes": money(sess.down_mb),
        "upload_megabytes": money(sess.up_mb),
        "framedipaddress": ip(sess.framed_ip),
        "nasipaddress": ip(sess.nas_ip),
        "nasportid": "ether3",
        "nasporttype": "Ethernet",
        "username": s.login,
        "servico": {"numero_plano": p.numero, "nome": p.nome, "valor": money(p.valor), "status": st, "status_prefixo": pf},
        "cliente": short_customer(c),
    })
}

pub fn conn_online(sessions: &[Session], now: NaiveDateTime) -> bool {
    sessions
        .last()
        .is_some_and(|s| s.stop.is_none() && s.start <= now)
}
