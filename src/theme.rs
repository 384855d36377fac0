//! Semantic colour roles and the three themes.
//!
//! Drawing code asks for a [`Role`] ("this is a danger value"), never for a
//! colour, so the dark, light and mono themes and a per-profile accent apply
//! everywhere at once.
//!
//! The mono theme sets no colour at all, only modifiers: crossterm 0.29
//! writes an SGR reset when it is told to drop colours, which would erase
//! the reverse/bold of a highlighted cell that also changes colour. Meaning
//! that colour carries elsewhere is carried in mono by modifiers and by the
//! glyphs of [`Theme::glyph`].

use std::fmt;

use ratatui::style::{Color, Modifier, Style};

/// What a piece of text means; the theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Ordinary text.
    Text,
    /// Secondary text: labels, timestamps, disabled hints.
    Muted,
    /// The profile's accent: focused borders, active tab, titles.
    Accent,
    /// Good state: online, paid, active.
    Ok,
    /// Needs attention: due soon, reduced speed.
    Warning,
    /// Bad state or destructive action: overdue, blocked, disconnect.
    Danger,
    /// The selected row.
    Selection,
    /// Pane and dialog titles.
    Title,
    /// Borders of unfocused panes.
    Border,
    /// Border of the focused pane.
    BorderFocused,
    /// A banner that must not be missed (demo mode, production profile,
    /// read-only, connection lost).
    AlertBanner,
    /// Key names in the hint bar and help.
    Key,
    /// The active tab of the tab bar.
    TabActive,
    /// Inactive tabs.
    TabInactive,
    /// The status line background row.
    StatusBar,
}

/// The three built-in themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    /// Light text on a dark terminal (default).
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
    /// No colours at all: modifiers and glyphs only.
    Mono,
}

impl ThemeKind {
    /// Parses a theme name from config or flags (`dark`, `light`, `mono`,
    /// also `none`/`no-color` for mono).
    pub fn from_name(name: &str) -> Option<ThemeKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeKind::Dark),
            "light" => Some(ThemeKind::Light),
            "mono" | "none" | "no-color" | "nocolor" | "monochrome" => Some(ThemeKind::Mono),
            _ => None,
        }
    }

    /// Chooses the theme: an explicit `--no-color` flag or a non-empty
    /// `NO_COLOR` (see no-color.org) force mono whatever the config says;
    /// otherwise the configured theme, else dark. `no_color_env` is the
    /// value of `NO_COLOR`, passed in so tests need not touch the process
    /// environment.
    pub fn choose(
        configured: Option<ThemeKind>,
        no_color_flag: bool,
        no_color_env: Option<&str>,
    ) -> ThemeKind {
        if no_color_flag || no_color_env.is_some_and(|v| !v.is_empty()) {
            ThemeKind::Mono
        } else {
            configured.unwrap_or_default()
        }
    }
}

/// A colour string from the config that is not a known name or `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColorParseError {
    /// The input as written.
    pub input: String,
}

impl fmt::Display for ColorParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown colour {:?}", self.input)
    }
}

impl std::error::Error for ColorParseError {}

/// Parses an accent colour: a name (`red`, `light-cyan`, `darkgray`...),
/// `#rrggbb`/`#rgb`, or an ANSI index `0`-`255`.
pub fn parse_color(input: &str) -> Result<Color, ColorParseError> {
    let err = || ColorParseError {
        input: input.to_owned(),
    };
    let s = input.trim();
    if let Some(hex) = s.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()
            .ok_or_else(err)?;
        return match digits.as_slice() {
            [r1, r2, g1, g2, b1, b2] => Ok(Color::Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            [r, g, b] => Ok(Color::Rgb(r * 17, g * 17, b * 17)),
            _ => Err(err()),
        };
    }
    if let Ok(index) = s.parse::<u8>() {
        return Ok(Color::Indexed(index));
    }
    let name: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    Ok(match name.as_str() {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" | "purple" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "orange" => Color::Rgb(0xff, 0x88, 0x00),
        _ => return Err(err()),
    })
}

/// A resolved theme: kind plus accent. Cheap to copy; the app stores one
/// and every draw function reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    kind: ThemeKind,
    accent: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::new(ThemeKind::Dark)
    }
}

impl Theme {
    /// The theme of `kind` with its default accent.
    pub fn new(kind: ThemeKind) -> Theme {
        let accent = match kind {
            ThemeKind::Dark => Color::Cyan,
            // 256-colour indices: fixed values, unlike the 16 ANSI ones
            // that each terminal (and light schemes) redefine.
            ThemeKind::Light => Color::Indexed(25),
            ThemeKind::Mono => Color::Reset,
        };
        Theme { kind, accent }
    }

    /// Replaces the accent (a per-profile colour, so a production profile
    /// looks different from a test one). Ignored by mono, which has no
    /// colours.
    pub fn with_accent(mut self, accent: Color) -> Theme {
        if self.kind != ThemeKind::Mono {
            self.accent = accent;
        }
        self
    }

    /// Which theme this is.
    pub fn kind(&self) -> ThemeKind {
        self.kind
    }

    /// Whether the theme uses colours at all.
    pub fn has_color(&self) -> bool {
        self.kind != ThemeKind::Mono
    }

    /// The style of a role.
    pub fn style(&self, role: Role) -> Style {
        match self.kind {
            ThemeKind::Mono => mono(role),
            ThemeKind::Dark => self.colored(role, Palette::DARK),
            ThemeKind::Light => self.colored(role, Palette::LIGHT),
        }
    }

    /// A glyph that carries a role's meaning without colour (and doubles
    /// it with colour): `✔` ok, `▲` warning, `✖` danger; empty otherwise.
    pub fn glyph(&self, role: Role) -> &'static str {
        match role {
            Role::Ok => "✔",
            Role::Warning => "▲",
            Role::Danger => "✖",
            _ => "",
        }
    }

    fn colored(&self, role: Role, p: Palette) -> Style {
        let s = Style::new();
        match role {
            Role::Text => s.fg(p.text),
            Role::Muted => s.fg(p.muted),
            Role::Accent => s.fg(self.accent),
            Role::Ok => s.fg(p.ok),
            Role::Warning => s.fg(p.warning),
            Role::Danger => s.fg(p.danger).add_modifier(Modifier::BOLD),
            Role::Selection => s
                .fg(p.selection_fg)
                .bg(p.selection_bg)
                .add_modifier(Modifier::BOLD),
            Role::Title => s.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::Border => s.fg(p.muted),
            Role::BorderFocused => s.fg(self.accent),
            Role::AlertBanner => s.fg(p.alert_fg).bg(p.alert_bg).add_modifier(Modifier::BOLD),
            Role::Key => s.fg(self.accent).add_modifier(Modifier::BOLD),
            Role::TabActive => s
                .fg(p.selection_fg)
                .bg(self.accent)
                .add_modifier(Modifier::BOLD),
            Role::TabInactive => s.fg(p.muted),
            Role::StatusBar => s.fg(p.text),
        }
    }
}

impl Theme {
    /// The background the theme is designed for (the terminal's own,
    /// which no theme paints): black for dark, white for light. Mono has
    /// no colours; it reads as dark.
    pub fn background(&self) -> (u8, u8, u8) {
        match self.kind {
            ThemeKind::Light => (0xff, 0xff, 0xff),
            ThemeKind::Dark | ThemeKind::Mono => (0, 0, 0),
        }
    }

    /// The terminal's default foreground (`Color::Reset`) the theme
    /// assumes on that background.
    pub fn foreground(&self) -> (u8, u8, u8) {
        match self.kind {
            ThemeKind::Light => (0, 0, 0),
            ThemeKind::Dark | ThemeKind::Mono => (0xe5, 0xe5, 0xe5),
        }
    }

    /// The WCAG 2 contrast ratio (1 to 21) of `role`'s foreground against
    /// its own background, or the theme's [`Theme::background`] when the
    /// role paints none. See [`rgb`] for how colours are resolved.
    pub fn contrast(&self, role: Role) -> f64 {
        let style = self.style(role);
        let bg = rgb(style.bg.unwrap_or(Color::Reset), self.background());
        let fg = rgb(style.fg.unwrap_or(Color::Reset), self.foreground());
        contrast_ratio(fg, bg)
    }
}

/// xterm's default palette for ANSI colours 0-15.
const XTERM_16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The RGB a terminal shows for `color`; `reset` stands for the
/// terminal's default. ANSI colours 0-15 take xterm's default palette
/// (the usual reference: every terminal may redefine them), 16-255 the
/// fixed 6x6x6 cube and grey ramp, true colour as given.
pub fn rgb(color: Color, reset: (u8, u8, u8)) -> (u8, u8, u8) {
    let ansi = |i: usize| XTERM_16[i];
    match color {
        Color::Reset => reset,
        Color::Black => ansi(0),
        Color::Red => ansi(1),
        Color::Green => ansi(2),
        Color::Yellow => ansi(3),
        Color::Blue => ansi(4),
        Color::Magenta => ansi(5),
        Color::Cyan => ansi(6),
        Color::Gray => ansi(7),
        Color::DarkGray => ansi(8),
        Color::LightRed => ansi(9),
        Color::LightGreen => ansi(10),
        Color::LightYellow => ansi(11),
        Color::LightBlue => ansi(12),
        Color::LightMagenta => ansi(13),
        Color::LightCyan => ansi(14),
        Color::White => ansi(15),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) if i < 16 => ansi(usize::from(i)),
        // The cube's levels: 0, 95, 135, 175, 215, 255.
        Color::Indexed(i) if i < 232 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        // The grey ramp: 8, 18, ... 238.
        Color::Indexed(i) => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// The WCAG 2 contrast ratio of two sRGB colours, from 1 to 21.
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn channel(v: u8) -> f64 {
        let c = f64::from(v) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let luminance =
        |(r, g, b): (u8, u8, u8)| 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[derive(Clone, Copy)]
struct Palette {
    text: Color,
    muted: Color,
    ok: Color,
    warning: Color,
    danger: Color,
    selection_fg: Color,
    selection_bg: Color,
    alert_fg: Color,
    alert_bg: Color,
}

impl Palette {
    const DARK: Palette = Palette {
        text: Color::Reset,
        muted: Color::DarkGray,
        ok: Color::Green,
        warning: Color::Yellow,
        danger: Color::LightRed,
        selection_fg: Color::Black,
        selection_bg: Color::Cyan,
        alert_fg: Color::White,
        alert_bg: Color::Red,
    };
    /// Dark enough for white backgrounds (see the contrast test): no ANSI
    /// grey or white, whose light values vanish there, and 256-colour
    /// indices, whose values are fixed, instead of the 16 redefinable ANSI
    /// colours.
    const LIGHT: Palette = Palette {
        text: Color::Reset,
        // #626262
        muted: Color::Indexed(241),
        // #008700
        ok: Color::Indexed(28),
        // #af5f00
        warning: Color::Indexed(130),
        // #af0000
        danger: Color::Indexed(124),
        // #ffffff on #005faf
        selection_fg: Color::Indexed(231),
        selection_bg: Color::Indexed(25),
        alert_fg: Color::Indexed(231),
        alert_bg: Color::Indexed(124),
    };
}

/// Mono: modifiers only. No `fg`/`bg` anywhere (see the module docs).
fn mono(role: Role) -> Style {
    let s = Style::new();
    match role {
        Role::Text | Role::Ok | Role::Border | Role::StatusBar => s,
        Role::Muted | Role::TabInactive => s.add_modifier(Modifier::DIM),
        Role::Accent | Role::Title | Role::Key | Role::BorderFocused => {
            s.add_modifier(Modifier::BOLD)
        }
        Role::Warning => s.add_modifier(Modifier::UNDERLINED),
        Role::Danger => s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        Role::Selection | Role::TabActive => s.add_modifier(Modifier::REVERSED),
        Role::AlertBanner => s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_ROLES: [Role; 15] = [
        Role::Text,
        Role::Muted,
        Role::Accent,
        Role::Ok,
        Role::Warning,
        Role::Danger,
        Role::Selection,
        Role::Title,
        Role::Border,
        Role::BorderFocused,
        Role::AlertBanner,
        Role::Key,
        Role::TabActive,
        Role::TabInactive,
        Role::StatusBar,
    ];

    /// WCAG 2 contrast of every role against its own background (or the
    /// theme's nominal one): 4.5:1 for text, 3:1 for borders (non-text,
    /// WCAG 1.4.11). ANSI 0-15 are resolved with xterm's default palette,
    /// the usual reference; colours 16-255 are fixed by the 256-colour
    /// standard.
    #[test]
    fn every_role_is_readable_on_the_theme_background() {
        for kind in [ThemeKind::Dark, ThemeKind::Light] {
            let theme = Theme::new(kind);
            for role in ALL_ROLES {
                let ratio = theme.contrast(role);
                let min = match role {
                    Role::Border => 3.0,
                    _ => 4.5,
                };
                assert!(
                    ratio >= min,
                    "{kind:?} {role:?}: contrast {ratio:.2} < {min} ({:?})",
                    theme.style(role)
                );
            }
        }
    }

    #[test]
    fn light_theme_uses_no_light_grey_ansi_colours() {
        // ANSI 7 (Gray) and 15 (White) vanish on a light background in
        // most palettes, and terminals redefine them freely.
        let t = Theme::new(ThemeKind::Light);
        for role in ALL_ROLES {
            let s = t.style(role);
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::Gray | Color::White),
                    "{role:?} uses {c:?}"
                );
            }
        }
    }

    #[test]
    fn contrast_ratio_matches_known_values() {
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast_ratio((255, 255, 255), (255, 255, 255)) - 1.0).abs() < 0.01);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) - 4.54).abs() < 0.01);
        assert_eq!(rgb(Color::Indexed(231), (0, 0, 0)), (255, 255, 255));
        assert_eq!(rgb(Color::Indexed(232), (0, 0, 0)), (8, 8, 8));
        assert_eq!(rgb(Color::Indexed(25), (0, 0, 0)), (0, 0x5f, 0xaf));
        assert_eq!(rgb(Color::Gray, (0, 0, 0)), (229, 229, 229));
        assert_eq!(rgb(Color::Reset, (1, 2, 3)), (1, 2, 3));
    }

    #[test]
    fn mono_sets_no_colour_in_any_role_even_with_an_accent() {
        let theme = Theme::new(ThemeKind::Mono).with_accent(Color::Red);
        for role in ALL_ROLES {
            let s = theme.style(role);
            assert_eq!((s.fg, s.bg), (None, None), "{role:?} has a colour in mono");
        }
        assert!(
            theme
                .style(Role::Selection)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn roles_that_must_stand_out_differ_from_text_in_every_theme() {
        for kind in [ThemeKind::Dark, ThemeKind::Light, ThemeKind::Mono] {
            let t = Theme::new(kind);
            for role in [
                Role::Danger,
                Role::Warning,
                Role::Selection,
                Role::AlertBanner,
                Role::TabActive,
            ] {
                assert_ne!(t.style(role), t.style(Role::Text), "{kind:?} {role:?}");
            }
            assert_ne!(t.style(Role::Danger), t.style(Role::Warning), "{kind:?}");
        }
    }

    #[test]
    fn accent_changes_focused_border_and_title() {
        let t = Theme::default().with_accent(parse_color("#ff8800").unwrap());
        assert_eq!(
            t.style(Role::BorderFocused).fg,
            Some(Color::Rgb(0xff, 0x88, 0))
        );
        assert_eq!(t.style(Role::Title).fg, Some(Color::Rgb(0xff, 0x88, 0)));
    }

    #[test]
    fn parse_colours() {
        assert_eq!(parse_color("red"), Ok(Color::Red));
        assert_eq!(parse_color(" Cyan "), Ok(Color::Cyan));
        assert_eq!(parse_color("light-cyan"), Ok(Color::LightCyan));
        assert_eq!(parse_color("dark_grey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("#ff8800"), Ok(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_color("#F80"), Ok(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        for bad in ["", "#ff88", "#gg0000", "reddish", "256", "#ff8800ff"] {
            assert!(parse_color(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn no_color_env_and_flag_force_mono() {
        let dark = Some(ThemeKind::Dark);
        assert_eq!(ThemeKind::choose(dark, false, None), ThemeKind::Dark);
        assert_eq!(ThemeKind::choose(None, false, None), ThemeKind::Dark);
        assert_eq!(ThemeKind::choose(dark, false, Some("1")), ThemeKind::Mono);
        // no-color.org: an empty NO_COLOR does not count.
        assert_eq!(ThemeKind::choose(dark, false, Some("")), ThemeKind::Dark);
        assert_eq!(
            ThemeKind::choose(Some(ThemeKind::Light), true, None),
            ThemeKind::Mono
        );
        assert_eq!(ThemeKind::from_name("MONO"), Some(ThemeKind::Mono));
        assert_eq!(ThemeKind::from_name("solarized"), None);
    }
}
