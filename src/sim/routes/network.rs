//! `GET /rede/equipamento`, `rede/pop`, `rede/zona_atendimento`.

use super::*;

pub(super) async fn equipment() -> Reply {
    success(
        "Dados consultados com sucesso.",
        "equipamentos",
        Value::Array(render::equipment_list()),
    )
}

pub(super) async fn pops() -> Reply {
    success(
        "Dados consultados com sucesso.",
        "pops",
        Value::Array(render::pops()),
    )
}

pub(super) async fn zones() -> Reply {
    success(
        "Dados consultados com sucesso.",
        "zonas_atendimento",
        Value::Array(render::zones()),
    )
}
