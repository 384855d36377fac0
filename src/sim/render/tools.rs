//! Prospects, plans, equipment, POPs, zones and cities.

use super::*;

/// Plans offered to prospects: (id, descricao, valor, download kbps, upload
/// kbps, linked to the business units).
pub const PROSPECT_PLANS: [(u32, &str, f64, u32, u32, bool); 6] = [
    (1301, "FIBRA 300 MEGA", 99.9, 307_200, 153_600, true),
    (1302, "FIBRA 500 MEGA", 119.9, 512_000, 256_000, true),
    (1303, "FIBRA 1 GIGA", 169.9, 1_024_000, 512_000, true),
    (1308, "PLANO 10 MBPS + IP FIXO", 129.9, 10_240, 2_048, false),
    (1320, "RADIO 20 MEGA", 115.9, 20_480, 4_096, false),
    (
        1330,
        "COMBO 10 MB EM DOBRO FIXO E 3 CAMERAS RAP10",
        254.9,
        20_480,
        4_096,
        false,
    ),
];

pub fn prospect_plan_json(p: &(u32, &str, f64, u32, u32, bool)) -> Value {
    json!({
        "id_servico": p.0,
        "descricao": p.1,
        "valor": money(p.2),
        "nome_radius": format!("HUBSOFT-SERVICE-{}", p.0),
        "display": format!("{} - (R$ {:.2})", p.1, p.2),
        "velocidade_download": p.3,
        "velocidade_upload": p.4,
    })
}

pub fn prospect_json(p: &Prospect, with_service: bool) -> Value {
    let mut v = json!({
        "id_prospecto": p.id,
        "nome_razaosocial": p.nome,
        "cpf_cnpj": p.doc,
        "email": p.email,
        "telefone": p.telefone,
        "observacao": p.observacao,
        "id_cliente": null,
        "id_endereco_numero": 33_000 + p.id,
        "created_at": iso(p.created),
        "updated_at": iso(p.created),
        "tipo_pessoa": p.tipo_pessoa,
        "id_usuario": 1,
        "origem": "API",
        "created_at_br": p.created.format("%d\\%m\\%Y").to_string(),
    });
    if with_service {
        v["prospecto_servico"] = json!({
            "id_prospecto_servico": p.id - 1,
            "id_prospecto": p.id,
            "id_servico": p.id_servico,
            "valor": p.valor,
        });
    }
    v
}

/// A few prospects present from the start, including the documented
/// `EMPRESA XPTO LTDA` (CNPJ 41483316000169) for duplicate tests.
pub fn seed_prospects(seed: u64, today: NaiveDate) -> Vec<Prospect> {
    let mut rng = data::rng_for(seed, u32::MAX, 99);
    let w = words();
    let mut v = vec![Prospect {
        id: 100,
        nome: "EMPRESA XPTO LTDA".into(),
        doc: "41483316000169".into(),
        email: None,
        telefone: "3732818000".into(),
        observacao: None,
        tipo_pessoa: "pj".into(),
        created: (today - chrono::Days::new(40))
            .and_hms_opt(10, 27, 56)
            .expect("time"),
        id_servico: 1308,
        valor: "129.9".into(),
    }];
    for i in 1..20u32 {
        let name = format!(
            "{} {}",
            w.first_names[rng.random_range(0..w.first_names.len())],
            w.surnames[rng.random_range(0..w.surnames.len())]
        );
        let plan = &PROSPECT_PLANS[rng.random_range(0..PROSPECT_PLANS.len())];
        v.push(Prospect {
            id: 100 + i,
            nome: name,
            doc: crate::sim::docs::cpf(&mut rng),
            email: None,
            telefone: format!("379{:08}", rng.random_range(80_000_000..100_000_000u32)),
            observacao: Some("Interessado via site".into()),
            tipo_pessoa: "pf".into(),
            created: (today - chrono::Days::new(rng.random_range(1..60)))
                .and_hms_opt(9, 0, 0)
                .expect("time"),
            id_servico: plan.0,
            valor: money_str(plan.2),
        });
    }
    v
}

/// Reference data of `/rede/*` and `/endereco/cidade`.
pub fn equipment_list() -> Vec<Value> {
    let mut v = Vec::new();
    for ci in 0..words().cities.len() {
        for e in city_equipment(ci) {
            v.push(json!({"id_equipamento": e.0, "nome": e.1, "ipv4": e.2, "ipv6": null, "modelo": e.3, "fabricante": e.4}));
        }
    }
    v
}

pub fn pops() -> Vec<Value> {
    let w = words();
    let mut v: Vec<Value> = w
        .cities
        .iter()
        .enumerate()
        .map(|(ci, city)| {
            let eqs: Vec<Value> = city_equipment(ci)
                .iter()
                .map(|e| json!({"id_equipamento": e.0, "nome": e.1, "ipv4": e.2, "ipv6": null, "modelo": e.3, "fabricante": e.4}))
                .collect();
            json!({"id_pop": 51 + ci, "nome": format!("POP {}", crate::sim::docs::fold(city.name)), "equipamentos": eqs})
        })
        .collect();
    // A POP still being built: no equipment yet (as pop 52 in the document).
    v.push(json!({"id_pop": 51 + w.cities.len(), "nome": "POP EM CONSTRUCAO", "equipamentos": []}));
    v
}

pub fn zones() -> Vec<Value> {
    let w = words();
    let mut v = Vec::new();
    for (ci, city) in w.cities.iter().enumerate() {
        let eq = city_equipment(ci);
        let tag = crate::sim::docs::fold(city.name);
        let eqj = |e: &(u32, String, String, &str, &str)| json!({"nome": e.1, "ipv4": e.2, "ipv6": null, "modelo": e.3, "fabricante": e.4});
        // PON1-PON8: every interface a fibre service names (`PON{id % 8 + 1}`)
        // is in its city's fibre zone, so the console can place it.
        let pons: Vec<Value> = (1..=8)
            .map(|p| json!({"id_interface_conexao": 300 + ci * 10 + p, "nome": format!("PON{p}"), "descricao": null, "tipo": "gpon", "equipamento_conexao": eqj(&eq[0])}))
            .collect();
        v.push(json!({"id_zona_atendimento": 10 + ci * 2, "nome": format!("FIBRA - {tag}"), "descricao": format!("ATENDIMENTO FIBRA EM {tag}"), "interfaces": pons}));
        v.push(json!({"id_zona_atendimento": 11 + ci * 2, "nome": format!("WIRELESS {tag}"), "descricao": format!("REDE WIRELESS DE {tag}"), "interfaces": [
            {"id_interface_conexao": 50 + ci, "nome": "ath0", "descricao": null, "tipo": "wireless", "equipamento_conexao": eqj(&eq[2])}
        ]}));
    }
    v
}

/// Cities and neighbourhoods that have active customers.
pub fn cities(sim: &Sim) -> Vec<Value> {
    let w = words();
    let mut per_city: Vec<std::collections::BTreeSet<&str>> =
        vec![Default::default(); w.cities.len()];
    for c in &sim.customers {
        if c.services.iter().any(|s| s.status != Status::Cancelled) {
            per_city[usize::from(c.city)].insert(c.bairro);
        }
    }
    w.cities
        .iter()
        .enumerate()
        .filter(|(ci, _)| !per_city[*ci].is_empty())
        .map(|(ci, city)| {
            json!({
                "id_cidade": 1390 + ci,
                "nome": city.name,
                "uf": city.uf,
                "ibge": city.ibge,
                "bairros": per_city[ci].iter().map(|b| json!({"nome": b})).collect::<Vec<_>>(),
            })
        })
        .collect()
}
