//! Who is at the keyboard, as recorded in tickets and the audit trail.
//!
//! HubSoft records the shared API user as the author of everything sent
//! through the integration, so hubdesk names the attendant itself: the
//! profile's `attendant`, else the operating-system account running it.
//! Never the profile's name: "aberto por default" names nobody.

use serde_json::{Map, Value, json};

/// `parametros.origem` of everything hubdesk sends.
pub const ORIGIN: &str = "hubdesk";

/// The attendant: `configured` when it is not blank, else the system
/// account's name; `None` when neither is known.
pub fn attendant(configured: Option<&str>) -> Option<String> {
    configured
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .or_else(system_account)
}

/// The login of the account running hubdesk: `USER`, `LOGNAME` or
/// `USERNAME` when set, else the password database's entry for the real
/// user id (a service started without a login environment still has one).
pub fn system_account() -> Option<String> {
    account_from(|k| std::env::var(k).ok(), passwd_name)
}

fn account_from(
    env: impl Fn(&str) -> Option<String>,
    passwd: impl FnOnce() -> Option<String>,
) -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| env(k).filter(|u| !u.trim().is_empty()))
        .or_else(passwd)
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
}

#[cfg(unix)]
fn passwd_name() -> Option<String> {
    // SAFETY: getpwuid_r writes into `pwd` and `buf`, both owned here and
    // large enough per the size we pass; `result` is only read when the
    // call reports success, and `pw_name` then points into `buf`.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(
            libc::getuid(),
            &mut pwd,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        );
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(pwd.pw_name)
            .to_str()
            .ok()
            .map(str::to_owned)
    }
}

#[cfg(not(unix))]
fn passwd_name() -> Option<String> {
    None
}

/// `parametros` naming who sent a ticket: `atendente` (when known),
/// `origem`, and the PBX extension (`ramal`) when the profile has one.
pub fn parametros(attendant: Option<&str>, ramal: Option<&str>) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(a) = attendant.map(str::trim).filter(|a| !a.is_empty()) {
        m.insert("atendente".into(), json!(a));
    }
    m.insert("origem".into(), json!(ORIGIN));
    if let Some(r) = ramal.map(str::trim).filter(|r| !r.is_empty()) {
        m.insert("ramal".into(), json!(r));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_name_wins_and_blank_falls_back() {
        assert_eq!(attendant(Some(" Maria ")).as_deref(), Some("Maria"));
        // Blank configured: the system account, whatever it is here.
        assert_eq!(attendant(Some("  ")), system_account());
    }

    #[test]
    fn system_account_without_a_login_environment_uses_the_passwd_entry() {
        let none = |_: &str| None;
        assert_eq!(
            account_from(none, || Some("op1".into())).as_deref(),
            Some("op1")
        );
        assert_eq!(account_from(none, || None), None);
        let env = |k: &str| (k == "LOGNAME").then(|| "joao".to_owned());
        assert_eq!(
            account_from(env, || Some("op1".into())).as_deref(),
            Some("joao")
        );
        let blank = |_: &str| Some("  ".to_owned());
        assert_eq!(
            account_from(blank, || Some("op1".into())).as_deref(),
            Some("op1")
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_passwd_entry_of_this_process_exists() {
        assert!(passwd_name().is_some_and(|n| !n.is_empty()));
    }

    #[test]
    fn parametros_name_the_attendant_and_origin() {
        let p = parametros(Some("ana"), Some("2001"));
        assert_eq!(
            Value::Object(p),
            json!({"atendente": "ana", "origem": "hubdesk", "ramal": "2001"})
        );
        assert_eq!(
            Value::Object(parametros(None, None)),
            json!({"origem": "hubdesk"})
        );
    }
}
