//! `GET /endereco/cidade`.

use super::*;

pub(super) async fn cities(State(sim): S) -> Reply {
    success(
        "Dados consultados com sucesso.",
        "cidades",
        Value::Array(render::cities(&sim)),
    )
}
