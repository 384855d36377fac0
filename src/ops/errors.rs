//! The attendant-facing words for API errors, shared by the console's
//! panes, its action results and the CLI, so the same error reads the same
//! everywhere.

use crate::api::ApiError;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::sanitize::clean_line;

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
        &[("route", &route), ("size", &format_size(limit))],
    )
}

/// A size limit for people: `32 MB`, `64 KB`, `1500 bytes`.
pub fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= KB && bytes.is_multiple_of(KB) {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(format_size(64 * 1024), "64 KB");
        assert_eq!(format_size(1500), "1500 bytes");
    }
}
