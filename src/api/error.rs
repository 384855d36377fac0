//! The one error type of the HubSoft client.
//!
//! Each variant is structured so that the console can localise it by variant;
//! the English `Display` text is fit to show an attendant as is. No variant
//! ever carries a request body, a header, a password or a token.

use std::time::Duration;

/// Every way a HubSoft request can fail, each with a message fit to show an attendant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// A parameter failed its documented bounds; nothing was sent.
    #[error("invalid {field}: {reason}")]
    InvalidRequest {
        /// The parameter at fault, as named by the API.
        field: &'static str,
        /// Why it was refused, in English.
        reason: String,
    },
    /// The server answered `status: "error"` (or an HTTP 422 validation
    /// error); `msg` is shown verbatim.
    #[error("{msg}")]
    Refused {
        /// Short route name, e.g. `"cliente/financeiro"`.
        route: &'static str,
        /// The server's `msg`, readable Portuguese.
        msg: String,
        /// The server's `errors`, flattened to one string each.
        errors: Vec<String>,
    },
    /// HTTP 404: on a search route this means "nothing found".
    #[error("not found ({route})")]
    NotFound {
        /// Short route name.
        route: &'static str,
        /// The server's `msg`, when the body carried one.
        msg: Option<String>,
    },
    /// HTTP 403: the API user lacks the permission for this route, or the
    /// caller's address is not allowed. Never retried.
    #[error("not permitted: the API user may not use {route}{}", suffix(msg.as_deref()))]
    Forbidden {
        /// Short route name.
        route: &'static str,
        /// The server's `msg`, when the body carried one.
        msg: Option<String>,
    },
    /// The credentials were refused, or the server kept refusing a freshly
    /// granted token.
    #[error("authentication failed: {msg}")]
    Auth {
        /// The server's explanation, or a description of what went wrong.
        msg: String,
    },
    /// The server could not be reached, or the exchange broke off.
    #[error("{}", network_message(route, *timeout, detail))]
    Network {
        /// Short route name.
        route: &'static str,
        /// True when a connect or request timeout expired.
        timeout: bool,
        /// True when the request may have reached the server, fully or in
        /// part (false only when the connection was never established).
        sent: bool,
        /// Low-level cause, without URL, query or headers.
        detail: String,
    },
    /// An HTTP status the client has no better meaning for (5xx, unexpected 4xx).
    #[error(
        "the HubSoft server answered HTTP {status} on {route}{}",
        suffix(Some(excerpt))
    )]
    Http {
        /// Short route name.
        route: &'static str,
        /// The HTTP status code.
        status: u16,
        /// A short excerpt of the body: the `<title>` of an HTML page, the
        /// `msg` of a JSON body, or the first characters of anything else.
        excerpt: String,
    },
    /// HTTP 429 and the retries (if any) are exhausted.
    #[error("the HubSoft server is overloaded (too many requests on {route}); {}", retry_hint(*retry_after))]
    RateLimited {
        /// Short route name.
        route: &'static str,
        /// The server's `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },
    /// The body was not the JSON expected; `path` names the failing JSON
    /// path (e.g. `clientes[0].codigo_cliente`).
    #[error("unexpected answer from {route} at {path}: {detail}")]
    Decode {
        /// Short route name.
        route: &'static str,
        /// JSON path of the failing value; `.` for the whole body.
        path: String,
        /// What was wrong, with string values from the body elided.
        detail: String,
    },
    /// The server answered with a redirect (HTTP 3xx). hubdesk follows no
    /// redirect: a redirect on the grant would carry the password to
    /// wherever it points, one on an action would re-send (or, as a GET,
    /// drop) it elsewhere, and one on a read would show another host's
    /// data. Usually the configured `host` is wrong (`http` for `https`,
    /// a missing path prefix). Nothing was applied by the server.
    #[error(
        "the HubSoft server answered {route} with a redirect (HTTP {status}) to {}; hubdesk follows no redirect: check the server address",
        location.as_deref().unwrap_or("nowhere")
    )]
    Redirected {
        /// Short route name.
        route: &'static str,
        /// The HTTP status (301, 302, 303, 307, 308...).
        status: u16,
        /// Where it pointed, resolved against the request and reduced to
        /// `scheme://host[:port]/path` (no user info, query or fragment:
        /// those may carry secrets or customer data); `None` without a
        /// usable `Location` header.
        location: Option<String>,
    },
    /// The answer was larger than hubdesk accepts for this route (a size
    /// no real HubSoft answer reaches); reading stopped at the limit.
    #[error("the answer of {route} is larger than {limit} bytes, hubdesk's limit for this route")]
    TooLarge {
        /// Short route name.
        route: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },
    /// This HubSoft server does not offer `route`: a route newer than the
    /// 2020 documentation (see [`crate::api::NEWER_ROUTES`]) answered 404 or
    /// 405 with a body that is not HubSoft's JSON envelope (a web server's
    /// or the framework's "no such route" page, not HubSoft's "record not
    /// found", which always carries `status`/`msg`). The [`crate::api::Client`]
    /// remembers it for the session and never asks that route again; where
    /// an older route does the same job it falls back to it. Nothing was
    /// applied by the server.
    #[error("this HubSoft server does not offer {route} (HTTP {status}); it predates that route")]
    NotOffered {
        /// Short route name, e.g. `"cliente/reset_phy_addr"`.
        route: &'static str,
        /// The status it answered (404 or 405); 0 when the client already
        /// knew from an earlier answer in this session and sent nothing.
        status: u16,
    },
    /// The client configuration is unusable (bad URL, plain HTTP to a remote
    /// host, TLS set-up failure); nothing was sent.
    #[error("invalid client configuration: {reason}")]
    Config {
        /// What is wrong, in English.
        reason: String,
    },
}

impl ApiError {
    /// True when the request may have reached the server and its effect is
    /// unknown: a timeout or a connection dropped after sending, any HTTP
    /// 5xx, or a 2xx answer that could not be read ([`ApiError::Decode`]:
    /// the server may well have done it). The console marks such an action
    /// "unknown: check before repeating" instead of "failed".
    ///
    /// Every 5xx counts, not only the gateways' 502/504: a 500 from HubSoft
    /// (Laravel) can come from code that runs after the change was written
    /// (a notification, a log line), and a 503 from a proxy does not say
    /// whether HubSoft saw the request. Only the server knows, so "unknown"
    /// is the honest answer for an action. (Reads are retried anyway and
    /// never ask.)
    ///
    /// Failures of the token grant are never "unknown": a grant changes
    /// nothing on the subscriber's side and the action itself was not sent.
    pub fn outcome_unknown(&self) -> bool {
        let not_grant = |route: &str| route != crate::api::auth::TOKEN_ROUTE;
        match self {
            Self::Network { route, sent, .. } => *sent && not_grant(route),
            Self::Http { route, status, .. } => (500..=599).contains(status) && not_grant(route),
            Self::Decode { route, .. } | Self::TooLarge { route, .. } => not_grant(route),
            // "303 See Other" is, by definition, the answer to a request
            // that was processed (post/redirect/get): the change may have
            // been made. HubSoft's API never sends it; if a server does,
            // "unknown" is the honest reading.
            Self::Redirected {
                route, status: 303, ..
            } => not_grant(route),
            // Any other redirect means "go elsewhere": the configured
            // server did not apply anything, and hubdesk sent nothing
            // anywhere else.
            _ => false,
        }
    }

    /// True when the same request may succeed if tried again later: network
    /// failures, HTTP 5xx and 429. Reads are already retried automatically
    /// this way; for actions the caller must check [`ApiError::outcome_unknown`]
    /// first.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Network { .. } | Self::RateLimited { .. } => true,
            Self::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The short route name the error belongs to, when it has one.
    pub fn route(&self) -> Option<&'static str> {
        match self {
            Self::Refused { route, .. }
            | Self::NotFound { route, .. }
            | Self::Forbidden { route, .. }
            | Self::Network { route, .. }
            | Self::Http { route, .. }
            | Self::RateLimited { route, .. }
            | Self::Decode { route, .. }
            | Self::Redirected { route, .. }
            | Self::TooLarge { route, .. }
            | Self::NotOffered { route, .. } => Some(route),
            Self::InvalidRequest { .. } | Self::Auth { .. } | Self::Config { .. } => None,
        }
    }
}

/// [`ApiError::Auth`]'s text when the grant was refused without a readable
/// explanation.
pub const AUTH_REFUSED_WITHOUT_REASON: &str = "the server refused the API credentials";
/// [`ApiError::Auth`]'s text when a freshly granted token was refused too.
pub const AUTH_FRESH_TOKEN_REFUSED: &str = "the server refused a freshly issued access token";

impl ApiError {
    /// For [`ApiError::Auth`], HubSoft's own words ("The user credentials
    /// were incorrect.", "Unauthenticated."), when it sent any: the
    /// attendant sees them beside hubdesk's advice. `None` for hubdesk's
    /// own fallback texts and for every other error.
    pub fn server_auth_message(&self) -> Option<&str> {
        match self {
            ApiError::Auth { msg }
                if msg != AUTH_REFUSED_WITHOUT_REASON && msg != AUTH_FRESH_TOKEN_REFUSED =>
            {
                Some(msg.trim()).filter(|m| !m.is_empty())
            }
            _ => None,
        }
    }
}

/// `": text"` when there is a text, nothing otherwise.
fn suffix(text: Option<&str>) -> String {
    match text {
        Some(t) if !t.is_empty() => format!(": {t}"),
        _ => String::new(),
    }
}

fn network_message(route: &str, timeout: bool, detail: &str) -> String {
    if timeout {
        format!("the HubSoft server did not answer in time ({route})")
    } else {
        format!("could not talk to the HubSoft server ({route}): {detail}")
    }
}

fn retry_hint(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(d) if d.as_secs() > 0 => format!("try again in {} s", d.as_secs()),
        _ => "try again shortly".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_well() {
        let e = ApiError::Http {
            route: "rede/pop",
            status: 502,
            excerpt: "502 Bad Gateway".into(),
        };
        assert_eq!(
            e.to_string(),
            "the HubSoft server answered HTTP 502 on rede/pop: 502 Bad Gateway"
        );
        let e = ApiError::Forbidden {
            route: "cliente",
            msg: None,
        };
        assert_eq!(
            e.to_string(),
            "not permitted: the API user may not use cliente"
        );
        let e = ApiError::RateLimited {
            route: "cliente",
            retry_after: Some(Duration::from_secs(7)),
        };
        assert!(e.to_string().ends_with("try again in 7 s"));
    }

    #[test]
    fn outcome_unknown_only_when_possibly_sent() {
        let net = |route, sent| ApiError::Network {
            route,
            timeout: true,
            sent,
            detail: String::new(),
        };
        assert!(net("cliente/reset_mac_addr", true).outcome_unknown());
        assert!(!net("cliente/reset_mac_addr", false).outcome_unknown());
        assert!(!net(crate::api::auth::TOKEN_ROUTE, true).outcome_unknown());
        let http = |status| ApiError::Http {
            route: "x",
            status,
            excerpt: String::new(),
        };
        assert!(http(504).outcome_unknown());
        let decode = |route| ApiError::Decode {
            route,
            path: ".".into(),
            detail: String::new(),
        };
        assert!(decode("cliente/reset_mac_addr").outcome_unknown());
        assert!(!decode(crate::api::auth::TOKEN_ROUTE).outcome_unknown());
        // Any 5xx: the server may have applied the change before failing.
        assert!(http(500).outcome_unknown());
        assert!(http(503).outcome_unknown());
        assert!(!http(400).outcome_unknown());
        assert!(!http(499).outcome_unknown());
        let grant_500 = ApiError::Http {
            route: crate::api::auth::TOKEN_ROUTE,
            status: 500,
            excerpt: String::new(),
        };
        assert!(!grant_500.outcome_unknown(), "a grant changes nothing");
        let redirect = |route, status| ApiError::Redirected {
            route,
            status,
            location: Some("http://elsewhere.example/x".into()),
        };
        for status in [301, 302, 307, 308] {
            let e = redirect("cliente/reset_mac_addr", status);
            assert!(!e.outcome_unknown(), "{status} applied nothing");
            assert!(!e.is_retryable());
        }
        assert!(redirect("cliente/reset_mac_addr", 303).outcome_unknown());
        assert!(!redirect(crate::api::auth::TOKEN_ROUTE, 303).outcome_unknown());
        let big = ApiError::TooLarge {
            route: "cliente/reset_mac_addr",
            limit: 1,
        };
        assert!(
            big.outcome_unknown(),
            "a 2xx answer the client could not read"
        );
        assert!(!big.is_retryable());
        assert!(http(500).is_retryable());
        assert!(!http(400).is_retryable());
    }
}
