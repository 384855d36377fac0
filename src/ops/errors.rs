//! The attendant-facing words for API errors, shared by the console's
//! panes, its action results and the CLI, so the same error reads the same
//! everywhere: [`describe`] is the one mapping of an [`ApiError`] to text,
//! and [`classify`] the one reading of what it means for an action (the
//! audit trail's outcome, the console's outcome, the CLI's exit code).

use crate::api::ApiError;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::sanitize::clean_line;

/// What a text about an error may name besides the error itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ErrorContext {
    /// The action that failed: a 403 names it, a redirect reads "not
    /// applied". `None` for reads.
    pub action: Option<Msg>,
    /// The time limit of the call, in seconds, for a timeout's text.
    pub timeout_secs: u64,
}

impl ErrorContext {
    /// A read's context: no action.
    pub fn read(timeout_secs: u64) -> ErrorContext {
        ErrorContext {
            action: None,
            timeout_secs,
        }
    }

    /// An action's context.
    pub fn action(action: Msg, timeout_secs: u64) -> ErrorContext {
        ErrorContext {
            action: Some(action),
            timeout_secs,
        }
    }
}

/// The localized text of `err`, the same in a pane, an action's result and
/// the CLI. Text from the server is reduced to one clean line (control
/// characters and line breaks never reach the screen).
pub fn describe(lang: Lang, err: &ApiError, ctx: ErrorContext) -> String {
    let clean = |s: &str| clean_line(s).trim().to_owned();
    match err {
        ApiError::InvalidRequest { field, reason } => trf(
            lang,
            Msg::ErrInvalidRequest,
            &[("field", field), ("reason", &clean(reason))],
        ),
        ApiError::Config { reason } => {
            trf(lang, Msg::ErrClientConfig, &[("reason", &clean(reason))])
        }
        ApiError::Refused { .. } => trf(
            lang,
            Msg::ErrRefused,
            &[("msg", &server_words(err).unwrap_or_default())],
        ),
        ApiError::NotFound { .. } => match server_words(err) {
            Some(m) => trf(lang, Msg::ErrNotFoundServer, &[("msg", &m)]),
            None => tr(lang, Msg::ErrNotFound).to_owned(),
        },
        ApiError::Forbidden { .. } if err.missing_permission().is_some() => {
            let permission = err.missing_permission().map(permission_name);
            trf(
                lang,
                Msg::ErrPermissionMissing,
                &[(
                    "permission",
                    &tr(lang, permission.unwrap_or(Msg::PermEnableService)),
                )],
            )
        }
        ApiError::Forbidden { route, .. } => {
            let what = ctx
                .action
                .map_or_else(|| (*route).to_owned(), |a| tr(lang, a).to_owned());
            trf(lang, Msg::ErrPermissionDenied, &[("action", &what)])
        }
        ApiError::Auth { .. } => auth_failed(lang, err),
        ApiError::RateLimited { .. } => tr(lang, Msg::ErrRateLimited).to_owned(),
        ApiError::Network {
            timeout: true,
            route,
            ..
        } => trf(
            lang,
            Msg::ErrTimeout,
            &[("seconds", &ctx.timeout_secs), ("route", route)],
        ),
        ApiError::Network { detail, .. } => {
            trf(lang, Msg::ErrNetwork, &[("detail", &clean(detail))])
        }
        ApiError::Http {
            status, excerpt, ..
        } => trf(
            lang,
            Msg::ErrHttpStatus,
            &[("status", status), ("excerpt", &clean(excerpt))],
        ),
        ApiError::Decode {
            route,
            path,
            detail,
        } => decode_failed(lang, route, path, detail),
        ApiError::Redirected {
            route,
            status,
            location,
        } => match ctx.action {
            Some(action) => {
                not_applied_redirected(lang, action, route, *status, location.as_deref())
            }
            None => redirected(lang, route, *status, location.as_deref()),
        },
        ApiError::TooLarge { route, limit } => too_large(lang, route, *limit),
        ApiError::NotOffered { route, .. } => trf(lang, Msg::ErrNotOffered, &[("route", route)]),
    }
}

/// The words naming a HubSoft permission a 403 says is missing.
pub fn permission_name(permission: crate::api::Permission) -> Msg {
    use crate::api::Permission;
    match permission {
        Permission::EnableService => Msg::PermEnableService,
        Permission::SuspendService => Msg::PermSuspendService,
        Permission::ActivateService => Msg::PermActivateService,
    }
}

/// What the server itself said in a refusal (its sentence and every
/// detail it listed, one clean line), or `None` when it said nothing: the
/// words a pane, an action's result, the CLI and the audit trail all keep.
pub fn server_words(err: &ApiError) -> Option<String> {
    let clean = |s: &str| clean_line(s).trim().to_owned();
    let text = match err {
        ApiError::Refused { msg, errors, .. } => {
            let mut text = clean(msg);
            for extra in errors {
                let extra = clean(extra);
                if !extra.is_empty() && !text.contains(&extra) {
                    if !text.is_empty() {
                        text.push_str("; ");
                    }
                    text.push_str(&extra);
                }
            }
            text
        }
        ApiError::NotFound { msg: Some(m), .. } | ApiError::Forbidden { msg: Some(m), .. } => {
            clean(m)
        }
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// What an error means for the request that met it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// It may or may not have been applied ([`ApiError::outcome_unknown`]):
    /// check before repeating.
    Unknown,
    /// The server refused it (its rules, a permission, a missing record):
    /// nothing changed.
    Refused,
    /// The credentials were not accepted.
    Auth,
    /// hubdesk refused it before sending (bad input, unusable settings).
    Usage,
    /// It failed without reaching the server's rules: network, 4xx/5xx
    /// with no outcome in doubt, an unreadable or redirected answer.
    Failed,
}

/// The one classification of an error, for the audit's outcome, the
/// console's action outcome and the CLI's exit code.
pub fn classify(err: &ApiError) -> ErrorClass {
    if err.outcome_unknown() {
        return ErrorClass::Unknown;
    }
    match err {
        // A route the server does not offer applied nothing: refused.
        ApiError::Refused { .. }
        | ApiError::Forbidden { .. }
        | ApiError::NotFound { .. }
        | ApiError::NotOffered { .. } => ErrorClass::Refused,
        ApiError::Auth { .. } => ErrorClass::Auth,
        ApiError::InvalidRequest { .. } | ApiError::Config { .. } => ErrorClass::Usage,
        _ => ErrorClass::Failed,
    }
}

/// The text of an authentication failure: hubdesk's advice, and HubSoft's
/// own message beside it when the server sent one (a 401 used to replace
/// it with ours).
pub fn auth_failed(lang: Lang, err: &ApiError) -> String {
    match err.server_auth_message() {
        Some(server) => trf(
            lang,
            Msg::ErrAuthFailedServer,
            &[("msg", &clean_line(server))],
        ),
        None => tr(lang, Msg::ErrAuthFailed).to_owned(),
    }
}

/// The text of an answer that could not be decoded. A body that is not
/// JSON at all (`path` is `.`) says so plainly, with where it breaks;
/// a field that did not fit names the route and the field.
pub fn decode_failed(lang: Lang, route: &str, path: &str, detail: &str) -> String {
    use crate::api::{DETAIL_CUT_SHORT, DETAIL_EMPTY, DETAIL_NOT_JSON};
    if path != "." {
        return trf(
            lang,
            Msg::ErrDecode,
            &[("route", &route), ("field", &clean_line(path))],
        );
    }
    if detail == DETAIL_CUT_SHORT {
        return trf(lang, Msg::ErrBodyCutShort, &[("route", &route)]);
    }
    if detail == DETAIL_EMPTY {
        return trf(lang, Msg::ErrBodyEmpty, &[("route", &route)]);
    }
    if let Some(rest) = detail.strip_prefix(DETAIL_NOT_JSON) {
        // "(line L, column C)", when the parser said where.
        let numbers: Vec<&str> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect();
        return match numbers.as_slice() {
            [line, column] => trf(
                lang,
                Msg::ErrBodyNotJsonAt,
                &[("route", &route), ("line", line), ("column", column)],
            ),
            _ => trf(lang, Msg::ErrBodyNotJson, &[("route", &route)]),
        };
    }
    // An HTML page and the like: the client's own description.
    trf(
        lang,
        Msg::ErrBodyOther,
        &[("route", &route), ("detail", &clean_line(detail))],
    )
}

/// The text of an answer that was a redirect (HTTP 3xx), which hubdesk
/// never follows: the route, the status and where it pointed (already
/// reduced by the client to `scheme://host/path`), so that a wrong `host`
/// is easy to fix.
pub fn redirected(lang: Lang, route: &str, status: u16, location: Option<&str>) -> String {
    let place = match location {
        Some(l) => clean_line(l).into_owned(),
        None => tr(lang, Msg::ErrRedirectNowhere).to_owned(),
    };
    trf(
        lang,
        Msg::ErrRedirected,
        &[("route", &route), ("status", &status), ("location", &place)],
    )
}

/// The text of an action answered with a redirect: the configured server
/// applied nothing and nothing was sent elsewhere ("not applied", never
/// "unknown"). `action` names the action.
pub fn not_applied_redirected(
    lang: Lang,
    action: Msg,
    route: &str,
    status: u16,
    location: Option<&str>,
) -> String {
    trf(
        lang,
        Msg::ActionNotAppliedRedirected,
        &[
            ("action", &tr(lang, action)),
            ("detail", &redirected(lang, route, status, location)),
        ],
    )
}

/// The text of an answer past the route's size cap.
pub fn too_large(lang: Lang, route: &str, limit: u64) -> String {
    trf(
        lang,
        Msg::ErrTooLarge,
        &[("route", &route), ("size", &crate::br::size::bytes(limit))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every kind of error, with server text where it can carry it.
    fn every_error() -> Vec<ApiError> {
        vec![
            ApiError::InvalidRequest {
                field: "termo_busca",
                reason: "empty".into(),
            },
            ApiError::Refused {
                route: "cliente/desbloqueio_confianca",
                msg: "Serviço não está suspenso".into(),
                errors: vec!["id_cliente_servico: inválido\x1b[2J".into()],
            },
            ApiError::NotFound {
                route: "cliente",
                msg: Some("Cliente não encontrado".into()),
            },
            ApiError::NotFound {
                route: "cliente",
                msg: None,
            },
            ApiError::Forbidden {
                route: "cliente/reset_mac_addr",
                msg: None,
            },
            ApiError::Auth {
                msg: "invalid_client".into(),
            },
            ApiError::Network {
                route: "cliente",
                timeout: true,
                sent: true,
                detail: String::new(),
            },
            ApiError::Network {
                route: "cliente",
                timeout: false,
                sent: false,
                detail: "connection refused\nagain".into(),
            },
            ApiError::Http {
                route: "cliente",
                status: 404,
                excerpt: "<html>".into(),
            },
            ApiError::RateLimited {
                route: "cliente",
                retry_after: None,
            },
            ApiError::Decode {
                route: "cliente",
                path: "clientes".into(),
                detail: "x".into(),
            },
            ApiError::Config {
                reason: "no host".into(),
            },
            ApiError::Redirected {
                route: "cliente/reset_mac_addr",
                status: 302,
                location: Some("http://elsewhere/x".into()),
            },
            ApiError::TooLarge {
                route: "cliente",
                limit: 32 * 1024 * 1024,
            },
            ApiError::NotOffered {
                route: "cliente/reset_phy_addr",
                status: 405,
            },
            ApiError::Forbidden {
                route: "cliente/cliente_servico/suspender",
                msg: Some("O Usuário não possui a permissão desejada!".into()),
            },
        ]
    }

    /// Issue 17: a route the server predates says so (never "not found"),
    /// is a refusal (nothing applied), and a 403 on a service-state
    /// action names the HubSoft permission that is missing.
    #[test]
    fn a_missing_route_and_a_missing_permission_are_named() {
        let not_offered = ApiError::NotOffered {
            route: "cliente/reset_phy_addr",
            status: 0,
        };
        assert_eq!(classify(&not_offered), ErrorClass::Refused);
        assert_eq!(
            describe(Lang::En, &not_offered, ErrorContext::read(20)),
            "This HubSoft server does not offer cliente/reset_phy_addr: it predates that route"
        );
        assert_eq!(
            describe(Lang::PtBr, &not_offered, ErrorContext::read(20)),
            "Este servidor HubSoft não oferece cliente/reset_phy_addr: é de uma versão anterior a essa rota"
        );
        for (route, en) in [
            (
                "cliente/cliente_servico/habilitar",
                "enable a service (cliente_servico/habilitar)",
            ),
            (
                "cliente/cliente_servico/suspender",
                "suspend a service (cliente_servico/suspender)",
            ),
            (
                "cliente/cliente_servico/ativar",
                "activate a service (cliente_servico/ativar)",
            ),
        ] {
            let e = ApiError::Forbidden { route, msg: None };
            assert_eq!(classify(&e), ErrorClass::Refused);
            let ctx = ErrorContext::action(Msg::PermEnableService, 20);
            assert_eq!(
                describe(Lang::En, &e, ctx),
                format!(
                    "The API user lacks the HubSoft permission to {en}: ask the HubSoft administrator to grant it"
                )
            );
            assert!(
                describe(Lang::PtBr, &e, ErrorContext::read(20)).contains("permissão do HubSoft")
            );
        }
        // Other routes keep the generic words.
        let other = ApiError::Forbidden {
            route: "cliente/reset_mac_addr",
            msg: None,
        };
        assert!(
            describe(Lang::En, &other, ErrorContext::read(20)).starts_with("No permission for")
        );
    }

    /// Issue 15: the console's panes, its action results and the CLI used
    /// to word the same error four ways. Now each front end's text is
    /// [`describe`]'s, in both languages, and the exit code and the
    /// outcomes follow [`classify`].
    #[test]
    fn every_front_end_words_every_error_the_same() {
        use crate::app::inflight::{ActionKind, Outcome};
        for lang in [Lang::PtBr, Lang::En] {
            for e in every_error() {
                let read = describe(lang, &e, ErrorContext::read(20));
                assert_eq!(crate::app::error_text(lang, &e, 20), read, "{e:?}");
                let cli = crate::cli::Failure::api(lang, &e, ErrorContext::read(20));
                assert_eq!(cli.message, read, "{e:?}");
                let ctx = ErrorContext::action(ActionKind::ResetMac.msg(), 20);
                let action = describe(lang, &e, ctx);
                let console = Outcome::from_result::<()>(
                    lang,
                    ActionKind::ResetMac,
                    20,
                    &Err(e.clone()),
                    |_| None,
                );
                match classify(&e) {
                    ErrorClass::Unknown => assert_eq!(console, Outcome::Unknown, "{e:?}"),
                    _ => assert_eq!(
                        console,
                        Outcome::Refused {
                            msg: action.clone()
                        },
                        "{e:?}"
                    ),
                }
                assert_eq!(crate::cli::Failure::api(lang, &e, ctx).message, action);
                // Server text is one clean line everywhere.
                assert!(!read.contains(['\n', '\x1b']), "{read:?}");
            }
        }
    }

    #[test]
    fn the_server_words_are_kept_whole() {
        let en = |e: &ApiError, action| {
            describe(
                Lang::En,
                e,
                ErrorContext {
                    action,
                    timeout_secs: 20,
                },
            )
        };
        let errors = every_error();
        // A refusal keeps every detail the server listed.
        assert_eq!(
            en(&errors[1], None),
            "Refused by the server: Serviço não está suspenso; id_cliente_servico: inválido␛"
        );
        // A 404 with the server's words keeps them.
        assert_eq!(
            en(&errors[2], None),
            "Nothing found: Cliente não encontrado"
        );
        assert_eq!(en(&errors[3], None), "Nothing found");
        // A 403 names the action when there is one, else the route.
        assert!(en(&errors[4], Some(Msg::ActionResetMac)).contains("MAC reset"));
        assert!(en(&errors[4], None).contains("cliente/reset_mac_addr"));
        // The client's configuration reads the same in a pane and an action.
        assert_eq!(
            en(&errors[11], None),
            en(&errors[11], Some(Msg::ActionResetMac))
        );
        assert_eq!(
            en(&errors[11], None),
            "Invalid client configuration: no host"
        );
        assert_eq!(
            en(&errors[6], None),
            "The HubSoft server did not answer within 20 s (cliente)"
        );
    }

    #[test]
    fn classes_decide_outcomes_and_exit_codes() {
        use crate::audit::Outcome;
        use crate::ops::actions::outcome_of;
        let want = [
            ErrorClass::Usage,
            ErrorClass::Refused,
            ErrorClass::Refused,
            ErrorClass::Refused,
            ErrorClass::Refused,
            ErrorClass::Auth,
            ErrorClass::Unknown,
            ErrorClass::Failed,
            ErrorClass::Failed,
            ErrorClass::Failed,
            ErrorClass::Unknown,
            ErrorClass::Usage,
            ErrorClass::Failed,
            ErrorClass::Unknown,
        ];
        for (e, class) in every_error().iter().zip(want) {
            assert_eq!(classify(e), class, "{e:?}");
            let (outcome, _) = outcome_of::<()>(&Err(e.clone()), |_| None);
            let audited = match class {
                ErrorClass::Unknown => Outcome::Unknown,
                ErrorClass::Refused => Outcome::Refused,
                _ => Outcome::Failed,
            };
            assert_eq!(outcome, audited, "{e:?}");
            let code = crate::cli::Failure::api(Lang::En, e, ErrorContext::default()).code;
            let exit = match class {
                ErrorClass::Usage => crate::cli::EXIT_USAGE,
                ErrorClass::Refused => crate::cli::EXIT_REFUSED,
                ErrorClass::Auth => crate::cli::EXIT_AUTH,
                _ => crate::cli::EXIT_FAILURE,
            };
            assert_eq!(code, exit, "{e:?}");
        }
    }

    #[test]
    fn a_body_that_is_not_json_says_so_and_where() {
        let en = |path, detail| decode_failed(Lang::En, "rede/zona_atendimento", path, detail);
        assert_eq!(
            en(".", crate::api::DETAIL_CUT_SHORT),
            "The server's answer was cut short (rede/zona_atendimento): its JSON ends before it is complete; nothing was shown"
        );
        assert_eq!(
            en(".", "the body is not JSON (line 32, column 3)"),
            "The server's answer is not valid JSON (rede/zona_atendimento, line 32, column 3); nothing was shown"
        );
        assert!(en(".", crate::api::DETAIL_EMPTY).contains("empty"));
        assert!(en("clientes[0].servicos", "x").contains("field clientes[0].servicos"));
    }

    #[test]
    fn hubsofts_words_are_kept_beside_the_advice() {
        let e = ApiError::Auth {
            msg: "The user credentials were incorrect.".into(),
        };
        let t = auth_failed(Lang::En, &e);
        assert!(t.contains("The user credentials were incorrect."), "{t}");
        assert!(t.contains("client_secret"), "{t}");
        let ours = ApiError::Auth {
            msg: crate::api::AUTH_REFUSED_WITHOUT_REASON.into(),
        };
        assert_eq!(
            auth_failed(Lang::En, &ours),
            tr(Lang::En, Msg::ErrAuthFailed)
        );
        let hostile = ApiError::Auth {
            msg: "bad\u{1b}[2Jnews".into(),
        };
        assert!(!auth_failed(Lang::PtBr, &hostile).contains('\u{1b}'));
    }

    #[test]
    fn redirects_and_oversized_answers_name_route_place_and_size() {
        assert_eq!(
            redirected(Lang::En, "cliente", 307, Some("http://evil.example/x")),
            "The server answered cliente with a redirect (HTTP 307) to http://evil.example/x; \
             hubdesk follows no redirect: check the server address (host: https://, path)"
        );
        assert!(redirected(Lang::PtBr, "cliente", 302, None).contains("para lugar nenhum"));
        assert!(!redirected(Lang::En, "x", 301, Some("http://a\u{1b}[2J")).contains('\u{1b}'));
        let text = not_applied_redirected(Lang::En, Msg::ActionResetMac, "r", 302, None);
        assert!(text.starts_with("Not applied (redirected): "), "{text}");
        assert_eq!(
            too_large(Lang::En, "cliente", 32 * 1024 * 1024),
            "The answer of cliente is larger than 32 MB, hubdesk's limit for this route: narrow the search"
        );
        assert_eq!(crate::br::size::bytes(64 * 1024), "64 KB");
    }
}
