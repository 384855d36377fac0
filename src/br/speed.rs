//! Plan speeds for display: one formatter for the console and the CLI.

use crate::api::speed::{KBPS_PER_MBPS, Speed};

/// `1.234` the Brazilian way.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A speed in kbit/s, shown in Mbit/s from 1 Mbit/s.
///
/// ISPs configure plans both in binary steps (`102400` for "100 MEGA") and
/// in decimal ones (`20000` for "20MB"), so an exact multiple of 1024 or of
/// 1000 is shown whole in that base (`20 Mbps`, not `19,5 Mbps`); anything
/// else in 1024 steps with one decimal (`5192` is `5,1 Mbps`). Below
/// 1 Mbit/s it stays in kbps.
pub fn format_kbps(kbps: u64) -> String {
    if kbps >= KBPS_PER_MBPS && kbps.is_multiple_of(KBPS_PER_MBPS) {
        format!("{} Mbps", group(kbps / KBPS_PER_MBPS))
    } else if kbps >= 1000 && kbps.is_multiple_of(1000) {
        format!("{} Mbps", group(kbps / 1000))
    } else if kbps >= KBPS_PER_MBPS {
        let tenths = (kbps as f64 * 10.0 / KBPS_PER_MBPS as f64).round() as u64;
        if tenths.is_multiple_of(10) {
            format!("{} Mbps", group(tenths / 10))
        } else {
            format!("{},{} Mbps", group(tenths / 10), tenths % 10)
        }
    } else {
        format!("{kbps} kbps")
    }
}

/// A speed field as the attendant should read it: the formatted value,
/// followed by the server's own text in quotes when the value is doubtful
/// (see [`Speed::doubtful`]), or that text alone when it could not be read.
/// `plan_name` is the service's plan, which a label may contradict. The
/// result may hold server text: sanitize before drawing.
pub fn show(speed: &Speed, plan_name: Option<&str>) -> String {
    match (speed.kbps, speed.raw.as_deref()) {
        (Some(k), Some(raw)) if speed.doubtful(plan_name) => {
            format!("{} (“{raw}”)", format_kbps(k))
        }
        (Some(k), _) => format_kbps(k),
        (None, Some(raw)) => format!("“{raw}”"),
        (None, None) => String::new(),
    }
}

/// "↓ download / ↑ upload", each through [`show`]; `missing` stands for a
/// speed the server did not send. Only the download is checked against the
/// plan's name: names state the download speed ("300 MEGA"), and uploads
/// are a fraction of it.
pub fn pair(down: Option<&Speed>, up: Option<&Speed>, plan: Option<&str>, missing: &str) -> String {
    let down = down.map_or_else(|| missing.to_owned(), |d| show(d, plan));
    let up = up.map_or_else(|| missing.to_owned(), |u| show(u, None));
    format!("↓ {down} / ↑ {up}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_decimal_steps_are_whole() {
        assert_eq!(format_kbps(102_400), "100 Mbps");
        assert_eq!(format_kbps(20_000), "20 Mbps");
        assert_eq!(format_kbps(20_480), "20 Mbps");
        assert_eq!(format_kbps(1_024_000), "1.000 Mbps");
        assert_eq!(format_kbps(2_048), "2 Mbps");
        assert_eq!(format_kbps(1_536), "1,5 Mbps");
        assert_eq!(format_kbps(5_192), "5,1 Mbps");
        assert_eq!(format_kbps(512), "512 kbps");
        assert_eq!(format_kbps(0), "0 kbps");
    }

    #[test]
    fn doubtful_labels_keep_the_server_text() {
        let s = Speed::from_text("10240 Mbits").unwrap();
        assert_eq!(show(&s, Some("10MB")), "10.240 Mbps (“10240 Mbits”)");
        let s = Speed::from_text("30 Mbits").unwrap();
        assert_eq!(show(&s, Some("30MB FIBRA")), "30 Mbps");
        let s = Speed::from_text("sob consulta").unwrap();
        assert_eq!(show(&s, None), "“sob consulta”");
        assert_eq!(show(&Speed::from_kbps(20_000), Some("20MB")), "20 Mbps");
    }

    #[test]
    fn only_the_download_is_held_against_the_plan_name() {
        let down = Speed::from_text("10 Mbits").unwrap();
        let up = Speed::from_text("2 Mbits").unwrap();
        assert_eq!(
            pair(Some(&down), Some(&up), Some("10M RADIO"), "—"),
            "↓ 10 Mbps / ↑ 2 Mbps"
        );
        assert_eq!(pair(None, Some(&up), None, "—"), "↓ — / ↑ 2 Mbps");
    }
}
