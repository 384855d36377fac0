//! Invoices and receivables in the `financeiro` shapes.

use super::*;

/// Invoice as `/cliente/financeiro` shows it.
pub fn invoice_json(c: &Customer, inv: &Invoice) -> Value {
    let (bar, line) = inv.barcode();
    let b = inv.boleto;
    let issued = inv.due - chrono::Days::new(15);
    json!({
        "id_fatura": inv.id,
        "nosso_numero": inv.nosso_numero(),
        "nosso_numero_dv": if b { json!(format!("{:07}-{}", inv.id - data::INVOICE_BASE + 200_000, inv.id % 10)) } else { Value::Null },
        "linha_digitavel": if b { json!(line) } else { Value::Null },
        "codigo_barras": if b { json!(bar) } else { Value::Null },
        "link": if b { json!(format!("https://hubsoft.provedor.example/pdf/fatura/{}", inv.id)) } else { Value::Null },
        "agencia_codigo_beneficiario": if b { json!("3166 / 67261") } else { Value::Null },
        "beneficiario": if b { json!("PROVEDOR DE INTERNET LTDA / CNPJ: 22.385.367/0001-03") } else { Value::Null },
        "numero_documento": if b { json!(inv.id) } else { Value::Null },
        "especie": if b { json!("DS") } else { Value::Null },
        "especie_dinheiro": "R$",
        "aceite": if b { json!("N") } else { Value::Null },
        "local_pagamento": if b { json!("PAGÁVEL EM QUALQUER BANCO ATÉ O VENCIMENTO") } else { Value::Null },
        "carteira": if b { json!("1") } else { Value::Null },
        "tipo_cobranca": if b { "boleto_bancario" } else { "debito_conta_corrente" },
        "valor": money(inv.valor),
        "data_vencimento": br_date(inv.due),
        "data_pagamento": inv.paid.map(br_date),
        "data_documento": if b { json!(br_date(issued)) } else { Value::Null },
        "data_processamento": if b { json!(br_date(issued)) } else { Value::Null },
        "quitado": inv.paid.is_some(),
        "pix_copia_cola": if b && inv.paid.is_none() { json!(inv.pix()) } else { Value::Null },
        "detalhamento": inv.lines.iter().map(|(d, v)| json!({"descricao": d, "valor": money(*v)})).collect::<Vec<_>>(),
        "cliente": short_customer(c),
    })
}

/// Invoice as `/financeiro` shows it (simplified: strings and ISO dates).
pub fn receivable_json(c: &Customer, inv: &Invoice) -> Value {
    json!({
        "id_fatura": inv.id,
        "nosso_numero": inv.nosso_numero(),
        "data_vencimento": inv.due.format("%Y-%m-%d").to_string(),
        "data_vencimento_br": br_date(inv.due),
        "data_pagamento": inv.paid.map(|d| d.format("%Y-%m-%d").to_string()),
        "data_pagamento_br": inv.paid.map(br_date),
        "valor": money_str(inv.valor),
        "valor_pago": inv.paid.map(|_| money_str(inv.valor)),
        "cliente": {
            "id_cliente": c.id_cliente(),
            "codigo_cliente": c.codigo(),
            "nome_razaosocial": c.name,
            "nome_fantasia": c.fantasy,
            "tipo_pessoa": if c.pj { "pj" } else { "pf" },
            "cpf_cnpj": c.doc,
            "data_nascimento": c.birth.map(|b| b.format("%Y-%m-%d").to_string()),
            "data_nascimento_br": c.birth.map(br_date),
            "telefone_primario": c.phones[0],
            // As in the documented example: an empty secondary phone is "",
            // an empty tertiary one null.
            "telefone_secundario": c.phones[1],
            "telefone_terciario": if c.phones[2].is_empty() { Value::Null } else { json!(c.phones[2]) },
            "email_principal": c.email,
            "email_secundario": c.email2,
            "data_cadastro": iso(c.registered),
            "data_cadastro_br": c.registered.format("%d/%m/%Y %H:%M").to_string(),
            "ativo": c.services.iter().any(|s| s.status != Status::Cancelled),
        },
    })
}
