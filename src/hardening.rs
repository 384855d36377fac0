//! Process settings made first thing in `main`: core dumps off, and
//! SIGXFSZ ignored.
//!
//! A core dump of hubdesk holds what its memory holds: the password and
//! the client secret (however soon they are zeroed, the console keeps
//! them to get a new token), the access token, and the customers on
//! screen. A crash on an attendant's machine, or `kill -QUIT` before the
//! handlers are up, would write all of it to a file, or hand it to a
//! system crash collector. So [`at_start`] turns them off:
//! the soft `RLIMIT_CORE` goes to 0 (the hard limit is kept, so it can
//! be raised again) and, on Linux, the process is marked not dumpable
//! (`PR_SET_DUMPABLE` 0), which also stops a pipe in `core_pattern`
//! (systemd-coredump, apport) that ignores the size limit. For debugging,
//! `--allow-core-dump` calls [`allow_core_dumps`], which puts both back.
//!
//! SIGXFSZ (a write past `RLIMIT_FSIZE`) would kill the process, with
//! the console's terminal left raw and an action's outcome unwritten;
//! ignored, that write fails with `EFBIG`, which the audit trail reports
//! like a full disk.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The soft core limit found at start, for [`allow_core_dumps`].
static SAVED_SOFT: AtomicU64 = AtomicU64::new(0);
/// Whether [`disable_core_dumps`] changed anything to undo.
static DISABLED: AtomicBool = AtomicBool::new(false);

/// Core dumps off and SIGXFSZ ignored. Call first thing in `main`,
/// before the config (and its secrets) is read. Lowering a soft limit,
/// clearing the dumpable flag and ignoring a signal cannot fail in
/// practice; the first error is returned for the caller to report.
pub fn at_start() -> std::io::Result<()> {
    let ignored = ignore_file_size_signal();
    disable_core_dumps().and(ignored)
}

#[cfg(unix)]
fn ignore_file_size_signal() -> std::io::Result<()> {
    // SAFETY: SIG_IGN for a signal that has no handler of ours.
    if unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) } == libc::SIG_ERR {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(unix))]
fn ignore_file_size_signal() -> std::io::Result<()> {
    Ok(())
}

/// Turns core dumps off for this process.
#[cfg(unix)]
pub fn disable_core_dumps() -> std::io::Result<()> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // rlim_t is not u64 on every target.
    #[allow(clippy::unnecessary_cast)]
    SAVED_SOFT.store(limit.rlim_cur as u64, Ordering::SeqCst);
    let off = libc::rlimit {
        rlim_cur: 0,
        rlim_max: limit.rlim_max,
    };
    // SAFETY: setrlimit reads the struct it is given.
    if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &off) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    DISABLED.store(true, Ordering::SeqCst);
    set_dumpable(false)
}

/// Puts core dumps back as they were before [`disable_core_dumps`]
/// (`--allow-core-dump`).
#[cfg(unix)]
pub fn allow_core_dumps() -> std::io::Result<()> {
    if !DISABLED.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: as in `disable_core_dumps`.
    if unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let back = libc::rlimit {
        rlim_cur: (SAVED_SOFT.load(Ordering::SeqCst) as libc::rlim_t).min(limit.rlim_max),
        rlim_max: limit.rlim_max,
    };
    // SAFETY: as in `disable_core_dumps`.
    if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &back) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    set_dumpable(true)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn set_dumpable(on: bool) -> std::io::Result<()> {
    // SAFETY: PR_SET_DUMPABLE takes one integer argument, 0 or 1.
    let rc = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, libc::c_ulong::from(on), 0, 0, 0) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn set_dumpable(_on: bool) -> std::io::Result<()> {
    Ok(())
}

/// No core dumps to turn off here.
#[cfg(not(unix))]
pub fn disable_core_dumps() -> std::io::Result<()> {
    Ok(())
}

/// See [`disable_core_dumps`].
#[cfg(not(unix))]
pub fn allow_core_dumps() -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, any(target_os = "linux", target_os = "android")))]
mod tests {
    use super::*;

    fn soft_limit() -> libc::rlim_t {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: as above.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) }, 0);
        limit.rlim_cur
    }

    fn dumpable() -> libc::c_int {
        // SAFETY: PR_GET_DUMPABLE takes no argument.
        unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) }
    }

    /// The only test that touches this process's core settings (they are
    /// process-wide), and it puts them back.
    #[test]
    fn disable_then_allow_puts_everything_back() {
        let before = soft_limit();
        disable_core_dumps().unwrap();
        assert_eq!(soft_limit(), 0);
        assert_eq!(dumpable(), 0);
        allow_core_dumps().unwrap();
        assert_eq!(soft_limit(), before);
        assert_eq!(dumpable(), 1);
        // A second allow changes nothing.
        allow_core_dumps().unwrap();
        assert_eq!(soft_limit(), before);
    }
}
