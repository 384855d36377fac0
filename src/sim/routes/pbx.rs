//! `POST /pbx/ligacao/notificar` and `cancelar`.

use super::*;

pub(super) fn pbx(sim: &Sim, m: &serde_json::Map<String, Value>, kind: &str) -> Result<(), Reply> {
    let target = text(m, "ramal").or_else(|| text(m, "identificador_interno"));
    let Some(target) = target else {
        return Err(refuse(
            "Favor preencher o atributo (ramal) ou (identificador_interno)",
            vec!["ramal ou identificador_interno é obrigatório".into()],
        ));
    };
    if let Some(code) = int(m, "codigo_cliente")
        && customers_by(sim, "codigo_cliente", &code.to_string()).is_empty()
    {
        return Err(refuse(
            format!("Cliente com código {code} não encontrado"),
            vec!["codigo_cliente".into()],
        ));
    }
    if let Some(idc) = int(m, "id_cliente")
        && customers_by(sim, "id_cliente", &idc.to_string()).is_empty()
    {
        return Err(refuse(
            format!("Cliente {idc} não encontrado"),
            vec!["id_cliente".into()],
        ));
    }
    record(sim, kind, target, Value::Object(m.clone()));
    Ok(())
}

pub(super) async fn pbx_notify(State(sim): S, body: Bytes) -> Reply {
    match pbx(&sim, &body_map(&body), "pbx_notify") {
        Ok(()) => ok(json!({"status": "success", "msg": "Ligação notificada com sucesso"})),
        Err(e) => e,
    }
}

pub(super) async fn pbx_cancel(State(sim): S, body: Bytes) -> Reply {
    match pbx(&sim, &body_map(&body), "pbx_cancel") {
        Ok(()) => ok(json!({"status": "success", "msg": "Ligação cancelada com sucesso"})),
        Err(e) => e,
    }
}
