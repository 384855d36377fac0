//! The simulator's own routes for tests (`/_sim/...`): counters, fault knobs, token revocation.

use super::*;

pub(super) async fn admin_counters(State(sim): S) -> Response {
    let c = sim.state().counters.clone();
    json_response(StatusCode::OK, &serde_json::to_value(c).unwrap_or_default())
}

pub(super) async fn admin_get_faults(State(sim): S) -> Response {
    let f = lock(&sim.faults).clone();
    json_response(StatusCode::OK, &serde_json::to_value(f).unwrap_or_default())
}

pub(super) async fn admin_faults(State(sim): S, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => {
            *lock(&sim.faults) = f;
            json_response(StatusCode::OK, &json!({"status": "success"}))
        }
        Err(e) => json_response(
            StatusCode::BAD_REQUEST,
            &json!({"status": "error", "msg": e.to_string()}),
        ),
    }
}

pub(super) async fn admin_revoke(State(sim): S) -> Response {
    sim.state().tokens.clear();
    json_response(StatusCode::OK, &json!({"status": "success"}))
}
