//! A string that must never be printed: passwords, client secrets, tokens.

use std::fmt;

use zeroize::Zeroizing;

/// A secret string (password, client secret, access token).
///
/// `Debug` and `Display` both print `***`, so a secret inside a config,
/// an error or a `tracing` field cannot leak by accident; the value is only
/// reachable through the explicit [`Secret::expose`]. Its memory is
/// overwritten with zeros when it is dropped (each clone's too), so a
/// secret no longer in use does not linger in the heap for a core dump or
/// a swap file to pick up.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret value itself. Call it only where the value is sent over the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the secret is the empty string (a missing password, say).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    /// From a string (a secret kept in a config file).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{:?}", Some(&s)), "Some(***)");
        assert_eq!(s.expose(), "hunter2");
        assert!(!s.is_empty());
        assert!(Secret::default().is_empty());
    }

    #[test]
    fn the_value_is_zeroed_when_dropped() {
        // Pinned at compile time: the inner value must be a type that
        // zeroes itself on drop (a plain `String` would not compile here).
        fn zeroed_on_drop<T: zeroize::ZeroizeOnDrop>(_: &T) {}
        let s = Secret::new("hunter2");
        zeroed_on_drop(&s.0);
        let clone = s.clone();
        zeroed_on_drop(&clone.0);
        let from_file: Secret = serde_json::from_str(r#""x""#).unwrap();
        assert_eq!(from_file.expose(), "x");
    }
}
