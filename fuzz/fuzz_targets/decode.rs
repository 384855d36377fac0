//! Response decoding of every route: status, `Retry-After` and body bytes
//! through the client's own path (charset fallback, envelope, typed decode).
#![no_main]

use hubdesk::api::fuzzing::{FUZZ_ROUTES, FuzzOutcome, decode_for_fuzz};
use libfuzzer_sys::fuzz_target;

/// Statuses worth reaching; the fuzzer picks one with a byte.
const STATUSES: [u16; 12] = [200, 201, 204, 400, 401, 403, 404, 422, 429, 500, 502, 504];

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let route = data[0] as usize % FUZZ_ROUTES.len();
    let status = STATUSES[data[1] as usize % STATUSES.len()];
    let body = &data[2..];
    // A few bodies also carry a Retry-After made of their first line.
    let retry_after = (status == 429)
        .then(|| std::str::from_utf8(body).ok())
        .flatten()
        .and_then(|s| s.lines().next());
    match decode_for_fuzz(route, status, retry_after, body) {
        FuzzOutcome::Failed(e) => {
            // An error never echoes a whole large body.
            assert!(e.to_string().len() < 4096 + body.len().min(4096));
        }
        FuzzOutcome::Decoded(_) | FuzzOutcome::Unauthorized => {}
    }
});
