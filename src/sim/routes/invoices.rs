//! `GET /cliente/financeiro` and the invoice sends (`enviar_email`, `enviar_sms`, `enviar_push`).

use super::*;

pub(super) async fn customer_invoices(State(sim): S, Query(query): Q) -> Reply {
    let (busca, termo) = match required_busca(&query) {
        Ok(v) => v,
        Err(e) => return e,
    };
    const KINDS: [&str; 3] = ["cpf_cnpj", "codigo_cliente", "id_cliente_servico"];
    if !KINDS.contains(&busca.as_str()) {
        return bad_busca(&busca, &KINDS);
    }
    let lim = match limit(&query, 20, 50) {
        Ok(l) => l,
        Err(e) => return e,
    };
    let (from, to) = match (
        date_param(&query, "data_inicio"),
        date_param(&query, "data_fim"),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let pending_only = yes(&query, "apenas_pendente", true);
    let mut list = Vec::new();
    for idx in customers_by(&sim, &busca, &termo) {
        let c = &sim.customers[idx as usize];
        for inv in data::invoices(sim.cfg.seed, c, sim.today) {
            if pending_only && inv.paid.is_some() {
                continue;
            }
            if from.is_some_and(|f| inv.due < f) || to.is_some_and(|t| inv.due > t) {
                continue;
            }
            list.push((c, inv));
        }
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
    let out: Vec<Value> = list
        .iter()
        .take(lim)
        .map(|(c, i)| render::invoice_json(c, i))
        .collect();
    success_as_sent(
        &sim,
        "Dados consultados com sucesso",
        "faturas",
        Value::Array(out),
    )
}

pub(super) fn find_invoice<'a>(
    sim: &'a Sim,
    m: &serde_json::Map<String, Value>,
) -> Result<(&'a data::Customer, data::Invoice), Reply> {
    let Some(id) = int(m, "id_fatura") else {
        return Err(refuse(
            "Favor preencher o atributo (id_fatura)",
            vec!["id_fatura é obrigatório".into()],
        ));
    };
    let found = u32::try_from(id)
        .ok()
        .and_then(data::invoice_owner)
        .and_then(|(cust, _)| sim.customer(cust))
        .and_then(|c| {
            data::invoices(sim.cfg.seed, c, sim.today)
                .into_iter()
                .find(|i| u64::from(i.id) == id)
                .map(|i| (c, i))
        });
    found.ok_or_else(|| {
        refuse(
            format!("Fatura {id} não encontrada"),
            vec!["id_fatura inválido".into()],
        )
    })
}

pub(super) fn delay_json(sim: &Sim) -> Value {
    json!({
        "date": format!("{}.000000", render::iso(sim.now() + chrono::Duration::minutes(2))),
        "timezone_type": 3,
        "timezone": "America/Sao_Paulo",
    })
}

pub(super) async fn send_email(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let (c, inv) = match find_invoice(&sim, &m) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let contact = |email: &str, origem: &str| json!({"id_contato": null, "id_cliente": c.id_cliente(), "email": email, "nome": c.name, "name": c.name, "permite_enviar_email": true, "origem": origem});
    let mut emails: Vec<Value> = [&c.email, &c.email2]
        .into_iter()
        .flatten()
        .map(|e| contact(e, "cadastro_cliente"))
        .collect();
    emails.extend(
        strings(&m, "email_adicional")
            .iter()
            .map(|e| contact(e, "email_adicional")),
    );
    if emails.is_empty() {
        return refuse(
            "Nenhum e-mail válido encontrado para o envio da fatura",
            vec!["O cliente não possui e-mail cadastrado".into()],
        );
    }
    let job = json!({
        "tries": 1, "timeout": 172800, "memory": 2048,
        "faturas": [{"id_fatura": inv.id}],
        "emails": emails,
        "connection": null,
        "queue": "hubsoft-prioritario",
        "delay": delay_json(&sim),
    });
    record(&sim, "invoice_email", inv.id, job.clone());
    success(
        "As faturas foram adicionadas para serem disparadas por e-mail. Por se tratar de um processo de envio massivo, o sistema fará o agendamento do disparo. Dentro de alguns minutos o cliente irá receber os e-mails com as faturas. OBS: Para cada fatura selecionada será enviado um e-mail",
        "job",
        job,
    )
}

pub(super) async fn send_sms(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let (c, inv) = match find_invoice(&sim, &m) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let contact = |tel: &str, origem: &str| json!({"id_contato": null, "id_cliente": c.id_cliente(), "telefone": tel, "nome": c.name, "permite_enviar_sms": true, "origem": origem});
    // Only mobile numbers on file receive SMS.
    let mut phones: Vec<Value> = c
        .phones
        .iter()
        .filter(|p| p.len() == 11)
        .map(|p| contact(p, "cadastro_cliente"))
        .collect();
    // The documented JSON example sends the list as `email_adicional`.
    let mut extra = strings(&m, "telefone_adicional");
    if extra.is_empty() {
        extra = strings(&m, "email_adicional");
    }
    phones.extend(
        extra
            .iter()
            .map(|t| contact(&docs::digits(t), "telefone_adicional")),
    );
    let job = json!({
        "tries": 1, "timeout": 172800, "memory": 2048,
        "faturas": [{"id_fatura": inv.id}],
        "telefones": phones,
        "connection": null,
        "queue": "hubsoft-sms",
        "delay": delay_json(&sim),
    });
    record(&sim, "invoice_sms", inv.id, job.clone());
    success(
        "As faturas foram adicionadas para serem disparadas por SMS. Por se tratar de um processo de envio massivo, o sistema fará o agendamento do disparo. Dentro de alguns minutos o cliente irá receber as mensgens SMS com os dados das faturas. OBS: Para cada fatura selecionada será enviado um SMS",
        "job",
        job,
    )
}

pub(super) async fn send_push(State(sim): S, body: Bytes) -> Reply {
    let m = body_map(&body);
    let (_, inv) = match find_invoice(&sim, &m) {
        Ok(v) => v,
        Err(e) => return e,
    };
    record(&sim, "invoice_push", inv.id, json!({"id_fatura": inv.id}));
    ok(json!({"status": "success", "msg": "Fatura enviada com sucesso via push notification"}))
}
