//! Who is at the keyboard, for the attendant's name that tickets and the
//! audit trail carry (HubSoft itself records only the shared API user).
//!
//! The profile's `attendant` when it is set; else the login of the person
//! running hubdesk: `USER`, `LOGNAME` or `USERNAME`, and when none is set
//! (a service manager, `env -i`, a container) the system account of the
//! process's user id. Never the profile's name: "aberto por default" says
//! nothing about who opened a ticket.
//!
//! The console and the CLI both call [`attendant`].

/// The attendant's name: `configured` (the profile's `attendant`) when it
/// is not blank, else [`system_user`].
pub fn attendant(configured: Option<&str>) -> Option<String> {
    configured
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .or_else(system_user)
}

/// The login of the person running the process: `USER`, `LOGNAME` or
/// `USERNAME`, else the name of the process's user id in the system's
/// account database.
pub fn system_user() -> Option<String> {
    system_user_with(|k| std::env::var(k).ok(), account_name)
}

/// [`system_user`] with the environment and the account lookup injected.
fn system_user_with(
    env: impl Fn(&str) -> Option<String>,
    account: impl FnOnce() -> Option<String>,
) -> Option<String> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| {
            env(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        })
        .or_else(account)
}

/// The account name of the real user id (`getpwuid_r`), which also knows
/// accounts from LDAP or other NSS sources, unlike `/etc/passwd`.
#[cfg(unix)]
fn account_name() -> Option<String> {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    let mut buf = vec![0u8; 1024];
    loop {
        // SAFETY: an all-zero `passwd` is a valid value (null pointers and
        // zero ids); getpwuid_r fills it, pointing into `buf`, which
        // outlives every read below.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the length given.
        let rc = unsafe {
            libc::getpwuid_r(
                uid,
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut found,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success pw_name is a NUL-terminated string in `buf`.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        return name
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
    }
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_environment_comes_first_then_the_account() {
        let account = || Some("conta".to_owned());
        assert_eq!(
            system_user_with(env(&[("USER", "ana"), ("LOGNAME", "x")]), account),
            Some("ana".into())
        );
        assert_eq!(
            system_user_with(env(&[("USER", "  "), ("LOGNAME", "bia")]), account),
            Some("bia".into())
        );
        assert_eq!(
            system_user_with(env(&[("USERNAME", "caio")]), account),
            Some("caio".into())
        );
        assert_eq!(system_user_with(env(&[]), account), Some("conta".into()));
        assert_eq!(system_user_with(env(&[]), || None), None);
    }

    #[test]
    fn a_configured_attendant_wins_unless_blank() {
        assert_eq!(attendant(Some(" Maria Souza ")), Some("Maria Souza".into()));
        assert_eq!(attendant(Some("  ")), system_user());
        assert_eq!(attendant(None), system_user());
    }

    #[cfg(unix)]
    #[test]
    fn the_account_is_the_one_id_names() {
        let out = std::process::Command::new("id")
            .arg("-un")
            .output()
            .expect("id(1) runs");
        let expected = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        assert!(!expected.is_empty());
        assert_eq!(account_name(), Some(expected));
    }
}
