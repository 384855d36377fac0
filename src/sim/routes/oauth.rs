//! `POST /oauth/token`: the password grant.

use super::*;

pub(super) async fn token(State(sim): S, body: Bytes) -> Response {
    let m = body_map(&body);
    let c = &sim.cfg.credentials;
    let field = |k: &str| text(&m, k).unwrap_or_default();
    if field("grant_type") != "password" {
        return json_response(
            StatusCode::BAD_REQUEST,
            &json!({"error": "unsupported_grant_type", "message": "The authorization grant type is not supported by the authorization server."}),
        );
    }
    if field("client_id") != c.client_id || field("client_secret") != c.client_secret {
        return json_response(
            StatusCode::UNAUTHORIZED,
            // Real servers answer every credential mistake the same way.
            &json!({"error": "invalid_credentials", "message": "Client authentication failed"}),
        );
    }
    if field("username") != c.username || field("password") != c.password {
        return json_response(
            StatusCode::UNAUTHORIZED,
            &json!({"error": "invalid_credentials", "message": "The user credentials were incorrect."}),
        );
    }
    let (access, refresh) = {
        let mut rng = lock(&sim.rng);
        let hex = |rng: &mut rand_chacha::ChaCha8Rng, n: usize| -> String {
            (0..n)
                .map(|_| format!("{:x}", rng.random_range(0..16u8)))
                .collect()
        };
        (
            format!("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.{}", hex(&mut rng, 48)),
            format!("def50200{}", hex(&mut rng, 56)),
        )
    };
    let ttl = sim.cfg.token_ttl;
    {
        let mut st = sim.state();
        st.tokens.insert(access.clone(), Instant::now() + ttl);
        st.counters.bump("token", &sim.cfg.credentials.username);
    }
    json_response(
        StatusCode::OK,
        &json!({"access_token": access, "expires_in": ttl.as_secs(), "refresh_token": refresh, "token_type": "Bearer"}),
    )
}
